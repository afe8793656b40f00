"""`onewindow receipt` and `onewindow notice`: the papers an applicant takes home, as PDF files."""

from __future__ import annotations

import argparse
from typing import Any

from onewindow.access.users import Actor
from onewindow.cli.out_file import OutFile
from onewindow.hall import Hall


def register(sub: Any) -> None:
    receipt = sub.add_parser("receipt", help="the acceptance receipt (受理回执) as a PDF")
    receipt.add_argument("application_no", metavar="APPLICATION_NO")
    receipt.add_argument("--out", required=True, metavar="FILE.pdf")
    receipt.add_argument("--format", choices=["a4", "roll80"], default="a4")
    receipt.add_argument("--reprint", action="store_true", help="a reprint (补打), counted")
    receipt.set_defaults(handler=cmd_receipt)
    notice = sub.add_parser(
        "notice", help="the one-time notice of missing materials (一次性告知书)"
    )
    notice.add_argument("application_no", metavar="APPLICATION_NO")
    notice.add_argument("--out", required=True, metavar="FILE.pdf")
    notice.set_defaults(handler=cmd_notice)


def cmd_receipt(hall: Hall, args: argparse.Namespace) -> int:
    from onewindow.papers.printing import (
        receipt_pdf,  # reportlab loads only for commands that print
    )

    out = OutFile.check(args.out)
    # The print is logged in the same transaction; a file that cannot be written rolls it back.
    with hall.unit() as (session, ctx):
        pdf = receipt_pdf(
            session,
            hall.config,
            args.application_no,
            actor=Actor.system(),
            fmt=args.format,
            reprint=args.reprint,
            now=ctx.now,
        )
        out.write(pdf)
    print(args.out)
    return 0


def cmd_notice(hall: Hall, args: argparse.Namespace) -> int:
    from onewindow.papers.printing import notice_pdf

    out = OutFile.check(args.out)
    with hall.unit() as (session, ctx):
        pdf = notice_pdf(
            session, hall.config, args.application_no, actor=Actor.system(), now=ctx.now
        )
        out.write(pdf)
    print(args.out)
    return 0
