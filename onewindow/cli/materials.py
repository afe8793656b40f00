"""`onewindow material`: late materials received (容缺补齐), from any ticket of the application.

    onewindow material TICKET_ID CODE [CODE…] --by USER [--out FILE.pdf]

The documents are recorded received for every open ticket of the application that waits for
them and queued to each of those utilities; with --out, the late-materials receipt
(补交材料回执) is written. All in one transaction: a receipt that cannot be written records
nothing. What is still to follow is said on stderr, with the command that reprints the notice.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from onewindow.access.acting import acting_named
from onewindow.cli.out_file import OutFile
from onewindow.hall import Hall
from onewindow.tickets.actions import record_late_materials


def register(sub: Any) -> None:
    material = sub.add_parser(
        "material", help="late materials received (容缺补齐), with their receipt"
    )
    material.add_argument("ticket_id", metavar="TICKET_ID")
    material.add_argument("codes", nargs="+", metavar="CODE", help="material codes, e.g. site_plan")
    material.add_argument("--by", required=True, metavar="USER", help="who took them in")
    material.add_argument("--out", metavar="FILE.pdf", help="write the 补交材料回执 there")
    material.set_defaults(handler=cmd_material)


def cmd_material(hall: Hall, args: argparse.Namespace) -> int:
    out = OutFile.check(args.out) if args.out else None
    with hall.unit() as (session, ctx):
        actor = acting_named(session, args.by)
        late = record_late_materials(session, actor, args.ticket_id, args.codes, ctx=ctx)
        if out is not None:
            # reportlab loads only when a receipt is asked for.
            from onewindow.papers.late_materials import late_materials_pdf

            pdf = late_materials_pdf(
                session,
                hall.config,
                late.application_no,
                late.codes,
                actor=actor,
                now=ctx.now,
                via="command",
            )
            out.write(pdf)
    utilities = "、".join(t.utility for t, _m in late.tickets)
    print(f"{late.application_no}: {' '.join(late.codes)} received for {utilities}")
    if args.out:
        print(args.out)
    if late.still_to_follow:
        names = "、".join(
            f"{r.code}（{r.due.isoformat() if r.due else '—'}）" for r in late.still_to_follow
        )
        print(
            f"onewindow: 仍待补交 / still to follow: {names}; "
            f"onewindow notice {late.application_no} --out FILE.pdf",
            file=sys.stderr,
        )
    return 0
