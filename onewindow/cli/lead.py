"""The team lead's commands: `reassign` and `report indicators` (architecture.md).

`reassign` acts as the user named by `--by`, so the core's permission rules decide: a clerk or
an administrator gets exit 3. `report indicators` acts as the operating-system user
(`cli:<name>`), like every command without `--by`.
"""

from __future__ import annotations

import argparse
from datetime import date

from onewindow.access.acting import acting_named
from onewindow.access.users import Actor
from onewindow.cli.out_file import OutFile
from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.hall import Hall


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reassign = sub.add_parser("reassign", help="move a ticket to another clerk (team leads)")
    reassign.add_argument("ticket_id", metavar="TICKET_ID")
    reassign.add_argument("--to", required=True, metavar="USER")
    reassign.add_argument("--reason", required=True, metavar="TEXT")
    reassign.add_argument("--by", required=True, metavar="USER")
    reassign.set_defaults(handler=cmd_reassign)

    # Nested subparsers take the parent's parser class: cli._Parser, with its exit code 2.
    report = sub.add_parser("report", help="reports").add_subparsers(
        dest="report_command", required=True
    )
    indicators = report.add_parser(
        "indicators", help="steps and working days against the targets (PDF or CSV)"
    )
    indicators.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    indicators.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    indicators.add_argument("--out", required=True, metavar="FILE")
    indicators.set_defaults(handler=cmd_report_indicators)


def cmd_reassign(hall: Hall, args: argparse.Namespace) -> int:
    from onewindow.tickets.reassignment import reassign_tickets

    with hall.unit() as (session, ctx):
        moved = reassign_tickets(
            session,
            acting_named(session, args.by),
            [args.ticket_id],
            args.to,
            args.reason,
            now=ctx.now,
        )
    if moved:
        print(f"ticket {args.ticket_id} reassigned to {args.to.strip()}")
    else:
        print(f"ticket {args.ticket_id} already assigned to {args.to.strip()}")
    return 0


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(
            Text(f"{option}: 日期应为 YYYY-MM-DD，收到 {text!r}", "not a date")
        ) from None


def cmd_report_indicators(hall: Hall, args: argparse.Namespace) -> int:
    # reportlab and the report modules load only for this command: every other command
    # (the worker, show, submit) starts 0.3 s sooner.
    from onewindow.papers.indicator_report import export_indicators

    date_from = parse_date(args.date_from, "--from")
    date_to = parse_date(args.date_to, "--to")
    out = OutFile.check(args.out)
    suffix = out.path.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise BadInput(
            Text(
                f"--out: 文件名应以 .pdf 或 .csv 结尾，收到 {out.path.name!r}",
                f"--out: the file name must end in .pdf or .csv, not {out.path.name!r}",
            )
        )
    with hall.unit() as (session, ctx):
        data = export_indicators(
            session,
            Actor.system(),
            date_from=date_from,
            date_to=date_to,
            fmt="pdf" if suffix == ".pdf" else "csv",
            ctx=ctx,
        )
        out.write(data)
    print(f"indicators {date_from.isoformat()}–{date_to.isoformat()} written to {out.path}")
    return 0
