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
    programs = [builds.bundle / "onewindow", *internal.rglob("*.so*")]
    linked = subprocess.run(
        ["ldd", *(str(p) for p in programs if p.is_file() and not p.is_symlink())],
        capture_output=True,
        text=True,
        env={"LD_LIBRARY_PATH": str(internal)},
        check=False,
    ).stdout
    outside = {
        str(Path(found).resolve())
        for found in re.findall(r"=> (/\S+)", linked)
        if not found.startswith(str(builds.bundle))
    }
    # dpkg knows /lib/... where the merged /usr tree resolves to /usr/lib/...
    candidates = sorted(outside | {path.removeprefix("/usr") for path in outside})
    answer = subprocess.run(
        ["dpkg-query", "-S", *candidates], capture_output=True, text=True, check=False
    )
    owners = {line.split(":")[0] for line in answer.stdout.splitlines()}
    assert owners, "the bundle uses no system library at all?"
    # libgl1 brings libglx0 and libglvnd0 along, and so on: apt installs those as well.
    brought = _with_their_dependencies(depends)
    assert owners <= brought, f"not in Depends: {sorted(owners - brought)}"


def _with_their_dependencies(packages: set[str]) -> set[str]:
    closure = set(packages)
    pending = list(packages)
    while pending:
        fields = subprocess.run(
            ["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", pending.pop()],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        for alternative in re.split(r"[,|]", fields):
            name = re.split(r"[ (:]", alternative.strip())[0]
            if name and name not in closure:
                closure.add(name)
                pending.append(name)
    return closure
