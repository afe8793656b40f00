"""The other client in the two-client tests: a team lead's program on the same database,
doing what the 统计 screen's 改派 does (the lead's units of work), in its own process.

    python -m tests.hall.lead_client CONFIG.toml LEAD PASSWORD CLERK TICKET_ID TO_USER

Reads the clerk's open tickets (with their versions, as the screen shows them), moves the
ticket, and prints `moved` once the change is committed.
"""

from __future__ import annotations

import sys

from onewindow import config as config_mod
from onewindow.desk import counter_work, lead_work
from onewindow.hall import Hall


def main(config_file: str, lead: str, password: str, clerk: str, ticket: str, to: str) -> int:
    hall = Hall.open(config_mod.load(config_file), upgrade=False)
    try:
        user = counter_work.sign_in(hall, lead, password)
        shown = {t.ticket_id: t.version for t in lead_work.clerk_tickets(hall, user, clerk)}
        version = shown[ticket]
        versions = {ticket: version} if version is not None else None
        lead_work.reassign(hall, user, [ticket], to, "下午请假", versions)
        print("moved", flush=True)
    finally:
        hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:7]))
