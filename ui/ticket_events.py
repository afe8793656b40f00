"""The app-wide "tickets changed" signal: every screen that shows tickets listens to it.

One `TicketEvents` lives for the whole run of the client (ui.app) and every main window gets
it, so that a change made anywhere shows everywhere at once: a submit puts the new tickets in
工单 and 待办, a cancel or a reassignment moves them, the lead's numbers follow.

Signals:
- `tickets_changed(list)`: the delivery loop changed these tickets (it may emit from any
  thread; receivers run on the GUI thread, in order). Lists refresh those rows in place, so
  a clerk's scroll position holds while the feed streams in.
- `acted(list)`: a screen of this client changed these tickets (submit, cancel, late
  materials, re-send, reassign). Lists query again, since tickets may have entered or left
  them; the ids may be empty when the screen does not know them (a new application).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class TicketEvents(QObject):
    tickets_changed = Signal(list)
    acted = Signal(list)

    def notify(self, ticket_ids: Iterable[str]) -> None:
        """The delivery loop's callback (any thread)."""
        self.tickets_changed.emit(list(ticket_ids))

    def notify_acted(self, ticket_ids: Iterable[str] = ()) -> None:
        """A screen's own change went through."""
        self.acted.emit(list(ticket_ids))
