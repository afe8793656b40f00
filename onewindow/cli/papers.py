"""`onewindow receipt`, `notice` and `application-form`: the papers an applicant takes home,
as PDF files. Each file written is a copy like a printed one: counted, logged, and marked
补打（第N次）when any copy of that paper came before, from any screen or command."""

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
    # Kept for scripts that pass it: every copy after the first is a reprint anyway.
    receipt.add_argument(
        "--reprint", action="store_true", help="accepted, never needed: copies are counted"
    )
    receipt.set_defaults(handler=cmd_paper, paper="receipt")
    notice = sub.add_parser(
        "notice", help="the one-time notice of missing materials (一次性告知书)"
    )
    notice.add_argument("application_no", metavar="APPLICATION_NO")
    notice.add_argument("--out", required=True, metavar="FILE.pdf")
    notice.set_defaults(handler=cmd_paper, paper="notice", format="a4")
    form = sub.add_parser(
        "application-form",
        help="the combined application form (一张表单) filled in, for the applicant's signature",
    )
    form.add_argument("application_no", metavar="APPLICATION_NO")
    form.add_argument("--out", required=True, metavar="FILE.pdf")
    form.set_defaults(handler=cmd_paper, paper="application_form", format="a4")


def cmd_paper(hall: Hall, args: argparse.Namespace) -> int:
    from onewindow.papers.printing import paper_pdf  # reportlab loads only for commands that print

    out = OutFile.check(args.out)
    # The copy is logged in the same transaction; a file that cannot be written rolls it back.
    with hall.unit() as (session, ctx):
        pdf = paper_pdf(
            session,
            hall.config,
            args.application_no,
            args.paper,
            actor=Actor.system(),
            now=ctx.now,
            fmt=args.format,
            via="command",
        )
        out.write(pdf)
    print(args.out)
    return 0
