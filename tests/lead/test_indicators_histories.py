"""The indicators read histories in SQL (issue 13 §5): on awkward histories they must give
exactly what the SLA clock gives when it reads the same history in Python — the way the
report was computed before, one ticket at a time — on SQLite and PostgreSQL alike.

Awkward: events after the first `connected` (a second connection, a late inspection),
an event at the very instant of the connection recorded after it, waits that overlap and
begin on the acceptance day, gas with and without external works (the limit is read from
the ticket's details), a ticket that never connects, one with no rule at all.
"""

from __future__ import annotations

from datetime import date

from onewindow.access.users import Actor, get_user
from onewindow.clock import hall_date
from onewindow.clocks.sla import compute
from onewindow.lead.indicators import compute_indicators, percentile_90, stages_of
from onewindow.store.models import StatusEvent, Ticket
from tests.helpers.lead_data import seed_ticket

FROM, TO = date(2026, 10, 1), date(2026, 11, 30)

HISTORIES = [
    ("gas", "new_connection", {"usage": "residential", "external_works": True}, [
        ("accepted", "2026-10-12 09:00"), ("awaiting_approval", "2026-10-12 11:00"),
        ("constructing", "2026-10-14 10:00"), ("awaiting_applicant", "2026-10-14 10:00"),
        ("inspecting", "2026-10-20 09:00"), ("connected", "2026-10-21 09:00"),
        ("inspecting", "2026-10-22 09:00"), ("connected", "2026-10-23 09:00"),
    ]),
    ("gas", "new_connection", {"usage": "residential", "external_works": False}, [
        ("accepted", "2026-10-13 09:00"), ("surveying", "2026-10-13 10:00"),
        ("connected", "2026-10-15 09:00"), ("constructing", "2026-10-15 09:00"),
    ]),
    ("gas", "new_connection", {"usage": "non_residential"}, [
        ("accepted", "2026-10-16 16:00"), ("awaiting_applicant", "2026-10-16 17:00"),
        ("surveying", "2026-10-19 09:00"), ("connected", "2026-10-19 15:00"),
    ]),
    ("power", "new_connection", {"usage": "residential", "voltage": "low"}, [
        ("accepted", "2026-10-20 09:00"), ("awaiting_approval", "2026-10-21 09:00"),
        ("constructing", "2026-10-26 09:00"), ("inspecting", "2026-11-03 09:00"),
        ("connected", "2026-11-04 09:00"),
    ]),
    ("power", "new_connection", {"usage": "non_residential", "voltage": "10kV"}, [
        ("accepted", "2026-10-20 09:00"), ("surveying", "2026-10-21 09:00"),
    ]),
    ("water", "repair", {"usage": "residential"}, [
        ("accepted", "2026-11-02 09:00"), ("connected", "2026-11-02 15:00"),
    ]),
]  # fmt: skip


def _reference(ticket: Ticket, received, ctx):
    """One connected ticket as the SLA clock reads its history: (steps, elapsed, paused,
    within) — the per-ticket computation the report used to make."""
    history = []
    for event in sorted(ticket.history, key=lambda e: (e.at, e.id)):
        history.append(event)
        if event.status == "connected":
            break
    else:
        return None
    clock = compute(
        utility=ticket.utility,
        service=ticket.service,
        details=ticket.details,
        received_at=received,
        history=history,
        policy=ctx.policy,
        calendar=ctx.calendar,
        now=history[-1].at,
    )
    connected_on = hall_date(history[-1].at)
    return (
        len(stages_of([e.status for e in history])),
        ctx.calendar.workdays_between(clock.accepted_on, connected_on),
        clock.paused_workdays,
        None if clock.due is None else connected_on <= clock.due,
    )


def test_awkward_histories_give_what_the_sla_clock_gives(hall, users):
    with hall.unit() as (session, ctx):
        made = []
        for utility, service, details, events in HISTORIES:
            ticket = seed_ticket(
                session,
                ctx,
                clerk="zhangwei",
                received=events[0][1],
                utility=utility,
                service=service,
                details=details,
                events=events,
            )
            made.append(ticket)
        # The late inspection of the second ticket recorded at the instant of its connection,
        # after it (a larger id): it is not part of the history up to the connection.
        assert [e.status for e in made[1].history][-2:] == ["connected", "constructing"]
        session.flush()
        expected: dict[tuple[str, str], list[tuple[int, int, int, bool | None]]] = {}
        for ticket in made:
            session.refresh(ticket, ["history"])
            found = _reference(ticket, ticket.application.received_at, ctx)
            if found is not None:
                expected.setdefault((ticket.utility, ticket.service), []).append(found)
        report = compute_indicators(
            session,
            Actor.of(get_user(session, "wangmin")),
            date_from=FROM,
            date_to=TO,
            calendar=ctx.calendar,
            policy=ctx.policy,
            now=ctx.now,
        )
    rows = {(r.utility, r.service): r for r in report.rows}
    assert set(rows) == {("gas", "new_connection"), ("power", "new_connection"),
                         ("water", "repair")}  # fmt: skip
    for key, done in expected.items():
        row = rows[key]
        net = [elapsed - paused for _, elapsed, paused, _ in done]
        assert row.connected == len(done), key
        assert row.steps_mean == sum(s for s, *_ in done) / len(done), key
        assert row.steps_max == max(s for s, *_ in done), key
        assert row.workdays_mean == sum(net) / len(net), key
        assert row.workdays_p90 == percentile_90(net), key
        assert row.paused_mean == sum(p for *_, p, _ in done) / len(done), key
        limited = [w for *_, w in done if w is not None]
        assert (row.within_limit.part, row.within_limit.whole) == (sum(limited), len(limited))
    assert rows[("power", "new_connection")].tickets == 2
    assert rows[("power", "new_connection")].connected == 1
    # The pauses were real: the awkward gas history waited, and so did the power one.
    assert rows[("gas", "new_connection")].paused_mean > 0
    assert rows[("power", "new_connection")].paused_mean > 0


def test_the_first_connection_ends_the_history(hall, users):
    with hall.unit() as (session, ctx):
        utility, service, details, events = HISTORIES[0]
        seed_ticket(session, ctx, clerk="zhangwei", received=events[0][1], utility=utility,
                    service=service, details=details, events=events)  # fmt: skip
        report = compute_indicators(
            session, Actor.of(get_user(session, "wangmin")), date_from=FROM, date_to=TO,
            calendar=ctx.calendar, policy=ctx.policy, now=ctx.now,
        )  # fmt: skip
        times = session.query(StatusEvent.status).count()
    (row,) = report.rows
    assert times == 9  # queued + the eight events, all stored
    # accepted → 受理勘查, approval, works, inspecting/connected: 4 stages, not more for the
    # second connection; working days up to Oct 21, not Oct 23.
    assert row.steps_max == 4
    assert row.elapsed_mean == 7  # Oct 13, 14, 15, 16, 19, 20, 21
