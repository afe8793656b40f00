"""Every screen without the mouse (issue 10.5): no invisible stops in the Tab chain, arrow
keys that never switch the screen, and a focus that can be seen on every kind of control."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.keyboard import focused, press
from tests.ui.ticket_fixtures import keep, settle
from ui import look
from ui.main_window import MainWindow
from ui.shift import Shift
from ui.tasks import TaskRunner
from ui.ticket_screens import TicketScreens


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    font = qapp.font()
    look.load_font(qapp)
    look.apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


@pytest.fixture
def window(
    qtbot: QtBot,
    shift: Shift,
    runner: TaskRunner,
    form_context: Any,
    styled: None,
) -> Iterator[MainWindow]:
    win = MainWindow(shift, form_context)
    keep(qtbot, win, runner)
    screens = TicketScreens(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    screens.delivery.stop()
    settle(qtbot, runner)


def visible_name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    return f"{type(widget).__name__}:{widget.objectName() or text}"


def test_applicant_kind_is_the_next_stop_and_arrows_stay_on_the_form(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.intake.form
    form.person.setFocus()
    qtbot.waitUntil(form.person.hasFocus)
    # Backwards from 个人: straight to the form's last control, nothing unseen in between.
    press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is form.consent, visible_name(focused())
    press(Qt.Key.Key_Tab)
    assert focused() is form.person
    press(Qt.Key.Key_Tab)
    assert focused() is form.name
    # From 个人 the arrow keys choose 单位 and back; the screen stays 受理.
    form.person.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
        press(key)
        assert window.tabs.currentWidget() is window.intake, key
        assert focused() in (form.person, form.organization)
    form.person.setFocus()
    press(Qt.Key.Key_Right)
    assert form.organization.isChecked() and focused() is form.organization


def test_no_focus_stop_without_a_visible_control(qtbot: QtBot, window: MainWindow) -> None:
    """A full round of Tab over the intake page lands only on things a clerk can see act."""
    form = window.intake.form
    form.name.setFocus()
    qtbot.waitUntil(form.name.hasFocus)
    invisible = []
    for _ in range(60):
        press(Qt.Key.Key_Tab)
        widget = focused()
        if widget is form.name:
            break
        editable = isinstance(widget, QLineEdit | QComboBox | QAbstractButton | QTableView)
        if not editable or not widget.isVisible():
            invisible.append(visible_name(widget))
    else:
        pytest.fail("Tab never came back to the name field")
    assert invisible == []


@pytest.mark.parametrize(
    "make",
    [
        lambda parent: QPushButton("保存", parent),
        lambda parent: _primary(parent),
        lambda parent: QCheckBox("申请人同意", parent),
        lambda parent: QRadioButton("单位", parent),
        lambda parent: QLineEdit("李娜", parent),
        lambda parent: QComboBox(parent),
        lambda parent: QTableView(parent),
    ],
    ids=["button", "primary", "check", "radio", "line", "combo", "table"],
)
def test_focus_is_visible_on_every_kind_of_control(qtbot: QtBot, styled: None, make: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    anchor = QLineEdit(host)
    column.addWidget(anchor)
    widget = make(host)
    column.addWidget(widget)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    anchor.setFocus()
    qtbot.waitUntil(anchor.hasFocus)
    before = widget.grab().toImage()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    after = widget.grab().toImage()
    assert _differing_pixels(before, after) > 40, "focus changes nothing one can see"


def _primary(parent: QWidget) -> QPushButton:
    button = QPushButton("登录", parent)
    button.setObjectName("primary")
    return button


def _differing_pixels(a: QImage, b: QImage) -> int:
    if a.size() != b.size():
        return a.width() * a.height()
    return sum(
        1
        for y in range(0, a.height(), 1)
        for x in range(0, a.width(), 1)
        if a.pixel(x, y) != b.pixel(x, y)
    )
