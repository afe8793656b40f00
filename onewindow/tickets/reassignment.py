"""Moving tickets between clerks (P18): a team lead's decision, with a reason, on the record.

A new ticket belongs to the clerk who accepted it. A lead moves one ticket or a selection in
one unit of work: either every ticket moves or none does, so a half-done selection never
leaves the lead guessing. Each move is one audit record naming who moved it, from whom, to
whom, why and when. The new assignee sees the tickets at once: the assignee is a column of
the ticket, read by every screen on the same database, and every open client hears of the
change (onewindow.store.notify). A lead acting on a list that someone changed since is told
so instead of overwriting it (onewindow.tickets.edit_conflicts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from onewindow.access.users import Actor, Permission, get_user
from onewindow.audit import chain as audit
from onewindow.codes import Text
from onewindow.errors import BadInput, NotFound
from onewindow.store.models import Ticket
from onewindow.tickets import edit_conflicts

MAX_REASON = 500


def reassign_tickets(
    session: Session,
    actor: Actor,
    ticket_ids: Sequence[str],
    to_username: str,
    reason: str,
    *,
    now: datetime,
    versions: Mapping[str, int] | None = None,
) -> list[Ticket]:
    """Give the tickets to `to_username`; returns the tickets that changed hands.

    Tickets already with that user are left as they are (nothing to record). `versions`
    holds the version of each ticket as the lead's screen showed it: if someone acted on any
    of them since, none moves (EditConflict says who, when and what).
    """
    actor.require(Permission.REASSIGN)
    why = (reason or "").strip()
    if not why:
        raise BadInput(Text("请填写改派原因", "a reason is required"))
    if len(why) > MAX_REASON:
        raise BadInput(Text(f"改派原因最多 {MAX_REASON} 字，现有 {len(why)} 字", "reason too long"))
    ids = list(dict.fromkeys(i.strip() for i in ticket_ids if i.strip()))
    if not ids:
        raise BadInput(Text("请选择要改派的工单", "no ticket selected"))
    target = get_user(session, to_username.strip())
    if not target.active:
        raise BadInput(Text(f"用户 {target.username} 已停用，不能接收工单", "user is disabled"))
    if not Actor.of(target).may(Permission.HANDLE_TICKETS):
        raise BadInput(
            Text(
                f"用户 {target.username} 是管理员账户，不办理工单",
                "this user does not handle tickets",
            )
        )
    # Row locks keep two leads moving the same ticket at once from both believing they won.
    tickets = session.scalars(
        select(Ticket)
        .where(Ticket.id.in_(ids))
        .options(selectinload(Ticket.assignee), selectinload(Ticket.application))
        .with_for_update()
    ).all()
    found = {t.id: t for t in tickets}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(Text(f"工单 {'、'.join(missing)} 不存在", "no such ticket"))
    closed = [i for i in ids if found[i].closed_at is not None]
    if closed:
        raise BadInput(Text(f"工单 {'、'.join(closed)} 已办结，无需改派", "ticket already closed"))
    for ticket_id in ids:
        edit_conflicts.check(session, found[ticket_id], (versions or {}).get(ticket_id))
    moved = []
    for ticket_id in ids:
        ticket = found[ticket_id]
        if ticket.assignee_id == target.id:
            continue
        previous = ticket.assignee.username if ticket.assignee else None
        ticket.assignee_id = target.id
        ticket.assignee = target
        ticket.updated_at = now
        ticket.version += 1
        audit.record(
            session,
            actor=actor.name,
            action="ticket.reassign",
            now=now,
            entity_type="ticket",
            entity_id=ticket.id,
            details={
                "application_no": ticket.application.application_no,
                "utility": ticket.utility,
                "from": previous,
                "to": target.username,
                "reason": why,
            },
        )
        moved.append(ticket)
    return moved
