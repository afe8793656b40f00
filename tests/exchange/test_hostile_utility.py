"""A broken or hostile utility (utility-api.md, "What a client accepts from a server"): nested,
huge, wrong-typed, dripping and 2^70 answers against the client, the worker's loop and the
desktop's delivery thread. Each attempt fails with its reason in one line and is retried;
nothing crashes, nothing is left `sending`, nothing large is stored, and the other utilities
deliver as usual."""

from __future__ import annotations

import contextlib
import json
import random
import time
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from onewindow.config import UtilitySettings
from onewindow.exchange.acceptance import AnswerRejected, parse_object
from onewindow.exchange.client import UtilityClient, Verdict, utility_messages
from onewindow.exchange.feed import FeedRefused, parse_page, read_feed
from onewindow.exchange.loop import DeliveryLoop
from onewindow.exchange.sender import Sender
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import AuditEvent, UtilityLink
from tests.exchange.hostile_utility import TRICKS, HostileUtility, elapsed
from tests.helpers.delivery_support import (
    by_utility,
    messages,
    submit,
    wait_until,
    wire,
)

TIMEOUT_S = 1.0


def hostile_client(server: HostileUtility) -> UtilityClient:
    return UtilityClient(UtilitySettings("gas", "燃气公司", server.base_url, timeout_s=TIMEOUT_S))


def one_line(text: str | None) -> bool:
    return bool(text) and "\n" not in (text or "") and len(text or "") <= 500


@pytest.mark.parametrize("trick", [t for t in TRICKS if t not in ("huge_message", "seq_2_70")])
def test_the_client_turns_each_hostile_answer_into_passing_trouble(trick: str) -> None:
    with HostileUtility(trick) as server:
        client = hostile_client(server)
        answer, seconds = elapsed(lambda: client.deliver(b"{}", "key-1"))
        client.close()
    assert answer.verdict is Verdict.RETRY and answer.status is None, answer
    assert one_line(answer.error), answer.error
    # However the answer comes, the whole request ends at timeout_s (and a dripped answer
    # would take minutes).
    assert seconds < TIMEOUT_S + 0.75


def test_a_dripped_feed_page_fails_at_the_deadline_too() -> None:
    with HostileUtility("drip_head", drip_s=0.05, drip_limit=10_000) as server:
        client = hostile_client(server)
        answer, seconds = elapsed(lambda: client.changes(0, 10))
        client.close()
    assert answer.verdict is Verdict.RETRY and "超过 1 秒" in (answer.error or "")
    assert TIMEOUT_S - 0.1 < seconds < TIMEOUT_S + 0.75


def test_a_huge_message_is_kept_cut_to_2000_characters() -> None:
    with HostileUtility("huge_message") as server:
        client = hostile_client(server)
        answer = client.deliver(b"{}", "key-1")
        client.close()
    assert answer.verdict is Verdict.INVALID and answer.status == 422
    [message] = answer.messages
    assert message["field"] == "site.address" and len(message["message"]) == 2000
    assert one_line(answer.error)


@pytest.mark.parametrize("trick", ["nested", "huge", "wrong_types", "drip", "seq_2_70"])
def test_the_worker_survives_and_the_other_utilities_deliver(
    hall: Hall, sims: dict[str, Simulator], users: dict[str, str], trick: str, caplog, clock
) -> None:
    with HostileUtility(trick, drip_s=0.05, drip_limit=10_000) as server:
        wired = wire(hall, sims, gas={"base_url": server.base_url, "timeout_s": TIMEOUT_S})
        submit(wired, users["clerk"])
        # Two passes, each by a fresh loop: a worker restarted after the first.
        for seed in (1, 2):
            loop = DeliveryLoop(wired, rng=random.Random(seed))
            report = loop.run_pass()
            loop.close()
            assert report.lanes["water"].delivered + report.lanes["power"].delivered in (0, 2)
            clock.moment += timedelta(minutes=10)  # past the gas request's backoff
        assert server.requests >= 2
    shown = by_utility(wired)
    assert shown["water"].status == shown["power"].status == "accepted"
    gas = shown["gas"]
    assert gas.status == "queued" and gas.utility_ticket_no is None
    [sent] = [m for m in messages(wired) if m.utility == "gas"]
    assert sent.state == "pending" and sent.attempts == 2 and one_line(sent.last_error)
    with wired.sessions() as session:
        link = session.get(UtilityLink, "gas")
        biggest = max(
            len(json.dumps(d, ensure_ascii=False))
            for d in session.scalars(select(AuditEvent.details))
        )
        if trick in ("seq_2_70", "wrong_types"):
            assert link is not None and link.last_seq == 0 and one_line(link.last_error)
    # Nothing a utility sent is stored at length.
    assert biggest < 10_000
    if trick in ("seq_2_70", "wrong_types"):
        assert "变更流应答格式错误" in caplog.text
        caplog.clear()


def test_a_huge_refusal_is_stored_cut_in_the_ticket_and_the_audit(
    hall: Hall, sims: dict[str, Simulator], users: dict[str, str]
) -> None:
    with HostileUtility("huge_message") as server:
        wired = wire(hall, sims, gas={"base_url": server.base_url, "timeout_s": TIMEOUT_S})
        submit(wired, users["clerk"])
        DeliveryLoop(wired, rng=random.Random(1)).run_pass(feeds=False)
    gas = by_utility(wired)["gas"]
    assert gas.status == "needs_attention"
    assert [len(m["message"]) for m in gas.attention or []] == [2000]
    with wired.sessions() as session:
        rows = session.scalars(select(AuditEvent.details)).all()
    assert max(len(json.dumps(d, ensure_ascii=False)) for d in rows) < 10_000


def test_the_desktop_delivery_thread_outlives_a_hostile_utility(
    hall: Hall, sims: dict[str, Simulator], users: dict[str, str]
) -> None:
    with HostileUtility("nested") as server:
        wired = wire(hall, sims, gas={"base_url": server.base_url, "timeout_s": TIMEOUT_S})
        submit(wired, users["clerk"])
        loop = DeliveryLoop(wired, rng=random.Random(3), poll_s=0.05)
        thread = loop.start()
        try:
            wait_until(
                lambda: (
                    {t.status for u, t in by_utility(wired).items() if u != "gas"} == {"accepted"}
                )
            )
            wait_until(lambda: server.requests >= 1)
            assert thread.is_alive()
        finally:
            loop.stop()
            loop.join(5)
            loop.close()
    assert not thread.is_alive()
    [sent] = [m for m in messages(wired) if m.utility == "gas"]
    assert sent.state == "pending" and "嵌套" in (sent.last_error or "")


def test_a_feed_seq_of_2_to_the_70_is_refused_on_every_restart(hall: Hall, caplog) -> None:
    with HostileUtility("seq_2_70") as server:
        settings = UtilitySettings("gas", "燃气公司", server.base_url, timeout_s=TIMEOUT_S)
        for _restart in range(2):
            client = UtilityClient(settings)
            report = read_feed(hall, client)
            client.close()
            assert not report.caught_up and "2^63" in (report.error or "")
    with hall.sessions() as session:
        link = session.get(UtilityLink, "gas")
        assert link is not None and link.last_seq == 0
    caplog.clear()


def test_a_seq_just_below_2_to_the_63_is_stored(hall: Hall, users: dict[str, str]) -> None:
    from onewindow.exchange.feed import FeedReport, apply_page, parse_page

    page = parse_page({"changes": [], "last_seq": 2**63 - 1, "feed_id": "f"}, 0)
    with hall.unit() as (session, ctx):
        apply_page(session, ctx, "gas", page, after=0, report=FeedReport("gas"))
    with hall.sessions() as session:
        link = session.get(UtilityLink, "gas")
        assert link is not None and link.last_seq == 2**63 - 1


# Any JSON a utility may send: what the client makes of it is an answer or a refusal of the
# page, never an exception.
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True)
    | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["seq", "status", "changes", "last_seq", "feed_id", "at", "note", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["changes", "last_seq", "feed_id", "extra"]), _json_values))
def test_any_feed_page_is_applied_or_refused_whole(body: dict) -> None:
    try:
        page = parse_page(body, 0)
    except FeedRefused:
        return
    assert all(0 < c.seq < 2**63 and len(c.status) <= 40 for c in page.changes)
    assert 0 <= page.last_seq < 2**63


@settings(max_examples=300, deadline=None)
@given(_json_values, st.integers(min_value=400, max_value=599))
def test_any_refusal_body_gives_short_messages(body: object, status: int) -> None:
    content = json.dumps(body).encode()
    parsed = parse_object(content)
    messages = utility_messages(parsed, status)
    assert 1 <= len(messages) <= 20
    assert all(len(m["message"]) <= 2000 and "\n" not in m["message"] for m in messages)


def test_whatever_breaks_in_one_lane_stays_in_that_lane(
    hall: Hall, sims: dict[str, Simulator], users: dict[str, str], monkeypatch, caplog
) -> None:
    wired = wire(hall, sims)
    submit(wired, users["clerk"])
    deliver = Sender.deliver

    def broken_for_gas(self: Sender, client: UtilityClient, utility: str):
        if utility == "gas":
            raise RuntimeError("x" * 5000)  # a defect met only with this utility's data
        return deliver(self, client, utility)

    monkeypatch.setattr(Sender, "deliver", broken_for_gas)
    loop = DeliveryLoop(wired, rng=random.Random(4))
    report = loop.run_pass()
    loop.close()
    shown = by_utility(wired)
    assert shown["water"].status == shown["power"].status == "accepted"
    assert shown["gas"].status == "queued"
    [line] = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert line.startswith("gas: ") and "\n" not in line and len(line) < 600
    assert report.feeds["gas"].error and not report.feeds["gas"].caught_up
    caplog.clear()


@pytest.mark.parametrize(
    "content",
    [b'"' + b'\\"' * 500_000, b"[" * 1_000_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000],
)
def test_a_crafted_megabyte_is_judged_in_linear_time(content: bytes) -> None:
    started = time.monotonic()
    with contextlib.suppress(AnswerRejected):
        parse_object(content)
    assert time.monotonic() - started < 1.0
