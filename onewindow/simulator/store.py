"""Tickets, the change feed and the idempotency records of one simulated utility, in memory.

All methods are thread-safe (one lock); times come from the caller: `now` is the wall clock
written into answers, `mono` a monotonic reading the progression schedule is measured with.
"""

import secrets
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from onewindow.simulator.progression import (
    TERMINAL_STATUSES,
    UTILITY_PREFIXES,
    status_path,
    step_note,
)

# A Chinese utility answers in its own local time.
UTILITY_TZ = timezone(timedelta(hours=8))

MAX_STATUS_LENGTH = 64

# The requests a drill can have refused (`refuse_next`).
REFUSABLE = ("delivery", "cancel")


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTILITY_TZ).isoformat(timespec="seconds")


def same_document(a: Any, b: Any) -> bool:
    """JSON equality: key order and number spelling (1 vs 1.0) do not matter, but `true` is
    not the number 1 (Python's `==` would say it is)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_document(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_document(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


class TicketNotFound(LookupError):
    pass


class StateConflict(Exception):
    """The request contradicts the ticket's state or an earlier use of its Idempotency-Key;
    answered with `status` and the error `code` of utility-api.md."""

    def __init__(self, message: str, code: str, status: int = 409) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class Answer:
    """A response kept under an Idempotency-Key, to be given again on a retry."""

    status: int
    body: dict[str, Any]
    seq: int  # the feed's last seq when it was given: a restore to before that forgets it


@dataclass
class Change:
    seq: int
    ticket: "Ticket"
    status: str
    at: datetime
    note: str | None
    step: int  # the ticket's place on its path once this change was made

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "utility_ticket_no": self.ticket.number,
            "ticket_id": self.ticket.ticket_id,
            "status": self.status,
            "at": rfc3339(self.at),
            "note": self.note,
        }


@dataclass
class Ticket:
    number: str
    ticket_id: str
    document: dict[str, Any]
    path: list[str]
    moved_at: float
    step: int = 0
    history: list[Change] = field(default_factory=list)
    # (the feed's last seq when received, the material)
    materials_received: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.history[-1].status

    @property
    def closed(self) -> bool:
        return self.status in TERMINAL_STATUSES

    def as_json(self) -> dict[str, Any]:
        return {
            "utility_ticket_no": self.number,
            "ticket_id": self.ticket_id,
            "status": self.status,
            "updated_at": rfc3339(self.history[-1].at),
            "history": [
                {"status": c.status, "at": rfc3339(c.at), "note": c.note} for c in self.history
            ],
            "materials_received": [material for _, material in self.materials_received],
        }


class UtilityStore:
    def __init__(self, utility: str, number_base: int = 0) -> None:
        """`number_base`: the count each year's numbers continue from (the first is base + 1)."""
        self.utility = utility
        self._prefix = UTILITY_PREFIXES[utility]
        self._lock = threading.Lock()
        self.feed_id = secrets.token_hex(4)
        self._tickets: dict[str, Ticket] = {}
        self._feed: list[Change] = []
        self._answers: dict[tuple[str, str], tuple[Any, Answer]] = {}
        self._in_flight: set[tuple[str, str]] = set()
        # Kept across `restore`: numbers stay unique for the life of the process, and the count of
        # creations per ticket_id is the observer's record, not the utility's state.
        self._numbers: Counter[int] = Counter()
        # Training drills: the next delivery or cancel of a ticket_id is refused with these
        # messages ({"field", "message"}), once (kept across `restore`, like an operator's note).
        self._refusals: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._number_base = number_base
        self.created: Counter[str] = Counter()

    # Idempotency (draft-ietf-httpapi-idempotency-key-header), scoped by endpoint.

    def begin(self, scope: str, key: str, document: Any) -> Answer | None:
        """The kept answer for a retry, or None after marking the key as in flight."""
        with self._lock:
            if (scope, key) in self._in_flight:
                raise StateConflict(
                    "相同 Idempotency-Key 的请求正在处理中，请稍后重试", "in_flight"
                )
            kept = self._answers.get((scope, key))
            if kept is not None:
                if not same_document(kept[0], document):
                    raise StateConflict(
                        "该 Idempotency-Key 已用于内容不同的请求", "key_reused", 422
                    )
                return kept[1]
            self._in_flight.add((scope, key))
            return None

    def finish(self, scope: str, key: str, document: Any, answer: Answer | None) -> None:
        """Release the key; keep the answer when it is one a retry must get again."""
        with self._lock:
            self._in_flight.discard((scope, key))
            if answer is not None:
                self._answers[(scope, key)] = (document, answer)

    # Drills.

    def refuse_next(self, request: str, ticket_id: str, messages: list[dict[str, str]]) -> None:
        """Refuse the next `request` ("delivery" or "cancel") for `ticket_id` with `messages`:
        a delivery with 422 invalid (nothing created), a cancel with 409 already_connected."""
        if request not in REFUSABLE:
            raise ValueError(f"request must be one of {REFUSABLE}")
        if not ticket_id or not messages:
            raise ValueError("a refusal needs a ticket_id and at least one message")
        with self._lock:
            self._refusals[(request, ticket_id)] = messages

    def take_refusal(self, request: str, ticket_id: str) -> list[dict[str, str]] | None:
        with self._lock:
            return self._refusals.pop((request, ticket_id), None)

    # Tickets.

    def create_ticket(self, document: dict[str, Any], now: datetime, mono: float) -> Answer:
        with self._lock:
            year = now.astimezone(UTILITY_TZ).year
            self._numbers[year] += 1
            number = f"{self._prefix}-{year}-{self._number_base + self._numbers[year]:06d}"
            ticket = Ticket(
                number=number,
                ticket_id=document["ticket_id"],
                document=document,
                path=status_path(document),
                moved_at=mono,
            )
            self._tickets[number] = ticket
            self.created[ticket.ticket_id] += 1
            accepted = self._append(ticket, "accepted", now, None, mono)
            return Answer(
                201,
                {
                    "utility_ticket_no": number,
                    "status": "accepted",
                    "accepted_at": rfc3339(accepted.at),
                },
                accepted.seq,
            )

    def has(self, number: str) -> bool:
        return number in self._tickets

    def view(self, number: str) -> dict[str, Any]:
        with self._lock:
            return self._ticket(number).as_json()

    def add_materials(
        self, number: str, materials: list[dict[str, Any]], now: datetime, mono: float
    ) -> Answer:
        with self._lock:
            ticket = self._ticket(number)
            if ticket.status == "awaiting_applicant":
                codes = "、".join(m["code"] for m in materials)
                self._append(
                    ticket, ticket.path[ticket.step], now, f"申请人已补齐材料：{codes}", mono
                )
            ticket.materials_received.extend(
                (self.last_seq, {"code": m["code"], "received_at": m["received_at"]})
                for m in materials
            )
            return Answer(200, ticket.as_json(), self.last_seq)

    def cancel(self, number: str, reason: str, now: datetime, mono: float) -> Answer:
        with self._lock:
            ticket = self._ticket(number)
            drill = self._refusals.pop(("cancel", ticket.ticket_id), None)
            if drill is not None and not ticket.closed:
                message = "；".join(m["message"] for m in drill)
                raise StateConflict(message, "already_connected")
            if ticket.status == "connected":
                raise StateConflict("工单已开通，无法撤销", "already_connected")
            if ticket.status == "rejected":
                raise StateConflict("工单已退回，无法撤销", "already_connected")
            if ticket.status != "cancelled":
                self._append(ticket, "cancelled", now, reason, mono)
            return Answer(200, ticket.as_json(), self.last_seq)

    def emit(
        self, number: str, status: str, note: str | None, now: datetime, mono: float
    ) -> dict[str, Any]:
        """Record any status, also one the API does not list (a drill of unknown statuses)."""
        if not status or len(status) > MAX_STATUS_LENGTH:
            raise ValueError(f"status must be 1–{MAX_STATUS_LENGTH} characters")
        with self._lock:
            ticket = self._ticket(number)
            if status in ticket.path[ticket.step :]:
                ticket.step = ticket.path.index(status, ticket.step)
            return self._append(ticket, status, now, note, mono).as_json()

    def advance(self, number: str | None, now: datetime, mono: float) -> list[dict[str, Any]]:
        """Move one ticket (or every open one) a step along its path."""
        with self._lock:
            tickets = [self._ticket(number)] if number else list(self._tickets.values())
            return [c.as_json() for t in tickets if (c := self._step(t, now, mono))]

    def advance_due(self, now: datetime, mono: float, interval: float) -> int:
        """Step every open ticket that has rested `interval` seconds; how many moved."""
        with self._lock:
            due = [t for t in self._tickets.values() if mono - t.moved_at >= interval]
            return sum(1 for t in due if self._step(t, now, mono))

    def next_due(self, interval: float) -> float | None:
        with self._lock:
            waiting = [t.moved_at for t in self._tickets.values() if not t.closed]
            return min(waiting) + interval if waiting else None

    # The feed.

    def changes(self, after: int, limit: int) -> dict[str, Any]:
        """A page of the feed as `GET v1/changes` answers it."""
        with self._lock:
            page = self._feed[after : after + limit]
            return {
                "changes": [c.as_json() for c in page],
                "last_seq": page[-1].seq if page else after,
                "feed_id": self.feed_id,
            }

    @property
    def last_seq(self) -> int:
        return len(self._feed)

    @property
    def ticket_count(self) -> int:
        return len(self._tickets)

    def restore(self, to_seq: int) -> str:
        """Go back to the state the utility had when its feed ended at `to_seq` (0: empty),
        under a new feed_id, as a utility restored from a backup would; new changes continue
        from `to_seq` + 1. Tickets, history, late materials and kept answers made after it are
        forgotten. Returns the new feed_id."""
        with self._lock:
            to_seq = max(0, min(to_seq, len(self._feed)))
            del self._feed[to_seq:]
            for number, ticket in list(self._tickets.items()):
                ticket.history = [c for c in ticket.history if c.seq <= to_seq]
                if not ticket.history:
                    del self._tickets[number]
                    continue
                ticket.step = ticket.history[-1].step
                ticket.materials_received = [
                    (seq, m) for seq, m in ticket.materials_received if seq <= to_seq
                ]
            self._answers = {k: v for k, v in self._answers.items() if v[1].seq <= to_seq}
            self._in_flight.clear()
            self.feed_id = secrets.token_hex(4)
            return self.feed_id

    def forget_created(self) -> None:
        with self._lock:
            self.created.clear()

    def _ticket(self, number: str) -> Ticket:
        ticket = self._tickets.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return ticket

    def _step(self, ticket: Ticket, now: datetime, mono: float) -> Change | None:
        if ticket.closed:
            return None
        if ticket.status != ticket.path[ticket.step]:
            # Off the path (on hold, waiting for the applicant): resume where it left.
            return self._append(ticket, ticket.path[ticket.step], now, "恢复办理", mono)
        if ticket.step + 1 >= len(ticket.path):
            return None
        ticket.step += 1
        status = ticket.path[ticket.step]
        return self._append(ticket, status, now, step_note(ticket.document, status), mono)

    def _append(
        self, ticket: Ticket, status: str, now: datetime, note: str | None, mono: float
    ) -> Change:
        change = Change(len(self._feed) + 1, ticket, status, now, note, ticket.step)
        self._feed.append(change)
        ticket.history.append(change)
        ticket.moved_at = mono
        return change
