"""The late-materials receipt (补交材料回执), on A4: what the applicant handed in after the visit,
when and to whom, and what is still to follow, with its due date.

Like every paper it is built from the visit's checklist (`onewindow.intake.materials`), so a
document is named once with the utilities that needed it, and a ticket already connected (or
otherwise closed) demands nothing any more. The print is logged and audited like a receipt's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.config import Config
from onewindow.intake.catalogue import load_catalogue
from onewindow.intake.materials import ChecklistRow, application_checklist
from onewindow.intake.submit import load_application
from onewindow.papers.content import (
    ReceiptData,
    counter_label,
    datetime_cn,
    due_by,
    utility_label,
)
from onewindow.papers.printing import _receipt_data, _record
from onewindow.papers.receipt_layout import RULE, SHADE, ReceiptRenderer, esc
from onewindow.papers.receipts import _renderer
from onewindow.store.models import User

KIND = "late_materials"


def late_materials_pdf(
    session: Session,
    config: Config,
    application_no: str,
    codes: Sequence[str],
    *,
    actor: Actor,
    now: datetime,
) -> bytes:
    """The receipt for documents of `codes` just recorded received (容缺补齐)."""
    actor.require(Permission.ACCEPT)
    application = load_application(session, application_no)
    checklist = application_checklist(application, load_catalogue(session))
    handed = tuple(r for r in checklist.received if r.code in codes)
    # Each late visit's receipt is an original of its own, never a copy of an earlier one.
    data = _receipt_data(session, config, application, 0, now)
    names = {
        u.username: u.display_name
        for u in session.scalars(
            select(User).where(User.username.in_({r.received_by for r in handed if r.received_by}))
        )
    }
    renderer = _renderer("a4")
    pdf = renderer.render(
        lambda d: _story(d, handed, names), data, f"补交材料回执 {application.application_no}"
    )
    _record(session, application, KIND, "a4", 0, actor, now)
    return pdf


def _story(
    data: ReceiptData, handed: tuple[ChecklistRow, ...], names: dict[str, str]
) -> list[Flowable]:
    r = _renderer("a4")
    b = r.layout.base
    w = r.layout.frame_width
    story: list[Flowable] = [
        r.p(data.hall_name, r.s_hall),
        Paragraph("补交材料回执", r.s_title),
        Paragraph("容缺受理 · 材料补齐", r.s_label),
        Spacer(1, b * 0.8),
    ]
    when = max((row.received_at for row in handed if row.received_at), default=data.printed_at)
    takers = dict.fromkeys(
        names.get(row.received_by or "", row.received_by or "") for row in handed
    )
    story.append(
        r.labelled(
            [
                ("申请编号", r.p(data.application_no, r.s_body)),
                ("申请人", r.p(data.applicant_name, r.s_body)),
                ("报装地址", r.p(data.site_address, r.s_body)),
                ("原受理时间", r.p(datetime_cn(data.received_at), r.s_body)),
                ("补交时间", r.p(datetime_cn(when), r.s_body)),
                (
                    "收件人",
                    r.p(
                        f"{'、'.join(takers)}（{counter_label(data.counter_id)}）",
                        r.s_body,
                    ),
                ),
            ]
        )
    )
    story.append(Paragraph("本次收到的材料", r.s_section))
    story.append(
        _table(
            r,
            w,
            ("序号", "材料名称", "所需业务", "状态"),
            [(row.name, row.utilities, "已收") for row in handed],
        )
    )
    story.append(Paragraph("仍需补交的材料", r.s_section))
    if data.missing:
        story.append(
            _table(
                r,
                w,
                ("序号", "材料名称", "所需业务", "补交截止"),
                [(m.name, m.utilities, f"{due_by(m)}前") for m in data.missing],
            )
        )
        story.append(Spacer(1, b * 0.4))
        story.append(
            Paragraph(
                f"请在截止日期前送至{esc(data.supplement_place)}，详见一次性告知书。",
                r.s_text,
            )
        )
    else:
        story.append(Paragraph("材料已全部收齐，无需再补交。", r.s_text))
    story.append(Spacer(1, b * 2))
    blank = "＿" * 7
    story.append(
        KeepTogether(
            r.table(
                [
                    [
                        Paragraph(f"收件人　{blank}", r.s_body),
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


def _table(
    r: ReceiptRenderer,
    width: float,
    head: tuple[str, ...],
    rows: list[tuple[str, tuple[str, ...], str]],
) -> Flowable:
    cells: list[list[object]] = [[Paragraph(t, r.s_head) for t in head]]
    for n, (name, utilities, state) in enumerate(rows, start=1):
        cells.append(
            [
                Paragraph(str(n), r.s_cell),
                r.p(name, r.s_cell),
                Paragraph("、".join(utility_label(u) for u in utilities), r.s_cell),
                r.p(state, r.s_cell),
            ]
        )
    return r.table(
        cells,
        [width * 0.08, width * 0.44, width * 0.2, width * 0.28],
        cells=True,
        extra=[
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ],
    )
