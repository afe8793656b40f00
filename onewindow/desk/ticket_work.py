"""The units of work behind the ticket screens, run on the background worker.

Each call opens its own session (never shared between threads) and returns plain values from
`onewindow.tickets.queries`, so no widget holds a live ORM object or waits on a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from onewindow.access.acting import acting
from onewindow.clock import hall_date
from onewindow.clocks.holidays import load_calendar
from onewindow.tickets.queries import (
    DeliveryOverview,
    Order,
    TicketDetail,
    TicketFilter,
    TicketRow,
    count_tickets,
    delivery_overview,
    fetch_rows,
    fetch_tickets,
    ticket_detail,
)

if TYPE_CHECKING:
    from onewindow.hall import Hall


@dataclass(frozen=True)
class Page:
    """A page of a list and, with the first page, how many rows the whole list has."""

    offset: int
    rows: list[TicketRow]
    total: int | None = None


class HallTicketSource:
    """Where a ticket list's rows come from: the hall's database, at the hall's today, read
    for the signed-in user `user_id` as long as that account is active (each page checks,
    so a user disabled meanwhile stops seeing applicants' data at the next page)."""

    def __init__(self, hall: Hall, user_id: int) -> None:
        self.hall = hall
        self.user_id = user_id

    def today(self) -> date:
        return hall_date(self.hall.now())

    def first_page(self, flt: TicketFilter, limit: int, order: Order, descending: bool) -> Page:
        today = self.today()
        with self.hall.sessions() as session, session.begin():
            acting(session, self.user_id)
            total = count_tickets(session, flt, today=today)
            rows = fetch_tickets(
                session,
                flt,
                calendar=load_calendar(session),
                today=today,
                offset=0,
                limit=limit,
                order=order,
                descending=descending,
            )
        return Page(0, rows, total)

    def page(
        self, flt: TicketFilter, offset: int, limit: int, order: Order, descending: bool
    ) -> Page:
        today = self.today()
        with self.hall.sessions() as session, session.begin():
            acting(session, self.user_id)
            rows = fetch_tickets(
                session,
                flt,
                calendar=load_calendar(session),
                today=today,
                offset=offset,
                limit=limit,
                order=order,
                descending=descending,
            )
        return Page(offset, rows)

    def count(self, flt: TicketFilter) -> int:
        with self.hall.sessions() as session, session.begin():
            acting(session, self.user_id)
            return count_tickets(session, flt, today=self.today())

    def rows(self, ticket_ids: list[str]) -> list[TicketRow]:
        with self.hall.sessions() as session, session.begin():
            acting(session, self.user_id)
            return fetch_rows(
                session, ticket_ids, calendar=load_calendar(session), today=self.today()
            )


def detail(hall: Hall, ticket_id: str, user_id: int) -> TicketDetail:
    with hall.unit() as (session, ctx):
        return ticket_detail(session, ticket_id, ctx, acting(session, user_id))


def overview(hall: Hall) -> DeliveryOverview:
    with hall.sessions() as session, session.begin():
        return delivery_overview(session, hall.config.utilities)


@dataclass(frozen=True)
class LateRecorded:
    """Late materials recorded: which, for which application, and whether anything is still
    to follow (then the one-time notice goes with the receipt)."""

    ticket_id: str
    application_no: str
    codes: tuple[str, ...]
    still_to_follow: bool


def record_material(
    hall: Hall, user_id: int, ticket_id: str, codes: list[str], version: int | None = None
) -> LateRecorded:
    """Record late materials for every open ticket of the application that waits for them;
    `version` is the ticket's as the screen showed it (onewindow.tickets.edit_conflicts)."""
    from onewindow.tickets.actions import record_late_materials

    with hall.unit() as (session, ctx):
        late = record_late_materials(
            session, acting(session, user_id), ticket_id, codes, ctx=ctx, version=version
        )
    return LateRecorded(ticket_id, late.application_no, late.codes, bool(late.still_to_follow))


def late_papers(hall: Hall, user_id: int, late: LateRecorded) -> tuple[bytes, ...]:
    """The 补交材料回执 of what was just recorded, and the one-time notice again when something
    remains: both made (and counted) now, for the printer the clerk chose."""
    from onewindow.papers.late_materials import late_materials_pdf
    from onewindow.papers.printing import paper_pdf

    with hall.unit() as (session, ctx):
        actor = acting(session, user_id)
        papers = [
            late_materials_pdf(
                session,
                hall.config,
                late.application_no,
                late.codes,
                actor=actor,
                now=ctx.now,
                via="print",
            )
        ]
        if late.still_to_follow:
            papers.append(
                paper_pdf(
                    session,
                    hall.config,
                    late.application_no,
                    "notice",
                    actor=actor,
                    now=ctx.now,
                    via="print",
                )
            )
    return tuple(papers)


def cancel(
    hall: Hall, user_id: int, ticket_id: str, reason: str, version: int | None = None
) -> tuple[str, bool]:
    """The ticket id, and whether the cancel was only asked for (the utility has the ticket
    and must confirm: 撤销中) rather than done here at once."""
    from onewindow.tickets.actions import cancel_ticket

    with hall.unit() as (session, ctx):
        queued = cancel_ticket(
            session, acting(session, user_id), ticket_id, reason, ctx=ctx, version=version
        )
    return ticket_id, queued is not None


def acknowledge(hall: Hall, user_id: int, ticket_id: str) -> str:
    from onewindow.tickets.actions import acknowledge_attention

    with hall.unit() as (session, ctx):
        acknowledge_attention(session, acting(session, user_id), ticket_id, ctx=ctx)
    return ticket_id


def resend(
    hall: Hall,
    user_id: int,
    ticket_id: str,
    corrections: dict[str, object],
    version: int | None = None,
) -> str:
    from onewindow.tickets.actions import resend_ticket

    with hall.unit() as (session, ctx):
        resend_ticket(
            session, acting(session, user_id), ticket_id, corrections, ctx=ctx, version=version
        )
    return ticket_id
