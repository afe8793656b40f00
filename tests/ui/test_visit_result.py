"""After submit: the number, the receipt as it prints, printing, saving, and the rating."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from onewindow.desk import counter_work
from onewindow.store.models import Application, AuditEvent, PrintRecord
from ui.print_service import PrintDialog, PrintSettings, SaveDialog
from ui.visit_result import VisitResult

A4_WIDTH_PT = 595.3
ROLL_WIDTH_PT = 226.8


@pytest.fixture
def submitted(ui_hall, clerk, samples):
    form = json.loads((samples / "gas-water-power-organization.json").read_text("utf-8"))
    return counter_work.submit(ui_hall, clerk.user_id, form)


@pytest.fixture
def result(qtbot, shift, submitted):
    view = VisitResult(shift)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.receipt_ready, timeout=20_000):
        view.show_visit(submitted)
    return view


class Jobs(list):
    """Print jobs written to PDF files, and the title of each print dialog asked."""

    titles: list[str]


@pytest.fixture
def printed(monkeypatch, tmp_path):
    """The print dialog answered OK, each job going to a PDF file instead of paper."""
    files = Jobs()
    files.titles = []

    def accept(cls, printer: QPrinter, parent, title: str) -> bool:
        files.titles.append(title)
        path = tmp_path / f"job-{len(files) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        files.append(path)
        return True

    monkeypatch.setattr(PrintDialog, "ask", classmethod(accept))
    return files


def test_shows_the_number_each_committed_date_and_the_receipt(result, submitted):
    assert result.number.text() == submitted.application_no
    lines = [result.lines.itemAt(i).widget().accessibleName() for i in range(result.lines.count())]
    assert len(lines) == 3
    assert any(line.startswith("供气 · 新装") and "承诺" in line for line in lines)
    assert "营业执照" in result.missing.text() and "容缺补交（12月4日前）" in result.missing.text()
    assert result.preview.page_count >= 1
    assert result.receipt_bytes.startswith(b"%PDF")
    assert result.notice_button.isVisibleTo(result)


def print_records(ui_hall) -> list[tuple[str, int]]:
    with ui_hall.unit() as (session, _):
        return sorted((p.kind, p.reprint_no) for p in session.query(PrintRecord))


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_ctrl_p_prints_the_receipt_and_the_notice_in_one_job(
    qtbot, result, runner, printed, ui_hall
):
    assert print_records(ui_hall) == [], "a preview is not a print"
    previewed = result.receipt_bytes
    with qtbot.waitSignal(result.receipt_ready, timeout=20_000):
        qtbot.keyClick(result.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.titles == ["打印受理回执和一次性告知书（A4）"], "one dialog, saying what"
    job = PdfReader(io.BytesIO(printed[0].read_bytes()))
    receipt_pages = len(PdfReader(io.BytesIO(result.receipt_bytes)).pages)
    assert len(job.pages) > receipt_pages, "the notice follows the receipt"
    assert all(abs(float(page.mediabox.width) - A4_WIDTH_PT) < 2 for page in job.pages)
    assert "已送打印机" in result.status.text()
    assert print_records(ui_hall) == [("notice", 0), ("receipt", 0)]
    # The preview now shows what a further Ctrl+P would print: a copy marked 补打.
    assert "补打" not in text_of(previewed)
    assert "补打" in text_of(result.receipt_bytes)


def test_after_a_roll_receipt_the_notice_asks_for_an_a4_printer(
    qtbot, result, runner, printed, settings
):
    with qtbot.waitSignal(result.receipt_ready, timeout=20_000):
        result.layout_combo.setCurrentIndex(1)
        result.layout_combo.activated.emit(1)
    qtbot.keyClick(result.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 2 and not runner.busy, timeout=20_000)
    assert printed.titles == ["打印受理回执（80毫米卷纸）", "打印一次性告知书（A4）"]
    qtbot.waitUntil(lambda: printed[1].exists(), timeout=20_000)
    roll = PdfReader(io.BytesIO(printed[0].read_bytes())).pages[0]
    notice = PdfReader(io.BytesIO(printed[1].read_bytes())).pages[0]
    assert abs(float(roll.mediabox.width) - ROLL_WIDTH_PT) < 2
    assert abs(float(notice.mediabox.width) - A4_WIDTH_PT) < 2


def test_receipts_and_notices_each_go_to_their_remembered_printer(
    qtbot, result, runner, printed, monkeypatch, settings
):
    keys: list[str] = []
    chosen = result.print_settings.printer
    monkeypatch.setattr(
        result.print_settings, "printer", lambda key: keys.append(key) or chosen(key)
    )
    result.print_all()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    result.print_notice()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert keys == [PrintSettings.RECEIPT, PrintSettings.A4]

    class Named:
        def printerName(self) -> str:
            return "Counter-3-Roll"

    result.print_settings.remember(PrintSettings.RECEIPT, Named())
    assert settings.value("print/printer") == "Counter-3-Roll"
    assert result.print_settings.printer_name(PrintSettings.A4) == ""


def test_save_as_pdf_is_a_copy_counted_like_a_print(
    qtbot, result, runner, monkeypatch, tmp_path, ui_hall
):
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, parent, suggested: str(target)))
    with qtbot.waitSignal(result.receipt_ready, timeout=20_000):
        qtbot.keyClick(result.print_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert str(target) in result.status.text()
    assert target.read_bytes().startswith(b"%PDF") and "补打" not in text_of(target.read_bytes())
    assert print_records(ui_hall) == [("receipt", 0)]
    with ui_hall.unit() as (session, _):
        event = session.query(AuditEvent).filter_by(action="receipt.print").one()
        assert event.details["via"] == "pdf"
    # The preview now shows the next copy, a reprint.
    assert "补打（第1次）" in text_of(result.receipt_bytes)


def test_the_notice_is_previewed_like_the_receipt(result):
    assert result.previews.isTabVisible(1)
    assert result.notice_preview.page_count == 1
    assert "一次性告知书" in text_of(result.notice_bytes)


def test_the_application_form_button_prints_the_form_on_one_a4_page(
    qtbot, result, runner, printed, ui_hall
):
    with qtbot.waitSignal(result.receipt_ready, timeout=20_000):
        qtbot.mouseClick(result.form_button, Qt.MouseButton.LeftButton)
    assert printed.titles == ["打印报装申请表（A4）"]
    job = PdfReader(io.BytesIO(printed[0].read_bytes()))
    assert len(job.pages) == 1
    assert abs(float(job.pages[0].mediabox.width) - A4_WIDTH_PT) < 2
    assert print_records(ui_hall) == [("application_form", 0)]


def test_the_roll_layout_is_remembered_for_the_workstation(qtbot, result, settings):
    with qtbot.waitSignal(result.receipt_ready, timeout=20_000):
        result.layout_combo.setCurrentIndex(1)
        result.layout_combo.activated.emit(1)
    assert settings.value("print/layout") == "roll80"
    page = PdfReader(io.BytesIO(result.receipt_bytes)).pages[0]
    assert abs(float(page.mediabox.width) - ROLL_WIDTH_PT) < 2


def test_the_rating_is_recorded_once(qtbot, result, runner, ui_hall, submitted):
    assert not result.rate_button.isEnabled()
    result.rating_buttons[4].setChecked(True)
    result.comment.setText("很快，谢谢")
    with qtbot.waitSignal(result.rated, timeout=10_000) as rated:
        qtbot.keyClick(result.comment, Qt.Key.Key_Return)
    assert rated.args == [4]
    assert result.rating_status.text() == "已记录评价：4 分"
    assert not result.rating_buttons[5].isEnabled()
    with ui_hall.unit() as (session, _):
        application = session.query(Application).one()
        assert (application.rating, application.rating_comment) == (4, "很快，谢谢")
        assert session.query(AuditEvent).filter_by(action="application.rate").count() == 1


def test_tab_goes_from_printing_to_the_rating(qtbot, result):
    result.print_button.setFocus()
    order = [result.print_button.objectName() or "print"]
    widget = result.print_button
    for _ in range(6):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisibleTo(
            result
        ):
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[1:5] == [
        result.notice_button,
        result.form_button,
        result.save_button,
        result.layout_combo,
    ]
    assert order[5] is result.rating_buttons[1]


def test_the_printed_receipt_is_the_previewed_document(qtbot, result, runner, printed, ui_hall):
    """At the same moment, the copy that prints is the very document previewed."""
    previewed = result.receipt_bytes
    copy, notice = counter_work.paper_copies(
        ui_hall,
        result.shift.user.user_id,
        result.submitted.application_no,
        (("receipt", "a4"), ("notice", "a4")),
        "print",
    )
    assert copy == previewed and notice == result.notice_bytes


def test_cancelling_the_print_dialog_logs_nothing(qtbot, result, runner, monkeypatch, ui_hall):
    monkeypatch.setattr(PrintDialog, "ask", classmethod(lambda cls, printer, parent, title: False))
    qtbot.keyClick(result.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not runner.busy
    assert print_records(ui_hall) == []
