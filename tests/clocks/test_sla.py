"""Due dates in working days at fixed dates across 2026's holidays and into 2027 (policy P4–P8)."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from onewindow.clock import HALL_TZ
from onewindow.clocks.policy import default_policy
from onewindow.clocks.sla import compute, supplement_due
from onewindow.clocks.workdays import WorkCalendar, parse_schedule_csv

POLICY = default_policy()
GAS_EXTERNAL = {
    "usage": "residential",
    "monthly_volume_m3": 20,
    "external_works": True,
    "external_length_m": 150,
}
GAS_NO_EXTERNAL = {"usage": "residential", "monthly_volume_m3": 20, "external_works": False}


@dataclass
class Event:
    status: str
    at: datetime


def at(y, m, d, hh=9, mm=30):
    return datetime(y, m, d, hh, mm, tzinfo=HALL_TZ)


def gas_clock(received, details, history=(), now=None, calendar=None):
    return compute(
        utility="gas",
        service="new_connection",
        details=details,
        received_at=received,
        history=[Event("queued", received), *history],
        policy=POLICY,
        calendar=calendar or WorkCalendar(),
        now=now or received,
    )


@pytest.mark.parametrize(
    ("received", "details", "due", "why"),
    [
        (at(2026, 11, 27), GAS_NO_EXTERNAL, date(2026, 11, 30), "Friday → next working day Monday"),
        (at(2026, 11, 28), GAS_NO_EXTERNAL, date(2026, 11, 30), "Saturday counts from Saturday"),
        (at(2026, 9, 19), GAS_NO_EXTERNAL, date(2026, 9, 20), "Saturday before the working Sunday"),
        (at(2026, 9, 30), GAS_EXTERNAL, date(2026, 10, 9), "National Day: Oct 1–7 off"),
        (at(2026, 10, 9), GAS_NO_EXTERNAL, date(2026, 10, 10), "the adjusted working Saturday"),
        (at(2026, 2, 13), GAS_EXTERNAL, date(2026, 2, 24), "Spring Festival: Sat 14th works"),
        (at(2026, 2, 16, 23, 59), GAS_NO_EXTERNAL, date(2026, 2, 24), "received in the holiday"),
        (at(2025, 12, 31), GAS_EXTERNAL, date(2026, 1, 5), "New Year 2026: Jan 4 Sunday works"),
    ],
)
def test_due_dates_on_the_published_2026_calendar(received, details, due, why):
    clock = gas_clock(received, details)
    assert clock.due == due, why
    assert clock.provisional is False


def test_acceptance_date_is_hall_time():
    # 2026-11-27 17:30 UTC is already Saturday 01:30 in the hall.
    received = datetime.fromisoformat("2026-11-27T17:30:00+00:00")
    assert gas_clock(received, GAS_NO_EXTERNAL).accepted_on == date(2026, 11, 28)


def test_each_paused_working_day_moves_the_deadline_one_working_day():
    received = at(2026, 11, 23)  # Monday; 2 working days → Wednesday 25th
    assert gas_clock(received, GAS_EXTERNAL).due == date(2026, 11, 25)
    history = [
        Event("accepted", at(2026, 11, 23, 10)),
        Event("awaiting_approval", at(2026, 11, 24, 10)),  # paused Tue, Wed, and part of Thu
        Event("surveying", at(2026, 11, 26, 15)),
    ]
    clock = gas_clock(received, GAS_EXTERNAL, history, now=at(2026, 11, 27))
    assert clock.paused_workdays == 3
    assert clock.due == date(2026, 11, 30)
    assert clock.state == "running"


def test_weekend_pause_costs_nothing_and_an_open_pause_counts_to_today():
    received = at(2026, 11, 27)  # Friday
    history = [Event("constructing", at(2026, 11, 28, 8))]  # Saturday, still constructing
    clock = gas_clock(received, GAS_EXTERNAL, history, now=at(2026, 11, 29, 18))
    assert clock.paused_workdays == 0 and clock.due == date(2026, 12, 1)
    assert clock.state == "paused"
    # Short line (150 m < 200 m): its own 7-day construction clock.
    assert clock.sub_clock is not None and clock.sub_clock.due == date(2026, 12, 5)
    later = gas_clock(received, GAS_EXTERNAL, history, now=at(2026, 12, 1, 18))
    assert later.paused_workdays == 2 and later.due == date(2026, 12, 3)


def test_approval_has_its_own_three_working_day_clock():
    received = at(2026, 9, 29)
    history = [Event("awaiting_approval", at(2026, 9, 30, 11))]
    clock = gas_clock(received, GAS_EXTERNAL, history, now=at(2026, 9, 30, 12))
    assert clock.sub_clock is not None
    # Oct 8 Thu, Oct 9 Fri, then Saturday Oct 10, an adjusted working day.
    assert clock.sub_clock.due == date(2026, 10, 10)


def test_stopped_clock_keeps_its_due_date():
    received = at(2026, 11, 23)
    history = [Event("accepted", at(2026, 11, 23, 10)), Event("connected", at(2026, 11, 24, 16))]
    clock = gas_clock(received, GAS_NO_EXTERNAL, history, now=at(2026, 12, 20))
    assert clock.state == "stopped" and clock.due == date(2026, 11, 24)
    assert not clock.overdue(date(2026, 12, 20))


CSV_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-01-04,holiday,元旦（调休示例）
2027-02-20,workday,春节调休
"""


def test_into_2027_provisional_until_a_schedule_is_imported():
    received = at(2026, 12, 30)  # Wed; Dec 31 (1), Jan 1 2027 statutory holiday, Jan 4 (2)
    before = gas_clock(received, GAS_EXTERNAL)
    assert before.due == date(2027, 1, 4)
    assert before.provisional is True
    imported = WorkCalendar(parse_schedule_csv(CSV_2027))
    after = gas_clock(received, GAS_EXTERNAL, calendar=imported)
    assert after.due == date(2027, 1, 5)
    assert after.provisional is False


def test_supplement_due_uses_working_days():
    # Sep 29, 30, Oct 8, 9 and the working Saturday Oct 10.
    assert supplement_due(at(2026, 9, 28), POLICY, WorkCalendar()) == date(2026, 10, 10)
