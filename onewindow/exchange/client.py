"""The HTTP client of one utility's intake endpoint (utility-api.md), and what each answer means.

One `requests.Session` per utility keeps its connection alive between requests. Every
request carries the bearer token and, when a signing secret is configured, the HMAC
signature over the exact body bytes sent. Plain http goes only to loopback (the base URL is
checked again here, not only when the file is read), and https always verifies the
certificate, against the configured CA bundle when there is one.

Tokens and secrets never appear in what this module returns: error texts are built from the
exception and then scrubbed of both, because `last_error` is stored and shown.
"""

from __future__ import annotations

import hashlib
import hmac
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


class Verdict(StrEnum):
    DONE = "done"  # 2xx: the utility has it
    INVALID = "invalid"  # 400/422 and other refusals of the request itself: a person corrects
    CONFLICT = "conflict"  # 409: the key was used otherwise (or is still in flight)
    REFUSED = "refused"  # 401/403: the credentials; stop the whole utility
    RETRY = "retry"  # passing trouble: 408/425/429/5xx, timeouts, refused or reset connections


RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Answer:
    verdict: Verdict
    status: int | None  # None: no HTTP answer at all
    body: dict[str, Any] | None = None
    retry_after_s: float | None = None
    error: str | None = None  # for the operator; scrubbed of credentials
    messages: list[dict[str, str]] = field(default_factory=list)  # the utility's own words


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date, RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def classify(status: int, body: dict[str, Any] | None) -> Verdict:
    if 200 <= status < 300:
        return Verdict.DONE
    if status in (401, 403):
        return Verdict.REFUSED
    if status == 409:
        return Verdict.CONFLICT
    if status in RETRY_STATUSES or status >= 500:
        return Verdict.RETRY
    # 400, 422 and any other answer the table does not name (404 of a wrong base URL, 413, a
    # redirect we do not follow): sending the same request again cannot help, a person must.
    return Verdict.INVALID


def utility_messages(body: dict[str, Any] | None, status: int) -> list[dict[str, str]]:
    """The utility's `errors` as [{"field", "message"}], or one line naming the status."""
    found: list[dict[str, str]] = []
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list):
        for item in errors:
            if isinstance(item, dict):
                found.append(
                    {
                        "field": str(item.get("field") or ""),
                        "message": str(item.get("message") or ""),
                    }
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
        self.session.headers.update({"Accept": "application/json"})

    @property
    def fingerprint(self) -> str:
        return self.settings.fingerprint

    def close(self) -> None:
        self.session.close()

    def post(self, path: str, body: bytes, idempotency_key: str) -> Answer:
        return self._call("POST", path, body, {"Idempotency-Key": idempotency_key})

    def get(self, path: str, params: dict[str, str | int] | None = None) -> Answer:
        query = "&".join(f"{k}={quote(str(v))}" for k, v in (params or {}).items())
        return self._call("GET", path + (f"?{query}" if query else ""), b"", {})

    def deliver(self, body: bytes, idempotency_key: str) -> Answer:
        return self.post("v1/tickets", body, idempotency_key)

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

    def _headers(self, body: bytes) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.settings.token:
            headers["Authorization"] = f"Bearer {self.settings.token}"
        if self.settings.signing_secret:
            timestamp = str(int(self._unix_time()))
            headers["X-OneWindow-Timestamp"] = timestamp
            headers["X-OneWindow-Signature"] = sign(self.settings.signing_secret, timestamp, body)
        return headers

    def _call(self, method: str, path: str, body: bytes, extra: dict[str, str]) -> Answer:
        headers = self._headers(body) | extra
        if method == "POST":
            headers["Content-Type"] = "application/json"
        try:
            response = self.session.request(
                method,
                self.settings.base_url + path,
                data=body if method == "POST" else None,
                headers=headers,
                timeout=self.settings.timeout_s,
                allow_redirects=False,
            )
            content = response.content
        except requests.exceptions.SSLError as exc:
            # A certificate that does not verify will not verify on the next try either, but an
            # administrator may fix it at any moment; keep retrying and say why.
            return Answer(Verdict.RETRY, None, error=self._scrub(f"TLS 证书校验失败：{exc}"))
        except requests.exceptions.Timeout:
            return Answer(
                Verdict.RETRY, None, error=f"超过 {self.settings.timeout_s:g} 秒未应答 / timeout"
            )
        except requests.exceptions.RequestException as exc:
            return Answer(Verdict.RETRY, None, error=self._scrub(_describe(exc)))
        status = response.status_code
        parsed = _json_object(content)
        verdict = classify(status, parsed)
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self._wall_clock())
        if verdict is Verdict.DONE:
            return Answer(verdict, status, parsed, retry_after)
        error = f"HTTP {status}"
        messages = utility_messages(parsed, status)
        detail = "；".join(m["message"] for m in messages if m["message"])
        if detail:
            error += f"：{detail}"
        return Answer(verdict, status, parsed, retry_after, self._scrub(error), messages)

    def _scrub(self, text: str) -> str:
        for secret in (self.settings.token, self.settings.signing_secret):
            if secret:
                text = text.replace(secret, "***")
        return text[:500]


def _json_object(content: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _describe(exc: requests.exceptions.RequestException) -> str:
    if isinstance(exc, requests.exceptions.ConnectionError):
        cause = exc.args[0] if exc.args else exc
        reason = getattr(cause, "reason", None) or cause
        return f"连接失败 / connection failed: {type(reason).__name__}: {reason}"
    return f"{type(exc).__name__}: {exc}"
