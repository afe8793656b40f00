"""Optimistic locking of tickets: two people acting on one ticket never overwrite each other.

Each ticket carries a version. A screen remembers the version it showed; the action it asks
for passes that version back, and the service function (holding the ticket's row lock)
compares: if someone acted on the ticket since, nothing is changed and the person is told
who, when and what ("已被 张伟 于 10:42 改派 — 已刷新"), so the screen reloads and they decide
again on what is now true. Only people's acts move the version (reassign, cancel, late
materials, re-send …): a status arriving from the utility's feed does not, so the common
case — the feed moving a ticket while a clerk has it open — never fails the clerk's action;
each action still checks the ticket's current state under the row lock (a ticket the feed
has just connected cannot be cancelled), which is a real conflict and says so.

Callers without a screen (the command line) pass no version: they act on the current state.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.clock import hall_time
from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.store.models import AuditEvent, Ticket, User

# The audited acts of people on a ticket, as the conflict message names them.
ACTS = {
    "ticket.reassign": ("改派", "reassigned"),
    "ticket.cancel": ("撤销", "cancelled"),
    "ticket.materials_received": ("补交材料", "recorded late materials"),
    "ticket.resend": ("更正后重新发送", "corrected and re-sent"),
    "ticket.attention_acknowledged": ("确认处理", "acknowledged"),
}


class EditConflict(BadInput):
    """Someone else acted on the ticket since the screen showed it; nothing was changed."""

    def __init__(self, message: Text, ticket_id: str) -> None:
        super().__init__(message)
        self.ticket_id = ticket_id


def check(session: Session, ticket: Ticket, seen_version: int | None) -> None:
    """Refuse if a person acted on `ticket` (its row locked) since a screen showed
    `seen_version`; None (the command line) acts on the current state."""
    if seen_version is not None and seen_version != ticket.version:
        raise EditConflict(describe_last_change(session, ticket.id), ticket.id)


def claim(session: Session, ticket: Ticket, seen_version: int | None) -> None:
    """Before a person changes `ticket` (its row locked): check, then move the version on."""
    check(session, ticket, seen_version)
    ticket.version += 1


def describe_last_change(session: Session, ticket_id: str) -> Text:
    row = session.execute(
        select(AuditEvent.actor, AuditEvent.action, AuditEvent.at, User.display_name)
        .outerjoin(User, User.username == AuditEvent.actor)
        .where(
            AuditEvent.entity_type == "ticket",
            AuditEvent.entity_id == ticket_id,
            AuditEvent.action.in_(sorted(ACTS)),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return Text(
            "工单已被他人修改 — 已刷新", "the ticket was changed by someone else — reloaded"
        )
    actor, action, at, display_name = row
    who = display_name or actor
    when = f"{hall_time(at):%H:%M}"
    zh, en = ACTS[action]
    return Text(f"已被 {who} 于 {when} {zh} — 已刷新", f"{en} by {who} at {when} — reloaded")
