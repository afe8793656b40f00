"""A hall with a lead, an administrator, two clerks and a few tickets, for the lead's screens.

Today is Friday 2026-11-27. Gas connections without works have a one-working-day limit:
- zhangwei: one due today (received Thu 26th), one overdue (received Tue 24th, due 25th);
- lina: one due Monday 30th, one waiting on the applicant (paused);
- a power repair queued for zhangwei, due 2 December.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from onewindow.access.users import Actor, create_user
from onewindow.desk import counter_work
from onewindow.desk.counter_work import SignedIn
from onewindow.hall import Hall
from tests.conftest import PASSWORD
from tests.helpers.lead_data import accepted_ticket, seed_ticket


@dataclass
class LeadDesk:
    lead: SignedIn
    admin: SignedIn
    tickets: dict[str, str]


@pytest.fixture
def lead_desk(ui_hall: Hall) -> LeadDesk:
    with ui_hall.unit() as (session, ctx):
        for name, display, role in (
            ("wangmin", "王敏", "lead"),
            ("admin", "管理员", "admin"),
            ("zhangwei", "张伟", "clerk"),
            ("lina", "李娜", "clerk"),
        ):
            create_user(
                session,
                Actor.system(),
                username=name,
                password=PASSWORD,
                role=role,
                display_name=display,
                now=ctx.now,
            )
        made = {
            "today": accepted_ticket(session, ctx, "zhangwei"),
            "overdue": seed_ticket(
                session,
                ctx,
                clerk="zhangwei",
                received="2026-11-24 10:00",
                events=[("accepted", "2026-11-24 10:05"), ("surveying", "2026-11-24 15:00")],
            ),
            "monday": seed_ticket(
                session,
                ctx,
                clerk="lina",
                received="2026-11-27 09:00",
                events=[("accepted", "2026-11-27 09:05")],
            ),
            "paused": seed_ticket(
                session,
                ctx,
                clerk="lina",
                received="2026-11-20 10:00",
                events=[
                    ("accepted", "2026-11-20 10:05"),
                    ("awaiting_applicant", "2026-11-23 09:00"),
                ],
            ),
            "power": seed_ticket(
                session,
                ctx,
                clerk="zhangwei",
                received="2026-11-27 09:20",
                utility="power",
                service="repair",
            ),
        }
        tickets = {k: v.id for k, v in made.items()}
    return LeadDesk(
        lead=counter_work.sign_in(ui_hall, "wangmin", PASSWORD),
        admin=counter_work.sign_in(ui_hall, "admin", PASSWORD),
        tickets=tickets,
    )
