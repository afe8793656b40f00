"""How long `check_form` takes on one three-utility form, against a deep copy of the same data.

Run: `python -m tests.benchmarks.bench_check_form [RUNS]`. The intake screen re-checks the
whole form on every edit, so the check must stay well under a frame (target: median under
1 ms). The baseline walks and copies the same JSON with `copy.deepcopy`, a pure-Python pass
over the same values, so the ratio shows what normalising and checking cost on top of a walk.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from onewindow.intake.form import MaterialCatalogue, check_form

FORM = Path(__file__).resolve().parents[1] / "samples" / "gas-water-power-organization.json"
TARGET_MS = 1.0


def _median_ms(work: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(runs: int) -> tuple[float, float]:
    form = json.loads(FORM.read_text(encoding="utf-8"))
    catalogue = MaterialCatalogue.default()
    today = date(2026, 11, 27)
    result = check_form(form, today=today, catalogue=catalogue)
    if result.errors:
        raise SystemExit(f"the benchmark form is not valid: {result.errors}")
    checked = _median_ms(lambda: check_form(form, today=today, catalogue=catalogue), runs)
    copied = _median_ms(lambda: copy.deepcopy(form), runs)
    return checked, copied


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    checked, copied = measure(runs)
    verdict = "meets" if checked < TARGET_MS else "MISSES"
    print(f"check_form, three utilities: median {checked * 1000:.0f} µs over {runs} runs")
    print(f"deepcopy of the same form:   median {copied * 1000:.0f} µs")
    print(f"ratio {checked / copied:.1f}×; {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
