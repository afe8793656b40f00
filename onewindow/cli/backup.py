"""`onewindow backup --out FILE`: an online, consistent copy of a SQLite database.

SQLite's backup API copies a snapshot while counters keep working; the copy is private
(0600) like the database. A PostgreSQL hall is backed up with pg_dump, which knows its roles
and its server: this command says so (exit 2) rather than copying half of it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path

from onewindow.access.users import Actor
from onewindow.audit import chain
from onewindow.cli.out_file import OutFile
from onewindow.codes import Text
from onewindow.errors import BadInput, OneWindowError
from onewindow.hall import Hall
from onewindow.store import db


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="a consistent copy of the SQLite database")
    backup.add_argument("--out", required=True, metavar="FILE")
    backup.set_defaults(handler=cmd_backup)


def cmd_backup(hall: Hall, args: argparse.Namespace) -> int:
    source = db.sqlite_file(hall.engine)
    if source is None:
        raise BadInput(
            Text(
                "PostgreSQL 数据库请用 pg_dump 备份（例如 pg_dump -Fc -f 备份文件 数据库名）",
                "back up a PostgreSQL database with pg_dump",
            )
        )
    out = OutFile.check(args.out)
    if out.path.resolve() == source.resolve():
        raise BadInput(Text("--out: 不能覆盖数据库本身", "that is the database itself"))
    out.write_with(lambda temp: copy_database(source, temp))
    os.chmod(out.path, 0o600)  # a replaced older backup may have had a wider mode
    with hall.unit() as (session, ctx):
        chain.record(
            session,
            actor=Actor.system().name,
            action="backup",
            now=ctx.now,
            entity_type="database",
            details={"file": str(out.path)},
        )
    print(f"backup written to {out.path}")
    return 0


def copy_database(source: Path, target: Path) -> None:
    """Copy `source` into the empty file `target` in one step of the backup API, which reads
    one snapshot of the database (the counters' writes go on meanwhile)."""
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise OneWindowError(Text("备份失败", f"backup failed: {exc}")) from None
