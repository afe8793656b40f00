"""Which tickets documents brought late are for, without a database (materials_plan)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from onewindow.errors import BadInput
from onewindow.tickets.materials_plan import LatePlan, plan_late_materials

LICENCE, PLAN, FORM = "business_license", "site_plan", "application_form"
NAMES = {LICENCE: "营业执照", PLAN: "总平面图", FORM: "申请表"}


@dataclass(frozen=True)
class Doc:
    code: str
    received: bool = False
    waived_reason: str | None = None

    @property
    def name(self) -> str:
        return NAMES[self.code]


@dataclass(frozen=True)
class Held:
    utility: str
    materials: list[Doc] = field(default_factory=list)
    status: str = "accepted"


def waiting(plan: LatePlan[Held]) -> list[tuple[str, list[str]]]:
    return [
        (ticket.utility, [ticket.materials[i].code for i in positions])
        for ticket, positions in plan.waiting
    ]


def test_a_document_is_received_for_every_open_ticket_waiting_for_it() -> None:
    tickets = [
        Held("water", [Doc(FORM, received=True), Doc(LICENCE)]),
        Held("power", [Doc(FORM, received=True)]),
        Held("gas", [Doc(LICENCE), Doc(PLAN)]),
    ]
    plan = plan_late_materials([" business_license ", LICENCE, ""], tickets)
    assert plan.codes == (LICENCE,)  # each once, as given
    assert waiting(plan) == [("water", [LICENCE]), ("gas", [LICENCE])]
    both = plan_late_materials([PLAN, LICENCE], tickets)
    assert both.codes == (PLAN, LICENCE)
    assert waiting(both) == [("water", [LICENCE]), ("gas", [LICENCE, PLAN])]


@pytest.mark.parametrize("status", ["connected", "rejected", "cancelled"])
def test_a_closed_ticket_is_not_asked_any_more(status: str) -> None:
    tickets = [Held("water", [Doc(LICENCE)], status), Held("gas", [Doc(LICENCE)])]
    assert waiting(plan_late_materials([LICENCE], tickets)) == [("gas", [LICENCE])]
    with pytest.raises(BadInput, match="没有工单在等待这些材料：营业执照"):
        plan_late_materials([LICENCE], tickets[:1])


@pytest.mark.parametrize("status", ["queued", "needs_attention", "cancel_requested", "delayed"])
def test_an_open_ticket_in_any_other_status_takes_the_document(status: str) -> None:
    assert waiting(plan_late_materials([PLAN], [Held("gas", [Doc(PLAN)], status)])) == [
        ("gas", [PLAN])
    ]


def test_nothing_chosen_is_refused() -> None:
    with pytest.raises(BadInput, match="请选择补交的材料"):
        plan_late_materials(["", "  "], [Held("gas", [Doc(PLAN)])])


def test_a_document_received_already_by_any_ticket_is_refused_by_name() -> None:
    # One document for the visit: received for one ticket is received.
    tickets = [Held("water", [Doc(LICENCE, received=True)]), Held("gas", [Doc(LICENCE)])]
    with pytest.raises(BadInput, match="已经收取过：营业执照") as raised:
        plan_late_materials([LICENCE, PLAN], tickets)
    assert "received already: business_license" in raised.value.text.en


def test_a_waived_document_is_not_needed() -> None:
    tickets = [Held("gas", [Doc(PLAN, waived_reason="无外线工程")])]
    with pytest.raises(BadInput, match="不需要这些材料：总平面图"):
        plan_late_materials([PLAN], tickets)


def test_a_document_no_ticket_asks_for_is_refused_by_its_code() -> None:
    with pytest.raises(BadInput, match="没有工单在等待这些材料：fire_permit"):
        plan_late_materials(["fire_permit"], [Held("gas", [Doc(PLAN)])])
