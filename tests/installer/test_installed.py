"""The .deb installed on this machine (as root, with apt-get), as a hall's IT person would.

In order: an older package built from the same tree is installed and used (a hall
configuration, a user, an application); the real one is installed over it (data and
configuration kept, self-check green); then in training mode: --version, self-check, the
client under Xvfb for five seconds, a form submitted; last, apt-get remove leaves the data.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.installer.conftest import (
    BUILD_TIMEOUT_S,
    OLDER_VERSION,
    ROOT,
    SAMPLE,
    VERSION,
    Builds,
    Desk,
    new_desk,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(BUILD_TIMEOUT_S),
    pytest.mark.skipif(
        os.geteuid() != 0 or shutil.which("apt-get") is None,
        reason="installs a Debian package: needs root and apt-get (as CI runs)",
    ),
]

ONEWINDOW = "/usr/bin/onewindow"
PASSWORD = "Install#2026pw\nInstall#2026pw\n"
SCREENSHOT = ROOT / "build" / "screenshots" / "installed-sign-in.png"


def apt(*args: str) -> None:
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(
        ["apt-get", "-y", "-q", "--no-install-recommends", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"apt-get {' '.join(args)}:\n{done.stdout}\n{done.stderr}"


def installed_version() -> str | None:
    query = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", "onewindow"],
        capture_output=True,
        text=True,
        check=False,
    )
    status = query.stdout.split()
    return status[-1] if query.returncode == 0 and "installed" in status[:3] else None


@dataclass
class Hall:
    """A desk with a hall configuration and the simulators its utilities point at."""

    desk: Desk
    simulators: list[subprocess.Popen[str]]
    config_bytes: bytes
    application_no: str


def _simulator(desk: Desk, utility: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [ONEWINDOW, "simulate", "--utility", utility, "--token", "T0KEN-install"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=desk.env,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


@pytest.fixture(scope="module")
def hall(builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    """The older package, used for real; then the real package installed over it."""
    if installed_version() is not None:  # left by a run that was killed: start clean
        apt("remove", "onewindow")
    apt("install", str(builds.older_deb))
    desk = new_desk(tmp_path_factory.mktemp("hall-desk"))
    assert desk.run(ONEWINDOW, "--version").stdout.strip() == f"onewindow {OLDER_VERSION}"
    simulators = []
    lines = []
    for utility in ("water", "power", "gas"):
        process, url = _simulator(desk, utility)
        simulators.append(process)
        lines += [f"[utilities.{utility}]", f'base_url = "{url}"', 'token = "T0KEN-install"']
    desk.config_file.parent.mkdir(parents=True)
    desk.config_file.write_text(
        "\n".join(
            [
                "[database]",
                f'url = "sqlite:///{desk.data / "hall.db"}"',
                "[hall]",
                'code = "LBGX"',
                'name = "灵宝市水电气共享营业厅"',
                'supervision_hotline = "0398-12345"',
                "[counter]",
                'id = "W01"',
                *lines,
                "",
            ]
        ),
        encoding="utf-8",
    )
    desk.config_file.chmod(0o600)  # it holds the utilities' token
    try:
        initialised = desk.run(ONEWINDOW, "init")
        assert initialised.returncode == 0, initialised.stderr
        added = desk.run(ONEWINDOW, "user", "add", "zhangwei", "--role", "clerk", stdin=PASSWORD)
        assert added.returncode == 0, added.stderr
        submitted = desk.run(ONEWINDOW, "submit", str(SAMPLE), "--clerk", "zhangwei", "--json")
        assert submitted.returncode == 0, submitted.stderr
        number = json.loads(submitted.stdout)["application_no"]
        config_bytes = desk.config_file.read_bytes()
        apt("install", str(builds.deb))  # the upgrade, over the older package
        yield Hall(desk, simulators, config_bytes, number)
    finally:
        for process in simulators:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)
        if installed_version() is not None:
            apt("remove", "onewindow")


@pytest.fixture(scope="module")
def trainee(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    return new_desk(tmp_path_factory.mktemp("training-desk"))


def test_the_upgrade_keeps_data_and_configuration_and_self_check_is_green(hall: Hall) -> None:
    desk = hall.desk
    assert installed_version() == VERSION
    assert desk.run(ONEWINDOW, "--version").stdout.strip() == f"onewindow {VERSION}"
    assert desk.config_file.read_bytes() == hall.config_bytes
    shown = desk.run(ONEWINDOW, "show", hall.application_no, "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["application_no"] == hall.application_no
    check = desk.run(ONEWINDOW, "self-check", "--json")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["ok"] and report["version"] == VERSION and not report["training"]
    names = {c["check"] for c in report["checks"]}
    assert {"database", "font", "translations"} <= names
    assert {"utility water", "utility power", "utility gas"} <= names


def test_version_and_self_check_in_training_mode(hall: Hall, trainee: Desk) -> None:
    assert trainee.run(ONEWINDOW, "--version").stdout.strip() == f"onewindow {VERSION}"
    before = trainee.run(ONEWINDOW, "self-check")
    # No training database and no audit key yet: a line for each, naming the command.
    assert before.returncode == 1
    problems = before.stderr.splitlines()
    assert [p.split(":")[2].strip() for p in problems] == ["database", "audit key"]
    assert all(p.endswith("(run onewindow init)") for p in problems)
    assert trainee.run(ONEWINDOW, "init").returncode == 0
    after = trainee.run(ONEWINDOW, "self-check", "--json")
    assert after.returncode == 0, after.stderr
    report = json.loads(after.stdout)
    assert report["training"] and all(c["ok"] for c in report["checks"])
    # The bundle's own Python: 3.12 or newer where the build found one (see test_bundle).
    assert report["python"] == _bundle_python()


def _bundle_python() -> str:
    return subprocess.run(
        [
            str(ROOT / "build" / "bundle-venv" / "bin" / "python"),
            "-c",
            "import platform; print(platform.python_version())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        display = answer.readline().strip()
    assert display, "Xvfb did not start"
    return server, f":{display}"


def _window_titles(display: str) -> list[str]:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    titles = []
    for line in tree.splitlines():
        if '("onewindow"' not in line:
            continue
        window = line.split()[0]
        name = subprocess.run(
            ["xprop", "-display", display, "-id", window, "_NET_WM_NAME"],
            capture_output=True,
            text=True,
            env={"LANG": "C.UTF-8"},
            check=False,
        ).stdout
        if "=" in name:
            titles.append(name.split("=", 1)[1].strip().strip('"'))
    return titles


GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
image = app.primaryScreen().grabWindow(0).toImage()
image.save(sys.argv[1])
points = [(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
print(len({image.pixel(x, y) for x, y in points}))
"""


def test_the_installed_client_shows_the_sign_in_window_under_xvfb(
    hall: Hall, trainee: Desk
) -> None:
    server, display = _start_xvfb()
    env = trainee.env | {"DISPLAY": display}
    try:
        client = subprocess.Popen(
            [ONEWINDOW], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            deadline = time.monotonic() + 30
            while "一窗通办 — 登录" not in _window_titles(display):
                assert client.poll() is None, client.communicate()[1]
                assert time.monotonic() < deadline, "no sign-in window within 30 s"
                time.sleep(0.25)
            time.sleep(5)
            assert client.poll() is None, client.communicate()[1]
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            grab = subprocess.run(
                [sys.executable, "-c", GRAB, str(SCREENSHOT)],
                env={"DISPLAY": display, "PATH": os.environ["PATH"], "QT_QPA_PLATFORM": "xcb"},
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            )
            assert int(grab.stdout.split()[-1]) > 20, "the screen looks empty"
        finally:
            client.terminate()
            _out, errors = client.communicate(timeout=30)
        assert "Traceback" not in errors, errors
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_form_submitted_with_the_installed_command(hall: Hall, trainee: Desk) -> None:
    assert trainee.run(ONEWINDOW, "init").returncode == 0
    added = trainee.run(ONEWINDOW, "user", "add", "lina", "--role", "clerk", stdin=PASSWORD)
    assert added.returncode == 0, added.stderr
    submitted = trainee.run(ONEWINDOW, "submit", str(SAMPLE), "--clerk", "lina", "--json")
    assert submitted.returncode == 0, submitted.stderr
    answer = json.loads(submitted.stdout)
    assert [t["utility"] for t in answer["tickets"]] == ["gas"]
    receipt = trainee.home / "receipt.pdf"
    printed = trainee.run(ONEWINDOW, "receipt", answer["application_no"], "--out", str(receipt))
    assert printed.returncode == 0, printed.stderr
    assert receipt.read_bytes().startswith(b"%PDF")


def test_removing_the_package_leaves_the_data(hall: Hall, trainee: Desk) -> None:
    data = sorted(p.name for p in hall.desk.data.iterdir())
    training = sorted(p.name for p in trainee.data.iterdir())
    apt("remove", "onewindow")
    assert installed_version() is None
    assert not Path("/opt/onewindow").exists() and not Path(ONEWINDOW).exists()
    assert hall.desk.config_file.read_bytes() == hall.config_bytes
    assert sorted(p.name for p in hall.desk.data.iterdir()) == data
    assert "hall.db" in data and "training.db" in training
    assert sorted(p.name for p in trainee.data.iterdir()) == training
