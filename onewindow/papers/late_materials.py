"""The receipt for late materials (补交材料回执), on A4: what was received, when, by whom, and
what is still to follow.

Layout only: the caller (recording late materials, `onewindow material --out`) builds a
`LateMaterialsData` and counts the copy; `render_late_materials` turns it into PDF bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from onewindow.papers.content import (
    APPLICANT_KIND_LABELS,
    MaterialLine,
    counter_label,
    datetime_cn,
    due_by,
    reprint_label,
    utilities_label,
)
from onewindow.papers.receipt_layout import RULE, SHADE, ReceiptRenderer, esc
from onewindow.papers.receipts import renderer


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
