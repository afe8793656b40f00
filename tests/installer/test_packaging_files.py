"""The installers' own files, checked without building: licences, the Windows script, the unit."""

from __future__ import annotations

import configparser
import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution

from onewindow.resources import resource
from tests.installer.conftest import ROOT

LISTED = tomllib.loads((ROOT / "resources" / "licences.toml").read_text("utf-8"))


def _runtime_distributions() -> set[str]:
    """pyproject.toml's dependencies, and theirs as installed here (no test or optional extras)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    found: set[str] = set()
    pending: list[str | None] = [None]
    while pending:
        name = pending.pop()
        try:
            requires = project["dependencies"] if name is None else distribution(name).requires
        except PackageNotFoundError:  # a dependency for another platform or Python
            continue
        for requirement in requires or []:
            if "extra ==" in requirement and not requirement.startswith("psycopg-binary"):
                continue
            dependency = re.match(r"[A-Za-z0-9._-]+", requirement)
            assert dependency is not None
            key = dependency.group(0).lower().replace("_", "-")
            if key not in found:
                found.add(key)
                pending.append(key)
    return found


def test_every_runtime_library_and_font_has_its_licence_listed() -> None:
    listed = {
        library["distribution"].lower().replace("_", "-")
        for library in LISTED["library"]
        if "distribution" in library
    }
    installed = {d for d in _runtime_distributions() if _is_installed(d)}
    assert installed - listed == set(), "add them to resources/licences.toml"
    font_files = {f for font in LISTED["font"] for f in font["files"]}
    shipped = {
        f"fonts/{p.name}"
        for p in (ROOT / "resources" / "fonts").iterdir()
        if p.suffix.lower() in (".ttf", ".ttc", ".otf")
    }
    assert shipped == font_files
    for font in LISTED["font"]:
        assert resource(font["text"]).is_file()


def _is_installed(name: str) -> bool:
    try:
        distribution(name)
    except PackageNotFoundError:
        return False
    return True


def test_the_windows_installer_packs_the_bundle_under_the_projects_version() -> None:
    script = (ROOT / "installer" / "windows" / "onewindow.iss").read_text("utf-8")
    spec = (ROOT / "installer" / "onewindow.spec").read_text("utf-8")
    assert 'name="onewindow"' in spec  # onewindow.exe in dist\onewindow\
    assert 'Source: "..\\..\\dist\\onewindow\\*"' in script
    assert "{app}\\onewindow.exe" in script
    assert "OutputBaseFilename=onewindow-{#AppVersion}-setup" in script
    # No version of its own: without /DAppVersion=… the build stops.
    assert "#error" in script and not re.search(r"\d+\.\d+\.\d+", script)
    assert "PrivilegesRequired=admin" in script and "{autopf}" in script  # per machine
    assert "{group}" in script  # the Start-menu entry
    # An upgrade replaces the old program folder; uninstalling leaves data unless asked.
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in script
    assert "UninstallSilent" in script and "MB_DEFBUTTON2" in script


def test_the_worker_unit_restarts_on_failure_and_logs_to_journald() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(ROOT / "installer" / "linux" / "onewindow-worker.service", encoding="utf-8")
    service = unit["Service"]
    assert service["ExecStart"] == "/usr/bin/onewindow worker"
    assert service["Restart"] == "on-failure"
    assert service["StandardOutput"] == service["StandardError"] == "journal"
    assert service["User"] == "onewindow"
    assert unit["Unit"]["ConditionPathExists"] == "/etc/onewindow/onewindow.toml"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_desktop_entry_starts_the_client_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "installer" / "linux" / "onewindow.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "onewindow" and desktop["Icon"] == "onewindow"
    assert desktop["Name[zh_CN]"] == "一窗通办" and desktop["Terminal"] == "false"
    assert (ROOT / "resources" / "icons" / "onewindow.png").is_file()
