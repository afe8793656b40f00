"""The papers of a saved application — receipt, one-time notice, the application form itself —
and the count of their copies: the service functions.

Each loads the application, builds what the paper says (personal numbers masked through
`onewindow.papers.masking`) and renders it. A copy (printed, saved as PDF, or written by a
command) is counted and logged in the print log and the audit trail at the moment it is made,
in the caller's transaction: the first copy ever of a paper is the original, every later one
says 补打（第N次）, whichever screen or command makes it. A preview is the next copy as it will
look, not logged.

The published fee list comes from the hall setting `fee_list` when an administrator stored
one: `{"where": "…", "items": [{"utility": "gas", "service": "new_connection", "name": "…"}]}`
(`service` may be omitted: the item then applies to every service of that utility).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onewindow import __version__
from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.codes import PERMITS, Text, label
from onewindow.config import DEFAULT_UTILITY_NAMES, Config
from onewindow.errors import BadInput
from onewindow.intake.catalogue import MaterialCatalogue, load_catalogue
from onewindow.intake.materials import ChecklistRow, application_checklist
from onewindow.intake.submit import load_application
from onewindow.papers.application_form import application_form_data, render_application_form
from onewindow.papers.content import (
    counter_label,
    date_cn,
)
from onewindow.papers.fonts import describe, unprintable_in
from onewindow.papers.masking import mask_id, mask_phone
from onewindow.papers.receipts import (
    Format,
    MaterialLine,
    ReceiptData,
    UtilityLine,
    render_notice,
    render_receipt,
)
from onewindow.store.models import Application, PrintRecord, Setting, Ticket

FEE_LIST_KEY = "fee_list"
DEFAULT_FEE_LIST_WHERE = "本营业厅公示栏"

Paper = Literal["receipt", "notice", "application_form"]
PAPERS: tuple[Paper, ...] = get_args(Paper)
PAPER_NAMES: dict[Paper, Text] = {
    "receipt": Text("受理回执", "receipt"),
    "notice": Text("一次性告知书", "notice of missing materials"),
    "application_form": Text("报装申请表", "application form"),
}
# How a copy left the program: on paper, as a PDF the clerk saved, or from the command line.
Via = Literal["print", "pdf", "command"]


def paper_pdf(
    session: Session,
    config: Config,
    application_no: str,
    paper: Paper,
    *,
    actor: Actor,
    now: datetime,
    fmt: Format = "a4",
    via: Via | None = None,
) -> bytes:
    """One paper of a saved application as PDF bytes, printed at `now`.

    With `via`, it is a copy: refused (BadInput) when a character has no font, else counted
    and logged at `now`. Without, it is the preview of the next copy (same number, not
    logged; a character no font has shows as a red placeholder). Only the receipt has an
    80 mm layout; the other papers are A4 whatever `fmt` says.
    """
    actor.require(Permission.HANDLE_TICKETS)
    application = load_application(session, application_no)
    if via is not None:
        # Two counters copying at once must not both print the same 补打 number.
        session.execute(
            select(Application.id).where(Application.id == application.id).with_for_update()
        )
    layout = fmt if paper == "receipt" else "a4"
    reprint_no = copies_made(session, application, paper)
    render: Callable[[], bytes]
    if paper == "application_form":
        materials = _materials(application, load_catalogue(session))
        form = application_form_data(config, application, materials, reprint_no, now, __version__)
        texts = list(_texts(form))

        def render() -> bytes:
            return render_application_form(form)
    else:
        data = _receipt_data(session, config, application, reprint_no, now)
        texts = list(_texts(data))

        def render() -> bytes:
            return render_notice(data) if paper == "notice" else render_receipt(data, layout)

    if via is not None and (missing := unprintable_in(texts)):
        raise BadInput(
            Text(
                f"{PAPER_NAMES[paper].zh}中有字体无法显示的字：{describe(missing)}。"
                "请核对后更正，或手写补全；此份未打印",
                f"the {PAPER_NAMES[paper].en} has characters the font cannot show: "
                f"{describe(missing)}. Check and correct them, or complete them by hand; "
                "this copy was not printed",
            )
        )
    pdf = render()
    if via is not None:
        record_copy(session, application, paper, layout, reprint_no, actor, now, via)
    return pdf


def _texts(value: Any) -> Iterator[str]:
    """Every string a paper's data holds, to check that each character can be drawn."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)


def copies_made(session: Session, application: Application, paper: str) -> int:
    """How many copies of this paper were made before: the next one's 补打 number, 0 for the
    original."""
    count = session.scalar(
        select(func.count())
        .select_from(PrintRecord)
        .where(PrintRecord.application_id == application.id, PrintRecord.kind == paper)
    )
    return int(count or 0)


def record_copy(
    session: Session,
    application: Application,
    paper: str,
    layout: str,
    reprint_no: int,
    actor: Actor,
    now: datetime,
    via: Via,
) -> None:
    """Log a copy in the print log and the audit trail, at the moment it was made."""
    session.add(
        PrintRecord(
            application_id=application.id,
            kind=paper,
            layout=layout,
            reprint_no=reprint_no,
            printed_at=now,
            printed_by=actor.name,
        )
    )
    audit.record(
        session,
        actor=actor.name,
        action=f"{paper}.{'reprint' if reprint_no else 'print'}",
        now=now,
        entity_type="application",
        entity_id=application.application_no,
        details={"layout": layout, "reprint_no": reprint_no, "via": via},
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
    """One line per document of the visit, with every utility that needs it: the visit's
    checklist (`onewindow.intake.materials`). A document handed over for one utility is handed
    over for the visit; one not handed over is to follow for the utilities whose tickets are
    still open (a ticket already connected, refused or cancelled no longer asks for anything);
    one the visit does not need (不需要) is listed with its reason."""
    return material_lines(application_checklist(application, catalogue).rows)


def material_lines(rows: Iterable[ChecklistRow]) -> tuple[MaterialLine, ...]:
    """Checklist rows as the papers print them."""
    return tuple(
        MaterialLine(r.code, r.name, r.state, r.due, r.why, r.utilities, r.reason or "")
        for r in rows
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
