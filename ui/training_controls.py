"""What a trainer drives in training mode: the pace of the simulated utilities and a utility
out of service (培训设置, beside the training band), and a scenario for one ticket (培训场景,
in the ticket's detail pane). The core refuses all of it outside training mode and audits it
(onewindow.exchange.training_scenarios); these widgets only exist in training mode.

Stable object names, for the tests that walk a trainee's day: `trainingSettings` with the
actions `pace_<name>` and `utility_down_<utility>`; `trainingScenarios` with `scenario_<name>`.

`TrainingControls.acted` fires after anything went through that the delivery loop should look
at now rather than at its next poll (ui.app wakes the loop with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from onewindow.codes import FINAL_STATUSES, TRAINING_PACES, TRAINING_SCENARIOS, Text
from onewindow.config import TRAINING_PACE_SECONDS, UTILITIES
from onewindow.desk import training_work
from ui import i18n, look
from ui.status_names import utility_name
from ui.tasks import Failure
from ui.training_pace import PACE_KEY

if TYPE_CHECKING:
    from onewindow.exchange.training_scenarios import SimulatorStates
    from onewindow.tickets.queries import TicketDetail
    from ui.main_window import MainWindow
    from ui.ticket_detail import TicketDetailPane


class TrainingControls(QObject):
    """The 培训设置 button of a main window in training mode and what it does."""

    acted = Signal()

    def __init__(self, window: MainWindow, parent: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.button = QPushButton(self.tr("培训设置"), parent)
        self.button.setObjectName("trainingSettings")
        self.button.setToolTip(
            self.tr("模拟单位的办理节奏；让某个模拟单位停止服务（Ctrl+Shift+T）")
        )
        # Not a stop in the Tab chain (a clerk tabs from the form's last field back to its
        # first); the keyboard opens it with Ctrl+Shift+T instead.
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.shortcut = QAction(self.tr("培训设置"), window)
        self.shortcut.setObjectName("trainingSettingsShortcut")
        self.shortcut.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.shortcut.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.triggered.connect(self.button.showMenu)
        window.addAction(self.shortcut)
        self.menu = QMenu(self.button)
        self.menu.setObjectName("trainingSettingsMenu")
        self.button.setMenu(self.menu)

        # What the trainer changed in this window (a pace, a utility): not overwritten by
        # the simulators' state read at start-up.
        self._touched: set[str] = set()
        self.menu.addSection(self.tr("办理节奏"))
        group = QActionGroup(self.menu)
        self.pace_actions: dict[str, QAction] = {}
        # The pace the simulators run at, as far as this window knows.
        self.pace = current = window.shift.hall.config.training_pace
        for name in TRAINING_PACE_SECONDS:
            action = self.menu.addAction(i18n.text(TRAINING_PACES[name]))
            action.setObjectName(f"pace_{name}")
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, n=name: self.set_pace(n))
            self.pace_actions[name] = action

        self.menu.addSection(self.tr("模拟单位"))
        self.down_actions: dict[str, QAction] = {}
        for utility in UTILITIES:
            action = self.menu.addAction(self.tr("{0}停止服务").format(utility_name(utility)))
            action.setObjectName(f"utility_down_{utility}")
            action.setCheckable(True)
            action.setToolTip(self.tr("勾选后该模拟单位拒绝一切请求，取消勾选即恢复"))
            action.toggled.connect(lambda down, u=utility: self.set_down(u, down))
            self.down_actions[utility] = action

        # What the simulators are doing now: after 换人 a new window must show what the last
        # one set. If they cannot be asked, the menu shows the start-up state.
        hall = window.shift.hall
        window.shift.tasks.run(
            lambda: training_work.states(hall), self._show_states, lambda _f: None
        )

    def _show_states(self, states: SimulatorStates) -> None:
        for utility, down in states.down.items():
            if utility in self._touched:
                continue  # the trainer chose meanwhile: that choice stands
            action = self.down_actions[utility]
            action.blockSignals(True)
            action.setChecked(down)
            action.blockSignals(False)
        if states.pace is not None and "pace" not in self._touched:
            self.pace = states.pace
            self.pace_actions[states.pace].setChecked(True)

    def strip(self, parent: QWidget) -> QWidget:
        """The training band with this button at its end."""
        row = QWidget(parent)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(0)
        line.addWidget(look.training_band(row), 1)
        self.button.setParent(row)
        line.addWidget(self.button)
        return row

    def set_pace(self, name: str) -> None:
        self._touched.add("pace")
        hall, user_id = self.window.shift.hall, self.window.shift.user.user_id

        def done(said: Text) -> None:
            self.pace = name
            self.window.shift.settings.setValue(PACE_KEY, name)
            self.window.statusBar().showMessage(i18n.text(said), 10_000)

        def failed(failure: Failure) -> None:
            self.pace_actions[self.pace].setChecked(True)  # still the pace in force
            self._failed(failure)

        self.window.shift.tasks.run(lambda: training_work.pace(hall, user_id, name), done, failed)

    def set_down(self, utility: str, down: bool) -> None:
        self._touched.add(utility)
        hall, user_id = self.window.shift.hall, self.window.shift.user.user_id
        action = self.down_actions[utility]

        def done(said: Text) -> None:
            self.window.statusBar().showMessage(i18n.text(said), 10_000)
            self.acted.emit()

        def failed(failure: Failure) -> None:
            # The utility is as it was: the tick says so again.
            action.blockSignals(True)
            action.setChecked(not down)
            action.blockSignals(False)
            self._failed(failure)

        self.window.shift.tasks.run(
            lambda: training_work.utility_down(hall, user_id, utility, down), done, failed
        )

    def _failed(self, failure: Failure) -> None:
        self.window.report_failure(failure.message)


class ScenarioButton(QPushButton):
    """培训场景 in a ticket's detail pane: make something happen to this ticket."""

    def __init__(self, pane: TicketDetailPane, detail: TicketDetail, parent: QWidget) -> None:
        super().__init__(self.tr("培训场景"), parent)
        self.pane = pane
        self.ticket_id = detail.ticket_id
        self.setObjectName("trainingScenarios")
        # A closed ticket has nothing left to practise (the core says so too).
        self.setEnabled(detail.status not in FINAL_STATUSES)
        self.setToolTip(self.tr("培训模式：让受理单位拒绝撤销、退回补正、不予受理，或使工单超期"))
        menu = QMenu(self)
        menu.setObjectName("trainingScenariosMenu")
        self.actions_by_name: dict[str, QAction] = {}
        for name, label in TRAINING_SCENARIOS.items():
            action = menu.addAction(i18n.text(label))
            action.setObjectName(f"scenario_{name}")
            action.triggered.connect(lambda _=False, n=name: self.run_scenario(n))
            self.actions_by_name[name] = action
        self.setMenu(menu)

    def run_scenario(self, name: str) -> None:
        pane, ticket_id = self.pane, self.ticket_id
        hall, user_id = pane.shift.hall, pane.shift.user.user_id

        def done(said: Text) -> None:
            pane.message.emit(i18n.text(said))
            pane.changed.emit(ticket_id)
            pane.show_ticket(ticket_id)
            # In the main window: the delivery loop reads what the utility just did.
            controls = getattr(pane.window(), "training", None)
            if isinstance(controls, TrainingControls):
                controls.acted.emit()

        def failed(failure: Failure) -> None:
            pane.failed.emit(failure.message)
            # Shown again as it now is (this button may be gone by then: never touch it here).
            pane.reload()

        self.setEnabled(False)
        pane.shift.tasks.run(
            lambda: training_work.scenario(hall, user_id, ticket_id, name), done, failed
        )
