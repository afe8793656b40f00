"""The clerk's ticket commands (architecture.md): `cancel`.

    onewindow cancel TICKET_ID --reason TEXT --by USER

Acts as the user named by `--by`, so the core's permission rules decide (exit 3 for one who
may not handle tickets). A cancel is only asked for: the ticket is `cancel_requested` (撤销中)
until the utility confirms (then `cancelled`) or refuses (then it is marked for a person with
the utility's message); exit 0 once it is queued. A ticket the utility never had is
cancelled at once.
"""

from __future__ import annotations

import argparse

from onewindow.access.acting import acting_named
from onewindow.hall import Hall


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cancel = sub.add_parser("cancel", help="cancel a ticket at the applicant's request")
    cancel.add_argument("ticket_id", metavar="TICKET_ID")
    cancel.add_argument("--reason", required=True, metavar="TEXT")
    cancel.add_argument("--by", required=True, metavar="USER")
    cancel.set_defaults(handler=cmd_cancel)


def cmd_cancel(hall: Hall, args: argparse.Namespace) -> int:
    from onewindow.tickets.actions import cancel_ticket

    with hall.unit() as (session, ctx):
        actor = acting_named(session, args.by)
        queued = cancel_ticket(session, actor, args.ticket_id, args.reason, ctx=ctx)
    if queued is None:
        print(f"ticket {args.ticket_id} cancelled (the utility never had it)")
    else:
        print(f"ticket {args.ticket_id}: cancel requested (撤销中), waiting for the utility")
    return 0
