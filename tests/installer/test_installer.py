"""The PyInstaller build runs: commands work from the frozen folder and the client starts."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "samples" / "gas-only-resident.json"


@pytest.mark.slow
def test_frozen_build_runs_commands_and_starts_the_client(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "installer" / "onewindow.spec"),
        ],
        check=True,
        cwd=ROOT,
        timeout=900,
    )
    exe = tmp_path / "dist" / "onewindow" / "onewindow"
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("ONEWINDOW_CONFIG", None)
    config = tmp_path / "ow.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "ow.db"}"\n[hall]\ncode = "TEST"\n'
        'name = "测试营业厅"\nsupervision_hotline = "12345"\n[counter]\nid = "W01"\n',
        encoding="utf-8",
    )

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe), *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
        )

    assert "onewindow 1." in run("--version").stdout
    assert run("--config", str(config), "init").returncode == 0
    added = run(
        "--config",
        str(config),
        "user",
        "add",
        "s1",
        "--role",
        "clerk",
        stdin="Smoke#2026pw\nSmoke#2026pw\n",
    )
    assert added.returncode == 0, added.stderr
    submitted = run("--config", str(config), "submit", str(SAMPLE), "--clerk", "s1")
    assert submitted.returncode == 0, submitted.stderr
    number = submitted.stdout.strip()
    receipt = tmp_path / "r.pdf"
    printed = run("--config", str(config), "receipt", number, "--out", str(receipt))
    assert printed.returncode == 0, printed.stderr
    assert receipt.read_bytes().startswith(b"%PDF")
    # The desktop client (training mode: no configuration) starts and stays up.
    with subprocess.Popen(
        [str(exe)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as client:
        try:
            time.sleep(8)
            assert client.poll() is None, client.stderr.read().decode() if client.stderr else ""
        finally:
            client.terminate()
            client.wait(timeout=30)
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
