"""`Simulator`: one utility's intake endpoint on a loopback port, with its progression
schedule, its fault book and its counters; usable from Python or driven over `_control/`."""

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TextIO

from onewindow.simulator.api import UtilityApi
from onewindow.simulator.faults import FaultBook, FaultRule
from onewindow.simulator.http_handler import SimulatorHttpServer
from onewindow.simulator.progression import UTILITY_PREFIXES
from onewindow.simulator.store import UtilityStore

DEFAULT_PAGE_CAP = 50


def _utc_now() -> datetime:
    return datetime.now(UTC)


class RequestStats:
    """How many requests each operation got (counted on arrival) and how each was answered
    (a status code, or `reset` for a connection dropped on purpose)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._arrived: Counter[str] = Counter()
        self._answers: Counter[tuple[str, str]] = Counter()

    def arrived(self, operation: str) -> None:
        with self._lock:
            self._arrived[operation] += 1

    def answered(self, operation: str, outcome: str) -> None:
        with self._lock:
            self._answers[(operation, outcome)] += 1

    def clear(self) -> None:
        with self._lock:
            self._arrived.clear()
            self._answers.clear()

    def as_json(self) -> dict[str, Any]:
        with self._lock:
            responses: dict[str, dict[str, int]] = {}
            for (operation, outcome), n in self._answers.items():
                responses.setdefault(operation, {})[outcome] = n
            return {"requests": dict(self._arrived), "responses": responses}


class Simulator:
    """A utility intake endpoint serving `utility-api.md` on `host:port` (0: a free port).

    `step_seconds` > 0 moves every open ticket one status on after it has rested that long;
    0 leaves progression to `advance()` and `emit()`; `set_step_seconds()` changes it while
    the simulator runs (a training pace chosen in the window). `page_cap` is the most changes
    one feed page holds, whatever the client asks. `token` and `secret` switch on the
    credential checks; a token in `forbidden_tokens` gets 403. Each year's ticket numbers count
    on from `number_base` (training starts it where a restart cannot repeat an earlier run's
    numbers).
    """

    def __init__(
        self,
        utility: str = "gas",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        prefix: str = "/",
        token: str | None = None,
        forbidden_tokens: Iterable[str] = (),
        secret: str | None = None,
        step_seconds: float = 0.0,
        page_cap: int = DEFAULT_PAGE_CAP,
        clock: Callable[[], datetime] = _utc_now,
        log: TextIO | None = None,
        seed: int | None = None,
        number_base: int = 0,
    ) -> None:
        if utility not in UTILITY_PREFIXES:
            raise ValueError(f"utility must be one of {sorted(UTILITY_PREFIXES)}")
        if page_cap < 1 or step_seconds < 0:
            raise ValueError("page_cap must be ≥ 1 and step_seconds ≥ 0")
        self.utility = utility
        self.host = host
        self.port = port
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.token = token
        self.forbidden_tokens = frozenset(forbidden_tokens)
        self.secret = secret
        self.step_seconds = step_seconds
        self.clock = clock
        self.log = log
        self.store = UtilityStore(utility, number_base)
        self.faults = FaultBook(seed)
        self.request_stats = RequestStats()
        self._stopping = threading.Event()
        # Set when the pace changes, so the progression thread measures again at once.
        self._pace_changed = threading.Event()
        # A utility that is down (a training drill): every API request gets 503 until it is up.
        self.down = False
        self.api = UtilityApi(self.store, clock, time.monotonic, page_cap, self.wait)
        self._server: SimulatorHttpServer | None = None
        self._threads: list[threading.Thread] = []

    # Life cycle.

    def start(self) -> Self:
        self._stopping.clear()
        self._pace_changed.clear()
        self._server = SimulatorHttpServer((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self._threads = [
            threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"simulator-{self.utility}",
                daemon=True,
            )
        ]
        self._threads.append(
            threading.Thread(
                target=self._progress, name=f"simulator-{self.utility}-steps", daemon=True
            )
        )
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and end every open connection; safe to call twice."""
        self._stopping.set()
        self._pace_changed.set()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.drop_connections()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.prefix}"

    def wait(self, seconds: float) -> None:
        """Sleep for a fault, cut short when the simulator stops."""
        self._stopping.wait(seconds)

    # Driving it.

    def add_fault(self, path: str, action: str, **options: Any) -> None:
        """Inject trouble; the options are those of a `_control/faults` rule (faults.py)."""
        self.faults.add(FaultRule.from_json({"path": path, "action": action, **options}))

    def clear_faults(self) -> None:
        self.faults.clear()

    def set_step_seconds(self, step_seconds: float) -> None:
        """Change the pace while running (0: tickets move only when driven); tickets that have
        already rested the new interval move at once."""
        if not 0 <= step_seconds < float("inf"):
            raise ValueError("step_seconds must be a finite number ≥ 0")
        self.step_seconds = step_seconds
        self._pace_changed.set()

    def advance(self, ticket_no: str | None = None) -> list[dict[str, Any]]:
        """Step one ticket (or every open ticket) to its next status; the changes made."""
        return self.store.advance(ticket_no, self.clock(), time.monotonic())

    def emit(self, ticket_no: str, status: str, note: str | None = None) -> dict[str, Any]:
        """Append any status to a ticket (unknown ones too, or `rejected` with its reason)."""
        return self.store.emit(ticket_no, status, note, self.clock(), time.monotonic())

    def ticket(self, ticket_no: str) -> dict[str, Any]:
        return self.store.view(ticket_no)

    def reset(self, to_seq: int = 0, clear_stats: bool = False) -> str:
        """A restore from a backup: back to the state at `to_seq` (0: no tickets at all) under
        a new feed_id, which it returns. The stats survive unless `clear_stats`."""
        if clear_stats:
            self.clear_stats()
        return self.store.restore(to_seq)

    @property
    def feed_id(self) -> str:
        return self.store.feed_id

    def stats(self) -> dict[str, Any]:
        return {
            "created": dict(self.store.created),
            **self.request_stats.as_json(),
            "connections": self._server.connections_opened if self._server else 0,
            "tickets": self.store.ticket_count,
            "feed_id": self.store.feed_id,
            "last_seq": self.store.last_seq,
            "faults": self.faults.pending(),
        }

    def clear_stats(self) -> None:
        self.request_stats.clear()
        self.store.forget_created()

    def _progress(self) -> None:
        # Woken by a pace change or a stop; with no pace (0) it only waits for one of them.
        while not self._stopping.is_set():
            step = self.step_seconds
            if step > 0:
                due = self.store.next_due(step)
                pause = step if due is None else min(step, max(0.01, due - time.monotonic()))
            else:
                pause = None
            if self._pace_changed.wait(pause):
                self._pace_changed.clear()
                continue
            if self._stopping.is_set():
                return
            self.store.advance_due(self.clock(), time.monotonic(), step)
