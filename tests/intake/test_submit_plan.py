"""The decisions of a submit, without a database: when it counts as received, how the one form
splits into tickets, what the audit trail keeps."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from onewindow.errors import BadInput
from onewindow.intake.catalogue import MaterialCatalogue
from onewindow.intake.form import CombinedForm, check_form
from onewindow.intake.materials import RECEIVED, TO_FOLLOW, form_checklist
from onewindow.intake.submit import plan_tickets, received_moment, submit_record

NOW = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)
DUE = date(2026, 12, 4)


def checked(samples: Path, name: str) -> CombinedForm:
    data = json.loads((samples / name).read_text(encoding="utf-8"))
    result = check_form(data, today=date(2026, 11, 27), catalogue=MaterialCatalogue.default())
    assert result.form is not None, result.errors
    return result.form


def test_received_now_unless_a_clerk_says_otherwise() -> None:
    assert received_moment(None, NOW) == NOW
    earlier = NOW - timedelta(hours=3)
    assert received_moment(earlier, NOW) == earlier
    # A clock a minute fast at the counter is not "the future".
    assert received_moment(NOW + timedelta(minutes=1), NOW) == NOW + timedelta(minutes=1)


@pytest.mark.parametrize(
    "moment",
    [
        NOW.replace(tzinfo=None),
        NOW + timedelta(minutes=10),
        (NOW + timedelta(hours=1)).astimezone(timezone(timedelta(hours=8))),
    ],
)
def test_a_naive_or_future_receipt_time_is_refused(moment: datetime) -> None:
    with pytest.raises(BadInput):
        received_moment(moment, NOW)


def test_three_utilities_give_three_tickets_in_the_fixed_order(samples: Path) -> None:
    form = checked(samples, "gas-water-power-organization.json")
    checklist = form_checklist(form, MaterialCatalogue.default(), due=DUE)
    plans = plan_tickets(form, checklist)
    assert [(p.position, p.utility) for p in plans] == [(0, "water"), (1, "power"), (2, "gas")]
    assert all(p.service == form.services[p.utility].service for p in plans)
    for plan in plans:
        # Each ticket keeps exactly the visit's documents its own utility needs.
        assert plan.materials == tuple(r for r in checklist.rows if plan.utility in r.utilities)
    # The licence is one document for the visit, listed on every ticket that needs it.
    assert all("business_license" in [r.code for r in p.materials] for p in plans)


def test_a_gas_only_visit_is_one_ticket(samples: Path) -> None:
    form = checked(samples, "gas-only-resident.json")
    plans = plan_tickets(form, form_checklist(form, MaterialCatalogue.default(), due=DUE))
    assert [p.utility for p in plans] == ["gas"]
    # A resident's gas connection asks for the application form only (P10).
    assert [r.code for r in plans[0].materials] == ["application_form"]
    assert plans[0].materials[0].state in {RECEIVED, TO_FOLLOW}


def test_the_audit_record_names_clerk_utilities_waivers_and_a_given_time(samples: Path) -> None:
    form = checked(samples, "water-power-by-agent-waived.json")
    record = submit_record(form, "zhangwei", NOW, NOW)
    assert record["clerk"] == "zhangwei" and record["utilities"] == ["water", "power"]
    assert record["materials_waived"] == [
        {"code": w.code, "reason": w.reason} for w in form.materials_waived
    ]
    assert "received_at" not in record
    given = submit_record(form, "zhangwei", NOW - timedelta(hours=2), NOW)
    assert given["received_at"] == "2026-11-27T07:30:00+08:00"
