"""A broken or hostile utility on loopback, for the tests of "What a client accepts from a
server" (utility-api.md): it answers every request with the trouble it is set to, and is
bounded itself (a drip stops after `drip_limit` bytes, every connection is dropped at stop).

Tricks (`HostileUtility.trick`):
- `nested`: 201 whose body nests 100,000 levels deep;
- `huge`: 201 with a body of 5 MB;
- `huge_message`: 422 `invalid` whose one message is 900 KB (inside the size limit);
- `wrong_types`: 201 with a number where strings belong, a feed with a string `seq`;
- `seq_2_70`: a feed page whose change has seq 2^70;
- `drip`: the status line and headers at once, then the body a byte every `drip_s` seconds;
- `drip_head`: even the status line a byte at a time.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TRICKS = ("nested", "huge", "huge_message", "wrong_types", "seq_2_70", "drip", "drip_head")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, owner: HostileUtility) -> None:
        self.owner = owner
        self.open_sockets: set[socket.socket] = set()
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.open_sockets.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.open_sockets.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._answer()

    def _answer(self) -> None:
        owner = self.server.owner
        owner.requests += 1
        self.close_connection = True
        trick = owner.trick
        feed = self.path.split("?")[0].endswith("v1/changes")
        try:
            if trick == "nested":
                self._send(201, b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
            elif trick == "huge":
                padding = "x" * 5_000_000
                self._send(201, _json({"utility_ticket_no": "GAS-1", "pad": padding}))
            elif trick == "huge_message":
                words = {"field": "site.address", "message": "地" * 300_000}
                self._send(422, _json({"error": "invalid", "errors": [words]}))
            elif trick == "wrong_types" and feed:
                change = {"seq": "41", "status": 7, "utility_ticket_no": ["GAS-1"]}
                self._send(200, _json({"changes": [change], "last_seq": "41"}))
            elif trick == "wrong_types":
                self._send(201, _json({"utility_ticket_no": 12345, "status": ["accepted"]}))
            elif trick == "seq_2_70" and feed:
                change = {"seq": 2**70, "ticket_id": "x", "status": "connected", "at": None}
                self._send(200, _json({"changes": [change], "last_seq": 2**70, "feed_id": "f"}))
            elif trick == "seq_2_70":
                self._send(503, _json({"error": "unavailable", "errors": []}))
            elif trick in ("drip", "drip_head"):
                self._drip(head=trick == "drip_head")
        except OSError:
            pass  # the client gave up: what it should do

    def _send(self, status: int, body: bytes) -> None:
        head = (
            f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        self.wfile.write(head + body)

    def _drip(self, *, head: bool) -> None:
        owner = self.server.owner
        body = _json({"utility_ticket_no": "GAS-DRIP", "status": "accepted", "pad": "y" * 500})
        start = (
            f"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        stream = start + body
        if not head:
            self.wfile.write(start)
            stream = body
        for byte in stream[: owner.drip_limit]:
            if owner.stopping.wait(owner.drip_s):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


class HostileUtility:
    def __init__(self, trick: str, *, drip_s: float = 0.2, drip_limit: int = 200) -> None:
        assert trick in TRICKS, trick
        self.trick = trick
        self.drip_s = drip_s
        self.drip_limit = drip_limit
        self.requests = 0
        self.stopping = threading.Event()
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> HostileUtility:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        for sock in list(self._server.open_sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._server.server_close()
        self._thread.join(timeout=5)


def elapsed(action: Any) -> tuple[Any, float]:
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started
