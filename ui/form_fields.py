"""A form field as the counter shows it: the editor, a green tick when right, a red line when not.

`FieldBox` wraps one or more editors; `show_error(text)` puts the message under them,
`show_ok(bool)` the tick beside them. `FieldBox.touched` becomes True once the clerk has
typed in it or left it, so an empty new form is not a wall of red.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

TICK = "✓"


class FieldBox(QWidget):
    """Emits `edited` when the clerk changes the value (after which it counts as touched)."""

    edited = Signal()

    def __init__(
        self,
        path: str,
        editors: list[QWidget],
        parent: QWidget | None = None,
        *,
        stretch: tuple[int, ...] | None = None,
        tick: bool = True,
    ) -> None:
        """`tick=False` for fields that show their own state (a check box, a checklist)."""
        super().__init__(parent)
        self.path = path
        self.editors = editors
        self.touched = False
        self.invalid = False
        self.setObjectName(f"field:{path}")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for index, editor in enumerate(editors):
            editor.setParent(self)
            row.addWidget(editor, stretch[index] if stretch else 1)
            editor.installEventFilter(self)
        self.wants_tick = tick
        self.tick = QLabel("", self)
        self.tick.setObjectName("fieldOk")
        self.tick.setFixedWidth(18)
        row.addWidget(self.tick)
        column.addLayout(row)
        self.error = QLabel("", self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.error.hide()
        column.addWidget(self.error)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Leaving a field is when its problems should show, typed in or not.
        if event.type() == QEvent.Type.FocusOut and watched in self.editors and not self.touched:
            self.touched = True
            self.edited.emit()
        return False

    def mark_edited(self, *_args: Any) -> None:
        self.touched = True
        self.edited.emit()

    def _mark_invalid(self, invalid: bool) -> None:
        # The state is kept here, not read back with QObject.property(): in PySide6 6.12
        # reading a property that was never set drops a reference to None each time, and a
        # day of typing would crash the client. Re-polishing only on a change also keeps
        # typing fast.
        if invalid == self.invalid:
            return
        self.invalid = invalid
        for editor in self.editors:
            editor.setProperty("invalid", invalid)
            editor.style().unpolish(editor)
            editor.style().polish(editor)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.tick.setText("")
        self._mark_invalid(bool(text))

    def show_ok(self, ok: bool) -> None:
        ok = ok and self.wants_tick
        self.tick.setText(TICK if ok else "")
        self.tick.setAccessibleName(self.tr("正确") if ok else "")
        if ok:
            self.error.hide()
            self._mark_invalid(False)
