"""After submit: the application number, each utility's committed date, the receipt as it
will print, printing, saving, the one-time notice, and the applicant's rating (好差评).

The receipt shown is the very PDF that prints and saves. The print layout (A4 or the 80 mm
roll) and the printer are remembered per workstation.

Signals: `rated(int)` once the rating is recorded.
"""

from __future__ import annotations

import html
import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from onewindow.clock import hall_date
from onewindow.desk import counter_work
from ui import i18n, look
from ui.pdf_preview import PdfPreview
from ui.print_service import LAYOUTS, PaperCopies
from ui.status_names import service_name, utility_name
from ui.tasks import Failure

if TYPE_CHECKING:
    from onewindow.desk.counter_work import Submitted
    from ui.shift import Shift


class VisitResult(QWidget):
    rated = Signal(int)
    receipt_ready = Signal()

    def __init__(
        self,
        shift: Shift,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitResult")
        self.shift = shift
        self.copies = PaperCopies(shift, self)
        # This workstation's receipt layout and printers: the very ones the copies use.
        self.print_settings = self.copies.settings
        self.copies.done.connect(self._copied)
        self.copies.failed.connect(self._copy_failed)
        self.submitted: Submitted | None = None
        # The previews show the next copies as they will print (补打 once one was made);
        # each copy itself is made by the core at the moment it prints.
        self.receipt_bytes: bytes | None = None
        self.notice_bytes: bytes | None = None

        row = QHBoxLayout(self)
        left = QVBoxLayout()
        row.addLayout(left, 5)
        self.previews = QTabWidget(self)
        self.previews.setObjectName("paperPreviews")
        self.preview = PdfPreview(self)
        self.notice_preview = PdfPreview(self)
        self.previews.addTab(self.preview, self.tr("受理回执"))
        self.previews.addTab(self.notice_preview, self.tr("一次性告知书"))
        row.addWidget(self.previews, 6)

        self.heading = QLabel(self.tr("受理成功 · 受理编号"), self)
        self.number = QLabel("", self)
        self.number.setObjectName("applicationNo")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.received = QLabel("", self)
        self.received.setObjectName("hint")
        left.addWidget(self.heading)
        left.addWidget(self.number)
        left.addWidget(self.received)
        self.lines = QVBoxLayout()
        left.addLayout(self.lines)
        self.missing = QLabel("", self)
        self.missing.setObjectName("dueNote")
        self.missing.setWordWrap(True)
        left.addWidget(self.missing)

        actions = QHBoxLayout()
        self.layout_combo = QComboBox(self)
        self.layout_combo.setObjectName("receiptLayout")
        self.layout_combo.addItem(self.tr("A4 纸"), "a4")
        self.layout_combo.addItem(self.tr("80 毫米热敏卷纸"), "roll80")
        self.layout_combo.setCurrentIndex(LAYOUTS.index(self.print_settings.layout))
        self.print_button = QPushButton(self.tr("打印 Ctrl+P"), self)
        self.print_button.setObjectName("primary")
        self.notice_button = QPushButton(self.tr("打印一次性告知书"), self)
        self.form_button = QPushButton(self.tr("打印申请表"), self)
        self.form_button.setObjectName("printApplicationForm")
        self.save_button = QPushButton(self.tr("另存为 PDF Ctrl+S"), self)
        for widget in (
            self.layout_combo,
            self.print_button,
            self.notice_button,
            self.form_button,
            self.save_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        left.addLayout(actions)
        self.status = QLabel("", self)
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        left.addWidget(self.status)

        left.addWidget(self._rating_box())
        left.addStretch(1)
        self.next_hint = QLabel(self.tr("下一位：按 Ctrl+N 开始新受理"), self)
        self.next_hint.setObjectName("hint")
        left.addWidget(self.next_hint)

        self.print_button.clicked.connect(self.print_all)
        self.notice_button.clicked.connect(self.print_notice)
        self.form_button.clicked.connect(self.print_application_form)
        self.save_button.clicked.connect(self.save_pdf)
        self.layout_combo.activated.connect(self._layout_picked)
        for keys, slot in (("Ctrl+P", self.print_all), ("Ctrl+S", self.save_pdf)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # Tab goes from printing to the rating, in the order the visit ends.
        chain: list[QWidget] = [
            self.print_button,
            self.notice_button,
            self.form_button,
            self.save_button,
            self.layout_combo,
            *self.rating_buttons.values(),
            self.comment,
            self.rate_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._set_print_enabled(False)

    def _rating_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("请申请人评价本次服务（好差评）"), self)
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.rating_group = QButtonGroup(self)
        labels = {
            1: self.tr("非常不满意"),
            2: self.tr("不满意"),
            3: self.tr("基本满意"),
            4: self.tr("满意"),
            5: self.tr("非常满意"),
        }
        self.rating_buttons: dict[int, QRadioButton] = {}
        for value in range(1, 6):
            button = QRadioButton(f"{value} {labels[value]}", box)
            button.setObjectName(f"rating_{value}")
            self.rating_group.addButton(button, value)
            self.rating_buttons[value] = button
            row.addWidget(button)
        column.addLayout(row)
        self.comment = QLineEdit(box)
        self.comment.setObjectName("ratingComment")
        self.comment.setPlaceholderText(self.tr("意见或建议（可选）"))
        self.comment.setMaxLength(500)
        column.addWidget(self.comment)
        buttons = QHBoxLayout()
        self.rate_button = QPushButton(self.tr("记录评价"), box)
        self.rate_button.setEnabled(False)
        self.rating_status = QLabel("", box)
        buttons.addWidget(self.rate_button)
        buttons.addWidget(self.rating_status, 1)
        column.addLayout(buttons)
        self.rating_group.idToggled.connect(lambda *_: self.rate_button.setEnabled(True))
        self.rate_button.clicked.connect(self.record_rating)
        self.comment.returnPressed.connect(self.record_rating)
        self.rating_box = box
        return box

    # Showing a visit.

    def show_visit(self, submitted: Submitted) -> None:
        self.submitted = submitted
        self.receipt_bytes = self.notice_bytes = None
        self.number.setText(submitted.application_no)
        self.received.setText(
            self.tr("受理时间 {0} {1}").format(
                i18n.long_date(hall_date(submitted.received_at)),
                i18n.clock_time(submitted.received_at),
            )
        )
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for line in submitted.lines:
            self.lines.addWidget(self._line_label(line))
        if submitted.missing:
            by_due: dict[Any, list[str]] = {}
            for material in submitted.missing:
                names = by_due.setdefault(material.due, [])
                if material.name not in names:
                    names.append(material.name)
            self.missing.setText(
                "\n".join(
                    self.tr("容缺补交（{0}前）：{1}").format(i18n.short_date(due), "、".join(names))
                    if due
                    else self.tr("容缺补交：{0}").format("、".join(names))
                    for due, names in by_due.items()
                )
            )
        else:
            self.missing.setText(self.tr("材料已齐全"))
        self.notice_button.setVisible(bool(submitted.missing))
        self.status.setText(self.tr("正在生成回执…"))
        for button in self.rating_buttons.values():
            button.setEnabled(True)
        self.rating_group.setExclusive(False)
        for button in self.rating_buttons.values():
            button.setChecked(False)
        self.rating_group.setExclusive(True)
        self.comment.clear()
        self.comment.setEnabled(True)
        self.rate_button.setEnabled(False)
        self.rating_status.setText("")
        self.preview.clear()
        self._set_print_enabled(False)
        self._load_receipt()
        self.print_button.setFocus()

    def _line_label(self, line: Any) -> QLabel:
        if line.due is None:
            when = self.tr("办结时间以供应单位答复为准")
        else:
            when = self.tr("承诺 {0} 前办结").format(i18n.long_date(line.due))
            if line.provisional:
                when += self.tr("（暂定：当年节假日安排尚未公布）")
        text = f"{utility_name(line.utility)} · {service_name(line.service)}　{when}"
        # The utility's accent as a mark before its line; the words carry the meaning.
        accent = look.UTILITY_COLOURS.get(line.utility, look.INK_COLOUR)
        label = QLabel(f'<span style="color:{accent}">■</span> {html.escape(text)}', self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setObjectName("committedDate")
        label.setWordWrap(True)
        label.setAccessibleName(text)
        return label

    def _set_print_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.save_button, self.notice_button, self.form_button):
            button.setEnabled(enabled)

    def _load_receipt(self) -> None:
        """Preview the receipt and, when something is to follow, the notice: the next copy
        of each as it will print."""
        if self.submitted is None:
            return
        hall, user_id = self.shift.hall, self.shift.user.user_id
        number = self.submitted.application_no
        fmt, with_notice = self.print_settings.layout, bool(self.submitted.missing)

        def previews() -> tuple[bytes, bytes | None]:
            receipt = counter_work.paper_preview(hall, user_id, number, "receipt", fmt)
            if not with_notice:
                return receipt, None
            return receipt, counter_work.paper_preview(hall, user_id, number, "notice", "a4")

        self.shift.tasks.run(previews, self._receipt_loaded, self._receipt_failed)

    def _receipt_loaded(self, data: Any) -> None:
        self.receipt_bytes, self.notice_bytes = data
        self.preview.show_pdf(self.receipt_bytes)
        if self.notice_bytes is None:
            self.notice_preview.clear()
        else:
            self.notice_preview.show_pdf(self.notice_bytes)
        self.previews.setTabVisible(1, self.notice_bytes is not None)
        if self.status.text() == self.tr("正在生成回执…"):
            self.status.setText("")
        self._set_print_enabled(True)
        self.receipt_ready.emit()

    def _receipt_failed(self, failure: Failure) -> None:
        self.status.setText(self.tr("回执生成失败：{0}").format(failure.message))

    def _layout_picked(self, index: int) -> None:
        layout = str(self.layout_combo.itemData(index))
        if layout == self.print_settings.layout:
            return
        self.print_settings.layout = layout
        self._set_print_enabled(False)
        self.status.setText(self.tr("正在生成回执…"))
        self._load_receipt()

    # Printing and saving: every copy through `PaperCopies`, counted at the moment it is made.

    def _copied(self, message: str) -> None:
        self.status.setText(message)
        self._load_receipt()  # the next copy says 补打: the previews show it so

    def _copy_failed(self, message: str) -> None:
        self.status.setText(message)
        self._load_receipt()

    def print_all(self) -> None:
        """Ctrl+P: the receipt and, when something is to follow, the one-time notice.

        On A4 both go in one job through one print dialog; the notice is A4 only, so after
        a receipt on the 80 mm roll a second dialog, titled for the notice, asks for the A4
        printer. Nothing is made or logged until a dialog is answered.
        """
        submitted = self.submitted
        if self.receipt_bytes is None or submitted is None:
            return
        fmt = self.print_settings.layout
        number = submitted.application_no
        if not submitted.missing:
            self.copies.print_papers(number, [("receipt", fmt)])
        elif fmt == "a4":
            self.copies.print_papers(number, [("receipt", "a4"), ("notice", "a4")])
        else:
            self.copies.print_papers(number, [("receipt", fmt)], then=self.print_notice)

    def print_notice(self) -> None:
        if self.submitted is None or not self.submitted.missing:
            return
        self.copies.print_papers(self.submitted.application_no, [("notice", "a4")])

    def print_application_form(self) -> None:
        """The combined form filled in, for the applicant's signature."""
        if self.submitted is None:
            return
        self.copies.print_papers(self.submitted.application_no, [("application_form", "a4")])

    def save_pdf(self) -> None:
        """Ctrl+S: the receipt as a PDF file — a copy, counted like a print."""
        if self.receipt_bytes is None or self.submitted is None:
            return
        self.copies.save_paper(self.submitted.application_no, "receipt", self.print_settings.layout)

    # Rating.

    def record_rating(self) -> None:
        value = self.rating_group.checkedId()
        if self.submitted is None or value not in range(1, 6):
            return
        hall, user_id = self.shift.hall, self.shift.user.user_id
        number = self.submitted.application_no
        comment = self.comment.text()
        self.rate_button.setEnabled(False)
        self.shift.tasks.run(
            lambda: counter_work.rate(hall, user_id, number, value, comment),
            self._rated,
            self._rating_failed,
        )

    def _rated(self, value: Any) -> None:
        for button in self.rating_buttons.values():
            button.setEnabled(False)
        self.comment.setEnabled(False)
        self.rating_status.setObjectName("fieldOk")
        self.rating_status.setText(self.tr("已记录评价：{0} 分").format(value))
        self.rated.emit(int(value))

    def _rating_failed(self, failure: Failure) -> None:
        self.rate_button.setEnabled(True)
        self.rating_status.setObjectName("fieldError")
        self.rating_status.setText(failure.message)
