"""A clerk's day in a real window (issue 10, "How it is checked"): Xvfb with a window manager,
real input through the X server (xdotool), a screenshot at each step kept as an artifact.

The day itself is tests/ui/real_window_day.py; this test gives it a display and runs it in a
pytest of its own (the rest of the suite runs offscreen). Slow: about four and a half
minutes on a loaded 2-core machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("Xvfb", "openbox", "xdotool", "import", "pdfinfo", "pdftotext")

pytestmark = [
    pytest.mark.slow,
    # About 4½ minutes here (steps 1–15); room for a machine busier still than this one.
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in NEEDED),
        reason="needs Xvfb, openbox, xdotool, imagemagick, poppler: system-packages.sh test",
    ),
]


@pytest.fixture
def display() -> Iterator[str]:
    """A 1600×1000 X server with openbox on a free display number."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    name = f":{number}"
    manager = subprocess.Popen(
        ["openbox"],
        env={**os.environ, "DISPLAY": name},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["xdotool", "getactivewindow"], env={**os.environ, "DISPLAY": name}, capture_output=True
        )
        if b"BadWindow" not in probe.stderr and probe.returncode in (0, 1):
            break
        time.sleep(0.2)
    try:
        yield name
    finally:
        for process in (manager, server):
            process.terminate()
        for process in (manager, server):
            process.wait(10)


def test_a_clerks_day_in_a_real_window(display: str) -> None:
    # Kept after the run (pytest prunes its own temporary folders): $CLERK_DAY_ARTIFACTS, or a
    # new folder under the system's temporary directory, named in the output.
    artifacts = Path(
        os.environ.get("CLERK_DAY_ARTIFACTS") or tempfile.mkdtemp(prefix="onewindow-clerk-day-")
    )
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", CLERK_DAY_SHOTS=str(shots))
    day = ["tests/ui/real_window_day.py", "--basetemp", str(artifacts / "work")]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *day],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=570,
    )
    taken = sorted(p.name for p in shots.iterdir())
    print(f"screenshots in {shots}: {taken}")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert len(taken) >= 60, taken  # each step a screenshot, in Chinese and in English
