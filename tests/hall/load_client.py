"""One counter under load: submits applications through the core as the desktop does, for a
while, and writes what happened as JSON. Run by tests/hall/test_load.py as a process:

    python -m tests.hall.load_client CONFIG.toml USER_ID SECONDS OUT.json

A submit refused because the database is unreachable is what a clerk would see during a
restart (a clear message, nothing saved); the client waits a moment and submits again, as
the clerk would. Any other failure is recorded with its text: the test fails on it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from onewindow import config as config_mod
from onewindow.desk.counter_work import submit
from onewindow.errors import OneWindowError
from onewindow.hall import Hall
from onewindow.store.db import DatabaseUnavailable

FORMS = [
    json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((Path(__file__).resolve().parents[1] / "samples").glob("g*.json"))
]


def main(config_file: str, user_id: int, seconds: float, out: str) -> int:
    hall = Hall.open(config_mod.load(config_file), upgrade=False)
    Path(out).with_suffix(".ready").touch()
    deadline = time.monotonic() + seconds
    submitted: list[dict[str, object]] = []
    refused = 0
    errors: list[str] = []
    i = 0
    while time.monotonic() < deadline:
        form = FORMS[i % len(FORMS)]
        i += 1
        started = time.perf_counter()
        try:
            done = submit(hall, user_id, form)
        except DatabaseUnavailable:
            refused += 1
            time.sleep(0.2)
            continue
        except OneWindowError as exc:
            errors.append(str(exc))
            continue
        except Exception as exc:  # the test fails on any of these
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        submitted.append(
            {
                "application_no": done.application_no,
                "ms": (time.perf_counter() - started) * 1000,
                "utilities": [line.utility for line in done.lines],
            }
        )
    hall.close()
    Path(out).write_text(
        json.dumps({"submitted": submitted, "refused": refused, "errors": errors}),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]))
