"""The utility API itself (`resources/openapi/utility-api.json`): routing and the answer to
each operation, independent of the HTTP plumbing and of injected faults."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, unquote

from onewindow.simulator.store import (
    Answer,
    StateConflict,
    TicketNotFound,
    UtilityStore,
)
from onewindow.simulator.validation import (
    Problems,
    cancel_problems,
    materials_problems,
    ticket_problems,
)


@dataclass
class Request:
    """What an operation reads of an HTTP request (the route has been matched already)."""

    query: str
    headers: Message
    body: bytes


@dataclass
class Response:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


# The `error` code of each refusal (utility-api.md: a client decides by status and code).
_CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    411: "length_required",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
}


def errors(
    status: int, field_name: str, message: str, *, code: str | None = None, **headers: str
) -> Response:
    """A refusal: `{"error": code, "errors": [{"field", "message"}]}`."""
    code = code or _CODES.get(status, "unavailable" if status >= 500 else "refused")
    return Response(
        status, {"error": code, "errors": [{"field": field_name, "message": message}]}, headers
    )


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # as in the OpenAPI document, e.g. "v1/tickets/{utility_ticket_no}"
    pattern: re.Pattern[str]
    operation: str


def _route(method: str, template: str, operation: str) -> Route:
    regex = re.sub(r"\{[a-z_]+\}", "([^/]+)", template)
    return Route(method, template, re.compile(regex), operation)


ROUTES = (
    _route("POST", "v1/tickets", "create_ticket"),
    _route("GET", "v1/changes", "list_changes"),
    _route("GET", "v1/tickets/{utility_ticket_no}", "show_ticket"),
    _route("POST", "v1/tickets/{utility_ticket_no}/materials", "add_materials"),
    _route("POST", "v1/tickets/{utility_ticket_no}/cancel", "cancel_ticket"),
    _route("GET", "v1/health", "health"),
)


@dataclass(frozen=True)
class Match:
    route: Route | None  # None: the path exists, not with this method
    params: tuple[str, ...]
    allowed: tuple[str, ...]


def match(method: str, path: str) -> Match | None:
    """The route for a request; None when no route has this path."""
    allowed = []
    for route in ROUTES:
        found = route.pattern.fullmatch(path)
        if found is None:
            continue
        if route.method == method:
            return Match(route, tuple(unquote(g) for g in found.groups()), (method,))
        allowed.append(route.method)
    return Match(None, (), tuple(allowed)) if allowed else None


class UtilityApi:
    """Answers the operations of one utility's intake endpoint from its store."""

    def __init__(
        self,
        store: UtilityStore,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float],
        page_cap: int,
        wait: Callable[[float], None],
    ) -> None:
        self.store = store
        self.clock = clock
        self.monotonic = monotonic
        self.page_cap = page_cap
        self.wait = wait

    def handle(self, found: Match, request: Request, hold_s: float = 0.0) -> Response:
        """`hold_s`: a slow start (fault), spent after an idempotency key is claimed."""
        assert found.route is not None
        operation = found.route.operation
        try:
            if operation == "create_ticket":
                return self._idempotent(request, "tickets", hold_s, self._create_ticket)
            if hold_s:
                self.wait(hold_s)
            if operation == "list_changes":
                return self._list_changes(request.query)
            if operation == "health":
                return Response(200, {"status": "ok"})
            number = found.params[0]
            if operation == "show_ticket":
                return Response(200, self.store.view(number))
            # An unknown ticket is 404 before its Idempotency-Key is looked at.
            if not self.store.has(number):
                raise TicketNotFound(number)
            if operation == "add_materials":
                return self._idempotent(
                    request, f"materials:{number}", 0.0, lambda doc, _: self._materials(number, doc)
                )
            return self._idempotent(
                request, f"cancel:{number}", 0.0, lambda doc, _: self._cancel(number, doc)
            )
        except TicketNotFound as missing:
            return errors(404, "utility_ticket_no", f"没有编号为 {missing} 的工单")

    def _idempotent(
        self,
        request: Request,
        scope: str,
        hold_s: float,
        act: Callable[[dict[str, Any], str], Answer | Problems],
    ) -> Response:
        key = request.headers.get("Idempotency-Key")
        if not key:
            return errors(400, "Idempotency-Key", "缺少 Idempotency-Key 请求头")
        media_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return errors(415, "Content-Type", "请求体须为 application/json")
        try:
            document = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return errors(400, "", "请求体不是有效的 JSON")
        if not isinstance(document, dict):
            return errors(400, "", "请求体须为 JSON 对象")
        try:
            kept = self.store.begin(scope, key, document)
        except StateConflict as conflict:
            return errors(conflict.status, "Idempotency-Key", str(conflict), code=conflict.code)
        if kept is not None:
            # A retry gets the first answer again; a creation is 200 the second time.
            return Response(200 if kept.status == 201 else kept.status, kept.body)
        answer: Answer | None = None
        try:
            if hold_s:
                self.wait(hold_s)
            outcome = act(document, key)
            if isinstance(outcome, list):
                return Response(422, {"error": "invalid", "errors": outcome})
            answer = outcome
            return Response(answer.status, answer.body)
        except StateConflict as conflict:
            return errors(conflict.status, "status", str(conflict), code=conflict.code)
        finally:
            self.store.finish(scope, key, document, answer)

    def _create_ticket(self, document: dict[str, Any], key: str) -> Answer | Problems:
        problems = ticket_problems(document, self.store.utility, key)
        if problems:
            return problems
        drill = self.store.take_refusal("delivery", key)
        if drill is not None:
            return drill
        return self.store.create_ticket(document, self.clock(), self.monotonic())

    def _materials(self, number: str, document: dict[str, Any]) -> Answer | Problems:
        problems = materials_problems(document)
        if problems:
            return problems
        return self.store.add_materials(
            number, document["materials"], self.clock(), self.monotonic()
        )

    def _cancel(self, number: str, document: dict[str, Any]) -> Answer | Problems:
        problems = cancel_problems(document)
        if problems:
            return problems
        return self.store.cancel(number, document["reason"], self.clock(), self.monotonic())

    def _list_changes(self, query: str) -> Response:
        params = parse_qs(query, keep_blank_values=True)
        numbers: dict[str, int] = {}
        for name, default, least in (("after", 0, 0), ("limit", self.page_cap, 1)):
            raw = params.get(name, [str(default)])[-1]
            if not (raw.isascii() and raw.isdigit()) or int(raw) < least:
                return errors(400, name, f"{name} 须为不小于 {least} 的整数")
            numbers[name] = int(raw)
        return Response(
            200, self.store.changes(numbers["after"], min(numbers["limit"], self.page_cap))
        )
