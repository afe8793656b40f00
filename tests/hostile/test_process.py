"""The few hostile cases only a real process shows: a closed pipe, argv bytes, a terminal.

Run through the console script's module (ui/launcher.py), as a clerk's shell runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, SAMPLES

LAUNCHER = [sys.executable, "-m", "ui.launcher"]


def run(config: Path, *args: str | bytes, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*LAUNCHER, "--config", str(config), *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def config_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SQLite only, one database for the module: these tests are about the process, and each
    start costs a second or two."""
    tmp_path = tmp_path_factory.mktemp("process")
    path = tmp_path / "onewindow.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "ow.db"}"\n'
        '[hall]\ncode = "LBGX"\nname = "灵宝"\nsupervision_hotline = "0398-12345"\n'
        '[counter]\nid = "W03"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def application_no(config_file: Path) -> str:
    added = run(
        config_file, "user", "add", "zhangwei", "--role", "clerk", stdin=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert added.returncode == 0, added.stderr.decode()
    done = run(
        config_file, "submit", str(SAMPLES / "gas-only-resident.json"), "--clerk", "zhangwei"
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode().strip()


def test_show_json_into_a_closed_pipe_is_quiet(config_file, application_no):
    # `show --json | head -c1`, made certain: the reader is gone before anything is written.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [*LAUNCHER, "--config", str(config_file), "show", application_no, "--json"],
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)
    assert done.stderr == b"", done.stderr.decode()
    assert done.returncode == 1


def test_show_json_into_head_is_quiet(config_file, application_no):
    shell = (
        f"{sys.executable} -m ui.launcher --config '{config_file}' show {application_no} --json"
        " | head -c1"
    )
    done = subprocess.run(["sh", "-c", shell], capture_output=True, timeout=120, check=False)
    assert done.stdout == b"{"
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr


def test_argv_bytes_that_are_not_utf8(config_file, application_no):
    # A clerk's name typed in a GBK terminal arrives as bytes no UTF-8 decoder accepts.
    done = run(
        config_file,
        "submit",
        str(SAMPLES / "gas-only-resident.json"),
        "--clerk",
        "张伟".encode("gbk"),
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "U+DC" in err  # named, as the lone surrogate Python made of the byte
    shown = run(config_file, "show", application_no, "--json")
    assert shown.returncode == 0  # nothing else was saved: the one application is still alone
    assert run(config_file, "show", application_no[:-1] + "2").returncode == 2


def test_a_file_name_that_is_not_utf8_is_printed_escaped(config_file, application_no, tmp_path):
    name = os.fsencode(tmp_path) + b"/\xb1\xed.pdf"  # 表.pdf in GBK
    done = run(config_file, "receipt", application_no, "--out", name)
    assert done.returncode == 0, done.stderr.decode()
    assert os.path.exists(name)
    assert done.stdout.decode("utf-8").strip().endswith("\\udcb1\\udced.pdf")


def test_control_characters_reach_a_terminal_escaped(config_file, application_no):
    done = run(config_file, "show", "\x1b]0;owned\x07" + application_no)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "\x1b" not in err and "\x07" not in err
    assert "U+001B" in err


def test_the_interpreter_adds_nothing_at_exit(config_file, application_no):
    # A --json listing through a pipe that stays open: exit 0 and clean stderr.
    done = run(config_file, "show", application_no, "--json")
    assert done.returncode == 0 and done.stderr == b""
