"""Background work for the screens: run a function off the GUI thread, answer by signal.

Every screen's call to the core has the same shape (after Anki's `aqt.operations`):
`tasks.run(work, on_success, on_failure)`. `work` runs on a worker thread and never touches a
widget; its return value (plain data, no live ORM objects) or its failure comes back to the
GUI thread through a queued signal. Database work goes to one worker, in order, so a clerk's
actions are applied as they were made.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Callable
from io import TextIOWrapper
from pathlib import Path
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from onewindow.errors import NotActing, OneWindowError
from onewindow.private_files import make_private
from ui import i18n

log = logging.getLogger("onewindow.ui")

T = TypeVar("T")
OnFailure = Callable[["Failure"], None]


class Failure:
    """Why a piece of background work failed, worded for the clerk.

    `expected` is True for the core's own errors (wrong input, not permitted, …), whose
    message is shown as it is; anything else was logged with its traceback and the clerk sees
    a short note pointing to the log.
    """

    def __init__(self, exc: BaseException, message: str, *, expected: bool) -> None:
        self.exception = exc
        self.message = message
        self.expected = expected

    def __repr__(self) -> str:
        return f"Failure({self.message!r}, expected={self.expected})"


def describe(exc: BaseException) -> Failure:
    if isinstance(exc, OneWindowError):
        return Failure(exc, i18n.text(exc.text), expected=True)
    log.error("unexpected error in background work:\n%s", "".join(traceback.format_exception(exc)))
    where = log_file_path()
    text = QCoreApplication.translate(
        "tasks", "出现意外错误，操作没有完成。详细信息已记入日志 {0}，请联系管理员。"
    ).format(where if where else "")
    return Failure(exc, text, expected=False)


_log_path: Path | None = None


def log_to(path: Path) -> None:
    """Send unexpected errors to a rotating log file in the user data folder."""
    # logging.handlers pulls in socket, pickle and queue: imported here, after the window shows.
    from logging.handlers import RotatingFileHandler

    class PrivateLog(RotatingFileHandler):
        # The log may quote what a clerk typed: each file it opens (after a rollover too) is
        # made 0600, in a 0700 folder, before the first line is written.
        def _open(self) -> TextIOWrapper:
            make_private(Path(self.baseFilename))
            return super()._open()

    global _log_path
    handler = PrivateLog(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _log_path = path


def log_file_path() -> Path | None:
    return _log_path


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, the connected slots run there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # every failure must reach the screen, never kill the worker
            self.relay.failed.emit(describe(exc))
        else:
            self.relay.succeeded.emit(result)


_NETWORK_WORKERS = 3


class TaskRunner(QObject):
    """Runs background work: database work on one worker, in order.

    Signals: `finished()` after each job's callbacks have run (tests wait on it);
    `failed(Failure)` for a failure whose caller gave no handler; `not_acting(Failure)` when
    the core refused the signed-in user (disabled since signing in): no screen handles that
    itself, the program goes back to the sign-in window.
    """

    finished = Signal()
    failed = Signal(object)
    not_acting = Signal(object)

    def __init__(self, parent: QObject | None = None, *, workers: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(workers)
        self.pool.setExpiryTimeout(2000)
        # Work that waits on another machine (测试连接) has its own lane, so that a host that
        # never answers holds up nothing that runs on the database lane.
        self.network_pool = QThreadPool(self)
        self.network_pool.setMaxThreadCount(_NETWORK_WORKERS)
        self.network_pool.setExpiryTimeout(2000)
        self._pending: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], object] | None = None,
        on_failure: OnFailure | None = None,
        *,
        network: bool = False,
    ) -> None:
        """Run `work` on the worker (`network=True`: on the network lane); `on_success` gets
        its result (type-checked against it)."""
        relay = _Relay(self)
        self._pending.add(relay)

        @Slot(object)
        def succeeded(result: T) -> None:
            try:
                if on_success is not None and _alive(on_success):
                    on_success(result)
            finally:
                self._done(relay)

        @Slot(object)
        def failed(failure: Failure) -> None:
            try:
                if isinstance(failure.exception, NotActing):
                    self.not_acting.emit(failure)
                elif on_failure is not None:
                    if _alive(on_failure):
                        on_failure(failure)
                else:
                    self.failed.emit(failure)
            finally:
                self._done(relay)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        (self.network_pool if network else self.pool).start(_Job[T](work, relay))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _done(self, relay: _Relay) -> None:
        self._pending.discard(relay)
        relay.deleteLater()
        self.finished.emit()

    def drain(self, timeout_ms: int = 10_000) -> None:
        """Wait for the work in hand and deliver its answers now (at sign-out: the answers
        reach the screens that asked before those screens are deleted)."""
        for _ in range(3):
            self.pool.waitForDone(timeout_ms)
            self.network_pool.waitForDone(timeout_ms)
            QCoreApplication.sendPostedEvents()
            if not self._pending:
                return

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Wait for running work to end (at quit and at the end of a test)."""
        self.pool.clear()
        self.network_pool.clear()
        return self.pool.waitForDone(timeout_ms) and self.network_pool.waitForDone(timeout_ms)


def _alive(callback: Callable[..., object]) -> bool:
    """False when the widget a callback answers has been deleted since the work began (its
    window closed at quit or sign-out while a refresh was running): the answer is for no one.

    The widget is the callback's own object (a bound method) or one it closes over (a lambda
    calling `self._show(...)`); Anki's background operations skip a closed parent the same way.
    """
    owners = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        with contextlib.suppress(ValueError):  # a cell not yet bound holds nothing
            owners.append(cell.cell_contents)
    return all(shiboken6.isValid(o) for o in owners if isinstance(o, QObject))
