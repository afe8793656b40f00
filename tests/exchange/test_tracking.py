"""The change feed against the simulator (and one hand-made server for a broken feed): paging,
replay, a new feed history, order, unknown statuses and tickets, and the SLA clock."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from onewindow.clocks.due_dates import clock_of
from onewindow.config import UtilitySettings
from onewindow.exchange.client import UtilityClient
from onewindow.exchange.feed import FeedRefused, parse_page, read_feed
from onewindow.exchange.loop import DeliveryLoop
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import AuditEvent, StatusEvent, Ticket, UtilityLink
from tests.helpers.delivery_support import (
    by_utility,
    messages,
    sample_form,
    settings_for,
    start_simulators,
    submit,
    wire,
)
from tests.helpers.delivery_support import (
    tickets as by_id,
)


@pytest.fixture
def sims() -> Iterator[dict[str, Simulator]]:
    started = start_simulators(page_cap=3)
    yield started
    for sim in started.values():
        sim.stop()


@pytest.fixture
def wired(hall: Hall, sims: dict[str, Simulator]) -> Hall:
    return wire(hall, sims)


def deliver(hall: Hall) -> None:
    DeliveryLoop(hall, rng=random.Random(5)).run_pass(feeds=False)


def read(hall: Hall, utility: str, **changes: Any):
    settings = hall.config.utilities[utility]
    if changes:
        settings = replace(settings, **changes)
    client = UtilityClient(settings)
    try:
        return read_feed(hall, client, limit=100)
    finally:
        client.close()


def link_of(hall: Hall, utility: str) -> UtilityLink:
    with hall.sessions() as session:
        link = session.get(UtilityLink, utility)
        assert link is not None
        return link


def history(hall: Hall, ticket_id: str) -> list[tuple[str, str, int | None]]:
    with hall.sessions() as session:
        return [
            (e.status, e.source, e.feed_seq)
            for e in session.scalars(
                select(StatusEvent)
                .where(StatusEvent.ticket_id == ticket_id)
                .order_by(StatusEvent.at, StatusEvent.id)
            )
        ]


def event_count(hall: Hall) -> int:
    with hall.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(StatusEvent)) or 0)


def gas_form() -> Any:
    return sample_form(only=("gas",))


def test_the_feed_is_read_page_by_page_until_caught_up(wired, sims, users) -> None:
    submit(wired, users["clerk"], gas_form(), count=3)
    deliver(wired)
    for _ in range(3):
        sims["gas"].advance()
    assert sims["gas"].stats()["last_seq"] == 12
    report = read(wired, "gas")
    # A page cap of 3 whatever we ask: 12 changes in 4 pages, then the empty page.
    assert report.caught_up and report.pages == 5 and report.applied == 9
    link = link_of(wired, "gas")
    assert (link.last_seq, link.feed_id) == (12, sims["gas"].feed_id)
    for ticket in by_id(wired).values():
        at_utility = sims["gas"].ticket(ticket.utility_ticket_no)
        assert ticket.status == at_utility["status"] == "constructing"
        statuses = [s for s, _, _ in history(wired, ticket.id)]
        assert statuses == ["queued"] + [h["status"] for h in at_utility["history"]]
    # The `accepted` recorded from the delivery answer took its seq; it was not added twice.
    accepted = [
        h for t in by_utility(wired).values() for h in history(wired, t.id) if h[0] == "accepted"
    ]
    assert all(source == "delivery" and seq is not None for _, source, seq in accepted)


def test_a_replayed_feed_changes_nothing(wired, sims, users) -> None:
    submit(wired, users["clerk"], gas_form(), count=2)
    deliver(wired)
    sims["gas"].advance()
    read(wired, "gas")
    before = event_count(wired)
    with wired.sessions() as session, session.begin():
        link = session.get(UtilityLink, "gas")
        assert link is not None
        link.last_seq = 0
    report = read(wired, "gas")
    assert report.caught_up and report.applied == 0
    assert event_count(wired) == before
    assert link_of(wired, "gas").last_seq == sims["gas"].stats()["last_seq"]


def test_a_new_feed_id_reads_the_feed_again_from_zero(wired, sims, users) -> None:
    submit(wired, users["clerk"], gas_form())
    deliver(wired)
    sims["gas"].advance()
    read(wired, "gas")
    before = event_count(wired)
    with wired.sessions() as session, session.begin():
        link = session.get(UtilityLink, "gas")
        assert link is not None
        link.feed_id = "restored"
    report = read(wired, "gas")
    assert report.caught_up and report.applied == 0
    assert event_count(wired) == before
    assert link_of(wired, "gas").feed_id == sims["gas"].feed_id
    with wired.sessions() as session:
        assert (
            session.scalar(select(func.count()).where(AuditEvent.action == "feed.restarted")) == 1
        )


def test_after_a_restore_the_new_history_is_not_missed(wired, sims, users) -> None:
    submit(wired, users["clerk"], gas_form())
    deliver(wired)
    for _ in range(3):
        sims["gas"].advance()
    read(wired, "gas")
    assert link_of(wired, "gas").last_seq == 4
    sims["gas"].reset()  # the utility restored an empty backup: seq starts at 1 again
    [[new_id]] = submit(wired, users["clerk"], gas_form()).values()
    deliver(wired)
    sims["gas"].advance()
    read(wired, "gas")
    assert [s for s, _, _ in history(wired, new_id)] == ["queued", "accepted", "surveying"]
    assert link_of(wired, "gas").last_seq == 2


def test_an_unknown_status_is_kept_as_it_came_and_the_clock_runs(wired, sims, users) -> None:
    submit(wired, users["clerk"], gas_form())
    deliver(wired)
    gas = by_utility(wired)["gas"]
    sims["gas"].emit(gas.utility_ticket_no, "on_hold_city_inspection", "市政检查，暂缓施工")
    read(wired, "gas")
    with wired.unit() as (session, ctx):
        ticket = session.get(Ticket, gas.id)
        assert ticket is not None
        assert ticket.status == "on_hold_city_inspection"
        assert ticket.history[-1].note == "市政检查，暂缓施工"
        assert clock_of(ticket, ticket.application, ctx).state == "running"


def test_statuses_move_the_clock_and_close_the_ticket(wired, sims, users) -> None:
    submit(wired, users["clerk"], gas_form())
    deliver(wired)
    gas = by_utility(wired)["gas"]
    number = gas.utility_ticket_no
    sims["gas"].emit(number, "awaiting_applicant", "请补充营业执照")
    read(wired, "gas")
    with wired.unit() as (session, ctx):
        ticket = session.get(Ticket, gas.id)
        assert ticket is not None
        assert ticket.returned is True
        assert clock_of(ticket, ticket.application, ctx).state == "paused"
    sims["gas"].emit(number, "connected", "已通气")
    read(wired, "gas")
    with wired.unit() as (session, ctx):
        ticket = session.get(Ticket, gas.id)
        assert ticket is not None
        assert ticket.status == "connected" and ticket.closed_at is not None
        assert clock_of(ticket, ticket.application, ctx).state == "stopped"


def test_a_change_for_a_ticket_this_hall_does_not_know_is_skipped(
    wired, sims, users, caplog
) -> None:
    submit(wired, users["clerk"], gas_form())
    # Someone else's ticket at the same utility.
    stranger = json.loads(messages(wired)[0].body)
    stranger["ticket_id"] = stranger_id = "0b7a4a7e-1c1d-4c1e-9d7e-5e2f8b9a0c11"
    UtilityClient(settings_for(sims["gas"])).deliver(json.dumps(stranger).encode(), stranger_id)
    deliver(wired)
    report = read(wired, "gas")
    assert report.caught_up and report.skipped_unknown == 1 and report.applied == 0
    assert "this hall does not know" in caplog.text
    caplog.clear()
    assert link_of(wired, "gas").last_seq == 2


def test_the_feed_names_the_number_when_the_delivery_answer_was_lost(
    wired, sims, users, clock
) -> None:
    submit(wired, users["clerk"], gas_form())
    sims["gas"].add_fault("v1/tickets", "reset", stage="after")
    deliver(wired)
    gas = by_utility(wired)["gas"]
    assert gas.utility_ticket_no is None and gas.status == "queued"
    read(wired, "gas")
    gas = by_utility(wired)["gas"]
    assert gas.utility_ticket_no and gas.status == "accepted"
    clock.moment += timedelta(seconds=3)
    deliver(wired)
    assert [m.state for m in messages(wired)] == ["done"]
    assert [s for s, _, _ in history(wired, gas.id)] == ["queued", "accepted"]


def test_refused_credentials_on_the_feed_stop_the_utility(wired, sims, users) -> None:
    report = read(wired, "water", token="wrong-token")
    assert report.refused and not report.caught_up
    link = link_of(wired, "water")
    assert link.refused_fingerprint is not None


# A broken feed, served by hand.


class _FeedServer(ThreadingHTTPServer):
    page: dict[str, Any]


class _FeedHandler(BaseHTTPRequestHandler):
    server: _FeedServer

    def do_GET(self) -> None:
        payload = json.dumps(self.server.page).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[_FeedServer]:
    server = _FeedServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_page_out_of_order_is_refused_and_the_cursor_stays(
    hall, users, feed_server, caplog
) -> None:
    base = f"http://127.0.0.1:{feed_server.server_address[1]}/"
    wired = hall.with_config(
        replace(hall.config, utilities={"gas": UtilitySettings("gas", "燃气公司", base)})
    )
    submit(wired, users["clerk"], gas_form())
    gas = by_utility(wired)["gas"]
    change = {"utility_ticket_no": "GAS-1", "ticket_id": gas.id, "at": "2026-11-27T10:00:00+08:00"}
    feed_server.page = {
        "changes": [
            {**change, "seq": 5, "status": "surveying", "note": None},
            {**change, "seq": 4, "status": "accepted", "note": None},
        ],
        "last_seq": 5,
        "feed_id": "f1",
    }
    before = event_count(wired)
    report = read(wired, "gas")
    assert not report.caught_up and "顺序" in (report.error or "")
    assert "out of order" in caplog.text
    caplog.clear()
    assert event_count(wired) == before
    link = link_of(wired, "gas")
    assert link.last_seq == 0 and "顺序" in (link.last_error or "")
    assert by_utility(wired)["gas"].status == "queued"
    assert requests.get(base + "v1/health", timeout=5).status_code == 200


def test_parse_page_rules() -> None:
    one = {"seq": 3, "status": "accepted", "ticket_id": "t", "at": "2026-11-27T10:00:00+08:00"}
    assert parse_page({"changes": [], "last_seq": 7}, 7).feed_id is None
    with pytest.raises(FeedRefused):
        parse_page({"changes": [one], "last_seq": 2}, 0)  # last_seq behind its own changes
    with pytest.raises(FeedRefused):
        parse_page({"changes": [one], "last_seq": 3}, 3)  # not after the cursor
    with pytest.raises(FeedRefused):
        parse_page({"changes": "nope"}, 0)
    page = parse_page({"changes": [one | {"extra": 1}], "last_seq": 3, "feed_id": "x"}, 0)
    assert page.changes[0].status == "accepted" and page.last_seq == 3
