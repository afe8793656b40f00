"""Live updates: what another counter, the lead or the worker changed shows here by itself.

`LiveUpdates` runs the core's change listener (one LISTEN connection on PostgreSQL, a cheap
poll of the change counter on SQLite; onewindow.desk.live) on its own thread and turns what it
hears into two app-wide signals, delivered on the GUI thread:

- `tickets_changed(list)`: the ids of the tickets that changed, or an empty list for "any
  ticket may have changed" (after a reconnect, or on SQLite); bursts are gathered for a
  moment so that a worker delivering fifty tickets refreshes a screen once, not fifty times;
- `database_reachable(bool)`: the header says plainly when the database cannot be reached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from onewindow.desk.live import Listener
    from onewindow.hall import Hall

# Changes heard within this long are passed on together.
GATHER_MS = 250


class LiveUpdates(QObject):
    tickets_changed = Signal(list)
    database_reachable = Signal(bool)
    _heard = Signal(object)
    _reachable = Signal(bool)

    def __init__(self, hall: Hall, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from onewindow.desk.live import listen

        self._ids: set[str] = set()
        self._everything = False
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._flush)
        # Emitted on the listener's thread, received here on the GUI thread (queued).
        self._heard.connect(self._collect)
        self._reachable.connect(self.database_reachable)
        self.listener: Listener = listen(hall, self._heard.emit, self._reachable.emit)

    def start(self) -> None:
        self.listener.start()

    def stop(self) -> None:
        self.listener.stop()
        self._gather.stop()

    def _collect(self, ids: frozenset[str] | None) -> None:
        if ids is None:
            self._everything = True
        else:
            self._ids |= ids
        if not self._gather.isActive():
            self._gather.start()

    def _flush(self) -> None:
        ids = [] if self._everything else sorted(self._ids)
        self._ids.clear()
        self._everything = False
        self.tickets_changed.emit(ids)
