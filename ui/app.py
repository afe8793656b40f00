"""The desktop client: from `onewindow` with no command to the main window, and a clean exit.

The sign-in window shows before anything heavy is imported; the database opens (and its
schema upgrades) on the worker while the clerk types. After sign-in: the main window, the
idle lock, and the delivery loop on its own thread. On quit every thread is stopped and
waited for, and the database closed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from onewindow.codes import TRAINING_PACES
from ui import i18n, look
from ui.refcount_guard import protect_singletons
from ui.sign_in import SignInDialog
from ui.single_instance import SingleInstance, instance_key
from ui.tasks import Failure, TaskRunner
from ui.ticket_events import TicketEvents
from ui.training_pace import is_pace, remembered_pace

if TYPE_CHECKING:
    from onewindow.desk.counter_work import Opened, SignedIn
    from onewindow.hall import Hall
    from ui.delivery_thread import DeliveryThread
    from ui.idle_lock import IdleWatch
    from ui.live_updates import LiveUpdates
    from ui.main_window import MainWindow

ORGANIZATION = "OneWindow"
APPLICATION = "onewindow"


def option_argument(argv: Sequence[str], name: str) -> str | None:
    """The value of `--name VALUE` or `--name=VALUE` (ui.launcher lets only these through)."""
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    return None


def config_argument(argv: Sequence[str]) -> str | None:
    return option_argument(argv, "--config")


def application(argv: Sequence[str]) -> QApplication:
    """The QApplication with the bundled font, the style sheet and the saved language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app, i18n.saved_language(QSettings()))
    look.load_font(app)
    look.apply_style(app)
    return app


class Counter(QObject):
    """One run of the client: sign-in, main window, idle lock, delivery, shutdown."""

    def __init__(
        self,
        app: QApplication,
        config_file: str | None,
        settings: QSettings,
        training_pace: str | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.config_file = config_file
        # `--pace` for this run, else the one chosen last in 培训设置 (training mode only).
        self.training_pace = training_pace or remembered_pace(settings) or None
        self.settings = settings
        self.tasks = TaskRunner(self)
        self.hall: Hall | None = None
        self.window: MainWindow | None = None
        self.idle: IdleWatch | None = None
        self.delivery: DeliveryThread | None = None
        self.live: LiveUpdates | None = None
        # Set by start(): this workstation's claim to run the one client.
        self.single: SingleInstance | None = None
        # The app-wide "tickets changed" signal: every window of this run shares it.
        self.events = TicketEvents(self)
        self.sign_in = SignInDialog(self.tasks, settings)
        self._connect_sign_in()
        self.tasks.failed.connect(self._unhandled_failure)
        self.tasks.not_acting.connect(self._back_to_sign_in)

    def _connect_sign_in(self) -> None:
        self.sign_in.signed_in.connect(self._signed_in)
        self.sign_in.rejected.connect(self.app.quit)

    def start(self) -> None:
        """Show the sign-in window now; read the configuration and open the database behind it."""
        self.sign_in.show()
        # On the worker, while the window paints: the refcount guard (before the clerk's
        # first keystroke; the few Qt calls until then cannot exhaust None), then the
        # configuration, the database (SQLAlchemy, Alembic) and the log file.
        self.tasks.run(protect_singletons)
        config_file, pace = self.config_file, self.training_pace
        self.sign_in.open_hall(lambda: _open_configured(config_file, pace))
        self.tasks.run(_start_log)

    def _signed_in(self, user: Any) -> None:
        self.hall = self.sign_in.hall
        hall = self.hall
        if hall is None:
            return
        from onewindow.desk import counter_work

        self.tasks.run(
            lambda: counter_work.form_context(hall),
            lambda context: self._open_main_window(user, context),
            self._fatal,
        )

    def _open_main_window(self, user: SignedIn, context: Any) -> None:
        from ui.delivery_thread import DeliveryThread
        from ui.idle_lock import IdleWatch
        from ui.lead_screens import LeadScreens
        from ui.live_updates import LiveUpdates
        from ui.main_window import MainWindow
        from ui.shift import Shift
        from ui.ticket_screens import TicketScreens

        assert self.hall is not None
        shift = Shift(self.hall, user, self.tasks, self.settings)
        self.window = MainWindow(shift, context, events=self.events)
        self.window.closing.connect(self.app.quit)
        self.window.sign_out_requested.connect(self.sign_out)
        self.idle = IdleWatch(self.hall.config.idle_lock_minutes, self)
        self.idle.idle.connect(self.window.lock_idle)
        self.window.locked_changed.connect(self._locked_changed)
        self.app.installEventFilter(self.idle)
        self.idle.start()
        TicketScreens(self.window)
        LeadScreens(self.window)
        # What other counters, the lead and the worker change shows here by itself, as if
        # a screen of this client had done it (lists query again, the lead's numbers follow).
        self.live = LiveUpdates(self.hall, self)
        self.live.tickets_changed.connect(self.events.notify_acted)
        self.live.database_reachable.connect(self.window.set_database_reachable)
        self.live.start()
        self.delivery = DeliveryThread(self.hall, self)
        self.delivery.changed.connect(self.window.delivery_changed)
        if self.window.training is not None:
            # A scenario or a utility back in service: the loop looks now, not at its next poll.
            self.window.training.acted.connect(self.delivery.wake)
        if self.window.intake is not None:
            self.window.intake.submitted.connect(self.delivery.wake)
        self.delivery.start()
        self.window.show()
        self.window.new_visit()

    def _locked_changed(self, locked: bool) -> None:
        if self.idle is None:
            return
        if locked:
            self.idle.pause()
        else:
            self.idle.start()

    def _back_to_sign_in(self, failure: Failure) -> None:
        """The core refused the signed-in user (disabled since signing in): sign them out and
        say why; the program keeps running for the next sign-in. Not from inside the failed
        job's callback: signing out waits for the work in hand first."""
        reason = failure.message
        QTimer.singleShot(0, self, lambda: self._signed_out_by_core(reason))

    def _signed_out_by_core(self, reason: str) -> None:
        self.sign_out()
        self.sign_in.signed_out(reason)

    def sign_out(self) -> None:
        """注销/换人: the window, its delivery loop and idle lock go; the sign-in window comes
        back with the hall still open, so the next clerk signs in without a restart."""
        window, opened = self.window, self.sign_in.opened
        if window is None or opened is None:
            return
        self._stop_session()
        for ended in (self.idle, self.delivery):
            if ended is not None:
                ended.deleteLater()
        self.idle, self.delivery = None, None
        window.closing.disconnect(self.app.quit)
        window.close()
        self.tasks.drain()
        window.deleteLater()
        self.window = None
        previous = self.sign_in
        self.sign_in = SignInDialog(self.tasks, self.settings)
        self.sign_in.set_opened(opened)
        self._connect_sign_in()
        previous.deleteLater()
        self.sign_in.show()
        self.sign_in.activateWindow()

    def _stop_session(self) -> None:
        if self.idle is not None:
            self.app.removeEventFilter(self.idle)
            self.idle.pause()
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        if self.delivery is not None:
            self.delivery.stop()

    def bring_to_front(self) -> None:
        """Another start of the client on this workstation: show this one instead."""
        shown = self.window if self.window is not None else self.sign_in
        if shown.isMinimized():
            shown.showNormal()
        shown.show()
        shown.raise_()
        shown.activateWindow()

    def _unhandled_failure(self, failure: Failure) -> None:
        """Background work whose screen gave no failure handler still tells the clerk."""
        if self.window is not None:
            self.window.report_failure(failure.message)
        else:
            self.sign_in.message.setText(failure.message)

    def _fatal(self, failure: Failure) -> None:
        QMessageBox.critical(None, self.tr("一窗通办"), failure.message)
        self.app.quit()

    def shutdown(self) -> None:
        self._stop_session()
        if self.single is not None:
            self.single.release()
        if self.window is not None:
            self.window.close()
        self.sign_in.close()
        self.tasks.shutdown()
        # Results that arrived after the event loop ended (the hall opened just as the clerk
        # quit) are delivered now, so that what they opened is closed below.
        QCoreApplication.sendPostedEvents()
        if self.sign_in.opened is not None:
            self.sign_in.opened.close()
        # Top-level windows have no parent to take them down: delete them while Qt still
        # runs, not in the interpreter's finalisation.
        if self.window is not None:
            self.window.deleteLater()
        self.sign_in.deleteLater()


def _open_configured(config_file: str | None, training_pace: str | None) -> Opened:
    from onewindow.desk.counter_work import open_configured

    return open_configured(config_file, training_pace=training_pace)


def _start_log() -> None:
    """Unexpected errors go to a log file in the user data folder."""
    from onewindow.config import user_data_dir
    from ui.tasks import log_to

    log_to(user_data_dir() / "logs" / "client.log")


def start(argv: Sequence[str]) -> Counter | None:
    """Everything up to the sign-in window on screen; None when this workstation already runs
    the client (it was brought to the front instead)."""
    app = application(argv)
    config_file = config_argument(argv)
    instance = SingleInstance(instance_key(config_file), app)
    if not instance.claim():
        return None
    counter = Counter(app, config_file, QSettings(), option_argument(argv, "--pace"))
    counter.single = instance
    instance.knocked.connect(counter.bring_to_front)
    counter.start()
    return counter


def run(argv: Sequence[str]) -> int:
    pace = option_argument(argv, "--pace")
    if pace is not None and not is_pace(pace):
        names = "、".join(TRAINING_PACES)
        print(f"--pace 应为 {names} 之一 / --pace must be one of {names}", file=sys.stderr)
        return 2
    counter = start(argv)
    if counter is None:
        print(
            QCoreApplication.translate("app", "一窗通办已在运行，已切换到它的窗口。"),
            file=sys.stderr,
        )
        return 0
    try:
        return counter.app.exec()
    finally:
        counter.shutdown()
