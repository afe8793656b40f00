"""Printing a receipt or a one-time notice for a saved application: the service functions.

Each loads the application, builds the `ReceiptData` (personal numbers masked through
`onewindow.papers.masking`), renders it, and records the print in the print log and the audit trail
in the caller's transaction, so every copy is accounted for. A receipt asked for as a reprint,
and any one-time notice after the first, says "补打（第N次）".

The published fee list comes from the hall setting `fee_list` when an administrator stored
one: `{"where": "…", "items": [{"utility": "gas", "service": "new_connection", "name": "…"}]}`
(`service` may be omitted: the item then applies to every service of that utility).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onewindow import __version__
from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.codes import PERMITS, label
from onewindow.config import DEFAULT_UTILITY_NAMES, Config
from onewindow.intake.catalogue import MaterialCatalogue, load_catalogue
from onewindow.intake.materials import RECEIVED, WAIVED, application_checklist
from onewindow.intake.submit import load_application
from onewindow.papers.content import counter_label, date_cn
from onewindow.papers.masking import mask_id, mask_phone
from onewindow.papers.receipts import (
    MaterialLine,
    ReceiptData,
    UtilityLine,
    render_notice,
    render_receipt,
)
from onewindow.store.models import Application, PrintRecord, Setting, Ticket

FEE_LIST_KEY = "fee_list"
DEFAULT_FEE_LIST_WHERE = "本营业厅公示栏"


def receipt_pdf(
    session: Session,
    config: Config,
    application_no: str,
    *,
    actor: Actor,
    fmt: Literal["a4", "roll80"] = "a4",
    reprint: bool = False,
    now: datetime,
    preview: bool = False,
) -> bytes:
    """The acceptance receipt. A reprint says "补打（第N次）", N the number of receipts printed
    before (at least 1: a reprint never passes for the original, even without a logged one).
    A preview on screen is the same document but is not logged as a print."""
    actor.require(Permission.HANDLE_TICKETS)
    application = load_application(session, application_no)
    reprint_no = max(_prints(session, application, "receipt"), 1) if reprint else 0
    pdf = render_receipt(_receipt_data(session, config, application, reprint_no, now), fmt)
    if not preview:
        _record(session, application, "receipt", fmt, reprint_no, actor, now)
    return pdf


def notice_pdf(
    session: Session, config: Config, application_no: str, *, actor: Actor, now: datetime
) -> bytes:
    """The one-time notice of missing materials (BadInput when nothing is missing)."""
    actor.require(Permission.HANDLE_TICKETS)
    application = load_application(session, application_no)
    reprint_no = _prints(session, application, "notice")
    pdf = render_notice(_receipt_data(session, config, application, reprint_no, now))
    _record(session, application, "notice", "a4", reprint_no, actor, now)
    return pdf


def _prints(session: Session, application: Application, kind: str) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(PrintRecord)
        .where(PrintRecord.application_id == application.id, PrintRecord.kind == kind)
    )
    return int(count or 0)


def _record(
    session: Session,
    application: Application,
    kind: str,
    layout: str,
    reprint_no: int,
    actor: Actor,
    now: datetime,
) -> None:
    session.add(
        PrintRecord(
            application_id=application.id,
            kind=kind,
            layout=layout,
            reprint_no=reprint_no,
            printed_at=now,
            printed_by=actor.name,
        )
    )
    audit.record(
        session,
        actor=actor.name,
        action=f"{kind}.{'reprint' if reprint_no else 'print'}",
        now=now,
        entity_type="application",
        entity_id=application.application_no,
        details={"layout": layout, "reprint_no": reprint_no},
    )


def _receipt_data(
    session: Session, config: Config, application: Application, reprint_no: int, now: datetime
) -> ReceiptData:
    tickets = list(application.tickets)
    materials = _materials(application, load_catalogue(session))
    place = f"本营业厅{counter_label(application.counter_id)}"
    where, fee_items = _fees(session, tickets)
    return ReceiptData(
        hall_name=config.hall.name,
        hall_code=application.hall_code,
        counter_id=application.counter_id,
        clerk_name=application.clerk.display_name,
        application_no=application.application_no,
        received_at=application.received_at,
        applicant_name=application.applicant_name,
        applicant_kind=application.applicant_kind,
        id_masked=mask_id(application.id_number),
        contact_name=application.contact_name,
        phone_masked=mask_phone(application.phone),
        site_address=application.site_address,
        project_name=application.project_name,
        lines=tuple(_line(config, t) for t in tickets),
        materials=materials,
        land_acquired_on=application.land_acquired_on,
        fee_list_where=where,
        fee_items=fee_items,
        supervision_hotline=config.hall.supervision_hotline,
        next_steps=_next_steps(config, tickets, materials, place),
        supplement_place=place,
        training=config.training,
        reprint_no=reprint_no,
        printed_at=now,
        version=__version__,
    )


def _utility_name(config: Config, utility: str) -> str:
    settings = config.utilities.get(utility)
    return settings.name if settings else DEFAULT_UTILITY_NAMES[utility]


def _line(config: Config, ticket: Ticket) -> UtilityLine:
    settings = config.utilities.get(ticket.utility)
    limit = ""
    if ticket.limit_workdays:
        limit = f"{ticket.limit_workdays}个工作日"
        if ticket.details.get("external_works"):
            limit += "，不含审批施工时间"
        if ticket.paused_workdays:
            limit += f"，已暂停{ticket.paused_workdays}个工作日"
    return UtilityLine(
        utility=ticket.utility,
        service=ticket.service,
        utility_ticket_no=ticket.utility_ticket_no,
        due=ticket.due_date,
        limit_text=limit,
        provisional=ticket.due_provisional,
        hotline=(settings.hotline if settings else "") or "—",
        utility_name=_utility_name(config, ticket.utility),
    )


def _materials(application: Application, catalogue: MaterialCatalogue) -> tuple[MaterialLine, ...]:
    """The visit's checklist as the papers print it: one line per document; what the visit
    does not need (不需要) and what no open ticket waits for any more are not demanded."""
    return tuple(
        MaterialLine(
            code=row.code,
            name=row.name,
            received=row.state == RECEIVED,
            due=row.due,
            why=row.why,
            utilities=row.utilities,
        )
        for row in application_checklist(application, catalogue).rows
        if row.state != WAIVED
    )


def _fees(session: Session, tickets: list[Ticket]) -> tuple[str, tuple[str, ...]]:
    row = session.get(Setting, FEE_LIST_KEY)
    if row is None:
        return DEFAULT_FEE_LIST_WHERE, ()
    where = str(row.value.get("where") or DEFAULT_FEE_LIST_WHERE)
    wanted = {(t.utility, t.service) for t in tickets}
    items = []
    for item in row.value.get("items") or []:
        utility, service = item.get("utility"), item.get("service")
        applies = any(u == utility and service in (None, s) for u, s in wanted)
        if applies and item.get("name") and item["name"] not in items:
            items.append(str(item["name"]))
    return where, tuple(items)


def _next_steps(
    config: Config, tickets: list[Ticket], materials: tuple[MaterialLine, ...], place: str
) -> tuple[str, ...]:
    steps = []
    others = []
    for ticket in tickets:
        name = _utility_name(config, ticket.utility)
        if ticket.utility == "gas" and ticket.service in ("new_connection", "capacity_change"):
            steps.append(f"{name}将联系您上门勘查，验收合格后开通（受理勘查、验收开通两步）。")
        else:
            others.append(name)
        if ticket.details.get("external_works"):
            steps.append("需新建外线：行政审批和施工的时间不计入上表的办结时限。")
        permits = "、".join(label(PERMITS, p.kind).zh for p in ticket.permits)
        if permits:
            steps.append(f"{permits}的许可由{name}代为办理，您无需另行申请。")
    if others:
        steps.insert(0, f"{'、'.join(others)}将在承诺时限内联系您，安排勘查和接入。")
    missing = [m for m in materials if not m.received]
    if missing:
        dues = [m.due for m in missing if m.due]
        by = f"{date_cn(min(dues))}前" if dues else "尽快"
        steps.append(f"请于{by}将容缺材料交至{place}，详见一次性告知书。")
    steps.append("工单号分配后，可凭申请编号到窗口或拨打各单位服务电话查询进度。")
    return tuple(steps)
