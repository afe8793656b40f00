"""Typing as a clerk does, for widget tests: any text (Chinese too) through key events.

`qtbot.keyClicks` accepts ASCII only (Chinese aborts the process), so every character goes as
a QKeyEvent carrying its text, to whichever widget has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str) -> None:
    for char in text:
        target = focused()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = focused()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, ""))


class TabWalker:
    """Moves the focus with Tab and remembers every widget it passed, in order."""

    def __init__(self) -> None:
        self.visited: list[str] = [focused().objectName()]

    def to(self, name: str, limit: int = 15) -> QWidget:
        for _ in range(limit):
            if focused().objectName() == name:
                return focused()
            press(Qt.Key.Key_Tab)
            self.visited.append(focused().objectName())
        raise AssertionError(f"{name!r} not reached by Tab; passed {self.visited[-limit:]}")
