"""`make deb`: the package's name, fields, files, and Depends that cover what the bundle links."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.installer.conftest import BUILD_TIMEOUT_S, OLDER_VERSION, VERSION, Builds, arch

pytestmark = [pytest.mark.slow, pytest.mark.timeout(BUILD_TIMEOUT_S)]


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def _depends(deb: Path) -> set[str]:
    return {re.split(r"[ (]", d.strip())[0] for d in _field(deb, "Depends").split(",")}


def test_name_version_and_architecture_come_from_the_project(builds: Builds) -> None:
    assert builds.deb.name == f"onewindow_{VERSION}_{arch()}.deb"
    assert _field(builds.deb, "Package") == "onewindow"
    assert _field(builds.deb, "Version") == VERSION
    assert _field(builds.deb, "Architecture") == arch()
    assert _field(builds.older_deb, "Version") == OLDER_VERSION
    older = subprocess.run(
        ["dpkg", "--compare-versions", OLDER_VERSION, "lt", VERSION], check=False
    )
    assert older.returncode == 0


def test_files_the_program_the_command_the_desktop_entry_the_icon_and_the_worker_unit(
    builds: Builds,
) -> None:
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(builds.deb)], capture_output=True, text=True, check=True
    ).stdout
    entries = {line.split()[5]: line for line in listing.splitlines()}
    assert entries["./opt/onewindow/onewindow"].startswith("-rwxr-xr-x root/root")
    assert "-> /opt/onewindow/onewindow" in listing
    for path in (
        "./usr/share/applications/onewindow.desktop",
        "./usr/share/icons/hicolor/256x256/apps/onewindow.png",
        "./lib/systemd/system/onewindow-worker.service",
    ):
        assert entries[path].startswith("-rw-r--r-- root/root"), path


def test_depends_name_every_system_library_the_bundle_uses(builds: Builds) -> None:
    """ldd each program and library of the bundle: what resolves outside the bundle must come
    from a package the .deb depends on (the target may have nothing else installed)."""
    depends = _depends(builds.deb)
    assert {"libc6", "libegl1", "libgl1", "adduser"} <= depends
    internal = builds.bundle / "_internal"
    outside: set[str] = set()
    for path in [builds.bundle / "onewindow", *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        linked = subprocess.run(
            ["ldd", str(path)],
            capture_output=True,
            text=True,
            env={"LD_LIBRARY_PATH": str(internal)},
            check=False,
        ).stdout
        for line in linked.splitlines():
            found = re.search(r"=> (/\S+)", line)
            if found and not found.group(1).startswith(str(builds.bundle)):
                outside.add(str(Path(found.group(1)).resolve()))
    owners = set()
    for library in outside:
        # dpkg knows /lib/... where the merged /usr tree resolves to /usr/lib/...
        candidates = [library, library.removeprefix("/usr")]
        answer = subprocess.run(
            ["dpkg-query", "-S", *candidates], capture_output=True, text=True, check=False
        )
        owners |= {line.split(":")[0] for line in answer.stdout.splitlines()}
    assert owners, "the bundle uses no system library at all?"
    assert owners <= depends, f"not in Depends: {sorted(owners - depends)}"
