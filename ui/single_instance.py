"""One client per workstation: a second start brings the running one to the front.

Two clients on one desk would both deliver, both lock, and leave the clerk wondering which
window is live. The first copy holds a lock file (QLockFile: a crashed copy's stale lock is
taken over) and listens on a local socket named after the operating-system user and the
configuration file; a second copy knocks on that socket, the first raises its window, and
the second exits.

Signals: `knocked()` in the running copy when another start asked it to come forward.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAIT_MS = 1000


def instance_key(config_file: str | None) -> str:
    """The name shared by every start of the same user's client with the same configuration."""
    config = str(Path(config_file).resolve()) if config_file else "<training or default>"
    digest = hashlib.sha256(f"{getpass.getuser()}\0{config}".encode()).hexdigest()[:16]
    return f"onewindow-{digest}"


class SingleInstance(QObject):
    knocked = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.lock = QLockFile(str(Path(QDir.tempPath()) / f"{key}.lock"))
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this is the only copy (it now listens); False when another copy runs
        (it was asked to come to the front)."""
        if self._knock():
            return False
        if not self.lock.tryLock(_WAIT_MS):
            # Another copy holds the lock but did not answer yet: it is starting right now.
            return False
        # A copy that crashed leaves its socket file behind; the lock says it is gone.
        QLocalServer.removeServer(self.key)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._answer)
        if not self.server.listen(self.key):
            self.server = None
        return True

    def _knock(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(_WAIT_MS):
            return False
        socket.write(b"raise\n")
        socket.waitForBytesWritten(_WAIT_MS)
        socket.disconnectFromServer()
        return True

    def _answer(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
            connection.disconnectFromServer()
            self.knocked.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()
