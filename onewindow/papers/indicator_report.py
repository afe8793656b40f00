"""The indicator report (P17) as a PDF set beside the plan's targets, or as a CSV for Excel.

The PDF uses the receipts' embedded font (onewindow.papers.pdf_parts), so it reads the same on any
machine; the chart is drawn with reportlab.graphics in that font. The CSV is UTF-8 with a
byte-order mark, which is what makes Excel on a Chinese Windows open it without mojibake.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Literal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from onewindow import __version__
from onewindow.access.users import Actor
from onewindow.audit import chain as audit
from onewindow.clock import hall_time
from onewindow.codes import STATUSES, zh_date
from onewindow.hall import Context
from onewindow.lead.indicators import IndicatorReport, IndicatorRow, Share, compute_indicators
from onewindow.papers.content import service_label, utility_label
from onewindow.papers.fonts import cjk_font
from onewindow.papers.pdf_parts import WATERMARK_TEXT, draw_watermark, numbered_canvas
from onewindow.papers.receipt_layout import esc

Format = Literal["pdf", "csv"]
DASH = "—"
_SERIES_COLOURS = (
    colors.HexColor("#1f6fb2"),
    colors.HexColor("#8fb8de"),
    colors.HexColor("#c0392b"),
)


def group_label(row: IndicatorRow) -> str:
    return utility_label(row.utility) + service_label(row.service)


def _num(value: float | None, digits: int = 2) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def _int(value: int | None) -> str:
    return DASH if value is None else str(value)


def _share(share: Share) -> str:
    ratio = share.ratio
    return DASH if ratio is None else f"{ratio * 100:.1f}%（{share.part}/{share.whole}）"


def export_indicators(
    session: Session,
    actor: Actor,
    *,
    date_from: date,
    date_to: date,
    fmt: Format,
    ctx: Context,
) -> bytes:
    """Compute, render and record in the audit trail who produced which report."""
    report = compute_indicators(
        session,
        actor,
        date_from=date_from,
        date_to=date_to,
        calendar=ctx.calendar,
        policy=ctx.policy,
        now=ctx.now,
    )
    data = (
        render_pdf(report, hall_name=ctx.config.hall.name, training=ctx.config.training)
        if fmt == "pdf"
        else render_csv(report)
    )
    audit.record(
        session,
        actor=actor.name,
        action="report.indicators",
        now=ctx.now,
        entity_type="report",
        entity_id="indicators",
        details={
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "format": fmt,
            "groups": len(report.rows),
            "tickets": sum(r.tickets for r in report.rows),
        },
    )
    return data


CSV_HEADER = (
    "utility",
    "service",
    "单位",
    "业务",
    "受理件数",
    "已开通件数",
    "平均环节数",
    "最多环节数",
    "目标环节数",
    "平均工作日（不含暂停）",
    "90%分位工作日（不含暂停）",
    "目标工作日",
    "平均历时工作日（含暂停）",
    "平均暂停工作日",
    "时限内开通件数",
    "有承诺时限的开通件数",
    "时限内开通率",
    "一次受理成功件数",
    "一次受理成功率",
    "平均满意度",
    "评价数",
)


def render_csv(report: IndicatorReport) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)

    def number(value: float | None, digits: int) -> str:
        return "" if value is None else f"{value:.{digits}f}"

    for row in report.rows:
        target = row.target
        writer.writerow(
            [
                row.utility,
                row.service,
                utility_label(row.utility),
                service_label(row.service),
                row.tickets,
                row.connected,
                number(row.steps_mean, 2),
                "" if row.steps_max is None else row.steps_max,
                target.steps if target else "",
                number(row.workdays_mean, 2),
                "" if row.workdays_p90 is None else row.workdays_p90,
                target.workdays if target else "",
                number(row.elapsed_mean, 2),
                number(row.paused_mean, 2),
                row.within_limit.part,
                row.within_limit.whole,
                number(row.within_limit.ratio, 4),
                row.first_time.part,
                number(row.first_time.ratio, 4),
                number(row.rating_mean, 2),
                row.ratings,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def render_pdf(report: IndicatorReport, *, hall_name: str, training: bool) -> bytes:
    font = cjk_font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)
    small = ParagraphStyle("small", fontName=font, fontSize=7.5, leading=11)
    heading = ParagraphStyle(
        "heading", fontName=font, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4
    )
    story = [
        Paragraph(esc(f"{hall_name} 报装指标对比报告"), title),
        Paragraph(
            esc(
                f"统计区间：{zh_date(report.date_from)}至{zh_date(report.date_to)}受理的工单"
                f"　生成时间：{hall_time(report.generated_at):%Y-%m-%d %H:%M}"
            ),
            body,
        ),
        Spacer(1, 3 * mm),
        Paragraph("一、分单位、分业务的实测指标", heading),
        _indicator_table(report.rows, font),
    ]
    gas = [r for r in report.rows if r.target is not None]
    if gas:
        story += [Paragraph("二、与专项行动方案指标对比表对照", heading), _target_table(gas, font)]
    charted = [r for r in report.rows if r.workdays_mean is not None]
    if charted:
        story.append(
            KeepTogether(
                [
                    Paragraph("三、办结工作日与目标（不含暂停时间）", heading),
                    _chart(charted, font),
                ]
            )
        )
    notes = [
        "环节：工单实际经过的阶段数，按状态归为受理勘查（已受理、勘查中）、行政审批、"
        "外线施工、验收开通（验收中、已开通）；只统计已开通工单。",
        "工作日：受理日至开通日的工作日数（受理当日不计，次日开通为1），按法定节假日和调休安排；"
        "等待审批、施工或申请人补正的工作日为暂停时间，单列并从办结工作日中扣除。"
        "90%分位：至少九成工单不超过的最小值。",
        "时限内开通率：开通日不晚于承诺日期（含暂停顺延）的已开通工单占比。"
        "一次受理成功率：未被退回补正或不予受理的工单占全部受理工单的比例。"
        "满意度：申请人对窗口服务的评价（1–5分）均值，每次受理计一次。",
    ]
    if report.provisional_years:
        years = "、".join(str(y) for y in report.provisional_years)
        notes.append(f"{years}年放假安排尚未公布，工作日按法定节假日暂定计算。")
    story.append(Spacer(1, 3 * mm))
    story += [Paragraph(esc(n), small) for n in notes]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title="报装指标对比报告",
        author=hall_name,
        creator=f"OneWindow {__version__}",
        initialFontName=font,
        initialFontSize=9,
        invariant=True,
    )

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.setFont(font, 7.5)
        canvas.drawRightString(
            landscape(A4)[0] - 12 * mm, 6 * mm, f"第{page}页/共{pages}页　OneWindow {__version__}"
        )
        # A report from the training hall must not pass for a real hall's figures: the mark
        # across the page, and in the footer where it is read as text (a copy, a search).
        if training:
            canvas.drawString(12 * mm, 6 * mm, WATERMARK_TEXT)
            width, height = landscape(A4)
            draw_watermark(canvas, width, height, size=60)

    doc.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def _grid(font: str, header_rows: int = 1) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (2, header_rows), (-1, -1), "RIGHT"),
        ]
    )


def _indicator_table(rows: Sequence[IndicatorRow], font: str) -> Table:
    header = [
        "单位",
        "业务",
        "受理\n件数",
        STATUSES["connected"].zh,
        "环节\n平均/最多",
        "目标\n环节",
        "工作日\n平均",
        "工作日\n90%分位",
        "目标\n工作日",
        "暂停工作日\n平均",
        "时限内开通率",
        "一次受理成功率",
        "满意度\n（评价数）",
    ]
    data: list[list[str]] = [header]
    for r in rows:
        data.append(
            [
                utility_label(r.utility),
                service_label(r.service),
                str(r.tickets),
                str(r.connected),
                f"{_num(r.steps_mean)}/{_int(r.steps_max)}",
                str(r.target.steps) if r.target else DASH,
                _num(r.workdays_mean),
                _int(r.workdays_p90),
                str(r.target.workdays) if r.target else DASH,
                _num(r.paused_mean),
                _share(r.within_limit),
                _share(r.first_time),
                f"{_num(r.rating_mean)}（{r.ratings}）",
            ]
        )
    if len(data) == 1:
        data.append(["本区间没有受理的工单"] + [""] * (len(header) - 1))
    table = Table(data, repeatRows=1, hAlign="LEFT")
    style = _grid(font)
    if len(rows) == 0:
        style.add("SPAN", (0, 1), (-1, 1))
    table.setStyle(style)
    return table


def _target_table(rows: Sequence[IndicatorRow], font: str) -> Table:
    data = [["业务", "指标", "方案前现状", "目标（2022年12月）", "国内前沿水平", "本期实测"]]
    for r in rows:
        t = r.target
        assert t is not None  # only rows with a target are passed
        label = group_label(r)
        data.append(
            [
                label,
                "办理环节（个）",
                str(t.baseline_steps),
                str(t.steps),
                str(t.frontier_steps),
                f"平均 {_num(r.steps_mean)}，最多 {_int(r.steps_max)}",
            ]
        )
        data.append(
            [
                label,
                "办理时间（工作日）",
                str(t.baseline_workdays),
                str(t.workdays),
                str(t.frontier_workdays),
                f"平均 {_num(r.workdays_mean)}，90%分位 {_int(r.workdays_p90)}"
                f"（另暂停 {_num(r.paused_mean)}）",
            ]
        )
    table = Table(data, repeatRows=1, hAlign="LEFT")
    style = _grid(font)
    style.add("ALIGN", (2, 1), (4, -1), "CENTER")
    style.add("ALIGN", (5, 1), (5, -1), "LEFT")
    table.setStyle(style)
    sources = sorted({r.target.source for r in rows if r.target})
    return KeepTogether(
        [table, Spacer(1, 1 * mm)]
        + [
            Paragraph(
                esc(f"目标来源：{s}"),
                ParagraphStyle("src", fontName=font, fontSize=7.5, leading=11),
            )
            for s in sources
        ]
    )


def _chart(rows: Sequence[IndicatorRow], font: str) -> Drawing:
    width, height = 250 * mm, 70 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 15 * mm, 14 * mm
    chart.width, chart.height = width - 70 * mm, height - 22 * mm
    means = [r.workdays_mean or 0.0 for r in rows]
    p90s = [float(r.workdays_p90 or 0) for r in rows]
    # No bar where the plan sets no target: a bar at 0 would read as a target of 0 days.
    targets = [float(r.target.workdays) if r.target else None for r in rows]
    chart.data = [means, p90s, targets]
    chart.categoryAxis.categoryNames = [group_label(r) for r in rows]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max([*means, *p90s, *(t for t in targets if t is not None), 1.0])
    chart.valueAxis.valueMax = float(int(top) + 1)
    chart.valueAxis.valueStep = max(1.0, float(int((top + 1) / 6)))
    chart.barSpacing = 1
    chart.groupSpacing = 8
    for i, colour in enumerate(_SERIES_COLOURS):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 50 * mm, height - 12 * mm
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.colorNamePairs = list(
        zip(_SERIES_COLOURS, ["平均工作日", "90%分位工作日", "方案目标（仅供气新装）"], strict=True)
    )
    drawing.add(legend)
    drawing.add(String(15 * mm, 4 * mm, "工作日（不含暂停时间）", fontName=font, fontSize=8))
    return drawing
