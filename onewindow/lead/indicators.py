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
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.clock import HALL_TZ, hall_date
from onewindow.clocks.policy import SlaPolicy
from onewindow.clocks.sla import Calendar, compute
from onewindow.config import UTILITIES
from onewindow.errors import BadInput
from onewindow.exchange.feed import RETURNING
from onewindow.exchange.sender import NEEDS_ATTENTION
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
class _Event:
    status: str
    at: datetime
    note: str | None = None


@dataclass
class _Ticket:
    id: str
    utility: str
    service: str
    details: dict[str, Any]
    returned: bool
    application_id: int
    received_at: datetime
    rating: int | None
    history: list[_Event] = field(default_factory=list)
    first_time: bool = True


@dataclass(frozen=True)
class _Connected:
    steps: int
    elapsed: int
    paused: int
    within: bool | None  # None: no committed limit applies


def stages_of(statuses: Sequence[str]) -> list[str]:
    """The distinct stages a history went through, in the order first reached."""
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
            f"结束日期 {date_to.isoformat()} 早于开始日期 {date_from.isoformat()} / "
            "--to is before --from"
        )
    if (date_to - date_from).days > MAX_RANGE_DAYS:
        raise BadInput("统计区间最长三年 / the period may be at most three years")


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
    # Plain rows, not ORM objects: a year of a busy hall is tens of thousands of tickets.
    in_range = and_(Application.received_at >= start, Application.received_at < end)
    tickets = [
        _Ticket(*row)
        for row in session.execute(
            select(
                Ticket.id,
                Ticket.utility,
                Ticket.service,
                Ticket.details,
                Ticket.returned,
                Application.id,
                Application.received_at,
                Application.rating,
            )
            .join(Application, Application.id == Ticket.application_id)
            .where(in_range)
        )
    ]
    histories: dict[str, list[_Event]] = {}
    for ticket_id, status, at, note in session.execute(
        select(StatusEvent.ticket_id, StatusEvent.status, StatusEvent.at, StatusEvent.note)
        .join(Ticket, Ticket.id == StatusEvent.ticket_id)
        .join(Application, Application.id == Ticket.application_id)
        .where(in_range)
        .order_by(StatusEvent.ticket_id, StatusEvent.at, StatusEvent.id)
    ):
        histories.setdefault(ticket_id, []).append(_Event(status, at, note))
    asked = _asked_documents(session, [t.id for t in tickets if t.returned])
    documents = _document_names(load_catalogue(session))
    groups: dict[tuple[str, str], list[_Ticket]] = {}
    for ticket in tickets:
        ticket.history = histories.get(ticket.id, [])
        ticket.first_time = _first_time(ticket, asked.get(ticket.id, set()), documents)
        groups.setdefault((ticket.utility, ticket.service), []).append(ticket)
    rows = [
        _row(utility, service, groups[(utility, service)], calendar, policy)
        for utility, service in sorted(groups, key=_group_order)
    ]
    years = range(date_from.year, date_to.year + 1)
    return IndicatorReport(
        date_from=date_from,
        date_to=date_to,
        generated_at=now,
        rows=tuple(rows),
        provisional_years=tuple(y for y in years if calendar.is_provisional(y)),
    )


# Statuses whose note says why the utility sent a ticket back.
_RETURN_NOTES = RETURNING | {NEEDS_ATTENTION}


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


def _first_time(ticket: _Ticket, asked: set[str], documents: dict[str, tuple[str, ...]]) -> bool:
    if not ticket.returned:
        return True
    notes = " ".join(e.note or "" for e in ticket.history if e.status in _RETURN_NOTES)
    named = {code for code, names in documents.items() if any(n in notes for n in names)}
    return bool(named) and named <= asked


def _group_order(key: tuple[str, str]) -> tuple[int, int, str]:
    utility, service = key
    u = UTILITIES.index(utility) if utility in UTILITIES else len(UTILITIES)
    s = SERVICES.index(service) if service in SERVICES else len(SERVICES)
    return u, s, service


def _row(
    utility: str,
    service: str,
    tickets: list[_Ticket],
    calendar: Calendar,
    policy: SlaPolicy,
) -> IndicatorRow:
    done = [c for c in (_connected(t, calendar, policy) for t in tickets) if c is not None]
    net = [c.elapsed - c.paused for c in done]
    limited = [c for c in done if c.within is not None]
    ratings = {t.application_id: t.rating for t in tickets if t.rating is not None}
    return IndicatorRow(
        utility=utility,
        service=service,
        tickets=len(tickets),
        connected=len(done),
        steps_mean=_mean([c.steps for c in done]),
        steps_max=max((c.steps for c in done), default=None),
        workdays_mean=_mean(net),
        workdays_p90=percentile_90(net),
        elapsed_mean=_mean([c.elapsed for c in done]),
        paused_mean=_mean([c.paused for c in done]),
        within_limit=Share(sum(1 for c in limited if c.within), len(limited)),
        first_time=Share(sum(1 for t in tickets if t.first_time), len(tickets)),
        rating_mean=_mean([float(r) for r in ratings.values()]),
        ratings=len(ratings),
        target=TARGETS.get((utility, service)),
    )


def _connected(ticket: _Ticket, calendar: Calendar, policy: SlaPolicy) -> _Connected | None:
    history: list[_Event] = []
    for event in ticket.history:  # in time order
        history.append(event)
        if event.status == "connected":
            break
    else:
        return None
    connected_at = history[-1].at
    clock = compute(
        utility=ticket.utility,
        service=ticket.service,
        details=ticket.details,
        received_at=ticket.received_at,
        history=history,
        policy=policy,
        calendar=calendar,
        now=connected_at,
    )
    connected_on = hall_date(connected_at)
    return _Connected(
        steps=len(stages_of([e.status for e in history])),
        elapsed=calendar.workdays_between(clock.accepted_on, connected_on),
        paused=clock.paused_workdays,
        within=None if clock.due is None else connected_on <= clock.due,
    )
