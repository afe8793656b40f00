"""Fault rules: trouble the simulator injects on purpose, for tests and drills.

A rule matches requests by API path (relative to the base URL, `*` matches within one path
segment, e.g. `v1/tickets/*/cancel`) and optionally by method, and fires `times` times (1 by
default; null for always) and/or with a `probability`. Actions:

- `delay`: answer `seconds` late. Stage `after` (default): the request is carried out first, so
  a client that times out has still created the ticket. Stage `before`: wait before carrying it
  out, with its Idempotency-Key held in flight (a concurrent retry gets 409).
- `reset`: drop the connection without an answer (TCP RST). Stage `before` (default): nothing is
  done; stage `after`: the request is carried out first.
- `status`: answer `status` (503 by default) without doing anything, with `Retry-After:
  retry_after` when given (seconds or an HTTP date), and the error `code` when given (else the
  usual one for the status).
- `unauthorized` (401), `forbidden` (403): credentials refused, nothing done.
- `invalid`: 422 with `errors` (a list of `{"field", "message"}`), nothing done.
"""

import random
import re
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

ACTIONS = ("delay", "reset", "status", "unauthorized", "forbidden", "invalid")
_DEFAULT_STAGE = {"delay": "after", "reset": "before"}
_FIELDS = {
    "path",
    "action",
    "method",
    "times",
    "probability",
    "seconds",
    "stage",
    "status",
    "retry_after",
    "errors",
    "code",
}


@dataclass
class FaultRule:
    path: str
    action: str
    method: str | None = None
    times: int | None = 1
    probability: float = 1.0
    seconds: float = 0.0
    stage: str = "before"
    status: int = 503
    retry_after: int | str | None = None
    errors: list[dict[str, str]] = field(
        default_factory=lambda: [{"field": "", "message": "演练：受理系统拒绝了该工单"}]
    )
    code: str | None = None
    fired: int = 0

    @classmethod
    def from_json(cls, data: Any) -> "FaultRule":
        """A rule from its JSON form; ValueError names what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("a fault rule is a JSON object")
        unknown = set(data) - _FIELDS
        if unknown:
            raise ValueError(f"unknown fault rule fields: {sorted(unknown)}")
        path, action = data.get("path"), data.get("action")
        if not isinstance(path, str) or not path:
            raise ValueError("fault rule needs a path, e.g. 'v1/tickets'")
        if action not in ACTIONS:
            raise ValueError(f"fault action must be one of {ACTIONS}")
        values = dict(data)
        values["path"] = path.strip("/")
        if "times" not in data:
            # A probability alone means "every time it comes up"; otherwise once.
            values["times"] = None if "probability" in data else 1
        values.setdefault("stage", _DEFAULT_STAGE.get(action, "before"))
        rule = cls(**values)
        rule._check()
        return rule

    def _check(self) -> None:
        if self.times is not None and (not isinstance(self.times, int) or self.times < 1):
            raise ValueError("times must be a positive integer or null")
        if not 0.0 < self.probability <= 1.0:
            raise ValueError("probability must be in (0, 1]")
        if not isinstance(self.seconds, int | float) or self.seconds < 0:
            raise ValueError("seconds must be a number ≥ 0")
        if self.stage not in ("before", "after"):
            raise ValueError("stage must be 'before' or 'after'")
        if self.stage == "after" and self.action not in ("delay", "reset"):
            raise ValueError("only delay and reset can happen after the request is carried out")
        if not isinstance(self.status, int) or not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status code")
        if self.code is not None and not isinstance(self.code, str):
            raise ValueError("code must be a string")
        if not isinstance(self.errors, list):
            raise ValueError("errors must be a list of {field, message}")
        if self.method is not None:
            self.method = self.method.upper()

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        pattern = "/".join(
            "[^/]+" if part == "*" else re.escape(part) for part in self.path.split("/")
        )
        return re.fullmatch(pattern, path) is not None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultBook:
    def __init__(self, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._random = random.Random(seed)

    def add(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.as_json() for r in self._rules]

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first matching rule that fires for this request, used up when spent."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(method, path):
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                rule.fired += 1
                if rule.times is not None and rule.fired >= rule.times:
                    self._rules.remove(rule)
                return rule
            return None
