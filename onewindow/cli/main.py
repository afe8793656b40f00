"""The `onewindow` command line (architecture.md): administrators, scripts and hall servers.

Exit codes: 0 done; 1 failed; 2 bad input; 3 not permitted. Failures print one clear line on
stderr, never a traceback. `--json` output goes to stdout alone.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from alembic.util import CommandError
from sqlalchemy.exc import DataError, OperationalError, SQLAlchemyError

from onewindow import __version__
from onewindow import config as config_mod
from onewindow.access.acting import acting_named
from onewindow.access.users import Actor, get_user
from onewindow.cli.terminal import escaped_streams
from onewindow.clock import HALL_TZ
from onewindow.clocks.schedule_file import read_schedule_file
from onewindow.codes import Text, zh_weekday
from onewindow.control_chars import code_point, first_refused, is_surrogate
from onewindow.errors import BadInput, ConfigError, NotPermitted, OneWindowError
from onewindow.hall import Hall
from onewindow.intake.form_limits import FORM_MAX_BYTES, read_form_json
from onewindow.intake.messages import render
from onewindow.intake.submit import (
    FormInvalid,
    application_json,
    load_application,
    submit_application,
)
from onewindow.papers.masking import mask_id
from onewindow.store.db import DatabaseUnavailable

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_NOT_PERMITTED = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code is 2 too: bad input
        # One line, like every other failure; the usage is one --help away.
        print(f"{self.prog}: {message}（用法 / usage: {self.prog} --help）", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="onewindow", description="一窗通办 水电气联合报装 counter client")
    parser.add_argument("--config", metavar="FILE", help="configuration file (TOML)")
    parser.add_argument("--version", action="version", version=f"onewindow {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("init", help="create or upgrade the database; safe to repeat")

    submit = sub.add_parser("submit", help="accept a combined form from a JSON file")
    submit.add_argument("form", metavar="FORM.json")
    submit.add_argument("--clerk", required=True, metavar="NAME")
    submit.add_argument("--json", action="store_true")
    submit.add_argument(
        "--received-at", metavar="DATETIME", help="RFC 3339; without an offset, hall time (UTC+8)"
    )

    show = sub.add_parser("show", help="show an application and its tickets")
    show.add_argument("application_no", metavar="APPLICATION_NO")
    show.add_argument("--json", action="store_true")

    holidays = sub.add_parser("holidays", help="the working-day calendar").add_subparsers(
        dest="holidays_command", required=True, parser_class=_Parser
    )
    holidays.add_parser(
        "import", help="import a year's schedule (CSV date,kind,name)"
    ).add_argument("file")
    holidays.add_parser("show", help="a year's days off and extra working days").add_argument(
        "year", type=int
    )

    for name, handler in COMMANDS.items():
        sub.choices[name].set_defaults(handler=handler)
    # Commands of other areas register themselves: each module has register(sub).
    for module in EXTENSIONS:
        importlib.import_module(module).register(sub)
    return parser


def main(
    argv: Sequence[str] | None = None, *, hall_factory: Callable[..., Hall] = Hall.open
) -> int:
    """Run one command; returns its exit code. Nothing escapes as a traceback."""
    with escaped_streams():
        try:
            code = _run(argv, hall_factory)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        except BrokenPipeError:
            # `show --json | head -c1`: the reader has all it wanted; say nothing more.
            _discard_stdout()
            return EXIT_FAILED
        return code


def _run(argv: Sequence[str] | None, hall_factory: Callable[..., Hall]) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        check_arguments(args)
        config = config_mod.load(args.config)
        if hasattr(args, "standalone"):  # commands that need no database (simulate)
            code: int = args.standalone(config, args)
            return code
        hall = _open(hall_factory, config, args)
        try:
            code = args.handler(hall, args)
            return code
        finally:
            hall.close()
    except NotPermitted as exc:
        _fail(str(exc))
        return EXIT_NOT_PERMITTED
    except (BadInput, ConfigError) as exc:
        _fail(str(exc))
        return EXIT_BAD_INPUT
    except OneWindowError as exc:
        _fail(str(exc))
        return EXIT_FAILED
    except CommandError as exc:  # Alembic: a revision this program does not know
        reason = redact(_first_line(str(exc)))
        _fail(
            "数据库由更新版本的 onewindow 升级过，或不是本程序的数据库 / the database was "
            f"upgraded by a newer onewindow, or is not its database: {reason}"
        )
        return EXIT_FAILED
    except DataError as exc:  # e.g. a NUL that PostgreSQL text cannot hold
        _fail(f"数据库拒绝了这些数据 / the database refused the data: {database_reason(exc)}")
        return EXIT_BAD_INPUT
    except OperationalError as exc:
        _fail(f"数据库不可用 / database unavailable: {database_reason(exc)}")
        return EXIT_FAILED
    except SQLAlchemyError as exc:
        _fail(f"数据库错误 / database error: {database_reason(exc)}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _fail("已中断 / interrupted")
        return EXIT_FAILED
    except BrokenPipeError:
        raise
    except Exception as exc:
        # A defect, not the user's doing: still one line, with where it happened so that it
        # can be found without a traceback on a clerk's screen.
        _fail(f"内部错误 / internal error ({_origin(exc)}): {redact(_first_line(str(exc)))}")
        return EXIT_FAILED


def _open(hall_factory: Callable[..., Hall], config: config_mod.Config, args: Any) -> Hall:
    """The hall; a service (the worker, not draining) that starts before its database waits
    for it, saying so once a try (0.5 s doubling to 30 s), instead of exiting."""
    pause = 0.5
    while True:
        try:
            return hall_factory(config)
        except DatabaseUnavailable as exc:
            if not getattr(args, "wait_for_database", False) or getattr(args, "drain", False):
                raise
            _fail(f"{exc} ({pause:g} s)")
            time.sleep(pause)
            pause = min(30.0, pause * 2)


def _fail(message: str) -> None:
    # One line: a newline that came with a value is shown, not obeyed.
    print(f"onewindow: {message.strip()}".replace("\n", "\\n"), file=sys.stderr)


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def _origin(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}"


def _discard_stdout() -> None:
    """Point stdout at the null device, so that flushing what is left at exit cannot fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no file descriptor (a test's captured stream)
        pass


def database_reason(exc: SQLAlchemyError) -> str:
    """The driver's own first line, never SQLAlchemy's text, which repeats the statement's
    parameters (an ID number, a phone); values the driver quotes are left out too."""
    orig = getattr(exc, "orig", None)
    return redact(_first_line(str(orig) if orig is not None else type(exc).__name__))


# Values a database message may quote ('…', "…", (…)=(…)), and runs of digits long enough to be
# part of an identity or phone number.
_QUOTED = re.compile(r"\'[^']*\'|\"[^\"]*\"|=\([^)]*\)")
_NUMBER = re.compile(r"[0-9A-Za-z]*[0-9]{6,}[0-9A-Za-z]*")


def redact(text: str) -> str:
    """A message fit to print: quoted values elided, long numbers masked (masking.py)."""
    text = _QUOTED.sub("…", text)
    return _NUMBER.sub(lambda m: mask_id(m.group()), text)


# Arguments that name files: on Linux a name may be bytes that are no UTF-8 (they arrive as
# lone surrogates, and are a real file's name); in any other argument that is bad input.
_PATH_ARGUMENTS = frozenset({"config", "form", "file", "out", "anchor"})
# Free text, where a tab or a line break may belong; in a name or a number neither does.
_TEXT_ARGUMENTS = frozenset({"reason"})


ARGUMENT_MAX_CHARS = 4096


def check_arguments(args: argparse.Namespace) -> None:
    """No argument may hold a control or format character, or (but a file's) a lone surrogate:
    it would be stored, printed, or refused by the database with a traceback. Nor may one be
    longer than any name, number or reason is (an error message would repeat it whole)."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            if len(text) > ARGUMENT_MAX_CHARS:
                raise BadInput(
                    Text(
                        f"{name}: 超过 {ARGUMENT_MAX_CHARS} 个字符",
                        f"{name}: longer than {ARGUMENT_MAX_CHARS} characters",
                    )
                )
            char = first_refused(
                text, surrogates=name in _PATH_ARGUMENTS, whitespace=name in _TEXT_ARGUMENTS
            )
            if char is None:
                continue
            code = "limit.surrogate" if is_surrogate(char) else "limit.character"
            message = render(code, char=code_point(char))
            raise BadInput(Text(f"{name}: {message.zh}", f"{name}: {message.en}"))


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_init(hall: Hall, args: argparse.Namespace) -> int:
    # Hall.open has already applied every migration.
    where = "training database" if hall.config.training else "database"
    print(f"{where} ready: {hall.engine.url.render_as_string(hide_password=True)}")
    return EXIT_OK


# RFC 3339's date-time (the offset may be left out: hall time). ASCII digits only: Python's
# own parser would take ２０２６ and many forms RFC 3339 does not have (20261130, 2026-W48).
_RFC3339 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?"
)
RECEIVED_AT_MAX_AGE = timedelta(days=31)


def parse_received_at(text: str, *, now: datetime) -> datetime:
    """`--received-at`: RFC 3339, not more than 31 days before `now` (architecture.md); a time
    in the future is refused by submit_application itself."""

    def refuse(zh: str, en: str) -> BadInput:
        return BadInput(Text(f"--received-at {text!r}: {zh}", f"--received-at {text!r}: {en}"))

    found = _RFC3339.fullmatch(text.strip())
    if found is None:
        raise refuse(
            "应为 RFC 3339 时间，如 2026-11-30T09:30:00+08:00",
            "expected an RFC 3339 time such as 2026-11-30T09:30:00+08:00",
        )
    day, time, fraction, offset = found.groups()
    fraction = (fraction or "")[:7]  # Python keeps microseconds
    offset = "+00:00" if offset in ("Z", "z") else (offset or "")
    try:
        moment = datetime.fromisoformat(f"{day}T{time}{fraction}{offset}")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=HALL_TZ)
        # In hall time, as it is stored and printed: 0001-01-01T00:00:00+08:00 and
        # 9999-12-31T23:59:59-08:00 have none, and would fail wherever they are shown.
        moment = moment.astimezone(HALL_TZ)
    except (ValueError, OverflowError):  # 2026-02-30, 24:00:00, +25:00
        raise refuse("不是一个真实的时间", "not a real time") from None
    age = now - moment
    if age > RECEIVED_AT_MAX_AGE:
        raise refuse(
            f"早于 {RECEIVED_AT_MAX_AGE.days} 天前，不能补录",
            f"more than {RECEIVED_AT_MAX_AGE.days} days ago",
        )
    return moment


def read_form_file(path: str) -> object:
    """The form's JSON, read with the limits of combined-form.md (never more than 1 MiB + 1
    bytes is read: the path may be /dev/zero)."""
    try:
        with open(path, "rb") as file:
            raw = file.read(FORM_MAX_BYTES + 1)
    except OSError as exc:
        raise BadInput(
            Text(f"无法读取 {path!r}：{exc.strerror}", f"cannot read {path!r}: {exc.strerror}")
        ) from None
    return read_form_json(raw)


def cmd_submit(hall: Hall, args: argparse.Namespace) -> int:
    given = args.received_at
    received_at = None if given is None else parse_received_at(given, now=hall.now())
    data = read_form_file(args.form)
    try:
        with hall.unit() as (session, ctx):
            actor = acting_named(session, args.clerk)
            clerk = get_user(session, actor.name)
            application = submit_application(
                session, actor, data, clerk=clerk, ctx=ctx, received_at=received_at
            )
            shown = application_json(application, ctx)
    except FormInvalid as exc:
        if args.json:
            _print_json({"errors": [{"field": e.field, "message": e.message} for e in exc.errors]})
        for e in exc.errors:
            print(f"{e.field or '(form)'}: {e.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        _print_json(shown)
    else:
        print(shown["application_no"])
    return EXIT_OK


def cmd_show(hall: Hall, args: argparse.Namespace) -> int:
    with hall.unit() as (session, ctx):
        shown = application_json(load_application(session, args.application_no), ctx)
    if args.json:
        _print_json(shown)
        return EXIT_OK
    print(f"{shown['application_no']}  受理时间 {shown['received_at']}")
    for t in shown["tickets"]:
        due = (t["due"] or "—") + (" 暂定/provisional" if t["due_provisional"] else "")
        print(
            f"  {t['utility']:6} {t['service']:16} {t['status']:18} "
            f"{t['utility_ticket_no'] or '待分配':20} due {due}  {t['assignee'] or ''}"
        )
    return EXIT_OK


def cmd_holidays(hall: Hall, args: argparse.Namespace) -> int:
    if args.holidays_command == "import":
        # hall_admin brings reportlab (through printing); only this command needs it.
        from onewindow.admin.hall_settings import import_holidays

        path = Path(args.file)
        text = read_schedule_file(path)
        with hall.unit() as (session, ctx):
            years, moved = import_holidays(
                session, Actor.system(), text, file_name=path.name, ctx=ctx
            )
        print(f"imported {', '.join(map(str, years))}; {moved} open tickets' due dates recomputed")
        return EXIT_OK
    with hall.unit() as (session, ctx):
        calendar = ctx.calendar
        year = args.year
        # Every line is made before any is printed: a year the calendar cannot compute
        # fails with its one line, not after half a listing.
        lines = [f"{year}: {calendar.source(year)}"]
        if calendar.is_provisional(year):
            lines.append("  暂定：本年度放假安排尚未发布，按法定节假日推算，不含调休 / provisional")
        for day in calendar.year_days(year):
            label = "休" if day.kind == "holiday" else "班"
            lines.append(f"  {day.date.isoformat()} {zh_weekday(day.date)} {label} {day.name}")
    print("\n".join(lines))
    return EXIT_OK


Handler = Callable[[Hall, argparse.Namespace], int]

COMMANDS: dict[str, Handler] = {
    "init": cmd_init,
    "submit": cmd_submit,
    "show": cmd_show,
    "holidays": cmd_holidays,
}

# Modules that add commands with `register(subparsers)`: a handler of the Handler shape is set
# with `parser.set_defaults(handler=...)`; one that needs no database gets
# `set_defaults(standalone=fn)` with fn(config, args) -> int.
EXTENSIONS: list[str] = [
    "onewindow.cli.papers",
    "onewindow.cli.lead",
    "onewindow.cli.delivery",
    "onewindow.cli.materials",
    "onewindow.cli.users",
    "onewindow.cli.audit",
    "onewindow.cli.backup",
    "onewindow.cli.tickets",
    "onewindow.cli.selfcheck",
]
