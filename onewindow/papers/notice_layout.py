"""The one-time notice of missing materials (一次性告知书), on A4.

It lists, once and completely, every material that may follow (容缺, P10): why it is needed,
the date by which it must come and where to bring it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from onewindow.papers.content import (
    APPLICANT_KIND_LABELS,
    ReceiptData,
    counter_label,
    datetime_cn,
    due_by,
    reprint_label,
    utility_label,
)
from onewindow.papers.receipt_layout import RULE, SHADE, ReceiptRenderer, esc


def notice_story(r: ReceiptRenderer, data: ReceiptData) -> list[Flowable]:
    """The one-time notice (一次性告知书): every missing material, why, by when, where."""
    b = r.layout.base
    w = r.layout.frame_width
    story: list[Flowable] = [
        r.p(data.hall_name, r.s_hall),
        Paragraph("一次性告知书", r.s_title),
        Paragraph("容缺受理 · 需补交材料", r.s_label),
    ]
    if data.reprint_no:
        story.append(Paragraph(reprint_label(data.reprint_no), r.s_reprint))
    story.append(Spacer(1, b * 0.8))
    story.append(
        r.labelled(
            [
                ("申请编号", r.p(data.application_no, r.s_body)),
                (
                    APPLICANT_KIND_LABELS.get(data.applicant_kind, "申请人"),
                    r.p(data.applicant_name, r.s_body),
                ),
                ("报装地址", r.p(data.site_address, r.s_body)),
                ("受理时间", r.p(datetime_cn(data.received_at), r.s_body)),
            ]
        )
    )
    story.append(Spacer(1, b * 0.8))
    story.append(
        Paragraph(
            f"您的水电气联合报装申请已容缺受理，下列材料尚未提交。请在各项截止日期前送至"
            f"<font color='#b00020'>{esc(data.supplement_place)}</font>。"
            "本告知书一次性列明需要补交的全部材料，我们不会再要求本告知书以外的材料。",
            r.s_text,
        )
    )
    story.append(Spacer(1, b * 0.6))
    widths = [w * 0.055, w * 0.17, w * 0.12, w * 0.195, w * 0.27, w * 0.19]
    head = ("序号", "材料名称", "所需业务", "为什么需要", "补交截止", "补交地点")
    rows: list[list[object]] = [[Paragraph(t, r.s_head) for t in head]]
    for n, m in enumerate(data.missing, start=1):
        rows.append(
            [
                Paragraph(str(n), r.s_cell),
                r.p(m.name, r.s_cell),
                Paragraph("、".join(utility_label(u) for u in m.utilities), r.s_cell),
                r.p(m.why, r.s_cell),
                Paragraph(f"{due_by(m)}前", r.s_cell),
                r.p(data.supplement_place, r.s_cell),
            ]
        )
    table = r.table(
        rows,
        widths,
        cells=True,
        extra=[
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ],
    )
    table.repeatRows = 1
    story.append(table)
    story.append(Paragraph("咨询电话", r.s_section))
    story.extend(
        Paragraph(
            f"{utility_label(line.utility)}　{esc(line.utility_name)}　{esc(line.hotline)}",
            r.s_text,
        )
        for line in data.lines
    )
    story.append(
        Paragraph(f"监督电话　{esc(data.supervision_hotline)}", r.s_text),
    )
    story.append(Spacer(1, b * 2))
    blank = "＿" * 7
    story.append(
        KeepTogether(
            r.table(
                [
                    [
                        Paragraph(
                            f"告知人（{esc(data.clerk_name)}，"
                            f"{esc(counter_label(data.counter_id))}）　{blank}",
                            r.s_body,
                        ),
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
