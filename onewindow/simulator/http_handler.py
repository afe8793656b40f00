"""HTTP/1.1 plumbing: keep-alive connections, bodies, injected faults, one write per answer."""

import contextlib
import json
import socket
import struct
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from onewindow.simulator.api import Request, Response, errors, match
from onewindow.simulator.control import handle_control
from onewindow.simulator.faults import FaultRule
from onewindow.simulator.security import signature_refusal, token_refusal

if TYPE_CHECKING:
    from onewindow.simulator.server import Simulator

MAX_BODY_BYTES = 1 << 20
CONTROL_SEGMENT = "_control/"
# What a utility that is down (a drill) asks callers to wait before they try again.
DOWN_RETRY_S = 5


class SimulatorHttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], simulator: "Simulator") -> None:
        self.simulator = simulator
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self.connections_opened = 0
        super().__init__(address, ApiRequestHandler)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
                self.connections_opened += 1
            else:
                self._connections.discard(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client killed or timed out mid-request is ordinary life for an intake endpoint.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def drop_connections(self) -> None:
        """End kept-alive connections, or their threads would go on answering after stop()."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def _is_loopback(host: str) -> bool:
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _fault_response(rule: FaultRule) -> Response:
    if rule.action == "unauthorized":
        return errors(401, "Authorization", "演练：令牌被拒绝", **{"WWW-Authenticate": "Bearer"})
    if rule.action == "forbidden":
        return errors(403, "Authorization", "演练：无权访问")
    if rule.action == "invalid":
        return Response(422, {"error": "invalid", "errors": rule.errors})
    headers = {} if rule.retry_after is None else {"Retry-After": str(rule.retry_after)}
    return errors(rule.status, "", "演练：受理系统暂时无法处理请求", code=rule.code, **headers)


class ApiRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "OneWindowSimulator/1"
    # Idle kept-alive connections are closed after this many seconds.
    timeout = 120
    server: SimulatorHttpServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def do_GET(self) -> None:
        try:
            self._serve()
        except ConnectionError:
            self.close_connection = True
        except Exception:
            # A bug in the simulator must show as a 500, not as a dropped connection that a
            # client would rightly retry forever.
            traceback.print_exc(file=self.server.simulator.log or sys.stderr)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._send(errors(500, "", "模拟器内部错误"), time.perf_counter())

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        log = self.server.simulator.log
        if log is not None:
            log.write(f"{self.client_address[0]} {format % args}\n")
            log.flush()

    def _serve(self) -> None:
        started = time.perf_counter()
        body = self._read_body()
        if body is None:
            return
        sim = self.server.simulator
        target = urlsplit(self.path)
        path = target.path
        if path.startswith("/" + CONTROL_SEGMENT) or path.startswith(sim.prefix + CONTROL_SEGMENT):
            if not _is_loopback(self.client_address[0]):
                self._send(errors(404, "", "not found"), started)
                return
            action = path.split(CONTROL_SEGMENT, 1)[1]
            self._send(handle_control(sim, self.command, action, body), started)
            return
        relative = path[len(sim.prefix) :] if path.startswith(sim.prefix) else None
        found = match(self.command, relative) if relative is not None else None
        if found is None or relative is None:
            self._send(errors(404, "", "没有这个接口"), started)
            return
        if found.route is None:
            allow = ", ".join(found.allowed)
            self._send(errors(405, "", "不支持该请求方法", Allow=allow), started)
            return
        operation = f"{self.command} {found.route.template}"
        sim.request_stats.arrived(operation)
        if sim.down:
            self._send(
                errors(503, "", "受理系统维护中，请稍后重试", **{"Retry-After": str(DOWN_RETRY_S)}),
                started,
                operation,
            )
            return
        fault = sim.faults.take(self.command, relative)
        hold_s = 0.0
        if fault is not None and fault.stage == "before":
            if fault.action == "reset":
                self._reset(operation)
                return
            if fault.action == "delay":
                hold_s = fault.seconds
            else:
                self._send(_fault_response(fault), started, operation)
                return
        response = self._refusal(body) or sim.api.handle(
            found, Request(target.query, self.headers, body), hold_s
        )
        if fault is not None and fault.stage == "after":
            if fault.action == "reset":
                self._reset(operation)
                return
            sim.wait(fault.seconds)
        self._send(response, started, operation)

    def _refusal(self, body: bytes) -> Response | None:
        sim = self.server.simulator
        token = token_refusal(self.headers.get("Authorization"), sim.token, sim.forbidden_tokens)
        if token is not None:
            status, message = token
            challenge = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
            return errors(status, "Authorization", message, **challenge)
        if sim.secret is None:
            return None
        bad_signature = signature_refusal(
            sim.secret,
            self.headers.get("X-OneWindow-Timestamp"),
            self.headers.get("X-OneWindow-Signature"),
            (self.command, self.path, self.headers.get("Idempotency-Key") or "", body),
            sim.clock().timestamp(),
        )
        if bad_signature is not None:
            # RFC 9110: every 401 carries a challenge.
            return errors(
                401, "X-OneWindow-Signature", bad_signature, **{"WWW-Authenticate": "Bearer"}
            )
        return None

    def _read_body(self) -> bytes | None:
        """The request body; None when the request was answered (and the connection closed)."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._send(
                errors(411, "Content-Length", "请求须带 Content-Length"), time.perf_counter()
            )
            return None
        raw = self.headers.get("Content-Length", "0")
        if not (raw.isascii() and raw.isdigit()):
            self.close_connection = True
            self._send(errors(400, "Content-Length", "Content-Length 无效"), time.perf_counter())
            return None
        length = int(raw)
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            self._send(errors(413, "", "请求体过大"), time.perf_counter())
            return None
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    def _reset(self, operation: str) -> None:
        """Drop the connection with a TCP RST, answering nothing."""
        self.server.simulator.request_stats.answered(operation, "reset")
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # The real close (and so the RST) happens when finish() closes the socket's files.
        self.connection.close()
        self.log_message('"%s" reset', self.requestline)

    def _send(self, response: Response, started: float, operation: str | None = None) -> None:
        sim = self.server.simulator
        if operation is not None:
            sim.request_stats.answered(operation, str(response.status))
        payload = json.dumps(response.body, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        lines = [
            f"HTTP/1.1 {response.status} {phrase}",
            f"Server: {self.server_version}",
            f"Date: {self.date_time_string()}",
            "Content-Type: application/json",
            f"Content-Length: {len(payload)}",
        ]
        lines.extend(f"{name}: {value}" for name, value in response.headers.items())
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        # One write: header and body in one segment, no Nagle/delayed-ACK stall.
        self.wfile.write(head + payload)
        if sim.log is not None:
            elapsed_ms = (time.perf_counter() - started) * 1000
            self.log_message('"%s" %d %.1fms', self.requestline, response.status, elapsed_ms)
