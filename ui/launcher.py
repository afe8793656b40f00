"""The `onewindow` console script: a command goes to the Qt-free command line, none starts Qt.

Qt is imported only for the desktop client, so `onewindow worker` runs on a hall server
with no display and no Qt libraries loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# The desktop client's own options (`--pace`: the training simulators' pace, ui.app).
DESKTOP_OPTIONS = ("--config", "--pace")


def wants_desktop(argv: Sequence[str]) -> bool:
    """True when argv holds nothing but `--config FILE` and `--pace NAME`: no command, no
    --help/--version."""
    args = list(argv)
    while args:
        head = args.pop(0)
        if head in DESKTOP_OPTIONS:
            if not args:
                return False
            args.pop(0)
        elif head.startswith(tuple(f"{option}=" for option in DESKTOP_OPTIONS)):
            continue
        else:
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_desktop(args):
        from ui.app import run

        return run(args)
    from onewindow.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
