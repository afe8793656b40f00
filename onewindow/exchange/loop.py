"""The delivery loop: sends the outbox and reads the change feeds, utility by utility.

The same loop serves `onewindow worker` (headless, on a hall server) and the desktop client (a
plain background thread; it tells the window that something changed through `on_change`, so
it imports no Qt). Each pass runs one lane per utility in parallel: that utility's due
requests, then its feed. A lane owns its utility's HTTP client, so each `requests.Session` is
only ever used by one thread at a time.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from onewindow.config import UtilitySettings
from onewindow.exchange.acceptance import cut
from onewindow.exchange.client import UtilityClient
from onewindow.exchange.feed import FeedReport, read_feed
from onewindow.exchange.sender import LaneReport, Sender, Waiting, backoff_s
from onewindow.hall import Hall
from onewindow.store.db import DatabaseUnavailable, connection_lost

log = logging.getLogger(__name__)

DEFAULT_POLL_S = 30.0
DB_RETRY_FIRST_S = 0.5
DB_RETRY_CAP_S = 30.0

_T = TypeVar("_T")


@dataclass
class PassReport:
    accepting: list[str]
    lanes: dict[str, LaneReport] = field(default_factory=dict)
    feeds: dict[str, FeedReport] = field(default_factory=dict)

    @property
    def changed(self) -> set[str]:
        """Ticket ids whose state this pass changed."""
        found: set[str] = set()
        for lane in self.lanes.values():
            found |= lane.changed
        for feed in self.feeds.values():
            found |= feed.changed
        return found

    @property
    def open_utilities(self) -> list[str]:
        """The utilities that were accepting and still are after this pass."""
        return [
            u
            for u in self.accepting
            if not (u in self.lanes and self.lanes[u].refused)
            and not (u in self.feeds and self.feeds[u].refused)
        ]


class DeliveryLoop:
    def __init__(
        self,
        hall: Hall,
        *,
        on_change: Callable[[PassReport], None] | None = None,
        poll_s: float = DEFAULT_POLL_S,
        rng: random.Random | None = None,
        identity: str | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.hall = hall
        self.on_change = on_change
        self.poll_s = poll_s
        self.stop_event = stop or threading.Event()
        self._wake = threading.Event()
        self._rng = rng or random.Random()
        self.sender = Sender(hall, rng=self._rng, identity=identity, stop=self.stop_event)
        self._clients: dict[str, UtilityClient] = {}
        self._feed_failures: dict[str, int] = {}
        self._failures = 0
        self._thread: threading.Thread | None = None

    def _client(self, settings: UtilitySettings) -> UtilityClient:
        client = self._clients.get(settings.utility)
        if client is None or client.settings != settings:
            if client is not None:
                client.close()
            client = UtilityClient(settings)
            self._clients[settings.utility] = client
        return client

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    # One pass.

    def run_pass(self, *, feeds: bool = True) -> PassReport:
        accepting = self.sender.prepare()
        report = PassReport(accepting)
        if not accepting:
            return report
        settings = self.hall.config.utilities
        clients = {u: self._client(settings[u]) for u in accepting}
        with ThreadPoolExecutor(max_workers=len(accepting), thread_name_prefix="lane") as pool:
            futures = {u: pool.submit(self._lane, clients[u], feeds) for u in accepting}
            for utility, future in futures.items():
                lane, feed = future.result()
                report.lanes[utility] = lane
                if feed is not None:
                    report.feeds[utility] = feed
        return report

    def _lane(self, client: UtilityClient, feeds: bool) -> tuple[LaneReport, FeedReport | None]:
        """One utility's turn. Whatever goes wrong in it is that utility's trouble: said in one
        line, retried on a later pass, and the other lanes go on."""
        utility = client.settings.utility
        try:
            return self._lane_work(client, utility, feeds)
        except Exception as exc:
            self._feed_failures[utility] = self._feed_failures.get(utility, 0) + 1
            reason = cut(f"{type(exc).__name__}: {exc}", 500)
            log.error("%s: 本轮发送中断，稍后重试 / lane failed: %s", utility, reason)
            return LaneReport(utility), FeedReport(utility, error=reason)

    def _lane_work(
        self, client: UtilityClient, utility: str, feeds: bool
    ) -> tuple[LaneReport, FeedReport | None]:
        lane = self.sender.deliver(client, utility)
        if not feeds or lane.refused or self.stop_event.is_set():
            return lane, None
        feed = read_feed(self.hall, client)
        self._feed_failures[utility] = (
            0 if feed.caught_up else self._feed_failures.get(utility, 0) + 1
        )
        return lane, feed

    def _feed_retry_s(self, report: PassReport) -> float | None:
        failing = [
            self._feed_failures.get(u, 0)
            for u in report.open_utilities
            if u in report.feeds and not report.feeds[u].caught_up
        ]
        return backoff_s(max(failing), self._rng) if failing else None

    def _pause_s(self, report: PassReport, ceiling: float) -> float:
        """How long to rest before the next pass: until the next request comes due or a failed
        feed is retried, at most `ceiling`."""
        pause = ceiling
        due = self.sender.next_due(report.open_utilities)
        if due is not None:
            pause = min(pause, (due - self.hall.now()).total_seconds())
        feed_retry = self._feed_retry_s(report)
        if feed_retry is not None:
            pause = min(pause, feed_retry)
        return max(0.01, pause)

    # The worker's two modes and the desktop's thread.

    def drain(self, timeout_s: float | None) -> bool:
        """Deliver until nothing deliverable is left (now or after backoff) and a full feed
        pass is done; False when the timeout or a stop comes first."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while not self.stop_event.is_set():
            step = self._guarded(lambda: self._drain_step(deadline))
            if step is None:  # failed and rested
                if deadline is not None and time.monotonic() >= deadline:
                    return False
                continue
            drained, pause = step
            if drained:
                return True
            if pause is None:
                return False
            self._rest(pause)
        return False

    def _drain_step(self, deadline: float | None) -> tuple[bool, float | None]:
        """A pass; (True, None) once drained, (False, None) at the deadline, else the rest."""
        report = self.run_pass()
        self._notify(report)
        open_utilities = report.open_utilities
        feeds_done = all(u in report.feeds and report.feeds[u].caught_up for u in open_utilities)
        if feeds_done and self.sender.next_due(open_utilities) is None:
            return True, None
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return False, None
        ceiling = self.poll_s if remaining is None else min(self.poll_s, remaining)
        return False, self._pause_s(report, ceiling)

    def run_forever(self) -> None:
        """Until stop(): a pass, then rest until something comes due (or wake())."""
        while not self.stop_event.is_set():
            pause = self._guarded(self._forever_step)
            if pause is not None:
                self._rest(pause)

    def _forever_step(self) -> float:
        report = self.run_pass()
        self._notify(report)
        return self._pause_s(report, self.poll_s)

    def _guarded(self, step: Callable[[], _T]) -> _T | None:
        """The step's result, or None after a failed step and a rest.

        The loop is the only sender in a desktop client and the whole of a hall's worker: it
        must outlive a lost database (a restart, the network) or a bug in one pass. A lost
        database is retried 0.5 s, 1 s, 2 s … up to 30 s apart and said in one line; anything
        else is logged with its traceback.
        """
        try:
            result = step()
        except Exception as exc:
            self._failures += 1
            if isinstance(exc, DatabaseUnavailable) or connection_lost(exc):
                delay = min(DB_RETRY_CAP_S, DB_RETRY_FIRST_S * 2 ** min(self._failures - 1, 10))
                log.warning(
                    "数据库暂时无法连接，%.1f 秒后重试 / database unreachable, retrying in %.1f s",
                    delay,
                    delay,
                )
            else:
                delay = backoff_s(self._failures, self._rng)
                log.exception("delivery pass failed")
            self._rest(delay * self._rng.uniform(0.8, 1.2))
            return None
        self._failures = 0
        return result

    def waiting(self, report: PassReport | None = None) -> list[Waiting]:
        accepting = report.open_utilities if report else self.sender.prepare()
        return self.sender.waiting(accepting)

    def _notify(self, report: PassReport) -> None:
        if self.on_change is not None and report.changed:
            self.on_change(report)

    def _rest(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def wake(self) -> None:
        """Start the next pass now (after a submission, or changed settings)."""
        self._wake.set()

    def stop(self) -> None:
        """Finish the request in flight, record it, and end the loop."""
        self.stop_event.set()
        self._wake.set()

    def start(self) -> threading.Thread:
        """Run the loop on a daemon thread (the desktop client)."""
        self._thread = threading.Thread(target=self.run_forever, name="delivery", daemon=True)
        self._thread.start()
        return self._thread

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
