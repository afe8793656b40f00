"""No clipped text: at the counter's 1366×768, in both languages, every button, check box and
unwrapped label is as wide as its text needs, every table header shows its whole name, no input
is squashed below its height, and an English screen shows no Chinese of its own (issue 10.9)."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from onewindow.desk import counter_work
from tests.ui import ticket_fixtures
from ui import i18n, look
from ui.main_window import MainWindow

desk = ticket_fixtures.desk


def clipped(root: QWidget) -> list[str]:
    found = []
    layout = root.layout()
    if layout is not None:
        needed = max(layout.totalMinimumSize().height(), layout.totalHeightForWidth(root.width()))
        if root.height() + 1 < needed:
            found.append(f"{type(root).__name__} squashed: {root.height()} < {needed}")
    inputs = [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, QLineEdit | QComboBox)
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
        and w.isVisibleTo(root)
        and w.width() > 0
    ]
    for i, first in enumerate(inputs):
        where = first.geometry().translated(first.parentWidget().mapTo(root, QPoint(0, 0)))
        for second in inputs[i + 1 :]:
            other = second.geometry().translated(second.parentWidget().mapTo(root, QPoint(0, 0)))
            if where.intersects(other) and second.parentWidget() is not first:
                found.append(f"{first.objectName()!r} overlaps {second.objectName()!r}")
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() == 0:
            continue
        if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            for section in range(widget.count()):
                if widget.isSectionHidden(section):
                    continue
                name = model.headerData(section, Qt.Orientation.Horizontal)
                if widget.sectionSize(section) + 1 < widget.sectionSizeHint(section):
                    found.append(f"header {name!r}: {widget.sectionSize(section)} < "
                                 f"{widget.sectionSizeHint(section)}")  # fmt: skip
            continue
        inner = isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)
        if (
            isinstance(widget, QLineEdit | QComboBox)
            and not inner  # an editable combo's or a spin box's own editor sits inside it
            and widget.height() + 1 < widget.minimumSizeHint().height()
        ):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} squashed: "
                         f"{widget.height()} < {widget.minimumSizeHint().height()}")  # fmt: skip
        if isinstance(widget, QLabel) and (widget.wordWrap() or widget.pixmap().isNull() is False):
            continue
        if not isinstance(widget, QAbstractButton | QLabel):
            continue
        text = widget.text()
        if text and widget.width() + 1 < widget.minimumSizeHint().width():
            found.append(f"{type(widget).__name__} {text!r}: {widget.width()} < "
                         f"{widget.minimumSizeHint().width()}")  # fmt: skip
    return found


@pytest.fixture(autouse=True)
def styled(qapp):
    """The bundled font and the style sheet, as the client runs (bigger titles, padding)."""
    font = qapp.font()
    look.load_font(qapp)
    look.apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def settle() -> None:
    """Run pending layouts and deletions (rebuilt checklists leave their old boxes behind)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


@pytest.mark.parametrize("language", [i18n.ZH, i18n.EN])
def test_nothing_is_clipped_on_the_intake_screens(
    qtbot, qapp, ui_hall, clerk, shift, form_context, samples, language
):
    i18n.install(qapp, language)
    try:
        win = MainWindow(shift, form_context)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        form = win.intake.form
        form.organization.setChecked(True)
        for card in form.cards.values():
            card.tick.setChecked(True)
        form.cards["gas"].external_works.setChecked(True)
        form.request_submit()  # shows every message
        qtbot.waitExposed(win)
        settle()
        assert clipped(win) == []

        sample = json.loads((samples / "gas-water-power-organization.json").read_text("utf-8"))
        submitted = counter_work.submit(ui_hall, clerk.user_id, sample)
        with qtbot.waitSignal(win.intake.result.receipt_ready, timeout=20_000):
            win.intake.stack.setCurrentWidget(win.intake.result)
            win.intake.result.show_visit(submitted)
        settle()
        assert clipped(win) == []

        win.lock()
        settle()
        assert clipped(win) == []
    finally:
        i18n.install(qapp, i18n.ZH)


@pytest.mark.parametrize("language", [i18n.ZH, i18n.EN])
def test_nothing_is_clipped_in_the_sign_in_window(qtbot, qapp, ui_hall, runner, settings, language):
    from dataclasses import replace

    from onewindow.desk.counter_work import Opened
    from ui.sign_in import SignInDialog

    i18n.install(qapp, language)
    try:
        dialog = SignInDialog(runner, settings)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        # As at start-up: the window shows, then the hall opens behind it and adds the
        # training band and the account hint, which must not squash the fields.
        opened = Opened(ui_hall.with_config(replace(ui_hall.config, training=True)), None)
        opened.training_accounts = True
        dialog._hall_opened(opened)
        settle()
        assert clipped(dialog) == []
    finally:
        i18n.install(qapp, i18n.ZH)


_CJK = re.compile("[\u3400-\u9fff]")


def chinese_of_its_own(root: QWidget, data: set[str]) -> list[str]:
    """Visible texts with Chinese in them that are not data (a name, an address…)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton | QLabel):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QLineEdit):
            texts = [widget.placeholderText()]
        else:
            continue
        for text in texts:
            rest = text
            for value in data:
                rest = rest.replace(value, "")
            if _CJK.search(rest):
                found.append(f"{type(widget).__name__} {text!r}")
    return found


@pytest.mark.parametrize("language", [i18n.ZH, i18n.EN])
def test_nothing_is_clipped_on_the_ticket_screens(
    qtbot, qapp, shift, runner, form_context, desk, language
):
    from ui.ticket_screens import TicketScreens

    i18n.install(qapp, language)
    try:
        win = MainWindow(shift, form_context)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        screens = TicketScreens(win)
        page = screens.tickets
        qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10_000)
        win.show_page("tickets")
        page.browser.table.selectRow(0)
        qtbot.waitUntil(lambda: page.browser.detail.detail is not None, timeout=10_000)
        win.report_failure("x")
        # Opening the page queries the list again: measure once every answer is in.
        qtbot.waitUntil(lambda: not runner.busy and not page.model.loading, timeout=10_000)
        settle()
        assert clipped(win) == []
        if language == i18n.EN:
            names = {"张伟", "灵宝市水电气共享营业厅", "示例"}
            rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
            names |= {r.applicant_name for r in rows if r is not None}
            detail = page.browser.detail.detail
            names |= {detail.site_address, detail.applicant_name}
            assert chinese_of_its_own(win, names) == []
        screens.delivery.stop()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    finally:
        i18n.install(qapp, i18n.ZH)


def test_switching_to_english_at_sign_in_translates_what_already_shows(
    qtbot, qapp, ui_hall, runner, settings
):
    """The training band and the account hint were shown in Chinese; the clerk picks
    English: they follow, and the longer English title does not squash the fields."""
    from dataclasses import replace

    from onewindow.desk.counter_work import Opened
    from ui.sign_in import SignInDialog

    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    training = ui_hall.with_config(replace(ui_hall.config, training=True))
    opened = Opened(training, None)
    opened.training_accounts = True
    dialog._hall_opened(opened)
    qtbot.waitExposed(dialog)
    settle()
    assert "培训" in dialog.band.text() and "培训账户" in dialog.message.text()
    try:
        dialog.language.setCurrentIndex(dialog.language.findData(i18n.EN))
        settle()
        assert chinese_of_its_own(dialog, {"灵宝市水电气共享营业厅", "中文"}) == []
        assert clipped(dialog) == []
    finally:
        i18n.install(qapp, i18n.ZH)


def test_qts_own_dialogs_speak_chinese(qtbot, qapp):
    """The file and print dialogs Qt draws: no English label left in the Chinese interface."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog

    from ui.qt_words import QT_GAPS

    i18n.install(qapp, i18n.ZH)
    for context, source in QT_GAPS:
        assert _CJK.search(QCoreApplication.translate(context, source)), (context, source)
    files = QFileDialog(None, "保存")
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    printer = QPrinter()
    printing = QPrintDialog(printer)
    for dialog in (files, printing):
        qtbot.addWidget(dialog)
        english = [
            widget.text()
            for widget in dialog.findChildren(QWidget)
            if isinstance(widget, QAbstractButton | QLabel)
            and re.search("[A-Za-z]{2}", widget.text()) and not _CJK.search(widget.text())
            and "/" not in widget.text()
        ]  # fmt: skip
        assert english == [], type(dialog).__name__
