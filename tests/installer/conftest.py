"""The installers, built once per test run and tried as a hall's IT person would (issue 14).

`make bundle` runs once per session, then `make deb` twice from that bundle: the real package
and an older one (DEB_VERSION) for the upgrade. The programs run in throwaway HOME/XDG
folders with a clean environment (no PYTHONPATH, no Qt platform forced), as on a hall's PC.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
OLDER_VERSION = "0.0.1"
SAMPLE = ROOT / "tests" / "samples" / "gas-only-resident.json"
# Building takes minutes on two cores; pytest's default timeout is for one test's own work.
BUILD_TIMEOUT_S = 1500


@dataclass(frozen=True)
class Builds:
    dist: Path
    bundle: Path
    deb: Path
    older_deb: Path


def arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _make(target: Sequence[str], dist: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        ["make", "-s", *target, f"DIST={dist}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, f"make {' '.join(target)} failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not available: the installers are built on Debian")
    dist = tmp_path_factory.mktemp("dist")
    _make(["bundle"], dist)
    # -o bundle: the packages are made from the bundle just built, not from a new one.
    _make(["-o", "bundle", "deb", f"DEB_VERSION={OLDER_VERSION}"], dist)
    _make(["-o", "bundle", "deb"], dist)
    yield Builds(
        dist=dist,
        bundle=dist / "onewindow",
        deb=dist / f"onewindow_{VERSION}_{arch()}.deb",
        older_deb=dist / f"onewindow_{OLDER_VERSION}_{arch()}.deb",
    )
    shutil.rmtree(dist, ignore_errors=True)


@dataclass(frozen=True)
class Desk:
    """A person's throwaway home: the environment the installed program runs in."""

    home: Path

    @property
    def env(self) -> dict[str, str]:
        return {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_RUNTIME_DIR": str(self.home / "runtime"),
            "LANG": "C.UTF-8",
        }

    @property
    def data(self) -> Path:
        return self.home / "data" / "onewindow"

    @property
    def config_file(self) -> Path:
        return self.home / "config" / "onewindow" / "onewindow.toml"

    def run(
        self, program: str, *args: str, stdin: str | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [program, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=timeout,
            check=False,
        )


def new_desk(root: Path) -> Desk:
    (root / "runtime").mkdir(parents=True, mode=0o700)
    return Desk(root)
