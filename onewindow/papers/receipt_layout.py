"""The receipt (A4 and 80 mm roll) and the one-time notice, laid out with reportlab platypus.

One renderer per paper layout; it owns the named paragraph styles, the page template with its
callbacks, and builds the flowables from a `ReceiptData`. Every piece of text that came from a
person (names, addresses, numbers, hall settings) is escaped before it enters a Paragraph.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.papers.content import (
    APPLICANT_KIND_LABELS,
    PENDING_TICKET_NO,
    RECEIVED,
    WAIVED,
    MaterialLine,
    ReceiptData,
    UtilityLine,
    counter_label,
    date_cn,
    datetime_cn,
    due_by,
    outside_red_line_text,
    reprint_label,
    service_label,
    utilities_label,
    utility_label,
)
from onewindow.papers.fonts import cjk_font, markup
from onewindow.papers.pdf_parts import (
    QrCode,
    code128,
    draw_watermark,
    numbered_canvas,
)

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#ececec")
ALERT = colors.HexColor("#b00020")

# The roll is laid out once on a page as long as a PDF page may be (200 inches), measured,
# and laid out again on a page of exactly the content's length: one strip, never split.
MAX_ROLL_HEIGHT = 200 * 72.0


class PageFacts(Protocol):
    """What every paper tells the page template: who prints it, when, which copy."""

    @property
    def hall_name(self) -> str: ...
    @property
    def training(self) -> bool: ...
    @property
    def reprint_no(self) -> int: ...
    @property
    def printed_at(self) -> datetime: ...
    @property
    def version(self) -> str: ...


Data = TypeVar("Data", bound=PageFacts)


@dataclass(frozen=True)
class Layout:
    """A paper format: page, margins and the type sizes that suit it."""

    name: str
    width: float
    height: float | None  # None: as long as the content (a roll)
    margin_x: float
    margin_top: float
    margin_bottom: float
    base: float  # body text size in pt
    qr_size: float
    bar_width: float
    bar_height: float
    label_width: float
    watermark_size: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin_x


A4_LAYOUT = Layout(
    name="a4",
    width=A4[0],
    height=A4[1],
    margin_x=18 * mm,
    margin_top=8 * mm,
    margin_bottom=16 * mm,
    base=10,
    qr_size=22 * mm,
    bar_width=0.3 * mm,
    bar_height=9 * mm,
    label_width=21 * mm,
    watermark_size=60,
)
# Thermal roll printers print about 72 mm of the 80 mm paper.
ROLL80_LAYOUT = Layout(
    name="roll80",
    width=80 * mm,
    height=None,
    margin_x=4 * mm,
    margin_top=4 * mm,
    margin_bottom=15 * mm,
    base=8.5,
    qr_size=30 * mm,
    bar_width=0.25 * mm,
    bar_height=10 * mm,
    label_width=15 * mm,
    watermark_size=22,
)


# Person-supplied text is escaped and set character by character in a font that has it.
esc = markup


class _EndMark(Flowable):
    """Zero-size flowable that remembers where the content ended (to cut the roll there)."""

    def __init__(self) -> None:
        super().__init__()
        self.y: float | None = None
        self.page = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.y = y
        self.page = canvas.getPageNumber()

    def draw(self) -> None:
        return


class ReceiptRenderer:
    """Renders receipts and one-time notices for one paper layout."""

    def __init__(self, layout: Layout, font: str | None = None) -> None:
        """`font`: a registered font to use instead of the shipped CJK one (benchmarks)."""
        self.layout = layout
        self.font = font or cjk_font()
        b = layout.base
        roll = layout.height is None

        def style(name: str, size: float, hang: bool = True, **kw: object) -> ParagraphStyle:
            settings: dict[str, object] = {
                "fontName": self.font,
                "fontSize": size,
                "leading": round(size * 1.32, 1),
                "textColor": INK,
                "wordWrap": "CJK",
            }
            settings.update(kw)
            # CJK wrapping hangs a closing punctuation mark past the line end; keep room for
            # it inside the frame so nothing reaches the margin the roll printer cannot print.
            # (Table cells leave that room in the table's last column instead.)
            if hang and settings.get("alignment") == TA_CENTER:
                settings["leftIndent"] = settings["rightIndent"] = size / 2
            elif hang:
                settings["rightIndent"] = size
            return ParagraphStyle(name, **settings)

        align_title = TA_CENTER if roll else 0
        self.s_hall = style("hall", b + 1.5, alignment=align_title, textColor=MUTED)
        self.s_title = style("title", b + 6 if not roll else b + 4, alignment=align_title)
        self.s_reprint = style("reprint", b + 1.5, alignment=align_title, textColor=ALERT)
        self.s_appno_label = style("appno_label", b - 1, alignment=align_title, textColor=MUTED)
        self.s_appno = style("appno", b + 6 if not roll else b + 5, alignment=align_title)
        self.s_label = style("label", b - 1, hang=False, textColor=MUTED)
        self.s_body = style("body", b, hang=False)  # in tables
        self.s_text = style("text", b)  # running text in the frame
        self.s_cell = style("cell", b - 0.5, hang=False)
        self.s_small = style("small", b - 2, textColor=MUTED)
        self.s_head = style("head", b - 1, hang=False, textColor=MUTED)
        self.s_section = style("section", b + 1.5, spaceBefore=b * 0.35, spaceAfter=b * 0.1)

    # -- document ---------------------------------------------------------------------------

    def render(self, story_for: Callable[[Data], list[Flowable]], data: Data, title: str) -> bytes:
        layout = self.layout
        if layout.height is not None:
            return self._build(story_for(data), data, title, layout.height)
        # A roll is cut where the content ends: lay it out once on a maximal page, measure,
        # then again on a page of exactly that length.
        end = _EndMark()
        self._build([*story_for(data), end], data, title, MAX_ROLL_HEIGHT)
        if end.y is None or end.page > 1:
            raise BadInput(
                Text(
                    f"{title} 超过一条卷纸的最大长度（5 米），请改用 A4 纸",
                    f"{title} is longer than a roll can print (5 metres); use A4 paper",
                )
            )
        used = MAX_ROLL_HEIGHT - layout.margin_top - end.y
        # A point of slack: the second layout must not break where the first did not.
        height = layout.margin_top + used + layout.margin_bottom + 1
        return self._build(story_for(data), data, title, height)

    def _build(self, story: list[Flowable], data: PageFacts, title: str, height: float) -> bytes:
        layout = self.layout
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(layout.width, height),
            leftMargin=layout.margin_x,
            rightMargin=layout.margin_x,
            topMargin=layout.margin_top,
            bottomMargin=layout.margin_bottom,
            title=title,
            author=data.hall_name,
            creator=f"OneWindow {data.version}",
            initialFontName=self.font,
            initialFontSize=layout.base,
            invariant=True,
        )
        frame = Frame(
            layout.margin_x,
            layout.margin_bottom,
            layout.frame_width,
            height - layout.margin_top - layout.margin_bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )

        def on_page_end(canvas: Canvas, _doc: BaseDocTemplate) -> None:
            if data.training:
                draw_watermark(canvas, layout.width, height, layout.watermark_size)

        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=on_page_end)])

        def footer(canvas: Canvas, page: int, pages: int) -> None:
            self._footer(canvas, data, page, pages)

        doc.build(story, canvasmaker=numbered_canvas(footer))
        return buffer.getvalue()

    def _footer(self, canvas: Canvas, data: PageFacts, page: int, pages: int) -> None:
        layout = self.layout
        size = layout.base - 2
        left, right = layout.margin_x, layout.width - layout.margin_x
        counter = f"第{page}页/共{pages}页"
        printed = f"打印于 {datetime_cn(data.printed_at)} · OneWindow {data.version}"
        marks = "  ".join(
            x for x in (reprint_label(data.reprint_no), "培训演示" * data.training) if x
        )
        canvas.saveState()
        canvas.setFont(self.font, size)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        top = layout.margin_bottom - 3 * mm
        canvas.line(left, top, right, top)
        if layout.height is None:
            lines = [x for x in (f"{counter}  {marks}".strip(), printed) if x]
            y = top - size * 1.5
            for line in lines:
                canvas.drawCentredString(layout.width / 2, y, line)
                y -= size * 1.4
        else:
            y = top - size * 1.6
            canvas.drawString(left, y, printed)
            canvas.drawRightString(right, y, counter)
            if marks:
                canvas.setFillColor(ALERT)
                canvas.drawCentredString(layout.width / 2, y - size * 1.5, marks)
        canvas.restoreState()

    # -- shared pieces ----------------------------------------------------------------------

    def p(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of plain (person-supplied) text."""
        return Paragraph(esc(text), style)

    def table(
        self,
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        extra: Iterable[tuple[object, ...]] = (),
        pad: float = 3,
        cells: bool = False,
    ) -> Table:
        """A table in the shipped font; `cells`: it holds cell-style paragraphs, whose hanging
        punctuation needs room in the last column."""
        table = Table(rows, colWidths=list(widths), hAlign="LEFT")
        hang_room = [("RIGHTPADDING", (-1, 0), (-1, -1), self.layout.base)] if cells else []
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.font, self.layout.base),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    *extra,
                    *hang_room,
                ]
            )
        )
        return table

    def labelled(self, rows: Sequence[tuple[str, list[Flowable] | Flowable]]) -> Table:
        """Label on the left, content on the right. A list of contents takes one row each,
        so that a long list can break across pages."""
        width = self.layout.frame_width
        cells: list[list[object]] = []
        for label, content in rows:
            parts = content if isinstance(content, list) else [content]
            for n, part in enumerate(parts):
                cells.append([self.p(label, self.s_label) if n == 0 else "", part])
        return self.table(
            cells,
            [self.layout.label_width, width - self.layout.label_width],
            pad=0,
            cells=True,
            extra=[("RIGHTPADDING", (0, 0), (0, -1), 4)],
        )

    def codes(self, data: ReceiptData, max_width: float) -> tuple[QrCode, Flowable]:
        layout = self.layout
        qr = QrCode(data.application_no, layout.qr_size)
        bar = code128(data.application_no, max_width, layout.bar_height, layout.bar_width)
        return qr, bar

    def rule(self) -> Table:
        line = self.table([[""]], [self.layout.frame_width], pad=0)
        line.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE)]))
        return line

    # -- the receipt ------------------------------------------------------------------------

    def receipt_story(self, data: ReceiptData) -> list[Flowable]:
        b = self.layout.base
        story: list[Flowable] = [*self._receipt_header(data), Spacer(1, b * 0.4), self.rule()]
        story.append(self._applicant(data))
        story.append(Paragraph("办理业务", self.s_section))
        story.extend(self._services(data))
        story.append(Paragraph("申请材料", self.s_section))
        story.extend(self._materials(data))
        steps: list[Flowable] = [
            Paragraph(f"{n}. {esc(step)}", self.s_text)
            for n, step in enumerate(data.next_steps, start=1)
        ]
        hotline = Paragraph(
            f"{esc(data.supervision_hotline)}<font color='#555555' size='{b - 1.5}'>"
            "　对办理时限、收费或服务有意见，欢迎来电监督</font>",
            self.s_text,
        )
        # The signatures go with the last section: when the page is full they move over
        # together, so a page never holds the signature lines alone.
        signatures = [Spacer(1, b * 1.2), *self._signatures(data)]
        if self.layout.height is None:
            story += [Paragraph("收费说明", self.s_section), *self._fees(data)]
            if steps:
                story += [Paragraph("下一步", self.s_section), *steps]
            story.append(
                KeepTogether([Paragraph("监督电话", self.s_section), hotline, *signatures])
            )
            return story
        # A4: the closing sections labelled in the margin, which saves a heading line each.
        story.append(self.labelled([("收费说明", self._fees(data))]))
        if steps:
            story.append(self.labelled([("下一步", steps)]))
        story.append(KeepTogether([self.labelled([("监督电话", hotline)]), *signatures]))
        return story

    def _receipt_header(self, data: ReceiptData) -> list[Flowable]:
        layout = self.layout
        titles: list[Flowable] = [
            self.p(data.hall_name, self.s_hall),
            Paragraph("水电气联合报装 受理回执", self.s_title),
        ]
        if data.reprint_no:
            titles.append(Paragraph(reprint_label(data.reprint_no), self.s_reprint))
        number = [
            Paragraph("申请编号", self.s_appno_label),
            self.p(data.application_no, self.s_appno),
        ]
        if layout.height is None:
            qr, bar = self.codes(data, layout.frame_width)
            qr.hAlign = bar.hAlign = "CENTER"
            return [*titles, Spacer(1, 2 * mm), qr, *number, Spacer(1, 1 * mm), bar]
        # A4: titles and the counter, the number with its barcode, and the QR code side by side.
        counter = f"{counter_label(data.counter_id)}　受理人 {esc(data.clerk_name)}"
        titles.append(Paragraph(counter, self.s_appno_label))
        w = layout.frame_width
        number_width = w * 0.42
        qr, bar = self.codes(data, number_width)
        bar.hAlign = "LEFT"
        return [
            self.table(
                [[titles, [*number, Spacer(1, 1 * mm), bar], qr]],
                [w - number_width - layout.qr_size, number_width, layout.qr_size],
                pad=0,
                extra=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
            )
        ]

    def _applicant(self, data: ReceiptData) -> Table:
        kind = APPLICANT_KIND_LABELS.get(data.applicant_kind, "申请人")
        counter = f"{counter_label(data.counter_id)}　受理人 {data.clerk_name}"
        pairs = [("证件号码", data.id_masked), ("联系电话", data.phone_masked)]
        if data.contact_name:
            pairs.append(("联系人", data.contact_name))
        pairs.append(("受理时间", datetime_cn(data.received_at)))
        if self.layout.height is None:
            pairs.append(("受理窗口", counter))
        wide = [(kind, data.applicant_name), ("报装地址", data.site_address)]
        if data.project_name:
            wide.append(("项目名称", data.project_name))
        if self.layout.height is None:
            ordered = [wide[0], *pairs, *wide[1:]]
            return self.labelled([(label, self.p(value, self.s_body)) for label, value in ordered])
        # A4: the short facts two to a row, the long ones across the page.
        w = self.layout.frame_width
        lw = self.layout.label_width
        half = (w - 2 * lw) / 2
        rows: list[list[object]] = [
            [self.p(wide[0][0], self.s_label), self.p(wide[0][1], self.s_body), "", ""]
        ]
        # A spanned cell takes the first cell's padding: give it the last column's hang room.
        spans = [("SPAN", (1, 0), (3, 0)), ("RIGHTPADDING", (1, 0), (1, 0), self.layout.base)]
        for i in range(0, len(pairs), 2):
            row: list[object] = []
            for label, value in pairs[i : i + 2]:
                row += [self.p(label, self.s_label), self.p(value, self.s_body)]
            rows.append(row + [""] * (4 - len(row)))
        for label, value in wide[1:]:
            spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
            spans.append(("RIGHTPADDING", (1, len(rows)), (1, len(rows)), self.layout.base))
            rows.append([self.p(label, self.s_label), self.p(value, self.s_body), "", ""])
        return self.table(rows, [lw, half, lw, half], extra=spans, pad=0, cells=True)

    def _due(self, line: UtilityLine) -> Paragraph:
        b = self.layout.base
        if line.due is None:
            text = "待单位确定"
        else:
            text = date_cn(line.due)
            if line.provisional:
                text += "<font color='#b00020'>　暂定</font>"
        if line.limit_text:
            text += f"<br/><font size='{b - 2}' color='#555555'>{esc(line.limit_text)}</font>"
        return Paragraph(text, self.s_cell)

    def _ticket_no(self, line: UtilityLine) -> Paragraph:
        if line.utility_ticket_no is None:
            return Paragraph(f"<font color='#555555'>{PENDING_TICKET_NO}</font>", self.s_cell)
        return self.p(line.utility_ticket_no, self.s_cell)

    def _services(self, data: ReceiptData) -> list[Flowable]:
        b = self.layout.base
        if self.layout.height is None:
            blocks: list[Flowable] = []
            for n, line in enumerate(data.lines):
                head = (
                    f"{utility_label(line.utility)} · {service_label(line.service)}"
                    f"<font size='{b - 1.5}' color='#555555'>　{esc(line.utility_name)}</font>"
                )
                fields = [
                    ("工单号", self._ticket_no(line)),
                    ("承诺办结", self._due(line)),
                    ("服务电话", self.p(line.hotline, self.s_cell)),
                ]
                block = [Paragraph(head, self.s_text), self.labelled(fields)]
                if n:
                    block.insert(0, self.rule())
                blocks.append(KeepTogether(block))
            return blocks
        w = self.layout.frame_width
        widths = [w * 0.19, w * 0.09, w * 0.22, w * 0.32, w * 0.18]
        header = [
            Paragraph(t, self.s_head) for t in ("业务", "服务", "工单号", "承诺办结", "服务电话")
        ]
        rows: list[list[object]] = [header]
        for line in data.lines:
            rows.append(
                [
                    Paragraph(
                        f"{utility_label(line.utility)}<br/><font size='{b - 2}' "
                        f"color='#555555'>{esc(line.utility_name)}</font>",
                        self.s_cell,
                    ),
                    Paragraph(service_label(line.service), self.s_cell),
                    self._ticket_no(line),
                    self._due(line),
                    self.p(line.hotline, self.s_cell),
                ]
            )
        table = self.table(
            rows,
            widths,
            cells=True,
            extra=[
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ],
        )
        table.repeatRows = 1
        return [table]

    def material_text(self, data: ReceiptData, m: MaterialLine) -> str:
        """One document, once, with its state and the utilities that need it (markup)."""
        if m.state == RECEIVED:
            state = "已收"
        elif m.state == WAIVED:
            state = f"不需要：{esc(m.reason)}" if m.reason else "不需要"
        else:
            state = (
                f"<font color='#b00020'>容缺</font>，{due_by(m)}前交至{esc(data.supplement_place)}"
            )
        whose = f"（{utilities_label(m.utilities)}）" if m.utilities else ""
        return f"{esc(m.name)} — {state}{whose}"

    def _materials(self, data: ReceiptData) -> list[Flowable]:
        if not data.materials:
            return [Paragraph("本次业务无需提交材料", self.s_text)]
        if data.missing:
            note = f"容缺材料请在所注日期前交至{esc(data.supplement_place)}，详见一次性告知书。"
        else:
            note = "材料已齐全。"
        if self.layout.height is None:
            lines: list[Flowable] = [
                Paragraph(f"{n}. {self.material_text(data, m)}", self.s_text)
                for n, m in enumerate(data.materials, start=1)
            ]
            return [*lines, Paragraph(note, self.s_small)]
        # A4: one row per document — name, the utilities that need it, its state.
        w = self.layout.frame_width
        rows: list[list[object]] = [
            [Paragraph(t, self.s_head) for t in ("材料", "所需业务", "状态")]
        ]
        for m in data.materials:
            if m.state == RECEIVED:
                state = "已收"
            elif m.state == WAIVED:
                state = f"不需要：{esc(m.reason)}" if m.reason else "不需要"
            else:
                state = f"<font color='#b00020'>容缺</font>，{due_by(m)}前补交"
            rows.append(
                [
                    self.p(m.name, self.s_cell),
                    Paragraph(utilities_label(m.utilities) or "—", self.s_cell),
                    Paragraph(state, self.s_cell),
                ]
            )
        table = self.table(
            rows,
            [w * 0.4, w * 0.18, w * 0.42],
            cells=True,
            pad=2,
            extra=[
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ],
        )
        table.repeatRows = 1
        return [table, Paragraph(note, self.s_small)]

    def _fees(self, data: ReceiptData) -> list[Flowable]:
        items = (
            f"本次适用的收费项目：{esc('；'.join(data.fee_items))}。"
            if data.fee_items
            else "本次适用的收费项目以公示收费清单为准。"
        )
        return [
            Paragraph(
                f"按公示收费清单收费，清单之外不收取任何费用。收费清单见：{esc(data.fee_list_where)}。"
                f"{items}{esc(outside_red_line_text(data.land_acquired_on))}",
                self.s_text,
            )
        ]

    def _signatures(self, data: ReceiptData) -> list[Flowable]:
        blank = "＿" * 7
        if self.layout.height is None:
            return [
                Paragraph(f"申请人签字　{blank}", self.s_text),
                Spacer(1, self.layout.base),
                Paragraph(f"受理人　{esc(data.clerk_name)}　{blank}", self.s_text),
            ]
        w = self.layout.frame_width
        return [
            self.table(
                [
                    [
                        Paragraph(f"申请人签字　{blank}", self.s_body),
                        Paragraph(f"受理人（{esc(data.clerk_name)}）　{blank}", self.s_body),
                    ]
                ],
                [w / 2, w / 2],
                pad=0,
                cells=True,
            )
        ]
