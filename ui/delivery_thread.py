"""The delivery loop (sending the outbox, reading the change feeds) on its own QThread.

The loop is plain Python (`onewindow.exchange.loop`, shared with `onewindow worker`); this
wrapper runs it off the GUI thread and turns its `on_change` callback into the Qt signal
`changed(PassReport)`, delivered queued in the GUI thread, so open lists can refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

if TYPE_CHECKING:
    from onewindow.exchange.loop import DeliveryLoop
    from onewindow.hall import Hall


class DeliveryThread(QThread):
    changed = Signal(object)

    def __init__(self, hall: Hall, parent: QObject | None = None, **loop_options: Any) -> None:
        super().__init__(parent)
        from onewindow.exchange.loop import DeliveryLoop

        self.setObjectName("delivery")
        self.loop: DeliveryLoop = DeliveryLoop(hall, on_change=self.changed.emit, **loop_options)

    def run(self) -> None:
        self.loop.run_forever()

    def wake(self) -> None:
        """Deliver now (a visit was just submitted) instead of at the next poll."""
        self.loop.wake()

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Let the request in flight finish and be recorded, then end; True when it ended."""
        self.loop.stop()
        ended = self.wait(timeout_ms)
        self.loop.close()
        return ended
