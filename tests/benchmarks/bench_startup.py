"""From process start to the sign-in window on screen, against a bare PySide6 window.

Run: `.venv/bin/python -m tests.benchmarks.bench_startup [RUNS]`. Each run is a fresh Python
process (offscreen, throwaway user folders, training mode); the parent times from spawning
it to the line the child prints once the window is shown and the event loop has painted it.
The baseline is a QApplication with one empty QWidget, timed the same way in the same run.
Goal: the ratio of the medians ≤ 1.5.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 1.5
ROOT = Path(__file__).resolve().parents[2]

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
def shown():
    print("SHOWN", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

CLIENT = """
from PySide6.QtCore import QTimer
from ui.app import start
counter = start([])
assert counter is not None and counter.sign_in.isVisible()
def shown():
    print("SHOWN", flush=True)
    counter.app.quit()
QTimer.singleShot(0, shown)
counter.app.exec()
counter.shutdown()
"""


def time_to_shown(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "SHOWN":
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"child never showed its window: {child.stderr.read()[-2000:]}")
    child.communicate(timeout=120)
    if child.returncode != 0:
        raise RuntimeError(f"child failed ({child.returncode})")
    return elapsed


def main(runs: int | None = None) -> float:
    if runs is None:
        runs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 7
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_DATA_HOME=f"{home}/data",
            XDG_CONFIG_HOME=f"{home}/config",
            ONEWINDOW_CONFIG="",
            ONEWINDOW_LANG="zh",
        )
        # Warm the disk cache and the training database once, outside the timing.
        time_to_shown(BARE, env)
        time_to_shown(CLIENT, env)
        bare, client = [], []
        for _ in range(runs):
            bare.append(time_to_shown(BARE, env))
            client.append(time_to_shown(CLIENT, env))
    bare_ms = statistics.median(bare) * 1000
    client_ms = statistics.median(client) * 1000
    ratio = client_ms / bare_ms
    print(f"bare PySide6 window shown:  median {bare_ms:6.0f} ms  ({runs} runs)")
    print(f"OneWindow sign-in shown:    median {client_ms:6.0f} ms  ({runs} runs)")
    verdict = "meets" if ratio <= GOAL_RATIO else "misses"
    print(f"ratio {ratio:.2f} ({verdict} the goal of ≤ {GOAL_RATIO})")
    return ratio


if __name__ == "__main__":
    main()
