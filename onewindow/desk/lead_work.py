"""The units of work the lead's and administrator's screens hand to the background worker.

Each opens its own transaction with `hall.unit()` and returns plain data (dataclasses of the
core, never live ORM objects), so no session crosses threads. The acting user is the
signed-in one as the database has them now (`onewindow.access.acting`), never the role the
screen was opened with: the core checks every permission again, whatever the screen showed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from onewindow.access.acting import acting
from onewindow.access.users import Role
from onewindow.clock import hall_date
from onewindow.clocks.schedule_file import read_schedule_file

if TYPE_CHECKING:
    from collections.abc import Sequence

    from onewindow.admin.catalogue import CatalogueChange
    from onewindow.admin.hall_settings import (
        ConnectionResult,
        EndpointChange,
        FeeList,
        HallData,
    )
    from onewindow.audit.query import AuditFilter, AuditPage, AuditRow
    from onewindow.clocks.workdays import CalendarDay
    from onewindow.config import Config, UtilitySettings
    from onewindow.desk.counter_work import SignedIn
    from onewindow.hall import Hall
    from onewindow.intake.catalogue import MaterialCatalogue
    from onewindow.lead.workload import ClerkLoad, DueTicket, HallSummary, StatusCount


# The lead's statistics --------------------------------------------------------------------


@dataclass(frozen=True)
class Assignee:
    username: str
    display_name: str


@dataclass(frozen=True)
class Workload:
    today: date
    summary: HallSummary
    loads: tuple[ClerkLoad, ...]
    by_status: tuple[StatusCount, ...]
    approaching: tuple[DueTicket, ...]
    overdue: tuple[DueTicket, ...]
    assignees: tuple[Assignee, ...]  # who may receive tickets: active clerks and leads


def workload(hall: Hall, user: SignedIn) -> Workload:
    from onewindow.lead import workload as wl

    with hall.unit() as (session, ctx):
        actor = acting(session, user.user_id)
        today = hall_date(ctx.now)
        loads = tuple(wl.clerk_loads(session, actor, today=today))
        return Workload(
            today=today,
            summary=wl.hall_summary(session, actor, today=today),
            loads=loads,
            by_status=tuple(wl.tickets_by_utility_and_status(session, actor)),
            approaching=tuple(
                wl.approaching_due(session, actor, today=today, calendar=ctx.calendar)
            ),
            overdue=tuple(wl.overdue_tickets(session, actor, today=today)),
            assignees=tuple(
                Assignee(c.username, c.display_name)
                for c in loads
                if c.active and c.role in (Role.CLERK, Role.LEAD)
            ),
        )


def clerk_tickets(hall: Hall, user: SignedIn, username: str) -> list[DueTicket]:
    from onewindow.lead.workload import open_tickets_of

    with hall.sessions() as session:
        return open_tickets_of(session, acting(session, user.user_id), username=username)


def reassign(
    hall: Hall,
    user: SignedIn,
    ticket_ids: list[str],
    to_username: str,
    reason: str,
    versions: dict[str, int] | None = None,
) -> int:
    from onewindow.tickets.reassignment import reassign_tickets

    with hall.unit() as (session, ctx):
        moved = reassign_tickets(
            session,
            acting(session, user.user_id),
            ticket_ids,
            to_username,
            reason,
            now=ctx.now,
            versions=versions,
        )
        return len(moved)


def export_indicators(
    hall: Hall,
    user: SignedIn,
    date_from: date,
    date_to: date,
    fmt: Literal["pdf", "csv"],
    path: Path,
) -> Path:
    from onewindow.papers.indicator_report import export_indicators as export

    with hall.unit() as (session, ctx):
        data = export(
            session,
            acting(session, user.user_id),
            date_from=date_from,
            date_to=date_to,
            fmt=fmt,
            ctx=ctx,
        )
        path.write_bytes(data)
    return path


# The audit trail ---------------------------------------------------------------------------


def search_audit(hall: Hall, user: SignedIn, f: AuditFilter, page: int, size: int) -> AuditPage:
    from onewindow.audit.query import search_audit as search

    with hall.sessions() as session:
        return search(session, acting(session, user.user_id), f, page=page, page_size=size)


def audit_actions(hall: Hall, user: SignedIn) -> list[str]:
    from onewindow.audit.query import distinct_actions

    with hall.sessions() as session:
        return distinct_actions(session, acting(session, user.user_id))


def export_audit(hall: Hall, user: SignedIn, f: AuditFilter, path: Path) -> Path:
    from onewindow.audit.query import export_csv

    with hall.unit() as (session, ctx):
        data = export_csv(session, acting(session, user.user_id), f, now=ctx.now)
        path.write_bytes(data)
    return path


# Administration ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UserRow:
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None


def list_users(hall: Hall, user: SignedIn) -> list[UserRow]:
    from onewindow.admin.hall_settings import list_users as users

    with hall.sessions() as session:
        return [
            UserRow(u.username, u.display_name, u.role, u.active, u.locked_until)
            for u in users(session, acting(session, user.user_id))
        ]


def add_user(
    hall: Hall, user: SignedIn, username: str, display_name: str, role: str, password: str
) -> str:
    from onewindow.access.users import create_user

    with hall.unit() as (session, ctx):
        created = create_user(
            session,
            acting(session, user.user_id),
            username=username,
            password=password,
            role=role,
            display_name=display_name or None,
            now=ctx.now,
        )
        return created.username


def set_active(hall: Hall, user: SignedIn, username: str, active: bool) -> None:
    from onewindow.access.users import set_active as change

    with hall.unit() as (session, ctx):
        change(session, acting(session, user.user_id), username, active, now=ctx.now)


def reset_password(hall: Hall, user: SignedIn, username: str, password: str) -> None:
    from onewindow.access.users import reset_password as reset

    with hall.unit() as (session, ctx):
        reset(session, acting(session, user.user_id), username, password, now=ctx.now)


def change_role(hall: Hall, user: SignedIn, username: str, role: str) -> None:
    from onewindow.access.users import change_role as change

    with hall.unit() as (session, ctx):
        change(session, acting(session, user.user_id), username, role, now=ctx.now)


def save_hall_data(hall: Hall, user: SignedIn, data: HallData) -> Config:
    from onewindow.admin.hall_settings import save_hall_data as save

    with hall.unit() as (session, ctx):
        return save(session, acting(session, user.user_id), hall.config, data, now=ctx.now)


def save_endpoint(hall: Hall, user: SignedIn, change: EndpointChange) -> Config:
    from onewindow.admin.hall_settings import save_endpoint as save

    with hall.unit() as (session, ctx):
        return save(session, acting(session, user.user_id), hall.config, change, now=ctx.now)


def test_endpoint(settings: UtilitySettings) -> ConnectionResult:
    from onewindow.admin import hall_settings as hall_admin

    return hall_admin.test_connection(settings)


def load_fee_list(hall: Hall) -> FeeList:
    from onewindow.admin.hall_settings import load_fee_list as load

    with hall.sessions() as session:
        return load(session)


def save_fee_list(hall: Hall, user: SignedIn, fees: FeeList) -> FeeList:
    from onewindow.admin.hall_settings import save_fee_list as save

    with hall.unit() as (session, ctx):
        return save(session, acting(session, user.user_id), fees, now=ctx.now)


def load_policy(hall: Hall) -> dict[str, Any]:
    from onewindow.clocks.policy import load_policy as load

    with hall.sessions() as session:
        return load(session).to_dict()


def save_policy(hall: Hall, user: SignedIn, data: dict[str, Any]) -> int:
    from onewindow.admin.hall_settings import change_policy

    with hall.unit() as (session, ctx):
        return change_policy(session, acting(session, user.user_id), data, ctx)


@dataclass(frozen=True)
class CatalogueView:
    """The materials catalogue as the editor shows it, with who changed what when."""

    catalogue: MaterialCatalogue
    history: tuple[CatalogueChange, ...]


def load_catalogue_editor(hall: Hall, user: SignedIn) -> CatalogueView:
    from onewindow.admin.catalogue import catalogue_history, editable_catalogue

    with hall.unit() as (session, _ctx):
        actor = acting(session, user.user_id)
        return CatalogueView(
            editable_catalogue(session, actor), tuple(catalogue_history(session, actor))
        )


def save_material(hall: Hall, user: SignedIn, code: str, entry: dict[str, Any]) -> CatalogueView:
    from onewindow.admin.catalogue import save_material as save

    with hall.unit() as (session, ctx):
        save(session, acting(session, user.user_id), code, entry, now=ctx.now)
    return load_catalogue_editor(hall, user)


def remove_material(hall: Hall, user: SignedIn, code: str) -> CatalogueView:
    from onewindow.admin.catalogue import remove_material as remove

    with hall.unit() as (session, ctx):
        remove(session, acting(session, user.user_id), code, now=ctx.now)
    return load_catalogue_editor(hall, user)


@dataclass(frozen=True)
class YearView:
    year: int
    source: str
    provisional: bool
    days: tuple[CalendarDay, ...]


def holiday_year(hall: Hall, year: int) -> YearView:
    with hall.unit() as (_session, ctx):
        calendar = ctx.calendar
        return YearView(
            year=year,
            source=calendar.source(year),
            provisional=calendar.is_provisional(year),
            days=tuple(calendar.year_days(year)),
        )


def import_holidays(hall: Hall, user: SignedIn, path: Path) -> tuple[list[int], int]:
    from onewindow.admin.hall_settings import import_holidays as do_import

    text = read_schedule_file(path)
    with hall.unit() as (session, ctx):
        years, moved = do_import(
            session, acting(session, user.user_id), text, file_name=path.name, ctx=ctx
        )
        return list(years), moved


@dataclass(frozen=True)
class AuditNames:
    """What the audit view shows instead of codes: people by the name the hall knows them by,
    tickets by their application number and utility (applications are named by their
    number already)."""

    people: dict[str, str]
    tickets: dict[str, tuple[str, str]]


def audit_names(hall: Hall, rows: Sequence[AuditRow]) -> AuditNames:
    from sqlalchemy import select

    from onewindow.store.models import Application, Ticket, User

    names = {r.actor for r in rows} | {
        r.entity_id for r in rows if r.entity_type == "user" and r.entity_id
    }
    # A reassignment names the clerks it moved tickets between.
    names |= {str(r.details[k]) for r in rows for k in ("from", "to") if r.details.get(k)}
    ticket_ids = {r.entity_id for r in rows if r.entity_type == "ticket" and r.entity_id}
    with hall.sessions() as session:
        people = {
            row.username: row.display_name
            for row in session.execute(
                select(User.username, User.display_name).where(User.username.in_(names))
            )
        }
        tickets = {
            row.id: (row.application_no, row.utility)
            for row in session.execute(
                select(Ticket.id, Application.application_no, Ticket.utility)
                .join(Application, Ticket.application_id == Application.id)
                .where(Ticket.id.in_(ticket_ids))
            )
        }
    return AuditNames(people, tickets)
