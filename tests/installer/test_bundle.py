"""`make bundle`: the one-folder program holds what the client needs and leaves out the rest."""

from __future__ import annotations

import glob
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.installer.conftest import BUILD_TIMEOUT_S, ROOT, VERSION, Builds

pytestmark = [pytest.mark.slow, pytest.mark.timeout(BUILD_TIMEOUT_S)]


def _internal(builds: Builds) -> Path:
    return builds.bundle / "_internal"


def test_fonts_translations_icons_migrations_and_the_openapi_file_are_inside(
    builds: Builds,
) -> None:
    inside = _internal(builds) / "resources"
    listed = tomllib.loads((ROOT / "resources" / "licences.toml").read_text("utf-8"))
    for font in listed["font"]:
        for name in [*font["files"], font["text"]]:
            assert (inside / name).read_bytes() == (ROOT / "resources" / name).read_bytes()
    for catalogue in (ROOT / "resources" / "i18n").glob("*.qm"):
        assert (inside / "i18n" / catalogue.name).is_file()
    assert (inside / "icons" / "onewindow.png").is_file()
    assert (inside / "openapi" / "utility-api.json").is_file()
    migrations = ROOT / "onewindow" / "store" / "migrations" / "versions"
    shipped = _internal(builds) / "onewindow" / "store" / "migrations" / "versions"
    assert {p.name for p in migrations.glob("*.py")} == {p.name for p in shipped.glob("*.py")}
    metadata = _internal(builds) / f"onewindow-{VERSION}.dist-info" / "METADATA"
    assert f"Version: {VERSION}\n" in metadata.read_text("utf-8")


def test_unused_qt_modules_plugins_translations_and_tests_are_left_out(builds: Builds) -> None:
    names = [p.relative_to(builds.bundle).as_posix() for p in builds.bundle.rglob("*")]
    for unused in ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt6Charts", "Qt6VirtualKeyboard"):
        assert not [n for n in names if unused in n], unused
    assert not [n for n in names if "Qt6Wayland" in n or "/plugins/wayland" in n]
    assert not [n for n in names if "/tests/" in n or "__pycache__" in n]
    qt_translations = [n for n in names if "/Qt/translations/" in n]
    assert qt_translations and all(n.endswith(("_zh_CN.qm", "_en.qm")) for n in qt_translations)
    assert [n for n in names if n.endswith("platforms/libqxcb.so")]  # a real display
    assert [n for n in names if "libibusplatforminputcontextplugin" in n]  # Chinese input


def test_every_library_finds_what_it_links_to(builds: Builds) -> None:
    internal = _internal(builds)
    assert not [p for p in builds.bundle.rglob("*") if p.is_symlink() and not p.exists()]
    libraries = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    linked = subprocess.run(
        ["ldd", *map(str, sorted(libraries))],
        capture_output=True,
        text=True,
        env={"LD_LIBRARY_PATH": str(internal)},
        check=False,
    ).stdout
    assert len(libraries) > 50
    assert "not found" not in linked, [line for line in linked.splitlines() if "not found" in line]


def _python_version(python: str) -> tuple[int, int]:
    out = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


def test_the_bundle_runs_on_a_python_with_immortal_singletons_when_one_is_here(
    builds: Builds,
) -> None:
    libpython = [p.name for p in _internal(builds).glob("libpython3.*.so*")]
    assert len(libpython) == 1
    found = re.match(r"libpython3\.(\d+)", libpython[0])
    assert found is not None
    minor = int(found.group(1))
    # The Makefile's candidates: a system or pyenv CPython 3.12 or 3.13.
    newer = glob.glob("/usr/bin/python3.1[23]") + glob.glob(
        str(Path.home() / ".pyenv/versions/3.1[23].*/bin/python3.1[23]")
    )
    if newer:
        assert minor >= 12, "a CPython >= 3.12 is installed here, the bundle should use it"
    assert (3, minor) == _python_version(str(ROOT / "build" / "bundle-venv" / "bin" / "python"))
