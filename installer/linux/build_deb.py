"""Pack the PyInstaller bundle as dist/onewindow_<version>_<arch>.deb (`make deb`).

The package holds the one-folder bundle under /opt/onewindow (its own Python, Qt and
resources: the target needs no Python), /usr/bin/onewindow, the desktop entry and icon, and the
worker's systemd unit as an optional service (installed, not enabled). Depends are the
system libraries the bundle links against but does not carry, and adduser (the worker's
account). Users' data and configuration live in their own folders and are never in
the package, so an upgrade or a removal leaves them alone.

Usage: python installer/linux/build_deb.py [--bundle dist/onewindow] [--out dist]
                                           [--version V]
--version stamps another version on the package and the program it holds (the upgrade test
installs an older package built from the same tree first); by default it is pyproject.toml's.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PREFIX = "opt/onewindow"
VERSION_FORMAT = re.compile(r"[0-9][A-Za-z0-9.+~]*")


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def bundle_metadata(bundle: Path) -> Path:
    """The bundle's onewindow-<version>.dist-info (the spec writes it from pyproject.toml)."""
    found = sorted((bundle / "_internal").glob("onewindow-*.dist-info"))
    if len(found) != 1:
        raise SystemExit(f"build_deb: {bundle} is not a OneWindow bundle (run make bundle)")
    return found[0]


def stamp_version(bundle: Path, version: str) -> None:
    """Make the copied program report `version` (its package metadata is the one source)."""
    old = bundle_metadata(bundle)
    new = old.with_name(f"onewindow-{version}.dist-info")
    if new != old:
        old.rename(new)
    metadata = new / "METADATA"
    text = re.sub(r"(?m)^Version: .*$", f"Version: {version}", metadata.read_text("utf-8"))
    metadata.unlink()
    metadata.write_text(text, "utf-8")
    metadata.chmod(0o644)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def elf_files(tree: Path) -> list[Path]:
    found = []
    for path in sorted(tree.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed_libraries(tree: Path) -> set[str]:
    """The shared libraries (sonames) the bundle's programs and libraries link against."""
    dump = subprocess.run(
        ["objdump", "-p", *map(str, elf_files(tree))], capture_output=True, text=True, check=True
    ).stdout
    return set(re.findall(r"^\s+NEEDED\s+(\S+)$", dump, re.MULTILINE))


def system_depends(tree: Path) -> list[str]:
    """The Debian packages holding the libraries the bundle needs but does not carry.

    PyInstaller leaves out the C library and the GL/EGL/X client libraries on purpose (they
    must match the machine); everything else is inside the bundle, so it is no dependency.
    """
    carried = {p.name for p in tree.rglob("*.so*")}
    packages: set[str] = set()
    for soname in sorted(needed_libraries(tree) - carried):
        owner = subprocess.run(
            ["dpkg-query", "-S", f"*/{soname}"], capture_output=True, text=True, check=False
        )
        if owner.returncode != 0:
            raise SystemExit(f"build_deb: no Debian package holds {soname}")
        packages.add(owner.stdout.split(":", 1)[0].split(",")[0].strip())
    libc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True, check=True
    ).stdout
    # The bundle's Python and libraries were linked on this machine: no older C library.
    return sorted(f"libc6 (>= {libc.split('-')[0]})" if p == "libc6" else p for p in packages)


def installed_size_kib(tree: Path) -> int:
    return sum(p.lstat().st_size for p in tree.rglob("*")) // 1024 + 1


def install(source: Path, target: Path, mode: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def control(version: str, arch: str, depends: list[str], size: int) -> str:
    return (
        "Package: onewindow\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: OneWindow <onewindow@localhost>\n"
        f"Installed-Size: {size}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: one-window counter client of a shared water, power and gas hall\n"
        " 一窗通办: takes one combined application, splits it into one ticket per\n"
        " utility, delivers and tracks them, prints receipts. Includes the headless\n"
        " delivery worker as an optional systemd service (onewindow-worker).\n"
    )


def build(bundle: Path, out: Path, version: str) -> Path:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as work:
        stage = Path(work) / "root"
        app = stage / PREFIX
        # Hard links where the file system allows: the bundle is 200 MB and stays untouched
        # (stamp_version writes a new METADATA file instead of changing the linked one).
        shutil.copytree(bundle, app, symlinks=True, copy_function=_link_or_copy)
        stamp_version(app, version)
        (stage / "usr/bin").mkdir(parents=True)
        (stage / "usr/bin/onewindow").symlink_to(f"/{PREFIX}/onewindow")
        install(
            HERE / "onewindow.desktop", stage / "usr/share/applications/onewindow.desktop", 0o644
        )
        icons = ROOT / "resources/icons"
        install(
            icons / "onewindow.png",
            stage / "usr/share/icons/hicolor/256x256/apps/onewindow.png",
            0o644,
        )
        install(
            icons / "onewindow.svg",
            stage / "usr/share/icons/hicolor/scalable/apps/onewindow.svg",
            0o644,
        )
        install(
            HERE / "onewindow-worker.service",
            stage / "lib/systemd/system/onewindow-worker.service",
            0o644,
        )
        install(ROOT / "README.md", stage / "usr/share/doc/onewindow/README.md", 0o644)
        # Besides libraries: the keyboard layouts and font configuration the bundled
        # libxkbcommon and fontconfig read, and adduser for the worker's account.
        depends = [*system_depends(app), "xkb-data", "fontconfig-config", "adduser"]
        size = installed_size_kib(stage)
        debian = stage / "DEBIAN"
        debian.mkdir()
        (debian / "control").write_text(control(version, arch, depends, size), "utf-8")
        for script in ("postinst", "prerm", "postrm"):
            install(HERE / script, debian / script, 0o755)
        for folder in [stage, *(p for p in stage.rglob("*") if p.is_dir() and not p.is_symlink())]:
            folder.chmod(0o755)
        target = out / f"onewindow_{version}_{arch}.deb"
        # gzip: a third larger than xz, but 8 s instead of 70 s for CI's two packages per run.
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(stage), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "onewindow")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=None)
    args = parser.parse_args(argv)
    version = args.version or project_version()
    if not VERSION_FORMAT.fullmatch(version):
        parser.error(f"not a Debian version: {version!r}")
    print(build(args.bundle.resolve(), args.out.resolve(), version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
