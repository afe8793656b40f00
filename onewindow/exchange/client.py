"""The HTTP client of one utility's intake endpoint (utility-api.md v1.1), and what each
answer means.

One `requests.Session` per utility keeps its connection alive between requests. Every
request carries the bearer token and, when a signing secret is configured, the HMAC
signature over the timestamp, the method, the request target as sent, the Idempotency-Key and
the exact body bytes, so a captured signature cannot be replayed on another ticket. Plain
http goes only to loopback (the base URL is checked again here, not only when the file is
read), and https always verifies the certificate, against the configured CA bundle when there
is one.

A utility's system may be broken or hostile: `timeout_s` bounds the whole request (see
`deadline`), and what is accepted of an answer is bounded by `acceptance`; anything else is
a failed attempt with its reason in one line, never an exception for the caller.

Tokens and secrets never appear in what this module returns: error texts are built from the
exception and then scrubbed of both, because `last_error` is stored and shown.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any
from urllib.parse import quote

import requests

from onewindow.config import UtilitySettings, check_base_url
from onewindow.exchange.acceptance import (
    MAX_FIELD,
    MAX_MESSAGES,
    MAX_NUMBER,
    AnswerRejected,
    cut,
    parse_object,
    read_limited,
    text_field,
)
from onewindow.exchange.deadline import DeadlineAdapter, deadline


class Verdict(StrEnum):
    DONE = "done"  # 2xx: the utility has it
    # 400, or 422 `invalid`: the utility created nothing; a person corrects, and a corrected
    # request is a new one with a new key.
    INVALID = "invalid"
    # Any other refusal (422 `key_reused`, a 409 that is not `in_flight`, 404, a redirect…): a
    # person must act, and since the utility may have created something, only the same key
    # and body may ever follow.
    ATTENTION = "attention"
    REFUSED = "refused"  # 401/403: the credentials; stop the whole utility
    # Passing trouble: 408/425/429/5xx, 409 `in_flight`, timeouts, refused or reset
    # connections, answers the client does not accept.
    RETRY = "retry"


RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Error codes of the API (utility-api.md: "a client decides by status and code").
IN_FLIGHT, KEY_REUSED, INVALID_CODE = "in_flight", "key_reused", "invalid"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Answer:
    verdict: Verdict
    status: int | None  # None: no HTTP answer at all, or one the client does not accept
    body: dict[str, Any] | None = None
    retry_after_s: float | None = None
    error: str | None = None  # for the operator, one line; scrubbed of credentials
    messages: list[dict[str, str]] = field(default_factory=list)  # the utility's own words
    code: str | None = None  # the answer's `error` code, when it has one


def signing_message(timestamp: str, method: str, target: str, key: str, body: bytes) -> bytes:
    """What v1.1 signs: timestamp, method, request target, Idempotency-Key (empty when the
    request has none) and the raw body, joined by line feeds."""
    return "\n".join((timestamp, method.upper(), target, key)).encode("utf-8") + b"\n" + body


def sign(secret: str, timestamp: str, method: str, target: str, key: str, body: bytes) -> str:
    message = signing_message(timestamp, method, target, key, body)
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date, RFC 9110)."""
    if not value:
        return None
    value = value.strip()[:64]
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def classify(status: int, code: str | None) -> Verdict:
    if 200 <= status < 300:
        return Verdict.DONE
    if status in (401, 403):
        return Verdict.REFUSED
    if (status == 409 and code == IN_FLIGHT) or status in RETRY_STATUSES or status >= 500:
        return Verdict.RETRY
    if proves_nothing_created(status, code):
        return Verdict.INVALID
    return Verdict.ATTENTION


def proves_nothing_created(status: int | None, code: str | None) -> bool:
    """Whether an answer proves that the utility created nothing (400, or 422 `invalid`): only
    then may a corrected request go out under a new Idempotency-Key."""
    return status == 400 or (status == 422 and code == INVALID_CODE)


def utility_messages(body: dict[str, Any] | None, status: int) -> list[dict[str, str]]:
    """The utility's `errors` as [{"field", "message"}], cut to size, or one line naming the
    status. Items of the wrong shape are skipped: a client decides by status and code."""
    found: list[dict[str, str]] = []
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list):
        for item in errors[:MAX_MESSAGES]:
            if not isinstance(item, dict):
                continue
            message = text_field(item.get("message"))
            if message:
                found.append(
                    {"field": text_field(item.get("field"), MAX_FIELD) or "", "message": message}
                )
    if not found:
        found.append({"field": "", "message": f"受理系统返回 HTTP {status}，未说明原因"})
    return found


class UtilityClient:
    """Speaks the API to one utility. Thread-compatible, not thread-safe: one per thread."""

    def __init__(
        self,
        settings: UtilitySettings,
        *,
        unix_time: Callable[[], float] = time.time,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        check_base_url(settings.base_url, key=f"[utilities.{settings.utility}] base_url")
        self.settings = settings
        self._unix_time = unix_time
        self._wall_clock = wall_clock
        self.session = requests.Session()
        # A system-wide proxy must not see the hall's tickets or tokens, nor intercept loopback.
        self.session.trust_env = False
        self.session.verify = settings.ca_bundle or True
        # Compressed answers would be inflated before their size is known.
        self.session.headers.update({"Accept": "application/json", "Accept-Encoding": "identity"})
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, DeadlineAdapter())

    @property
    def fingerprint(self) -> str:
        return self.settings.fingerprint

    def close(self) -> None:
        self.session.close()

    def post(self, path: str, body: bytes, idempotency_key: str) -> Answer:
        return self._call("POST", path, body, idempotency_key)

    def get(self, path: str, params: dict[str, str | int] | None = None) -> Answer:
        query = "&".join(f"{k}={quote(str(v))}" for k, v in (params or {}).items())
        return self._call("GET", path + (f"?{query}" if query else ""), b"", None)

    def deliver(self, body: bytes, idempotency_key: str) -> Answer:
        answer = self.post("v1/tickets", body, idempotency_key)
        number = (answer.body or {}).get("utility_ticket_no")
        if answer.verdict is Verdict.DONE and not (
            isinstance(number, str) and 0 < len(number) <= MAX_NUMBER
        ):
            # Created, most likely, but not said in a usable way: ask again with the same key.
            error = "应答中没有有效的 utility_ticket_no（1–64 字符）/ no usable ticket number"
            return Answer(Verdict.RETRY, None, error=error)
        return answer

    def supplement(self, utility_ticket_no: str, body: bytes, idempotency_key: str) -> Answer:
        return self.post(
            f"v1/tickets/{quote(utility_ticket_no, safe='')}/materials", body, idempotency_key
        )

    def cancel(self, utility_ticket_no: str, body: bytes, idempotency_key: str) -> Answer:
        return self.post(
            f"v1/tickets/{quote(utility_ticket_no, safe='')}/cancel", body, idempotency_key
        )

    def changes(self, after: int, limit: int) -> Answer:
        return self.get("v1/changes", {"after": after, "limit": limit})

    def control(self, operation: str, document: dict[str, Any] | None = None) -> Answer:
        """Drive the bundled simulator over `_control/` (training mode: onewindow.simulator):
        POST `document`, or without one GET what the operation reports."""
        if document is None:
            return self._call("GET", f"_control/{operation}", b"", None)
        body = json.dumps(document, ensure_ascii=False).encode()
        return self._call("POST", f"_control/{operation}", body, None)

    def _prepare(
        self, method: str, path: str, body: bytes, key: str | None
    ) -> requests.PreparedRequest:
        headers: dict[str, str] = {}
        if self.settings.token:
            headers["Authorization"] = f"Bearer {self.settings.token}"
        if key is not None:
            headers["Idempotency-Key"] = key
        if method == "POST":
            headers["Content-Type"] = "application/json"
        prepared = self.session.prepare_request(
            requests.Request(
                method,
                self.settings.base_url + path,
                data=body if method == "POST" else None,
                headers=headers,
            )
        )
        if self.settings.signing_secret:
            # Signed over the target exactly as it goes on the request line.
            timestamp = str(int(self._unix_time()))
            prepared.headers["X-OneWindow-Timestamp"] = timestamp
            prepared.headers["X-OneWindow-Signature"] = sign(
                self.settings.signing_secret, timestamp, method, prepared.path_url, key or "", body
            )
        return prepared

    def _call(self, method: str, path: str, body: bytes, key: str | None) -> Answer:
        timeout_s = self.settings.timeout_s
        timed_out = f"超过 {timeout_s:g} 秒未完成应答 / timeout"
        with deadline(timeout_s) as limit:
            try:
                prepared = self._prepare(method, path, body, key)
                response = self.session.send(
                    prepared, stream=True, timeout=timeout_s, allow_redirects=False
                )
                try:
                    content = read_limited(
                        response.iter_content(_CHUNK), response.headers.get("Content-Length")
                    )
                finally:
                    response.close()
                parsed = parse_object(content)
            except AnswerRejected as rejected:
                return Answer(Verdict.RETRY, None, error=str(rejected))
            except requests.exceptions.SSLError as exc:
                # A certificate that does not verify will not verify on the next try either, but
                # an administrator may fix it at any moment; keep retrying and say why.
                return Answer(Verdict.RETRY, None, error=self._scrub(f"TLS 证书校验失败：{exc}"))
            except requests.exceptions.Timeout:
                return Answer(Verdict.RETRY, None, error=timed_out)
            except (
                requests.exceptions.RequestException,
                http.client.HTTPException,
                OSError,
            ) as exc:
                # A socket the deadline shut down fails as a broken connection.
                error = timed_out if limit.expired else self._scrub(_describe(exc))
                return Answer(Verdict.RETRY, None, error=error)
            if limit.expired:
                # Cut off mid-answer, a response can look whole (headers ended by the EOF).
                return Answer(Verdict.RETRY, None, error=timed_out)
        status = response.status_code
        code = text_field(parsed.get("error"), MAX_FIELD) if parsed else None
        verdict = classify(status, code)
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self._wall_clock())
        if verdict is Verdict.DONE:
            return Answer(verdict, status, parsed, retry_after)
        error = f"HTTP {status}" + (f" {code}" if code else "")
        messages = utility_messages(parsed, status)
        detail = "；".join(m["message"] for m in messages if m["message"])
        if detail:
            error += f"：{detail}"
        return Answer(verdict, status, parsed, retry_after, self._scrub(error), messages, code)

    def _scrub(self, text: str) -> str:
        for secret in (self.settings.token, self.settings.signing_secret):
            if secret:
                text = text.replace(secret, "***")
        return cut(text, 500)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, requests.exceptions.ConnectionError):
        cause = exc.args[0] if exc.args else exc
        reason = getattr(cause, "reason", None) or cause
        return f"连接失败 / connection failed: {type(reason).__name__}: {reason}"
    return f"{type(exc).__name__}: {exc}"
