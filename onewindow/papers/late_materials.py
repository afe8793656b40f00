"""The receipt for late materials (补交材料回执), on A4: what was received, when, by whom, and
what is still to follow.

`late_materials_pdf` makes it for documents just recorded received (`onewindow material
--out`, 补交材料 in the window) from the visit's checklist, and counts the copy;
`render_late_materials` is the layout alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow import __version__
from onewindow.access.users import Actor, Permission
from onewindow.config import Config
from onewindow.intake.catalogue import load_catalogue
from onewindow.intake.materials import application_checklist
from onewindow.intake.submit import load_application
from onewindow.papers.content import (
    APPLICANT_KIND_LABELS,
    RECEIVED,
    TO_FOLLOW,
    MaterialLine,
    counter_label,
    datetime_cn,
    due_by,
    reprint_label,
    utilities_label,
)
from onewindow.papers.printing import Via, material_lines, record_copy
from onewindow.papers.receipt_layout import RULE, SHADE, ReceiptRenderer, esc
from onewindow.papers.receipts import renderer
from onewindow.store.models import User


@dataclass(frozen=True)
class LateMaterialsData:
    """A late-materials receipt. `received` and `still_to_follow` list documents once each,
    with the utilities that need them (`MaterialLine.utilities`)."""

    hall_name: str
    application_no: str
    applicant_kind: str  # person | organization
    applicant_name: str
    received: tuple[MaterialLine, ...]
    received_at: datetime  # aware: when the clerk took them
    received_by: str  # the clerk's display name
    counter_id: str
    still_to_follow: tuple[MaterialLine, ...]
    supplement_place: str  # where the rest is brought, e.g. "本营业厅3号窗口"
    training: bool
    reprint_no: int
    printed_at: datetime
    version: str


def late_materials_story(r: ReceiptRenderer, data: LateMaterialsData) -> list[Flowable]:
    b = r.layout.base
    w = r.layout.frame_width
    story: list[Flowable] = [
        r.p(data.hall_name, r.s_hall),
        Paragraph("补交材料回执", r.s_title),
    ]
    if data.reprint_no:
        story.append(Paragraph(reprint_label(data.reprint_no), r.s_reprint))
    story.append(Spacer(1, b * 0.6))
    story.append(
        r.labelled(
            [
                ("申请编号", r.p(data.application_no, r.s_body)),
                (
                    APPLICANT_KIND_LABELS.get(data.applicant_kind, "申请人"),
                    r.p(data.applicant_name, r.s_body),
                ),
                ("收件时间", r.p(datetime_cn(data.received_at), r.s_body)),
                (
                    "收件人",
                    Paragraph(
                        f"{esc(data.received_by)}（{esc(counter_label(data.counter_id))}）",
                        r.s_body,
                    ),
                ),
            ]
        )
    )

    def table(head: tuple[str, ...], rows: list[list[object]], widths: list[float]) -> Flowable:
        cells: list[list[object]] = [[Paragraph(t, r.s_head) for t in head], *rows]
        t = r.table(
            cells,
            widths,
            cells=True,
            extra=[
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ],
        )
        t.repeatRows = 1
        return t

    story.append(Paragraph("本次收到的材料", r.s_section))
    story.append(
        table(
            ("序号", "材料名称", "所需业务"),
            [
                [
                    Paragraph(str(n), r.s_cell),
                    r.p(m.name, r.s_cell),
                    Paragraph(utilities_label(m.utilities) or "—", r.s_cell),
                ]
                for n, m in enumerate(data.received, start=1)
            ],
            [w * 0.08, w * 0.6, w * 0.32],
        )
    )
    story.append(Paragraph("仍需补交", r.s_section))
    if data.still_to_follow:
        story.append(
            table(
                ("材料名称", "所需业务", "补交截止", "补交地点"),
                [
                    [
                        r.p(m.name, r.s_cell),
                        Paragraph(utilities_label(m.utilities) or "—", r.s_cell),
                        Paragraph(f"{due_by(m)}前", r.s_cell),
                        r.p(data.supplement_place, r.s_cell),
                    ]
                    for m in data.still_to_follow
                ],
                [w * 0.36, w * 0.18, w * 0.26, w * 0.2],
            )
        )
    else:
        story.append(Paragraph("无。本申请的材料已全部收齐。", r.s_text))
    story.append(Spacer(1, b * 2))
    blank = "＿" * 7
    story.append(
        KeepTogether(
            r.table(
                [
                    [
                        Paragraph(f"收件人（{esc(data.received_by)}）　{blank}", r.s_body),
                        Paragraph(f"申请人签收　{blank}", r.s_body),
                    ]
                ],
                [w / 2, w / 2],
                pad=0,
                cells=True,
            )
        )
    )
    return story


def render_late_materials(data: LateMaterialsData) -> bytes:
    """The late-materials receipt as PDF bytes, on A4."""
    r = renderer("a4")
    return r.render(
        lambda d: late_materials_story(r, d), data, f"补交材料回执 {data.application_no}"
    )


KIND = "late_materials"


def late_materials_pdf(
    session: Session,
    config: Config,
    application_no: str,
    codes: Sequence[str],
    *,
    actor: Actor,
    now: datetime,
    via: Via,
) -> bytes:
    """The receipt for the documents of `codes` just recorded received (容缺补齐), with what is
    still to follow, from the visit's checklist. Each late visit's receipt is an original of
    its own (never 补打 of an earlier visit's); the copy is logged and audited."""
    actor.require(Permission.ACCEPT)
    application = load_application(session, application_no)
    rows = application_checklist(application, load_catalogue(session)).rows
    handed = [r for r in rows if r.state == RECEIVED and r.code in codes]
    takers = [r.received_by or actor.name for r in handed]
    names = {
        u.username: u.display_name
        for u in session.scalars(select(User).where(User.username.in_(set(takers))))
    }
    data = LateMaterialsData(
        hall_name=config.hall.name,
        application_no=application.application_no,
        applicant_kind=application.applicant_kind,
        applicant_name=application.applicant_name,
        received=material_lines(handed),
        received_at=max((r.received_at or now for r in handed), default=now),
        received_by="、".join(dict.fromkeys(names.get(t, t) for t in takers)),
        counter_id=application.counter_id,
        still_to_follow=material_lines(r for r in rows if r.state == TO_FOLLOW),
        supplement_place=f"本营业厅{counter_label(application.counter_id)}",
        training=config.training,
        reprint_no=0,
        printed_at=now,
        version=__version__,
    )
    pdf = render_late_materials(data)
    record_copy(session, application, KIND, "a4", 0, actor, now, via)
    return pdf
