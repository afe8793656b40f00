"""The outbox sender against the simulator over real sockets: every answer class of the API's
table, exactly-once delivery through timeouts and resets, Retry-After, credentials.

The hall's clock is a FixedClock: backoff decisions are checked by moving it, never by
sleeping through a real backoff.
"""

from __future__ import annotations

import random
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from onewindow.access.acting import acting_named
from onewindow.access.users import Actor
from onewindow.config import ConfigError, UtilitySettings
from onewindow.errors import BadInput
from onewindow.exchange.client import UtilityClient, Verdict, parse_retry_after
from onewindow.exchange.loop import DeliveryLoop
from onewindow.exchange.sender import (
    BACKOFF_CAP_S,
    DELAYED_AFTER,
    backoff_s,
    sender_identity,
)
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import AuditEvent, OutboxMessage, StatusEvent, Ticket, UtilityLink
from onewindow.tickets.actions import cancel_ticket, record_late_materials, resend_ticket
from onewindow.tickets.queries import ticket_detail
from tests.helpers.delivery_support import (
    SECRET,
    TOKEN,
    by_utility,
    created,
    messages,
    post_signed,
    posts,
    submit,
    tickets,
    wait_until,
    wire,
)


def tickets_of(hall: Hall) -> list[Ticket]:
    return list(tickets(hall).values())


def loop_for(hall: Hall) -> DeliveryLoop:
    return DeliveryLoop(hall, rng=random.Random(7))


def run(hall: Hall) -> DeliveryLoop:
    loop = loop_for(hall)
    loop.run_pass(feeds=False)
    return loop


# The happy path.


def test_each_ticket_is_delivered_once_and_its_number_recorded(wired, sims, users) -> None:
    [ids] = submit(wired, users["clerk"]).values()
    run(wired)
    shown = by_utility(wired)
    for utility, sim in sims.items():
        ticket = shown[utility]
        assert created(sim) == {ticket.id: 1}
        assert ticket.status == "accepted"
        assert ticket.utility_ticket_no == sim.ticket(ticket.utility_ticket_no)["utility_ticket_no"]
        assert ticket.accepted_at is not None and ticket.attention is None
    assert sorted(ids) == sorted(t.id for t in shown.values())
    assert {m.state for m in messages(wired)} == {"done"}
    with wired.sessions() as session:
        delivered = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "ticket.delivered")
        ).all()
        history = session.scalars(
            select(StatusEvent.status).where(StatusEvent.source == "delivery")
        ).all()
    assert len(delivered) == 3 and history == ["accepted"] * 3


def test_the_body_sent_is_the_one_fixed_at_queue_time(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    run(wired)
    gas = messages(wired)[2]
    assert gas.utility == "gas"
    # The same key with exactly the stored bytes is the same request to the utility: 200 and the
    # same number, never a second ticket.
    answer = post_signed(sims["gas"], "v1/tickets", gas.body, gas.idempotency_key)
    assert answer.status_code == 200
    assert answer.json()["utility_ticket_no"] == by_utility(wired)["gas"].utility_ticket_no


def test_a_lost_answer_is_asked_again_and_gets_200_with_the_same_ticket(
    wired, sims, users, clock
) -> None:
    submit(wired, users["clerk"])
    run(wired)
    number = by_utility(wired)["water"].utility_ticket_no
    # As if the sender on this machine was killed after the post, before recording the answer:
    # its claim (lease still running) is taken over at once, its process being gone.
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with wired.sessions() as session, session.begin():
        for m in session.scalars(select(OutboxMessage).where(OutboxMessage.utility == "water")):
            m.state, m.done_at = "sending", None
            m.claimed_by = f"{sender_identity().rpartition(':')[0]}:{gone.pid}"
            m.next_attempt_at = clock.moment + timedelta(minutes=1)
    run(wired)
    assert by_utility(wired)["water"].utility_ticket_no == number
    assert sims["water"].stats()["responses"]["POST v1/tickets"] == {"201": 1, "200": 1}
    assert list(created(sims["water"]).values()) == [1]


# Answers that need a person.


def test_422_puts_the_ticket_in_needs_attention_with_the_utilitys_words(
    wired, sims, users, clock
) -> None:
    words = [{"field": "applicant.id_number", "message": "证件号码与工商登记不符"}]
    sims["gas"].add_fault("v1/tickets", "invalid", errors=words)
    submit(wired, users["clerk"])
    run(wired)
    shown = by_utility(wired)
    gas = shown["gas"]
    assert gas.status == "needs_attention"
    assert gas.attention == words
    assert gas.returned is True
    # The timeline says the utility's sentence; the field path stays in the mark.
    with wired.sessions() as session:
        notes = session.scalars(
            select(StatusEvent.note).where(
                StatusEvent.ticket_id == gas.id, StatusEvent.status == "needs_attention"
            )
        ).all()
    assert notes == ["证件号码与工商登记不符"]
    assert shown["water"].status == shown["power"].status == "accepted"
    # No retry: the request is stopped.
    clock.moment += timedelta(hours=2)
    run(wired)
    assert posts(sims["gas"]) == 1
    assert [m.state for m in messages(wired) if m.utility == "gas"] == ["failed"]


def test_400_stops_too(wired, sims, users) -> None:
    sims["power"].add_fault("v1/tickets", "status", status=400)
    submit(wired, users["clerk"])
    run(wired)
    power = by_utility(wired)["power"]
    assert power.status == "needs_attention"
    assert power.attention and power.attention[0]["message"]


def test_422_key_reused_asks_a_person_and_no_new_key_may_follow(wired, sims, users, clock) -> None:
    submit(wired, users["clerk"])
    water = messages(wired)[0]
    # The utility saw this key before with a different body: it has a ticket under the key.
    other = water.body.replace(b'"new_connection"', b'"capacity_change"')
    assert post_signed(sims["water"], "v1/tickets", other, water.idempotency_key).status_code == 201
    run(wired)
    ticket = by_utility(wired)["water"]
    assert ticket.status == "needs_attention" and ticket.attention_at is not None
    assert ticket.returned is False
    assert "Idempotency-Key" in {m["field"] for m in ticket.attention or []}
    [sent] = [m for m in messages(wired) if m.utility == "water"]
    assert (sent.last_http_status, sent.last_error_code) == (422, "key_reused")
    # Whatever the clerk presses, no new key: the utility may already hold a ticket for it.
    with wired.unit() as (session, ctx):
        actor = acting_named(session, users["clerk"])
        detail = ticket_detail(session, ticket.id, ctx, actor)
        assert "resend" not in detail.actions and "cancel" in detail.actions
        with pytest.raises(BadInput, match="重复建单"):
            resend_ticket(session, actor, ticket.id, {"site.address": "函谷路102号"}, ctx=ctx)
    clock.moment += timedelta(hours=1)
    run(wired)
    assert sims["water"].stats()["responses"]["POST v1/tickets"] == {"201": 1, "422": 1}
    assert [m.idempotency_key for m in messages(wired) if m.utility == "water"] == [
        water.idempotency_key
    ]


@pytest.mark.parametrize(
    ("status", "code"), [(409, "already_connected"), (409, None), (404, None), (422, "key_reused")]
)
def test_a_refusal_that_does_not_prove_nothing_was_created_offers_no_resend(
    wired, sims, users, status, code
) -> None:
    sims["gas"].add_fault("v1/tickets", "status", status=status, code=code)
    submit(wired, users["clerk"])
    run(wired)
    gas = by_utility(wired)["gas"]
    assert gas.status == "needs_attention"
    with wired.unit() as (session, ctx):
        actor = acting_named(session, users["clerk"])
        assert "resend" not in ticket_detail(session, gas.id, ctx, actor).actions
        with pytest.raises(BadInput, match="重复建单"):
            resend_ticket(session, actor, gas.id, {}, ctx=ctx)


def test_a_corrected_ticket_is_a_new_delivery_with_a_new_key(wired, sims, users) -> None:
    words = [{"field": "site.address", "message": "地址不在本公司供气范围"}]
    sims["gas"].add_fault("v1/tickets", "invalid", errors=words)
    submit(wired, users["clerk"])
    run(wired)
    gas = by_utility(wired)["gas"]
    with wired.unit() as (session, ctx):
        actor = acting_named(session, users["clerk"])
        assert "resend" in ticket_detail(session, gas.id, ctx, actor).actions
        resend_ticket(
            session, actor, gas.id, {"site.address": "河南省三门峡市灵宝市函谷路102号"}, ctx=ctx
        )
    run(wired)
    gas = by_utility(wired)["gas"]
    assert gas.status == "accepted" and gas.delivery_round == 2 and gas.attention is None
    first, second = [m for m in messages(wired) if m.utility == "gas"]
    assert first.state == "failed" and second.state == "done"
    assert second.idempotency_key != first.idempotency_key
    assert b"\xe5\x87\xbd\xe8\xb0\xb7\xe8\xb7\xaf102" in second.body  # 函谷路102
    assert created(sims["gas"]) == {second.idempotency_key: 1}


def test_resend_is_refused_while_the_delivery_is_still_queued(wired, users) -> None:
    submit(wired, users["clerk"])
    gas = by_utility(wired)["gas"]
    with wired.unit() as (session, ctx), pytest.raises(Exception, match="需处理"):
        resend_ticket(session, Actor.system(), gas.id, {}, ctx=ctx)


# Credentials.


@pytest.mark.parametrize("action", ["unauthorized", "forbidden"])
def test_refused_credentials_stop_only_that_utility_until_its_settings_change(
    hall, sims, users, clock, action
) -> None:
    wired = wire(hall, sims)
    sims["gas"].add_fault("v1/tickets", action, times=None)
    submit(wired, users["clerk"], count=2)
    loop = loop_for(wired)
    loop.run_pass(feeds=False)
    gas = [t for t in tickets_of(wired) if t.utility == "gas"]
    others = [t for t in tickets_of(wired) if t.utility != "gas"]
    assert all(t.status == "accepted" for t in others)
    assert all(t.status == "needs_attention" for t in gas)
    assert all("凭据" in (t.attention or [{}])[0]["message"] for t in gas)
    assert posts(sims["gas"]) == 1  # the queue stopped at the first refusal
    with wired.sessions() as session:
        link = session.get(UtilityLink, "gas")
        assert link is not None
        assert link.refused_fingerprint == wired.config.utilities["gas"].fingerprint
    # The same settings: nothing is sent, however long we wait.
    clock.moment += timedelta(minutes=30)
    loop.run_pass(feeds=False)
    assert posts(sims["gas"]) == 1
    assert [w.utility for w in loop.waiting()] == ["gas"]
    # An administrator changes the settings (here: a new token the utility accepts).
    sims["gas"].clear_faults()
    sims["gas"].token = "new-token-after-rotation"
    fixed = wire(hall, sims, gas={"token": "new-token-after-rotation"})
    # The desktop builds its loop from the hall in force; a fixed hall is a new loop.
    loop.close()
    loop = loop_for(fixed)
    loop.run_pass(feeds=False)
    gas = [t for t in tickets_of(fixed) if t.utility == "gas"]
    assert all(t.status == "accepted" and t.attention is None for t in gas)
    assert len(created(sims["gas"])) == 2
    assert all(m.state == "done" for m in messages(fixed))


def test_a_bad_signature_is_refused_and_nothing_created(hall, sims, users) -> None:
    wired = wire(hall, sims, power={"signing_secret": "not-the-secret"})
    submit(wired, users["clerk"])
    run(wired)
    assert sims["power"].stats()["responses"]["POST v1/tickets"] == {"401": 1}
    assert created(sims["power"]) == {}
    assert by_utility(wired)["power"].status == "needs_attention"
    assert by_utility(wired)["gas"].status == "accepted"
    fixed = wire(hall, sims)
    run(fixed)
    assert by_utility(fixed)["power"].status == "accepted"


def test_tokens_and_secrets_never_reach_stored_errors_or_the_audit(hall, sims, users) -> None:
    wired = wire(hall, sims, water={"token": "wrong-" + TOKEN}, gas={"base_url": dead_url()})
    submit(wired, users["clerk"])
    run(wired)
    with wired.sessions() as session:
        stored = [m.last_error or "" for m in session.scalars(select(OutboxMessage))]
        stored += [link.last_error or "" for link in session.scalars(select(UtilityLink))]
        stored += [str(a.details) for a in session.scalars(select(AuditEvent))]
    assert any(stored)
    for text in stored:
        assert TOKEN not in text and SECRET not in text


# Passing trouble.


def dead_url() -> str:
    """A loopback port nobody listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_one_utility_down_while_the_other_two_deliver(hall, sims, users, clock) -> None:
    sims["power"].stop()
    wired = wire(hall, sims)
    submit(wired, users["clerk"], count=3)
    loop = loop_for(wired)
    loop.run_pass(feeds=False)
    power = [t for t in tickets_of(wired) if t.utility == "power"]
    assert all(t.status == "queued" for t in power)
    assert sum(1 for t in tickets_of(wired) if t.status == "accepted") == 6
    waiting = [m for m in messages(wired) if m.utility == "power"]
    # The first refused connection holds the utility: the other two were not tried one by one.
    assert sorted(m.attempts for m in waiting) == [0, 0, 1]
    assert all(m.state == "pending" for m in waiting)
    assert "连接失败" in (waiting[0].last_error or "")
    # Back up on the same port: delivered at the next due pass.
    revived = Simulator("power", port=sims["power"].port, token=TOKEN, secret=SECRET).start()
    try:
        clock.moment += timedelta(seconds=2)
        loop.run_pass(feeds=False)
        assert all(t.status == "accepted" for t in tickets_of(wired))
        assert len(created(revived)) == 3
    finally:
        revived.stop()


def test_backoff_doubles_from_about_a_second_to_five_minutes_with_jitter() -> None:
    rng = random.Random(3)
    for attempts, base in [(1, 1), (2, 2), (3, 4), (6, 32)]:
        values = [backoff_s(attempts, rng) for _ in range(200)]
        assert base * 0.75 <= min(values) and max(values) <= base * 1.25
        assert len(set(values)) > 100  # jittered
    assert all(backoff_s(n, rng) <= BACKOFF_CAP_S for n in range(1, 40))
    assert backoff_s(30, rng) >= BACKOFF_CAP_S * 0.75


def test_retries_back_off_and_503_with_retry_after_is_honoured(wired, sims, users, clock) -> None:
    sims["water"].add_fault("v1/tickets", "status", status=503, retry_after=120)
    submit(wired, users["clerk"])
    start = clock.moment
    run(wired)
    [water] = [m for m in messages(wired) if m.utility == "water"]
    assert water.state == "pending" and water.last_http_status == 503
    assert water.next_attempt_at >= start + timedelta(seconds=120)
    clock.moment = start + timedelta(seconds=100)
    run(wired)
    assert posts(sims["water"]) == 1
    clock.moment = water.next_attempt_at
    run(wired)
    assert by_utility(wired)["water"].status == "accepted"
    assert posts(sims["water"]) == 2


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, now) == 90
    assert parse_retry_after("30", now) == 30
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now) == 0
    assert parse_retry_after("soon", now) is None


def test_a_500_is_retried_and_the_rest_of_the_queue_goes_on(wired, sims, users, clock) -> None:
    submit(wired, users["clerk"], count=3)
    sims["gas"].add_fault("v1/tickets", "status", status=500)
    run(wired)
    gas = [m for m in messages(wired) if m.utility == "gas"]
    assert sorted(m.state for m in gas) == ["done", "done", "pending"]
    failed = next(m for m in gas if m.state == "pending")
    assert 0.75 <= (failed.next_attempt_at - clock.moment).total_seconds() <= 1.25
    clock.moment += timedelta(seconds=2)
    run(wired)
    assert all(m.state == "done" for m in messages(wired))


def test_a_server_slower_than_the_timeout_still_creates_one_ticket(
    hall, sims, users, clock
) -> None:
    wired = wire(hall, sims, gas={"timeout_s": 0.3})
    sims["gas"].add_fault("v1/tickets", "delay", seconds=1.0)  # carried out, answered late
    submit(wired, users["clerk"])
    run(wired)
    [gas] = [m for m in messages(wired) if m.utility == "gas"]
    assert gas.state == "pending" and gas.last_http_status is None
    assert "超过" in (gas.last_error or "")
    assert sum(created(sims["gas"]).values()) == 1  # the utility has it nonetheless
    clock.moment += timedelta(seconds=2)
    run(wired)
    ticket = by_utility(wired)["gas"]
    assert ticket.status == "accepted"
    assert created(sims["gas"]) == {ticket.id: 1}
    assert sims["gas"].stats()["responses"]["POST v1/tickets"]["200"] == 1


def test_a_retry_while_the_first_attempt_is_still_in_flight_waits_and_gets_it(
    hall, sims, users, clock
) -> None:
    wired = wire(hall, sims, gas={"timeout_s": 0.3})
    # The utility holds the key while it works: a retry meanwhile gets 409 (in flight).
    sims["gas"].add_fault("v1/tickets", "delay", seconds=1.5, stage="before")
    submit(wired, users["clerk"])
    run(wired)
    clock.moment += timedelta(seconds=2)
    run(wired)
    [gas] = [m for m in messages(wired) if m.utility == "gas"]
    assert gas.last_http_status == 409 and gas.state == "pending"
    assert by_utility(wired)["gas"].status == "queued"
    wait_until(lambda: sum(created(sims["gas"]).values()) == 1)
    clock.moment += timedelta(seconds=5)
    run(wired)
    ticket = by_utility(wired)["gas"]
    assert ticket.status == "accepted"
    assert created(sims["gas"]) == {ticket.id: 1}


@pytest.mark.parametrize("stage", ["before", "after"])
def test_a_reset_connection_is_retried_and_the_ticket_created_once(
    wired, sims, users, clock, stage
) -> None:
    sims["water"].add_fault("v1/tickets", "reset", stage=stage)
    submit(wired, users["clerk"])
    run(wired)
    [water] = [m for m in messages(wired) if m.utility == "water"]
    assert water.state == "pending" and water.last_http_status is None
    assert sum(created(sims["water"]).values()) == (1 if stage == "after" else 0)
    clock.moment += timedelta(seconds=2)
    run(wired)
    ticket = by_utility(wired)["water"]
    assert ticket.status == "accepted"
    assert created(sims["water"]) == {ticket.id: 1}


def test_undelivered_after_an_hour_shows_delayed_and_keeps_retrying(
    hall, sims, users, clock
) -> None:
    wired = wire(hall, sims, gas={"base_url": dead_url()})
    submit(wired, users["clerk"])
    loop = loop_for(wired)
    loop.run_pass(feeds=False)
    assert by_utility(wired)["gas"].status == "queued"
    clock.moment += DELAYED_AFTER + timedelta(minutes=1)
    loop.run_pass(feeds=False)
    assert by_utility(wired)["gas"].status == "delayed"
    [gas] = [m for m in messages(wired) if m.utility == "gas"]
    assert gas.state == "pending" and gas.attempts == 2
    fixed = wire(hall, sims)
    # The desktop builds its loop from the hall in force; a fixed hall is a new loop.
    loop.close()
    loop = loop_for(fixed)
    clock.moment += timedelta(minutes=10)
    loop.run_pass(feeds=False)
    ticket = by_utility(fixed)["gas"]
    assert ticket.status == "accepted"
    with fixed.sessions() as session:
        statuses = session.scalars(
            select(StatusEvent.status)
            .where(StatusEvent.ticket_id == ticket.id)
            .order_by(StatusEvent.id)
        ).all()
    assert statuses == ["queued", "delayed", "accepted"]


def test_an_unknown_client_error_asks_a_person(hall, sims, users) -> None:
    wrong_path = sims["water"].base_url + "wrong/"
    wired = wire(hall, sims, water={"base_url": wrong_path})
    submit(wired, users["clerk"])
    run(wired)
    water = by_utility(wired)["water"]
    assert water.status == "needs_attention"
    assert water.attention and water.attention[0]["message"]
    assert [m.last_http_status for m in messages(wired) if m.utility == "water"] == [404]


def test_plain_http_only_to_loopback() -> None:
    with pytest.raises(ConfigError):
        UtilityClient(UtilitySettings("gas", "燃气公司", "http://gas.example.cn/onewindow/"))
    UtilityClient(UtilitySettings("gas", "燃气公司", "https://gas.example.cn/onewindow/")).close()


def test_a_certificate_that_does_not_verify_is_passing_trouble_not_a_success(tmp_path) -> None:
    # A TLS handshake with a plain-HTTP server fails: the client must not fall back to http.
    with Simulator("gas") as sim:
        url = sim.base_url.replace("http://127.0.0.1", "https://localhost")
        client = UtilityClient(UtilitySettings("gas", "燃气公司", url, timeout_s=2))
        answer = client.deliver(b"{}", "k")
        assert answer.verdict is Verdict.RETRY and answer.status is None
        assert posts(sim) == 0


# Late materials and cancellation.


def test_late_materials_wait_for_the_number_then_reach_the_utility(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    gas = by_utility(wired)["gas"]
    with wired.unit() as (session, ctx):
        actor = acting_named(session, users["clerk"])
        late = record_late_materials(session, actor, gas.id, ["business_license"], ctx=ctx)
        message = dict((t.utility, m) for t, m in late.tickets)["gas"]
        assert message is not None
        key = message.idempotency_key
    assert key != gas.id
    run(wired)
    gas = by_utility(wired)["gas"]
    seen = sims["gas"].ticket(gas.utility_ticket_no)["materials_received"]
    assert [m["code"] for m in seen] == ["business_license"]
    assert all(m.state == "done" for m in messages(wired))
    with wired.unit() as (session, ctx), pytest.raises(Exception, match="已经收取"):
        record_late_materials(session, Actor.system(), gas.id, ["business_license"], ctx=ctx)


def test_cancel_of_a_delivered_ticket_is_sent_and_the_feed_closes_it(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    loop = loop_for(wired)
    loop.run_pass()
    water = by_utility(wired)["water"]
    with wired.unit() as (session, ctx):
        with pytest.raises(Exception, match="原因"):
            cancel_ticket(session, Actor.system(), water.id, "  ", ctx=ctx)
        assert cancel_ticket(session, Actor.system(), water.id, "申请人撤回", ctx=ctx)
    loop.run_pass()
    water = by_utility(wired)["water"]
    assert sims["water"].ticket(water.utility_ticket_no)["status"] == "cancelled"
    assert water.status == "cancelled" and water.closed_at is not None


def test_cancel_before_any_attempt_is_done_here_without_a_request(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    power = by_utility(wired)["power"]
    with wired.unit() as (session, ctx):
        assert cancel_ticket(session, Actor.system(), power.id, "申请人撤回", ctx=ctx) is None
    run(wired)
    assert by_utility(wired)["power"].status == "cancelled"
    assert posts(sims["power"]) == 0
    assert [m.state for m in messages(wired) if m.utility == "power"] == ["withdrawn"]


def test_an_administrator_cannot_handle_tickets(wired, users) -> None:
    submit(wired, users["clerk"])
    water = by_utility(wired)["water"]
    with wired.unit() as (session, ctx), pytest.raises(Exception, match="无权"):
        admin = acting_named(session, users["admin"])
        cancel_ticket(session, admin, water.id, "撤回", ctx=ctx)
