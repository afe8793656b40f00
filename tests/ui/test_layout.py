"""No clipped text: at the counter's 1366×768, in both languages, every button, check box and
unwrapped label on the intake screens is as wide as its text needs."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from onewindow.desk import counter_work
from ui import i18n, look
from ui.main_window import MainWindow


def clipped(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() == 0:
            continue
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
    qtbot, qapp, ui_hall, clerk, runner, settings, form_context, samples, language
):
    i18n.install(qapp, language)
    try:
        win = MainWindow(ui_hall, clerk, runner, settings, form_context)
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
        dialog.set_opened(Opened(ui_hall.with_config(replace(ui_hall.config, training=True)), None))
        qtbot.waitExposed(dialog)
        settle()
        assert clipped(dialog) == []
    finally:
        i18n.install(qapp, i18n.ZH)
