"""The 受理 page: the combined form, and after submit the visit's result, one visit at a time.

The core's context (materials catalogue, SLA policy, working-day calendar) is loaded on the
worker and refreshed at every new visit, so an administrator's change reaches the counter at
the next applicant. Checking the form is pure and fast, so it runs as the clerk types.

Signals: `submitted(Submitted)` after the core saved an application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from onewindow.clock import hall_date
from onewindow.desk import counter_work
from ui.intake_form import IntakeForm
from ui.tasks import Failure
from ui.visit_result import VisitResult

if TYPE_CHECKING:
    from onewindow.desk.counter_work import Submitted
    from onewindow.hall import Context
    from onewindow.intake.form import CheckResult
    from ui.shift import Shift


class DiscardDialog:
    """Asks before a half-filled form is thrown away; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("DiscardDialog", "开始新受理"),
            QCoreApplication.translate("DiscardDialog", "当前表单还没有提交，清空并开始新受理吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class IntakePage(QWidget):
    submitted = Signal(object)

    def __init__(
        self,
        shift: Shift,
        context: Context,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shift = shift
        self.context = context
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel("", self)
        self.notice.setObjectName("errorSummary")
        self.notice.setWordWrap(True)
        self.notice.hide()
        column.addWidget(self.notice)
        self.stack = QStackedWidget(self)
        column.addWidget(self.stack, 1)
        self.form = IntakeForm(context.catalogue, self.check, self.stack)
        self.result = VisitResult(shift, self.stack)
        self.stack.addWidget(self.form)
        self.stack.addWidget(self.result)
        self.form.submit_requested.connect(self.submit)
        self._update_due()
        self._submitting = False

    def check(self, data: dict[str, Any]) -> CheckResult:
        from onewindow.intake.form import check_form

        return check_form(
            data, today=hall_date(self.shift.hall.now()), catalogue=self.context.catalogue
        )

    def _update_due(self) -> None:
        from onewindow.clocks.sla import supplement_due

        self.form.set_supplement_due(
            supplement_due(self.shift.hall.now(), self.context.policy, self.context.calendar)
        )

    def new_visit(self) -> None:
        """Ctrl+N: an empty form with the cursor in the applicant's name."""
        on_form = self.stack.currentWidget() is self.form
        if on_form and self.form.dirty and not DiscardDialog.ask(self):
            return
        self.notice.hide()
        self.stack.setCurrentWidget(self.form)
        self.form.clear()
        hall = self.shift.hall
        self.shift.tasks.run(lambda: counter_work.form_context(hall), self._context_loaded)

    def _context_loaded(self, context: Any) -> None:
        if context.catalogue != self.context.catalogue:
            self.form.set_catalogue(context.catalogue)
        self.context = context
        self._update_due()

    def restore_focus(self) -> None:
        widget = self.stack.currentWidget()
        if widget is self.form:
            self.form.name.setFocus()
        else:
            self.result.print_button.setFocus()

    def submit(self, data: dict[str, Any]) -> None:
        if self._submitting:
            return
        self._submitting = True
        self.form.submit_button.setEnabled(False)
        hall, user_id = self.shift.hall, self.shift.user.user_id
        self.shift.tasks.run(
            lambda: counter_work.submit(hall, user_id, data), self._done, self._failed
        )

    def _done(self, submitted: Any) -> None:
        self._submitting = False
        self.stack.setCurrentWidget(self.result)
        self.result.show_visit(submitted)
        self.submitted.emit(submitted)

    def _failed(self, failure: Failure) -> None:
        self._submitting = False
        errors = getattr(failure.exception, "errors", None)
        if errors:
            self.form.reveal_all = True
            self.form.show_errors(tuple(errors))
        else:
            self.form.submit_button.setEnabled(self.form.valid)
        self.notice.setText(self.tr("没有提交：{0}").format(failure.message))
        self.notice.show()


__all__ = ["DiscardDialog", "IntakePage", "Submitted"]
