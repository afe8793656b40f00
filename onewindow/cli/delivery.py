"""`onewindow worker` and `onewindow simulate` (architecture.md, "Command line").

    onewindow worker [--drain] [--timeout SECONDS]
    onewindow simulate --utility water|power|gas [--host 127.0.0.1] [--port 0]
                       [--token T] [--secret S]

The worker delivers the outbox and reads the change feeds. Without --drain it runs until
SIGTERM or SIGINT, finishes the request in flight, records it and exits 0 (the hall server's
service). With --drain it exits 0 once nothing is left that can be delivered now or after
backoff and one full feed pass is done, 1 when the timeout comes first. Requests for a utility
that is not configured, or whose credentials were refused, cannot be delivered now: they stay
queued and are reported on stderr.
"""

from __future__ import annotations

import argparse
import logging
import math
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType

from onewindow.codes import Text
from onewindow.config import (
    DEFAULT_TRAINING_PACE,
    TRAINING_PACE_SECONDS,
    UTILITIES,
    Config,
)
from onewindow.errors import BadInput
from onewindow.exchange.loop import DeliveryLoop, PassReport
from onewindow.exchange.sender import Waiting
from onewindow.exchange.training import start_training
from onewindow.exchange.utility_link import utility_name
from onewindow.hall import Hall
from onewindow.simulator import DEFAULT_STEP_SECONDS, run_cli
from onewindow.store.notify import ChangeListener

EXIT_OK, EXIT_FAILED = 0, 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("worker", help="deliver queued tickets and read the change feeds")
    worker.add_argument(
        "--drain",
        action="store_true",
        help="exit once nothing is left to deliver now or after backoff and the feeds are read",
    )
    worker.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="with --drain: exit 1 if not drained by then; without: stop after that long",
    )
    worker.add_argument(
        "--pace",
        choices=list(TRAINING_PACE_SECONDS),
        help="training mode only: how fast the simulated utilities move tickets "
        f"(default {DEFAULT_TRAINING_PACE})",
    )
    # As a service it may start before its database (a boot, a restart): it waits for it.
    worker.set_defaults(handler=cmd_worker, wait_for_database=True)

    simulate = sub.add_parser("simulate", help="run the bundled utility simulator")
    simulate.add_argument("--utility", required=True, choices=list(UTILITIES))
    simulate.add_argument("--host", default="127.0.0.1")
    simulate.add_argument("--port", type=int, default=0)
    simulate.add_argument("--token")
    simulate.add_argument("--secret")
    simulate.set_defaults(standalone=cmd_simulate)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是秒数 / not a number of seconds: {text!r}") from None
    if not 0 < value < math.inf:  # nan and inf are floats too
        raise argparse.ArgumentTypeError(
            "应为大于 0 的有限秒数 / must be a finite number of seconds greater than 0"
        )
    return value


def cmd_simulate(config: Config, args: argparse.Namespace) -> int:
    return run_cli(
        args.utility,
        args.host,
        args.port,
        args.token,
        args.secret,
        DEFAULT_STEP_SECONDS,
    )


@contextmanager
def _stopped_by_signals(loop: DeliveryLoop) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        loop.stop()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def cmd_worker(hall: Hall, args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="onewindow worker: %(message)s")
    training = None
    if args.pace is not None and not hall.config.training:
        raise BadInput(Text("--pace 仅用于培训模式", "--pace is for training mode only"))
    if hall.config.training:
        training = start_training(
            replace(hall.config, training_pace=args.pace or DEFAULT_TRAINING_PACE)
        )
        hall = hall.with_config(training.config)
        print(
            "培训模式：发往本机模拟器 / training mode: delivering to the simulators",
            file=sys.stderr,
        )
    loop = DeliveryLoop(hall, on_change=_say_progress)
    try:
        with _stopped_by_signals(loop):
            if args.drain:
                drained = loop.drain(args.timeout)
            else:
                timer = None
                if args.timeout is not None:
                    timer = threading.Timer(args.timeout, loop.stop)
                    timer.daemon = True
                    timer.start()
                # A counter's submit (or cancel …) wakes the worker at once, not at its next
                # poll: it hears ticket changes as every open client does.
                listener = ChangeListener(hall.engine, lambda _ids: loop.wake())
                listener.start()
                try:
                    loop.run_forever()
                finally:
                    listener.stop()
                if timer is not None:
                    timer.cancel()
                drained = True
        _report_waiting(loop.waiting(), hall.config)
    finally:
        loop.close()
        if training is not None:
            training.stop()
    if not drained:
        stopped = loop.stop_event.is_set()
        print(
            "onewindow: "
            + (
                "已停止，队列未发送完 / stopped before the queue was drained"
                if stopped
                else f"{args.timeout:g} 秒内未能发送完 / not drained within the timeout"
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def _say_progress(report: PassReport) -> None:
    delivered = sum(lane.delivered for lane in report.lanes.values())
    attention = sum(lane.attention for lane in report.lanes.values())
    applied = sum(feed.applied for feed in report.feeds.values())
    parts = []
    if delivered:
        parts.append(f"delivered {delivered}")
    if attention:
        parts.append(f"needs attention {attention}")
    if applied:
        parts.append(f"status changes {applied}")
    if parts:
        print("onewindow worker: " + ", ".join(parts), file=sys.stderr, flush=True)


def _report_waiting(waiting: list[Waiting], config: Config) -> None:
    for item in waiting:
        name = utility_name(item.utility, config.utilities.get(item.utility))
        why = (
            "接口凭据被拒绝，请管理员检查设置 / credentials refused"
            if item.reason == "refused"
            else "未配置该单位的接口 / utility not configured"
        )
        print(
            f"onewindow: {name} ({item.utility}): {item.count} 个请求仍在队列中：{why}",
            file=sys.stderr,
        )
