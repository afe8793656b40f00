"""`onewindow audit anchor` and `onewindow audit verify` (architecture.md).

A keyed chain cannot be rewritten without the key, but its newest records (or all of them)
can still be deleted by whoever can write the database, leaving a shorter chain that holds
together. An anchor file, kept off the database server, remembers heads of the chain; verify
with `--anchor` fails when one of them is gone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from onewindow.access.users import Actor
from onewindow.audit import chain
from onewindow.cli.out_file import OutFile
from onewindow.codes import Text
from onewindow.errors import BadInput, OneWindowError
from onewindow.hall import Hall


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Nested subparsers take the parent's parser class: cli.main._Parser, with its exit code 2.
    audit = sub.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", required=True
    )
    anchor = audit.add_parser("anchor", help="append the current head of the chain to FILE")
    anchor.add_argument("--out", required=True, metavar="FILE")
    anchor.set_defaults(handler=cmd_anchor)
    verify = audit.add_parser(
        "verify", help="check the chain, and with --anchor that every anchored head is in it"
    )
    verify.add_argument("--anchor", metavar="FILE")
    verify.set_defaults(handler=cmd_verify)


def cmd_anchor(hall: Hall, args: argparse.Namespace) -> int:
    out = OutFile.check(args.out)
    with hall.unit() as (session, ctx):
        head = chain.anchor_line(session)
        if head is None:
            raise BadInput(Text("审计记录为空，没有可锚定的记录", "the audit trail is empty"))
        seq, line = head
        chain.record(
            session,
            actor=Actor.system().name,
            action="audit.anchor",
            now=ctx.now,
            entity_type="audit",
            entity_id=str(seq),
            details={"file": str(out.path)},
        )
        # Written before the commit: if writing fails, the record above is rolled back.
        out.append((line + "\n").encode("ascii"))
    print(f"anchored record {seq} in {out.path}")
    return 0


def cmd_verify(hall: Hall, args: argparse.Namespace) -> int:
    anchors = _read_anchors(args.anchor) if args.anchor else None
    with hall.sessions() as session:
        broken = chain.verify(session)
        if broken is None and anchors is not None:
            broken = chain.check_anchors(session, anchors)
    _record_verify(hall, args.anchor, broken)
    if broken is None:
        print("audit trail intact" + (f"; every head in {args.anchor} present" if anchors else ""))
        return 0
    where = f"audit record {broken.event_id}" if broken.event_id else f"anchor file {args.anchor}"
    print(f"onewindow: {where}: {broken.reason}", file=sys.stderr)
    return 1


def _read_anchors(name: str) -> str:
    try:
        return Path(name).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(Text(f"--anchor: 无法读取锚点文件 {name}: {exc}", "cannot read")) from None


def _record_verify(hall: Hall, anchor: str | None, broken: chain.Break | None) -> None:
    details: dict[str, object] = {"result": "intact" if broken is None else "broken"}
    if anchor:
        details["anchor_file"] = anchor
    if broken is not None:
        details["record"] = broken.event_id
    try:
        with hall.unit() as (session, ctx):
            chain.record(
                session,
                actor=Actor.system().name,
                action="audit.verify",
                now=ctx.now,
                entity_type="audit",
                details=details,
            )
    except OneWindowError:
        # A chain broken at its newest record takes no more records; the verdict printed
        # next is what matters then.
        if broken is None:
            raise
