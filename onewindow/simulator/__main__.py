"""`python -m onewindow.simulator --utility gas`: the simulator without the full CLI."""

import argparse
import sys

from onewindow.simulator.cli import DEFAULT_STEP_SECONDS, run_cli
from onewindow.simulator.server import DEFAULT_PAGE_CAP


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m onewindow.simulator")
    parser.add_argument("--utility", choices=("water", "power", "gas"), required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token")
    parser.add_argument("--secret")
    parser.add_argument("--step-seconds", type=float, default=DEFAULT_STEP_SECONDS)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--page-cap", type=int, default=DEFAULT_PAGE_CAP)
    args = parser.parse_args(argv)
    return run_cli(
        args.utility,
        args.host,
        args.port,
        args.token,
        args.secret,
        args.step_seconds,
        prefix=args.prefix,
        page_cap=args.page_cap,
    )


if __name__ == "__main__":
    sys.exit(main())
