"""The combined application form (一张表单) filled in, on one A4 page, for the applicant to sign.

It is the one application form of the seed (P10): every utility's section (those not applied
for say so), the documents of the visit, the consent sentence, and the signature and date
lines. Personal numbers are masked like on every paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from onewindow.codes import (
    APPLICANT_KINDS,
    ID_TYPES,
    PERMITS,
    SERVICES,
    USAGES,
    UTILITIES,
    label,
    zh_date,
)
from onewindow.config import Config
from onewindow.papers.content import MaterialLine, counter_label, datetime_cn, reprint_label
from onewindow.papers.masking import mask_id, mask_phone
from onewindow.papers.receipt_layout import RULE, SHADE, ReceiptRenderer, esc
from onewindow.papers.receipts import renderer
from onewindow.store.models import Application

UTILITY_ORDER = ("water", "power", "gas")
CONSENT = (
    "申请人同意将本表信息提供给上面所选的供水、供电、供气单位，仅用于办理本表所列业务；"
    "申请人确认所填内容真实、准确。"
)


@dataclass(frozen=True)
class UtilitySection:
    """One utility's part of the form; `service` None when it is not applied for."""

    utility: str
    service: str | None
    facts: tuple[tuple[str, str], ...]  # (label, value) in form order


@dataclass(frozen=True)
class ApplicationFormData:
    hall_name: str
    application_no: str
    received_at: datetime
    counter: str
    clerk_name: str
    applicant_kind: str
    applicant_name: str
    id_type: str
    id_masked: str
    contact_name: str | None
    phone_masked: str
    by_agent: bool
    site_address: str
    project_name: str | None
    permit_no: str | None
    land_acquired_on: date | None
    sections: tuple[UtilitySection, ...]
    materials: tuple[MaterialLine, ...]
    consent: bool
    training: bool
    reprint_no: int
    printed_at: datetime
    version: str


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _facts(utility: str, entry: dict[str, object]) -> tuple[tuple[str, str], ...]:
    details = entry.get("details")
    d: dict[str, object] = details if isinstance(details, dict) else {}
    facts: list[tuple[str, str]] = []
    if entry.get("account_no"):
        facts.append(("原户号", str(entry["account_no"])))
    if d.get("usage"):
        facts.append(("用途", label(USAGES, str(d["usage"])).zh))
    if utility == "water":
        if "diameter_dn" in d:
            facts.append(("接水口径", f"DN{_number(d['diameter_dn'])}"))
        if "daily_volume_m3" in d:
            facts.append(("日用水量", f"{_number(d['daily_volume_m3'])} m³"))
    elif utility == "power":
        if "capacity_kw" in d:
            facts.append(("用电容量", f"{_number(d['capacity_kw'])} kW"))
        if d.get("voltage"):
            facts.append(("电压等级", str(d["voltage"])))
    elif utility == "gas":
        if "monthly_volume_m3" in d:
            facts.append(("月用气量", f"{_number(d['monthly_volume_m3'])} m³"))
        if d.get("external_works"):
            facts.append(("新建外线", f"需要，约 {_number(d.get('external_length_m', ''))} 米"))
        else:
            facts.append(("新建外线", "不需要"))
    permits = entry.get("agency_permits")
    if isinstance(permits, list) and permits:
        facts.append(("代办许可", "、".join(label(PERMITS, str(p)).zh for p in permits)))
    return tuple(facts)


def application_form_data(
    config: Config,
    application: Application,
    materials: tuple[MaterialLine, ...],
    reprint_no: int,
    now: datetime,
    version: str,
) -> ApplicationFormData:
    """What the form says, from the saved application and the form as it was submitted."""
    form = application.form or {}
    services = form.get("services") if isinstance(form.get("services"), dict) else {}
    applicant = form.get("applicant") if isinstance(form.get("applicant"), dict) else {}
    sections = []
    for utility in UTILITY_ORDER:
        entry = services.get(utility) if isinstance(services, dict) else None
        if isinstance(entry, dict):
            sections.append(
                UtilitySection(utility, str(entry.get("service")), _facts(utility, entry))
            )
        else:
            sections.append(UtilitySection(utility, None, ()))
    return ApplicationFormData(
        hall_name=config.hall.name,
        application_no=application.application_no,
        received_at=application.received_at,
        counter=counter_label(application.counter_id),
        clerk_name=application.clerk.display_name,
        applicant_kind=application.applicant_kind,
        applicant_name=application.applicant_name,
        id_type=application.id_type,
        id_masked=mask_id(application.id_number),
        contact_name=application.contact_name,
        phone_masked=mask_phone(application.phone),
        by_agent=bool(applicant.get("by_agent")) if isinstance(applicant, dict) else False,
        site_address=application.site_address,
        project_name=application.project_name,
        permit_no=application.permit_no,
        land_acquired_on=application.land_acquired_on,
        sections=tuple(sections),
        materials=materials,
        consent=application.consent,
        training=config.training,
        reprint_no=reprint_no,
        printed_at=now,
        version=version,
    )


def application_form_story(r: ReceiptRenderer, data: ApplicationFormData) -> list[Flowable]:
    b = r.layout.base
    w = r.layout.frame_width
    lw = r.layout.label_width
    story: list[Flowable] = [
        r.p(data.hall_name, r.s_hall),
        Paragraph("水电气联合报装申请表", r.s_title),
    ]
    if data.reprint_no:
        story.append(Paragraph(reprint_label(data.reprint_no), r.s_reprint))
    story.append(
        Paragraph(
            f"申请编号 {esc(data.application_no)}　受理时间 {datetime_cn(data.received_at)}"
            f"　{esc(data.counter)} 受理人 {esc(data.clerk_name)}",
            r.s_label,
        )
    )
    story.append(Spacer(1, b * 0.4))

    def box(title: str, rows: list[tuple[str, str]]) -> Flowable:
        """A titled block of label/value pairs, two pairs to a row."""
        half = (w - 2 * lw) / 2
        cells: list[list[object]] = [[Paragraph(title, r.s_head), "", "", ""]]
        style: list[tuple[object, ...]] = [
            ("SPAN", (0, 0), (3, 0)),
            ("BACKGROUND", (0, 0), (3, 0), SHADE),
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
        pairs = list(rows)
        row: list[object] = []
        for name, value in pairs:
            wide = len(value) > 16
            if wide and row:
                cells.append([*row, "", ""])
                row = []
            if wide:
                n = len(cells)
                cells.append([r.p(name, r.s_label), r.p(value, r.s_cell), "", ""])
                style.append(("SPAN", (1, n), (3, n)))
                continue
            row += [r.p(name, r.s_label), r.p(value, r.s_cell)]
            if len(row) == 4:
                cells.append(row)
                row = []
        if row:
            cells.append([*row, "", ""])
        return r.table(cells, [lw, half, lw, half], extra=style, cells=True)

    kind = label(APPLICANT_KINDS, data.applicant_kind).zh
    applicant = [
        ("申请人类型", kind),
        ("证件类型", label(ID_TYPES, data.id_type).zh),
        ("名称/姓名", data.applicant_name),
        ("证件号码", data.id_masked),
        ("联系电话", data.phone_masked),
    ]
    if data.contact_name:
        applicant.append(("联系人", data.contact_name))
    applicant.append(("办理方式", "代办人办理" if data.by_agent else "申请人（或其员工）本人办理"))
    story.append(box("一、申请人", applicant))
    site = [("报装地址", data.site_address)]
    if data.project_name:
        site.append(("项目名称", data.project_name))
    site.append(("许可证号", data.permit_no or "—"))
    site.append(("土地取得", zh_date(data.land_acquired_on) if data.land_acquired_on else "未填写"))
    story.append(Spacer(1, b * 0.4))
    story.append(box("二、报装地点", site))
    for n, section in enumerate(data.sections, start=3):
        title = f"{'三四五'[n - 3]}、{label(UTILITIES, section.utility).zh}"
        story.append(Spacer(1, b * 0.4))
        if section.service is None:
            story.append(box(f"{title}　□ 本次不申请", []))
            continue
        service = label(SERVICES, section.service).zh
        story.append(box(f"{title}　■ {service}", list(section.facts)))
    story.append(Spacer(1, b * 0.4))
    states = {"received": "已收", "to_follow": "容缺补交", "waived": "不需要"}
    docs = [
        (
            f"{n}",
            f"{m.name}：{states.get(m.state, m.state)}"
            + (
                f"（{'、'.join(label(UTILITIES, u).zh for u in m.utilities)}）"
                if m.utilities
                else ""
            ),
        )
        for n, m in enumerate(data.materials, start=1)
    ]
    story.append(box("六、材料", docs))
    blank = "＿" * 8
    date_line = "＿＿＿＿年＿＿月＿＿日"
    tick = "■" if data.consent else "□"
    story.append(Spacer(1, b * 0.6))
    story.append(
        KeepTogether(
            [
                Paragraph(f"{tick} {CONSENT}", r.s_text),
                Spacer(1, b * 1.2),
                r.table(
                    [
                        [
                            Paragraph(f"申请人（签字或盖章）{blank}", r.s_body),
                            Paragraph(f"日期 {date_line}", r.s_body),
                        ],
                        [Spacer(1, 6 * mm), ""],
                        [
                            Paragraph(f"受理人（{esc(data.clerk_name)}）{blank}", r.s_body),
                            Paragraph(f"日期 {date_line}", r.s_body),
                        ],
                    ],
                    [w * 0.55, w * 0.45],
                    pad=0,
                    cells=True,
                ),
            ]
        )
    )
    return story


def render_application_form(data: ApplicationFormData) -> bytes:
    """The filled-in form as PDF bytes, one A4 page."""
    r = renderer("a4")
    return r.render(
        lambda d: application_form_story(r, d), data, f"报装申请表 {data.application_no}"
    )
