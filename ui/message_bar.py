"""A failure said where the clerk is looking, until dismissed (issue 10.7).

The status bar's ten seconds are easy to miss while the clerk talks to the applicant: an
action that did not go through puts its reason in a red bar across the top of the work area,
with the word "未完成" before it, and the bar stays until the clerk closes it (× or Esc) or a
newer failure replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class MessageBar(QFrame):
    """Signals: `dismissed()` when the clerk closes it."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 6, 8, 6)
        self.text = QLabel(self)
        self.text.setObjectName("messageBarText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.text, 1)
        self.close_button = QPushButton(self.tr("知道了 ×"), self)
        self.close_button.setObjectName("messageBarClose")
        self.close_button.setToolTip(self.tr("关闭这条提示（Esc）"))
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.activated.connect(self.dismiss)
        self.escape.setEnabled(False)
        self.hide()

    def show_failure(self, message: str) -> None:
        self.text.setText(self.tr("未完成：{0}").format(message))
        self.setAccessibleDescription(self.text.text())
        self.escape.setEnabled(True)
        self.show()

    def dismiss(self) -> None:
        if self.isHidden():
            return
        self.hide()
        self.escape.setEnabled(False)
        self.dismissed.emit()
