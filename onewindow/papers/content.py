"""What a receipt or a one-time notice says, and how its dates and labels are written.

The caller assembles a `ReceiptData` (personal numbers already masked); the layouts in
`onewindow.papers.receipt_layout` only arrange it on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from onewindow.codes import SERVICES, UNASSIGNED, UTILITIES, label, zh_date, zh_moment

# P12: land obtained on or after this day → the applicant pays nothing outside the red line.
OUTSIDE_RED_LINE_CUTOFF = date(2021, 3, 1)

# How the applicant is addressed on paper (not the form's 个人/单位).
APPLICANT_KIND_LABELS = {"person": "申请人", "organization": "申请单位"}
PENDING_TICKET_NO = UNASSIGNED.zh


@dataclass(frozen=True)
class UtilityLine:
    """One utility's ticket as the applicant should know it."""

    utility: str  # water | power | gas
    service: str  # a service code of the combined form, e.g. "new_connection"
    utility_ticket_no: str | None  # None while the utility has not answered yet
    due: date | None
    limit_text: str  # e.g. "2个工作日，不含审批施工时间"
    provisional: bool  # the due date rests on a year whose holiday schedule is not published
    hotline: str
    utility_name: str  # e.g. "灵宝市供水公司"


RECEIVED, TO_FOLLOW, WAIVED = "received", "to_follow", "waived"


@dataclass(frozen=True)
class MaterialLine:
    """One document of the visit, listed once whatever number of utilities need it."""

    code: str
    name: str
    state: str  # received | to_follow (容缺) | waived (不需要)
    due: date | None  # when it must come, for a document to follow
    why: str  # why it is needed, printed on the one-time notice
    utilities: tuple[str, ...]  # the utilities that need it
    reason: str = ""  # why this visit does not need it, for a waived document

    @property
    def received(self) -> bool:
        return self.state == RECEIVED


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on a receipt and on a one-time notice.

    `id_masked` and `phone_masked` must already be masked (`onewindow.papers.masking`); the layouts
    print them as given. An empty `fee_items` means no published fee item applies.
    """

    hall_name: str
    hall_code: str
    counter_id: str
    clerk_name: str
    application_no: str
    received_at: datetime  # aware; printed in hall time
    applicant_name: str
    applicant_kind: str  # person | organization
    id_masked: str
    contact_name: str | None
    phone_masked: str
    site_address: str
    project_name: str | None
    lines: tuple[UtilityLine, ...]
    materials: tuple[MaterialLine, ...]
    land_acquired_on: date | None
    fee_list_where: str  # where the published fee list is found: a URL or a notice board
    fee_items: tuple[str, ...]
    supervision_hotline: str
    next_steps: tuple[str, ...]
    supplement_place: str  # where missing materials are brought, e.g. "本营业厅3号窗口"
    training: bool
    reprint_no: int  # 0 for the original print
    printed_at: datetime  # aware
    version: str

    @property
    def missing(self) -> tuple[MaterialLine, ...]:
        """The documents to follow (容缺): what the one-time notice lists."""
        return tuple(m for m in self.materials if m.state == TO_FOLLOW)

    @property
    def received(self) -> tuple[MaterialLine, ...]:
        return tuple(m for m in self.materials if m.state == RECEIVED)


def date_cn(day: date) -> str:
    """A date as clerks say it: 2026年12月2日（周三）."""
    return zh_date(day, weekday=True)


def due_by(material: MaterialLine) -> str:
    """The day a missing material must come by (the notice adds "前")."""
    return date_cn(material.due) if material.due else "尽快"


def datetime_cn(moment: datetime) -> str:
    """An aware moment in hall time, 24-hour: 2026年11月27日 09:30."""
    if moment.tzinfo is None:
        raise ValueError("receipt times must be timezone-aware")
    return zh_moment(moment)


def counter_label(counter_id: str) -> str:
    """The counter as the applicant reads it: "3" → "3号窗口", "W03" → "W03窗口"."""
    return f"{counter_id}号窗口" if counter_id.isdigit() else f"{counter_id}窗口"


def utility_label(code: str) -> str:
    return label(UTILITIES, code).zh


def service_label(code: str) -> str:
    return label(SERVICES, code).zh


def utilities_label(codes: tuple[str, ...]) -> str:
    """The utilities that need a document, as the applicant reads them: 供水、供电."""
    return "、".join(utility_label(code) for code in codes)


def reprint_label(reprint_no: int) -> str:
    return f"补打（第{reprint_no}次）" if reprint_no > 0 else ""


def outside_red_line_text(land_acquired_on: date | None) -> str:
    """Who bears the cost of works outside the building-zone red line (P12)."""
    if land_acquired_on is None:
        return (
            "取得土地日期未登记：2021年3月1日及以后取得土地的，建筑区划红线外工程费用不由"
            "申请人承担；此前取得的，按公示收费清单由申请人承担。请向窗口提供取得土地日期以便确定。"
        )
    when = f"{land_acquired_on.year}年{land_acquired_on.month}月{land_acquired_on.day}日"
    if land_acquired_on >= OUTSIDE_RED_LINE_CUTOFF:
        return f"您于{when}取得土地，在2021年3月1日及以后，建筑区划红线外工程费用不由您承担。"
    return f"您于{when}取得土地，在2021年3月1日以前，建筑区划红线外工程费用按公示收费清单由您承担。"
