"""Live updates for the desktop: the change listener of onewindow.store.notify, for the widgets
(which may not import the store). One per running client; see ui/live_updates.py."""

from __future__ import annotations

from onewindow.hall import Hall
from onewindow.store.notify import ChangeListener, OnChange, OnReachable

Listener = ChangeListener


def listen(hall: Hall, on_change: OnChange, on_reachable: OnReachable) -> ChangeListener:
    """A listener on the hall's database, not yet started: call its start() and stop()."""
    return ChangeListener(hall.engine, on_change, on_reachable)
