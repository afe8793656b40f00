"""The indicator comparison (P17): steps and working days measured from real tickets.

For the tickets the counter accepted in [date_from, date_to] (hall dates of the receipt),
grouped by utility and service:

- tickets: how many were accepted; connected: how many of them are connected so far.
- steps: the stages a connected ticket actually went through, read from its status history:
    受理勘查 (accept & survey)  ← accepted, surveying
    行政审批 (approvals)        ← awaiting_approval
    外线施工 (external works)   ← constructing
    验收开通 (inspect & connect) ← inspecting, connected
  A gas connection that needed no approval or works uses 2 steps, as the plan (seed §二)
  requires. Waiting on the applicant is not a step, nor are the counter's own statuses
  (queued, delayed, needs_attention). Reported as the mean over connected tickets and the most
  any one used.
- working days: from the acceptance date to the connection date, counted as onewindow.clocks.sla
  counts a limit (the acceptance day never counts; connected the next working day = 1;
  weekends and holidays by the working-day calendar, 调休 included). Paused working days (any
  working day spent waiting on approvals, works or the applicant, P5) are reported apart and
  taken off: the net figure is what the target compares with, since the plan excludes the
  time the utility cannot control. Mean and 90th percentile (nearest rank: the smallest value
  that at least 90 % of connected tickets do not exceed).
- within limit: connected tickets whose connection date is on or before their committed date
  (the SLA clock of the hall's policy, paused days added), over connected tickets that have a
  committed limit.
- first time: tickets accepted right the first time, over all tickets accepted: never returned
  for corrections or rejected (Ticket.returned false), or returned only for documents the
  visit's checklist left to follow (the rules required them and the applicant was told, on the
  receipt and the one-time notice, to bring them later: the applicant's part, not the hall's).
  A return for a document the rules did not ask for, one the hall waived (不需要) or took in at
  the counter is the hall's fault and counts against it, as does a return for anything else.
  What a return was for is read from the utility's notes on the returning statuses (rejected,
  awaiting_applicant, a refused delivery's needs_attention): the documents they name, by code
  or by name.
- satisfaction: the mean of the visit ratings (1–5) of the applications behind the group's
  tickets, each application once; a visit for gas and water counts in both groups.

Targets: the plan's comparison table (seed §四, 获得用气指标提升对比表) sets them for gas
connection only: 2 steps and 2 working days (the December 2022 target, equal to the national
frontier; the level before the plan was 3 working days). The seed sets none for water or power.

How: the database does the counting and reads the histories (a year of a busy hall is a
hundred thousand tickets and half a million status events); tickets alike in every figure
come back as one row with their number. Python only turns dates into working days with the
hall's calendar and policy — the same functions the SLA clock uses — so the figures are the
ones the clock gives, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, and_, case, cast, func, or_, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from onewindow.access.users import Actor, Permission
from onewindow.clock import HALL_TZ
from onewindow.clocks.policy import SlaPolicy
from onewindow.clocks.sla import PAUSED, Calendar, ticket_facts
from onewindow.codes import Text
from onewindow.config import UTILITIES
from onewindow.errors import BadInput
from onewindow.exchange.feed_plan import RETURNING
from onewindow.exchange.ticket_status import NEEDS_ATTENTION
from onewindow.intake.catalogue import MaterialCatalogue, load_catalogue
from onewindow.store.models import Application, Material, StatusEvent, Ticket

ACCEPT_SURVEY = "受理勘查"
APPROVAL = "行政审批"
WORKS = "外线施工"
INSPECT_CONNECT = "验收开通"
STAGE_OF_STATUS = {
    "accepted": ACCEPT_SURVEY,
    "surveying": ACCEPT_SURVEY,
    "awaiting_approval": APPROVAL,
    "constructing": WORKS,
    "inspecting": INSPECT_CONNECT,
    "connected": INSPECT_CONNECT,
}
SERVICES = ("new_connection", "capacity_change", "transfer", "repair", "disconnect")
MAX_RANGE_DAYS = 3 * 366


@dataclass(frozen=True)
class Target:
    """One line of the plan's comparison table: steps and working days."""

    steps: int
    workdays: int
    baseline_steps: int
    baseline_workdays: int
    frontier_steps: int
    frontier_workdays: int
    source: str


GAS_CONNECTION_TARGET = Target(
    steps=2,
    workdays=2,
    baseline_steps=2,
    baseline_workdays=3,
    frontier_steps=2,
    frontier_workdays=2,
    source="灵宝市获得用气提升专项行动方案 §四 获得用气指标提升对比表（2022年12月目标）",
)
TARGETS: dict[tuple[str, str], Target] = {("gas", "new_connection"): GAS_CONNECTION_TARGET}


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass(frozen=True)
class IndicatorRow:
    utility: str
    service: str
    tickets: int
    connected: int
    steps_mean: float | None
    steps_max: int | None
    workdays_mean: float | None  # net of paused working days
    workdays_p90: int | None  # net of paused working days
    elapsed_mean: float | None  # gross: acceptance to connection, paused days included
    paused_mean: float | None
    within_limit: Share
    first_time: Share
    rating_mean: float | None
    ratings: int
    target: Target | None


@dataclass(frozen=True)
class IndicatorReport:
    date_from: date
    date_to: date
    generated_at: datetime
    rows: tuple[IndicatorRow, ...]
    provisional_years: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class _Connected:
    steps: int
    elapsed: int
    paused: int
    within: bool | None  # None: no committed limit applies


def stages_of(statuses: Sequence[str]) -> list[str]:
    """The distinct stages a history went through, in the order first reached (what the
    database counts as a connected ticket's steps)."""
    seen: list[str] = []
    for status in statuses:
        stage = STAGE_OF_STATUS.get(status)
        if stage and stage not in seen:
            seen.append(stage)
    return seen


def percentile_90(values: Sequence[int]) -> int | None:
    """Nearest-rank 90th percentile: the smallest value ≥ at least 90 % of the values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise BadInput(
            Text(
                f"结束日期 {date_to.isoformat()} 早于开始日期 {date_from.isoformat()}",
                "--to is before --from",
            )
        )
    if (date_to - date_from).days > MAX_RANGE_DAYS:
        raise BadInput(Text("统计区间最长三年", "the period may be at most three years"))


def compute_indicators(
    session: Session,
    actor: Actor,
    *,
    date_from: date,
    date_to: date,
    calendar: Calendar,
    policy: SlaPolicy,
    now: datetime,
) -> IndicatorReport:
    actor.require(Permission.VIEW_REPORTS)
    check_range(date_from, date_to)
    start = datetime.combine(date_from, time(), HALL_TZ)
    end = datetime.combine(date_to + timedelta(days=1), time(), HALL_TZ)
    in_range = and_(Application.received_at >= start, Application.received_at < end)
    groups = _ticket_counts(session, in_range)
    ratings = _rating_sums(session, in_range)
    connected = _connected_tickets(session, in_range, calendar, policy)
    rows = [
        _row(utility, service, counts, connected.get((utility, service), []), ratings)
        for (utility, service), counts in sorted(groups.items(), key=lambda kv: _group_order(kv[0]))
    ]
    years = range(date_from.year, date_to.year + 1)
    return IndicatorReport(
        date_from=date_from,
        date_to=date_to,
        generated_at=now,
        rows=tuple(rows),
        provisional_years=tuple(y for y in years if calendar.is_provisional(y)),
    )


def _group_order(key: tuple[str, str]) -> tuple[int, int, str]:
    utility, service = key
    u = UTILITIES.index(utility) if utility in UTILITIES else len(UTILITIES)
    s = SERVICES.index(service) if service in SERVICES else len(SERVICES)
    return u, s, service


def _ticket_counts(session: Session, in_range: ColumnElement[bool]) -> dict[tuple[str, str], Share]:
    """Tickets accepted per group, and how many of them were right the first time."""
    rows = session.execute(
        select(Ticket.utility, Ticket.service, func.count(), _count(Ticket.returned.is_(False)))
        .join(Application, Application.id == Ticket.application_id)
        .where(in_range)
        .group_by(Ticket.utility, Ticket.service)
    )
    counts = {(u, s): [int(first), int(n)] for u, s, n, first in rows}
    for key in _returned_for_the_applicants_part(session, in_range):
        counts[key][0] += 1
    return {key: Share(first, whole) for key, (first, whole) in counts.items()}


# Statuses whose note says why the utility sent a ticket back.
_RETURN_NOTES = RETURNING | {NEEDS_ATTENTION}


def _returned_for_the_applicants_part(
    session: Session, in_range: ColumnElement[bool]
) -> list[tuple[str, str]]:
    """The group of each returned ticket that still counts as right the first time: returned
    only for documents its checklist left to follow (a tenth of the tickets at most: read in
    Python, with the catalogue's names)."""
    returned = {
        ticket_id: (utility, service)
        for ticket_id, utility, service in session.execute(
            select(Ticket.id, Ticket.utility, Ticket.service)
            .join(Application, Application.id == Ticket.application_id)
            .where(in_range, Ticket.returned.is_(True))
        )
    }
    if not returned:
        return []
    notes: dict[str, list[str]] = {}
    for ticket_id, note in session.execute(
        select(StatusEvent.ticket_id, StatusEvent.note)
        .join(Ticket, Ticket.id == StatusEvent.ticket_id)
        .join(Application, Application.id == Ticket.application_id)
        .where(
            in_range,
            Ticket.returned.is_(True),
            StatusEvent.status.in_(sorted(_RETURN_NOTES)),
        )
        .order_by(StatusEvent.ticket_id, StatusEvent.at, StatusEvent.id)
    ):
        notes.setdefault(ticket_id, []).append(note or "")
    asked = _asked_documents(session, list(returned))
    documents = _document_names(load_catalogue(session))
    return [
        group
        for ticket_id, group in returned.items()
        if _first_time(" ".join(notes.get(ticket_id, [])), asked.get(ticket_id, set()), documents)
    ]


def _asked_documents(session: Session, ticket_ids: list[str]) -> dict[str, set[str]]:
    """For each returned ticket, the documents its checklist told the applicant to bring:
    required by the rules, not waived, and not handed over at the visit (to follow)."""
    asked: dict[str, set[str]] = {}
    for chunk in range(0, len(ticket_ids), 500):
        for ticket_id, code, received_at, visit_at in session.execute(
            select(Material.ticket_id, Material.code, Material.received_at, Application.received_at)
            .join(Ticket, Ticket.id == Material.ticket_id)
            .join(Application, Application.id == Ticket.application_id)
            .where(
                Material.ticket_id.in_(ticket_ids[chunk : chunk + 500]),
                Material.required.is_(True),
                Material.waived_reason.is_(None),
            )
        ):
            if received_at is None or received_at > visit_at:
                asked.setdefault(ticket_id, set()).add(code)
    return asked


def _document_names(catalogue: MaterialCatalogue) -> dict[str, tuple[str, ...]]:
    """How a utility's note may name each document: its code, its name, the name's head
    (产权证明 for 产权证明（房产证、不动产权证或购房合同）)."""
    return {
        code: tuple(dict.fromkeys((code, info.name, info.name.split("（")[0])))
        for code, info in catalogue.items.items()
    }


def _first_time(notes: str, asked: set[str], documents: dict[str, tuple[str, ...]]) -> bool:
    """A returned ticket is still right the first time when the documents its return notes
    name were all ones the applicant was asked to bring later."""
    named = {code for code, names in documents.items() if any(n in notes for n in names)}
    return bool(named) and named <= asked


def _rating_sums(
    session: Session, in_range: ColumnElement[bool]
) -> dict[tuple[str, str], tuple[int, int]]:
    """Per group: the sum and the number of visit ratings, each application once."""
    rated = (
        select(Ticket.utility, Ticket.service, Application.id, Application.rating)
        .join(Application, Application.id == Ticket.application_id)
        .where(in_range, Application.rating.is_not(None))
        .distinct()
        .subquery()
    )
    rows = session.execute(
        select(rated.c.utility, rated.c.service, func.sum(rated.c.rating), func.count()).group_by(
            rated.c.utility, rated.c.service
        )
    )
    return {(u, s): (int(total), int(n)) for u, s, total, n in rows}


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


class _hall_day(FunctionElement[int]):
    """The hall (UTC+8) calendar date of a stored UTC moment, as a day number (days since
    1970-01-01), computed by the database."""

    type = Integer()
    inherit_cache = True


@compiles(_hall_day, "postgresql")
def _hall_day_pg(element: _hall_day, compiler: Any, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"(CAST(({moment} AT TIME ZONE 'UTC') + INTERVAL '8 hours' AS DATE) - DATE '1970-01-01')"


@compiles(_hall_day, "sqlite")
def _hall_day_sqlite(element: _hall_day, compiler: Any, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(julianday(date({moment}, '+8 hours')) - 2440587.5 AS INTEGER)"


_EPOCH = date(1970, 1, 1).toordinal()


@functools.cache
def _day(number: int) -> date:
    return date.fromordinal(_EPOCH + number)


def _connected_tickets(
    session: Session, in_range: ColumnElement[bool], calendar: Calendar, policy: SlaPolicy
) -> dict[tuple[str, str], list[_Connected]]:
    """Each connected ticket's steps, working days and commitment, grouped.

    The database reads the histories in one pass: for each ticket its events up to the first
    `connected` (in time order), the stages they reached, the hall dates of acceptance and
    connection and the spans spent waiting; tickets alike in all of these come back as one
    row with their number. Python only counts working days on those dates, with the same
    calendar and policy as the SLA clock (onewindow.clocks.sla).
    """
    order = (StatusEvent.at, StatusEvent.id)
    events = (
        select(
            StatusEvent.ticket_id,
            StatusEvent.status,
            # The same window (frame included) as `seen`, so that the database computes both
            # in one pass; the frame does not change what lead() returns.
            func.lead(StatusEvent.at)
            .over(partition_by=StatusEvent.ticket_id, order_by=order, rows=(None, 0))
            .label("next_at"),
            StatusEvent.at,
            func.sum(case((StatusEvent.status == "connected", 1), else_=0))
            .over(partition_by=StatusEvent.ticket_id, order_by=order, rows=(None, 0))
            .label("seen"),
        )
        .join(Ticket, Ticket.id == StatusEvent.ticket_id)
        .join(Application, Application.id == Ticket.application_id)
        .where(in_range)
        .subquery()
    )
    # The history up to and including the first connected event.
    kept = or_(events.c.seen == 0, and_(events.c.seen == 1, events.c.status == "connected"))
    stage = case(
        *[
            (events.c.status.in_(sorted(s for s, g in STAGE_OF_STATUS.items() if g == name)), name)
            for name in dict.fromkeys(STAGE_OF_STATUS.values())
        ],
        else_=None,
    )
    span = case(
        (
            events.c.status.in_(sorted(PAUSED)),
            cast(_hall_day(events.c.at), String) + "-" + cast(_hall_day(events.c.next_at), String),
        ),
        else_=None,
    )
    connected_at = func.max(case((events.c.status == "connected", events.c.at), else_=None))
    per_ticket = (
        select(
            events.c.ticket_id,
            connected_at.label("connected_at"),
            func.count(func.distinct(stage)).label("steps"),
            func.aggregate_strings(span, ",").label("spans"),
        )
        .where(kept)
        .group_by(events.c.ticket_id)
        .having(connected_at.is_not(None))
        .subquery()
    )
    alike = (
        Ticket.utility,
        Ticket.service,
        Ticket.details["usage"].as_string(),
        Ticket.details["voltage"].as_string(),
        # A JSON boolean: 'true'/'false' on PostgreSQL, 1/0 on SQLite.
        Ticket.details["external_works"].as_string(),
        _hall_day(Application.received_at),
        _hall_day(per_ticket.c.connected_at),
        per_ticket.c.steps,
        per_ticket.c.spans,
    )
    if session.get_bind().dialect.name == "postgresql":
        # Compiling this one query to machine code costs more than it saves.
        session.execute(text("SET LOCAL jit = off"))
    rows = session.execute(
        select(*alike, func.count())
        .join(Ticket, Ticket.id == per_ticket.c.ticket_id)
        .join(Application, Application.id == Ticket.application_id)
        .group_by(*alike)
    )
    limits: dict[tuple[Any, ...], int | None] = {}
    elapsed: dict[tuple[int, int], int] = {}
    found: dict[tuple[str, str], list[_Connected]] = {}
    for utility, service, usage, voltage, works, accepted, connected, steps, spans, n in rows:
        key = (utility, service, usage, voltage, works)
        if key not in limits:
            details = {
                "usage": usage,
                "voltage": voltage,
                "external_works": works in (1, "1", "true"),
            }
            rule = policy.limit_for(utility, service, ticket_facts(utility, details))
            limits[key] = None if rule is None else rule.workdays
        accepted_on, connected_on = _day(accepted), _day(connected)
        paused = _paused_workdays(_spans(spans), accepted_on, calendar)
        limit = limits[key]
        due = None if limit is None else calendar.add_workdays(accepted_on, limit + paused)
        if (accepted, connected) not in elapsed:
            elapsed[accepted, connected] = calendar.workdays_between(accepted_on, connected_on)
        found.setdefault((utility, service), []).extend(
            [
                _Connected(
                    steps=int(steps),
                    elapsed=elapsed[accepted, connected],
                    paused=paused,
                    within=None if due is None else connected_on <= due,
                )
            ]
            * int(n)
        )
    return found


def _spans(text: str | None) -> list[tuple[date, date]]:
    if not text:
        return []
    pairs = (part.split("-") for part in text.split(","))
    return [(_day(int(first)), _day(int(last))) for first, last in pairs]


def _paused_workdays(
    spans: Sequence[tuple[date, date]], accepted_on: date, calendar: Calendar
) -> int:
    """Working days on which the ticket waited (as onewindow.clocks.sla counts them): each span from
    the day a waiting status began to the day the next status came, both days included, never
    before the day after acceptance; a day is counted once however many spans cover it."""
    counted = 0
    covered_to = accepted_on  # days up to here are counted (or never count)
    for first, last in sorted(spans):
        first = max(first, covered_to + timedelta(days=1))
        if last >= first:
            counted += calendar.workdays_between(first - timedelta(days=1), last)
            covered_to = last
    return counted


def _row(
    utility: str,
    service: str,
    tickets: Share,
    done: list[_Connected],
    ratings: dict[tuple[str, str], tuple[int, int]],
) -> IndicatorRow:
    net = [c.elapsed - c.paused for c in done]
    limited = [c for c in done if c.within is not None]
    rating_sum, rated = ratings.get((utility, service), (0, 0))
    return IndicatorRow(
        utility=utility,
        service=service,
        tickets=tickets.whole,
        connected=len(done),
        steps_mean=_mean([c.steps for c in done]),
        steps_max=max((c.steps for c in done), default=None),
        workdays_mean=_mean(net),
        workdays_p90=percentile_90(net),
        elapsed_mean=_mean([c.elapsed for c in done]),
        paused_mean=_mean([c.paused for c in done]),
        within_limit=Share(sum(1 for c in limited if c.within), len(limited)),
        first_time=tickets,
        rating_mean=rating_sum / rated if rated else None,
        ratings=rated,
        target=TARGETS.get((utility, service)),
    )
