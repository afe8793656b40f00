"""`onewindow simulate`: one simulated utility in the foreground until SIGTERM or SIGINT."""

import signal
import sys
import threading

from onewindow.simulator.server import DEFAULT_PAGE_CAP, Simulator

# A training hall should see a ticket move every little while, not every second.
DEFAULT_STEP_SECONDS = 20.0


def run_cli(
    utility: str,
    host: str,
    port: int,
    token: str | None,
    secret: str | None,
    step_seconds: float,
    *,
    prefix: str = "/",
    page_cap: int = DEFAULT_PAGE_CAP,
) -> int:
    """Serve until told to stop. The base URL is the first line of stdout; requests are logged
    to stderr (request line and status only: never a credential)."""
    try:
        simulator = Simulator(
            utility,
            host=host,
            port=port,
            prefix=prefix,
            token=token,
            secret=secret,
            step_seconds=step_seconds,
            page_cap=page_cap,
            log=sys.stderr,
        ).start()
    except (OSError, ValueError) as failure:
        print(f"模拟器无法启动：{failure}", file=sys.stderr)
        return 1
    stopping = threading.Event()
    previous = {
        signum: signal.signal(signum, lambda *_: stopping.set())
        for signum in (signal.SIGTERM, signal.SIGINT)
    }
    # Only now: whoever reads the URL may signal at once, and must find the handler in place.
    print(simulator.base_url, flush=True)
    try:
        while not stopping.wait(0.5):
            pass
    finally:
        simulator.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
