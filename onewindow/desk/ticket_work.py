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
    """Where a ticket list's rows come from: the hall's database, at the hall's today."""

    def __init__(self, hall: Hall) -> None:
        self.hall = hall

    def today(self) -> date:
        return hall_date(self.hall.now())

    def first_page(self, flt: TicketFilter, limit: int, order: Order, descending: bool) -> Page:
        today = self.today()
        with self.hall.sessions() as session, session.begin():
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
            return count_tickets(session, flt, today=self.today())

    def rows(self, ticket_ids: list[str]) -> list[TicketRow]:
        with self.hall.sessions() as session, session.begin():
            return fetch_rows(
                session, ticket_ids, calendar=load_calendar(session), today=self.today()
            )


def detail(hall: Hall, ticket_id: str, user_id: int) -> TicketDetail:
    with hall.unit() as (session, ctx):
        return ticket_detail(session, ticket_id, ctx, acting(session, user_id))


def overview(hall: Hall) -> DeliveryOverview:
    with hall.sessions() as session, session.begin():
        return delivery_overview(session, hall.config.utilities)


def record_material(
    hall: Hall, user_id: int, ticket_id: str, codes: list[str], version: int | None = None
) -> str:
    from onewindow.tickets.actions import record_late_material

    with hall.unit() as (session, ctx):
        record_late_material(
            session, acting(session, user_id), ticket_id, codes, ctx=ctx, version=version
        )
    return ticket_id


def cancel(
    hall: Hall, user_id: int, ticket_id: str, reason: str, version: int | None = None
) -> str:
    from onewindow.tickets.actions import cancel_ticket

    with hall.unit() as (session, ctx):
        cancel_ticket(
            session, acting(session, user_id), ticket_id, reason, ctx=ctx, version=version
        )
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
