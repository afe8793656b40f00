"""`onewindow self-check [--json]`: can this installation work? (architecture.md)

What a hall's IT person runs after installing or upgrading: the database reachable and at the
schema this program expects, the fonts and translations found, the audit key readable (when
configured), each configured utility's `v1/health` (in training mode: the bundled simulators').
Nothing is changed: the database is neither created nor upgraded (`onewindow init` does that).
Exit 0 when all is well; 1 with one line per problem on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from onewindow import __version__
from onewindow.admin.hall_settings import test_connection
from onewindow.audit.key import load_key
from onewindow.config import Config, UtilitySettings
from onewindow.errors import ConfigError
from onewindow.exchange.training import start_training
from onewindow.papers.fonts import FALLBACKS, cjk_font, fallback_path
from onewindow.resources import resource
from onewindow.store import db

EXIT_OK, EXIT_FAILED = 0, 1
# Every compiled Qt translation (.qm) starts with these 16 bytes.
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


@dataclass(frozen=True)
class Check:
    check: str
    ok: bool
    detail: str


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "self-check", help="check the database, fonts, translations, audit key and utilities"
    )
    parser.add_argument("--json", action="store_true")
    # Standalone: opening the hall would create or upgrade the database it is to check.
    parser.set_defaults(standalone=cmd_self_check)


def cmd_self_check(config: Config, args: argparse.Namespace) -> int:
    checks = [*_database(config), *_fonts(), _translations(), *_audit_key(config)]
    checks += _utilities(config)
    problems = [c for c in checks if not c.ok]
    if args.json:
        report = {
            "ok": not problems,
            "version": __version__,
            "python": ".".join(map(str, sys.version_info[:3])),
            "training": config.training,
            "checks": [asdict(c) for c in checks],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        mode = "training mode" if config.training else str(config.path)
        print(f"onewindow {__version__} (Python {sys.version.split()[0]}), {mode}")
        for check in checks:
            if check.ok:
                print(f"ok  {check.check}: {check.detail}")
    for problem in problems:
        print(f"onewindow: self-check: {problem.check}: {problem.detail}", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def _database(config: Config) -> Iterator[Check]:
    url = make_url(config.database_url)
    shown = url.render_as_string(hide_password=True)
    on_disk = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if on_disk and not Path(str(url.database)).is_file():  # connecting would create it, empty
        yield Check("database", False, f"no database at {url.database} (run onewindow init)")
        return
    head = ScriptDirectory(str(db.MIGRATIONS)).get_current_head()
    engine = db.make_engine(config.database_url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except (SQLAlchemyError, db.DatabaseUnavailable) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        yield Check("database", False, f"{shown} unreachable: {reason}")
        return
    finally:
        engine.dispose()
    if current == head:
        yield Check("database", True, f"{shown}, schema {head}")
    elif current is None:
        yield Check("database", False, f"{shown} has no schema (run onewindow init)")
    else:
        yield Check(
            "database",
            False,
            f"{shown} at schema {current}, this program needs {head} (run onewindow init)",
        )


def _fonts() -> Iterator[Check]:
    shipped = tomllib.loads(resource("licences.toml").read_text(encoding="utf-8"))
    for font in shipped["font"]:
        for name in font["files"]:
            if not resource(name).is_file():
                yield Check("font", False, f"{name} missing from the installation")
    try:
        cjk_font()  # what every paper uses: reportlab must be able to read it
    except Exception as exc:  # reportlab raises its own TTFError, or OSError, or more
        yield Check("font", False, f"the receipt font cannot be loaded: {exc}")
        return
    # The rare-character fonts (生僻字): without them such a name is refused at print time.
    for _name, file_name in FALLBACKS:
        if fallback_path(file_name) is None:
            yield Check("font", False, f"{file_name} not found (install fonts-hanazono)")
    yield Check("font", True, ", ".join(f["name"] for f in shipped["font"]))


def _translations() -> Check:
    folder = resource("i18n")
    catalogues = sorted(n.name for n in folder.iterdir() if n.name.endswith(".ts"))
    broken = []
    for catalogue in catalogues:
        compiled = folder / catalogue.replace(".ts", ".qm")
        if not compiled.is_file() or compiled.read_bytes()[: len(QM_MAGIC)] != QM_MAGIC:
            broken.append(compiled.name)
    if not catalogues:
        return Check("translations", False, "no translation catalogues found")
    if broken:
        return Check("translations", False, f"missing or damaged: {', '.join(broken)}")
    return Check("translations", True, ", ".join(c.replace(".ts", ".qm") for c in catalogues))


def _audit_key(config: Config) -> Iterator[Check]:
    path = config.audit_key_file
    if path is None:
        return
    if not path.exists():  # load_key would make one: a check changes nothing
        yield Check("audit key", False, f"{path} does not exist (run onewindow init)")
        return
    try:
        load_key(path)
    except ConfigError as exc:
        yield Check("audit key", False, str(exc))
        return
    yield Check("audit key", True, f"{path} readable")


def _utilities(config: Config) -> list[Check]:
    if not config.training:
        return [_health(settings) for settings in config.utilities.values()]
    # Training mode delivers to the bundled simulators: check that they start and answer.
    with start_training(config) as training:
        return [_health(settings) for settings in training.config.utilities.values()]


def _health(settings: UtilitySettings) -> Check:
    result = test_connection(settings)
    detail = f"{settings.base_url}v1/health: {result.message}"
    return Check(f"utility {settings.utility}", result.ok, detail)
