""" "Accepted first time" reads the visit's checklist (P16): a ticket sent back for a document
the applicant was told to bring later is the applicant's part; one sent back for a document the
rules did not ask for, that the hall waived or took in, or for anything else, is the hall's."""

from __future__ import annotations

import json
from datetime import date, timedelta

from onewindow.access.users import Actor, get_user
from onewindow.intake.submit import submit_application
from onewindow.lead.indicators import Share, compute_indicators
from onewindow.store.models import StatusEvent, Ticket

DAY = date(2026, 11, 27)


def _submit(hall, users, samples, name: str) -> dict[str, str]:
    data = json.loads((samples / name).read_text(encoding="utf-8"))
    with hall.unit() as (session, ctx):
        clerk = get_user(session, users["clerk"])
        application = submit_application(session, Actor.of(clerk), data, clerk=clerk, ctx=ctx)
        return {t.utility: t.id for t in application.tickets}


def _return(hall, ticket_id: str, status: str, note: str) -> None:
    with hall.unit() as (session, ctx):
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        at = ctx.now + timedelta(hours=2)
        ticket.history.append(
            StatusEvent(status=status, at=at, note=note, source="utility", recorded_at=at)
        )
        ticket.status, ticket.returned = status, True


def _first_time(hall, users) -> dict[str, Share]:
    with hall.unit() as (session, ctx):
        report = compute_indicators(
            session,
            Actor.of(get_user(session, users["lead"])),
            date_from=DAY,
            date_to=DAY,
            calendar=ctx.calendar,
            policy=ctx.policy,
            now=ctx.now,
        )
        return {row.utility: row.first_time for row in report.rows}


def test_returns_count_against_the_hall_unless_for_what_the_checklist_left_to_follow(
    hall, users, samples
):
    organisation = _submit(hall, users, samples, "gas-water-power-organization.json")
    # The licence was left to follow and the notice said so: the applicant's part.
    _return(hall, organisation["water"], "awaiting_applicant", "请补交营业执照后继续办理")
    # The rules never asked a new connection for the old account's proof: the hall's fault.
    _return(hall, organisation["power"], "rejected", "缺少原户号及过户双方证明")
    # Sent back for a wrong field, no document named: the hall's fault, as before.
    _return(hall, organisation["gas"], "needs_attention", "applicant.id_number: 证件号码与姓名不符")
    assert _first_time(hall, users) == {
        "water": Share(1, 1),
        "power": Share(0, 1),
        "gas": Share(0, 1),
    }


def test_a_return_for_a_waived_or_received_document_is_the_halls(hall, users, samples):
    by_agent = _submit(hall, users, samples, "water-power-by-agent-waived.json")
    # The property proof was waived (不需要) at the counter: the hall decided, the hall answers.
    _return(hall, by_agent["water"], "rejected", "property_proof: 须提供产权证明")
    # The ID was handed over at the counter: asking for it again is no applicant's fault.
    _return(hall, by_agent["power"], "awaiting_applicant", "申请人身份证明不清晰")
    assert _first_time(hall, users) == {"water": Share(0, 1), "power": Share(0, 1)}
