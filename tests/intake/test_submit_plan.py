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
from onewindow.intake.submit import (
    application_row,
    plan_tickets,
    received_moment,
    submit_record,
    ticket_row,
)
from onewindow.store.models import User
from tests.conftest import make_config

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


def test_rows_carry_the_form_and_a_queued_ticket_with_its_documents(samples: Path) -> None:
    form = checked(samples, "gas-only-resident.json")
    clerk = User(id=7, username="zhangwei", display_name="张伟", role="clerk")
    config = make_config("sqlite://")
    earlier = NOW - timedelta(hours=1)
    application = application_row(
        form, "LBGX-20261127-0001", config, clerk, received_at=earlier, now=NOW
    )
    assert (application.application_no, application.counter_id) == ("LBGX-20261127-0001", "W03")
    assert application.applicant_name == form.applicant.name and application.clerk_id == 7
    assert application.received_at == earlier and application.created_at == NOW
    (plan,) = plan_tickets(form, form_checklist(form, MaterialCatalogue.default(), due=DUE))
    ticket = ticket_row(plan, application, clerk, received_at=earlier, now=NOW)
    assert (ticket.utility, ticket.status, ticket.assignee_id) == ("gas", "queued", 7)
    assert [(e.status, e.at) for e in ticket.history] == [("queued", earlier)]
    assert [m.code for m in ticket.materials] == ["application_form"]
    received = [m for m in ticket.materials if m.received]
    assert all(m.received_at == earlier and m.received_by == "zhangwei" for m in received)
