"""SLA clocks: the committed date of each ticket in working days (P4–P8, P10, P15).

A limit of N working days ends at the close of the N-th working day after the acceptance
date (the counter's receipt date in hall time; the day itself never counts). Every working
day on which the ticket spent any time in a waiting status moves the deadline one working
day later. Due dates are derived from the calendar and the history, never stored as the
truth: importing a holiday schedule or changing the policy moves open tickets' dates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from onewindow.clock import hall_date
from onewindow.clocks.policy import SlaPolicy

PAUSED = frozenset({"awaiting_applicant", "awaiting_approval", "constructing"})
STOPPED = frozenset({"connected", "rejected", "cancelled"})
# Timeline entries that leave the clock as it was (utility-api.md: while a cancel is asked for,
# "the clock keeps the state it had"; a refused cancel or late-materials request changes
# nothing at the utility).
KEEPS_CLOCK = frozenset({"cancel_requested", "cancel_refused", "materials_refused"})


class Calendar(Protocol):
    def is_workday(self, d: date) -> bool: ...
    def add_workdays(self, start: date, n: int) -> date: ...
    def is_provisional(self, year: int) -> bool: ...
    def workdays_between(self, start: date, end: date) -> int: ...


class HistoryEntry(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def at(self) -> datetime: ...


@dataclass(frozen=True)
class SubClock:
    """The own clock of a waiting step: approvals (3 working days), short-line works (7 days)."""

    status: str
    started_on: date
    due: date
    unit: str  # "workdays" | "days"
    limit: int


@dataclass(frozen=True)
class TicketClock:
    accepted_on: date
    limit_workdays: int | None
    paused_workdays: int
    due: date | None
    provisional: bool
    state: str  # running | paused | stopped
    limit_source: str
    sub_clock: SubClock | None

    def days_left(self, calendar: Calendar, today: date) -> int | None:
        """Working days from today to the due date; negative when overdue."""
        if self.due is None:
            return None
        if self.due >= today:
            return calendar.workdays_between(today, self.due)
        return -calendar.workdays_between(self.due, today)

    def overdue(self, today: date) -> bool:
        return self.state != "stopped" and self.due is not None and today > self.due


def ticket_facts(utility: str, details: Mapping[str, Any]) -> dict[str, Any]:
    """What an SLA rule may look at (see resources/policy/sla.toml)."""
    return {
        "usage": details.get("usage"),
        "voltage": details.get("voltage"),
        "external_works": bool(details.get("external_works", False)) if utility == "gas" else False,
    }


def compute(
    *,
    utility: str,
    service: str,
    details: Mapping[str, Any],
    received_at: datetime,
    history: Sequence[HistoryEntry],
    policy: SlaPolicy,
    calendar: Calendar,
    now: datetime,
) -> TicketClock:
    accepted_on = hall_date(received_at)
    rule = policy.limit_for(utility, service, ticket_facts(utility, details))
    today = hall_date(now)
    ordered = sorted((e for e in history if e.status not in KEEPS_CLOCK), key=lambda e: e.at)
    paused_days = _paused_workdays(ordered, calendar, accepted_on, today)
    current = ordered[-1].status if ordered else "queued"
    state = "stopped" if current in STOPPED else "paused" if current in PAUSED else "running"
    due = None
    provisional = False
    if rule is not None:
        due = calendar.add_workdays(accepted_on, rule.workdays + len(paused_days))
        provisional = any(calendar.is_provisional(y) for y in range(accepted_on.year, due.year + 1))
    sub = _sub_clock(ordered, details, policy, calendar) if state == "paused" else None
    return TicketClock(
        accepted_on=accepted_on,
        limit_workdays=rule.workdays if rule else None,
        paused_workdays=len(paused_days),
        due=due,
        provisional=provisional,
        state=state,
        limit_source=rule.source if rule else "",
        sub_clock=sub,
    )


def _paused_workdays(
    ordered: Sequence[HistoryEntry], calendar: Calendar, accepted_on: date, today: date
) -> set[date]:
    days: set[date] = set()
    for i, entry in enumerate(ordered):
        if entry.status not in PAUSED:
            continue
        start = hall_date(entry.at)
        end = hall_date(ordered[i + 1].at) if i + 1 < len(ordered) else today
        d = max(start, accepted_on + timedelta(days=1))
        while d <= end:
            if calendar.is_workday(d):
                days.add(d)
            d += timedelta(days=1)
    return days


def _sub_clock(
    ordered: Sequence[HistoryEntry],
    details: Mapping[str, Any],
    policy: SlaPolicy,
    calendar: Calendar,
) -> SubClock | None:
    last = ordered[-1]
    started = hall_date(last.at)
    if last.status == "awaiting_approval":
        return SubClock(
            last.status,
            started,
            calendar.add_workdays(started, policy.approval_workdays),
            "workdays",
            policy.approval_workdays,
        )
    length = details.get("external_length_m")
    if (
        last.status == "constructing"
        and isinstance(length, int | float)
        and (length < policy.construction_short_line_m)
    ):
        return SubClock(
            last.status,
            started,
            started + timedelta(days=policy.construction_days),
            "days",
            policy.construction_days,
        )
    return None


def supplement_due(received_at: datetime, policy: SlaPolicy, calendar: Calendar) -> date:
    """The date by which a 容缺 material must come (P10)."""
    return calendar.add_workdays(hall_date(received_at), policy.supplement_workdays)
