"""The decisions of the change feed, without a database: what a page does to our tickets and
to the cursor (feed_plan), and what the client accepts of a page (parse_page)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from onewindow.exchange.feed import FeedRefused, parse_page
from onewindow.exchange.feed_plan import (
    Change,
    Event,
    Page,
    PagePlan,
    TicketRow,
    feed_record,
    move_ticket,
    plan_page,
)

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
AT = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
FEED = "feed-1"


def row(ticket_id: str = "t1", status: str = "accepted", **changes: Any) -> TicketRow:
    ticket = TicketRow(
        id=ticket_id,
        utility="gas",
        service="new_connection",
        details={},
        status=status,
        utility_ticket_no="GAS-1",
        accepted_at=AT - timedelta(hours=2),
        closed_at=None,
        returned=False,
        received_at=AT - timedelta(hours=3),
    )
    return replace(ticket, **changes)


def change(seq: int, status: str, *, ticket_id: str | None = "t1", **more: Any) -> Change:
    values: dict[str, Any] = {
        "seq": seq,
        "ticket_id": ticket_id,
        "utility_ticket_no": None,
        "status": status,
        "at": AT + timedelta(minutes=seq),
        "note": None,
    }
    return Change(**(values | more))


def entry(status: str, at: datetime, **more: Any) -> Event:
    values: dict[str, Any] = {
        "ticket_id": "t1",
        "id": 1,
        "status": status,
        "at": at,
        "source": "utility",
        "utility": "gas",
        "feed_id": FEED,
        "feed_seq": None,
    }
    return Event(**(values | more))


def plan(
    changes: list[Change],
    *,
    tickets: dict[str, TicketRow] | None = None,
    histories: dict[str, list[Event]] | None = None,
    last_seq: int = 0,
    stored_feed: str | None = FEED,
    page_feed: str | None = FEED,
    page_last: int | None = None,
) -> PagePlan:
    if tickets is None:
        tickets = {"t1": row()}
    last = page_last if page_last is not None else max([c.seq for c in changes] or [last_seq])
    return plan_page(
        Page(changes, last, page_feed),
        utility="gas",
        last_seq=last_seq,
        stored_feed=stored_feed,
        tickets=tickets,
        histories=histories or {},
        now=NOW,
    )


# Which changes apply.


def test_a_change_moves_its_ticket_and_adds_one_timeline_entry() -> None:
    done = plan([change(5, "surveying", note="勘查员已派出")])
    assert not done.stale and done.last_seq == 5 and done.feed_id == FEED
    assert [(e.ticket_id, e.status, e.feed_seq, e.note) for e in done.events] == [
        ("t1", "surveying", 5, "勘查员已派出")
    ]
    assert done.moved["t1"].status == "surveying"
    assert [e.status for e in done.timelines["t1"]] == ["surveying"]
    assert done.applied == (("t1", "surveying", 5),) and done.unknown == ()


def test_a_change_for_a_ticket_this_hall_does_not_know_is_counted_and_skipped() -> None:
    done = plan([change(3, "accepted", ticket_id="someone-else"), change(4, "surveying")])
    assert done.unknown == (3,)
    assert done.applied == (("t1", "surveying", 4),)
    # The cursor passes it all the same: it will never be ours.
    assert done.last_seq == 4
    assert feed_record(done, 2) == {
        "feed_id": FEED,
        "after": 2,
        "last_seq": 4,
        "changes": [["t1", "surveying", 4]],
        "unknown_seqs": [3],
    }


def test_tickets_are_found_by_delivery_key_and_by_utility_number() -> None:
    ticket = row()
    tickets = {"t1": ticket, "resend-key": ticket, "no:GAS-1": ticket}
    done = plan(
        [
            change(1, "surveying", ticket_id="resend-key"),
            change(2, "inspecting", ticket_id=None, utility_ticket_no="GAS-1"),
        ],
        tickets=tickets,
    )
    assert done.applied == (("t1", "surveying", 1), ("t1", "inspecting", 2))
    # The second change moves the ticket as the first left it.
    assert list(done.moved) == ["t1"] and done.moved["t1"].status == "inspecting"


def test_changes_at_or_below_the_cursor_are_not_applied_again() -> None:
    done = plan([change(4, "surveying"), change(5, "inspecting")], last_seq=4)
    assert done.applied == (("t1", "inspecting", 5),)


def test_a_change_recorded_under_the_same_feed_and_seq_is_skipped() -> None:
    seen = entry("surveying", AT - timedelta(days=1), feed_seq=7)
    done = plan([change(7, "surveying")], histories={"t1": [seen]})
    assert done.events == () and done.moved == {} and done.applied == ()
    assert done.last_seq == 7


def test_the_same_status_at_the_same_moment_is_recorded_once() -> None:
    # Under an earlier feed history (the utility restored a backup): nothing to add.
    old = entry("surveying", AT + timedelta(minutes=6), feed_id="feed-0", feed_seq=90)
    done = plan([change(6, "surveying")], histories={"t1": [old]})
    assert done.events == () and done.claimed == () and done.applied == ()
    # Twice in one page: the second is the first again.
    twice = plan([change(6, "surveying"), change(7, "surveying", at=AT + timedelta(minutes=6))])
    assert twice.applied == (("t1", "surveying", 6),)


def test_the_delivery_answer_entry_is_named_by_the_feed_not_doubled() -> None:
    accepted = entry("accepted", AT, id=41, source="delivery", feed_id=None)
    done = plan([change(1, "accepted", at=AT)], histories={"t1": [accepted]})
    assert done.events == () and done.claimed == ((41, 1),)
    # An entry the counter wrote is never claimed by the feed.
    counter = entry("accepted", AT, id=42, source="counter", feed_id=None)
    assert plan([change(1, "accepted", at=AT)], histories={"t1": [counter]}).claimed == ()


def test_what_the_plan_is_given_stays_as_it_was() -> None:
    accepted = entry("accepted", AT, id=41, source="delivery", feed_id=None)
    histories = {"t1": [accepted]}
    tickets = {"t1": row()}
    done = plan(
        [change(1, "accepted", at=AT), change(2, "surveying")], tickets=tickets, histories=histories
    )
    assert histories == {"t1": [accepted]} and tickets == {"t1": row()}
    # The plan's timeline has the claimed entry with its seq, and the new one.
    assert [(e.status, e.feed_seq) for e in done.timelines["t1"]] == [
        ("accepted", 1),
        ("surveying", 2),
    ]


def test_a_change_without_a_time_counts_at_the_moment_it_is_read() -> None:
    done = plan([change(1, "surveying", at=None)])
    assert done.events[0].at == NOW


def test_a_status_the_api_does_not_list_is_kept_as_it_came() -> None:
    done = plan([change(1, "meter_fitting")])
    assert done.moved["t1"].status == "meter_fitting"


# The cursor and the feed's history.


def test_a_page_of_a_history_another_reader_left_changes_nothing() -> None:
    done = plan([change(1, "connected")], stored_feed="feed-2", page_feed=FEED, last_seq=30)
    assert done.stale and done.events == () and done.moved == {}
    assert (done.feed_id, done.last_seq) == ("feed-2", 30)


def test_the_first_feed_id_is_taken_and_a_page_without_one_keeps_the_stored() -> None:
    assert plan([change(1, "surveying")], stored_feed=None).feed_id == FEED
    kept = plan([change(1, "surveying")], stored_feed="feed-9", page_feed=None)
    assert not kept.stale and kept.feed_id == "feed-9"
    assert kept.events[0].feed_id == "feed-9"


def test_the_cursor_never_moves_back() -> None:
    assert plan([], last_seq=12, page_last=10).last_seq == 12
    assert plan([], last_seq=12, page_last=15).last_seq == 15


# How a ticket moves.


def test_a_stopping_status_closes_the_ticket_and_a_later_one_reopens_it() -> None:
    connected = move_ticket(row(), change(1, "connected"), AT)
    assert connected.status == "connected" and connected.closed_at == AT
    # A status regression: the utility reopened the ticket; the feed is followed as it says.
    reopened = move_ticket(connected, change(2, "inspecting"), AT + timedelta(hours=1))
    assert reopened.status == "inspecting" and reopened.closed_at is None


def test_sent_back_to_the_applicant_marks_the_ticket_returned_for_good() -> None:
    returned = move_ticket(row(), change(1, "awaiting_applicant"), AT)
    assert returned.returned
    assert move_ticket(returned, change(2, "surveying"), AT).returned
    rejected = move_ticket(row(), change(1, "rejected"), AT)
    assert rejected.returned and rejected.closed_at == AT


def test_accepted_sets_the_acceptance_time_once() -> None:
    fresh = row(accepted_at=None, status="queued")
    first = move_ticket(fresh, change(1, "accepted"), AT)
    assert first.accepted_at == AT
    again = move_ticket(first, change(2, "accepted"), AT + timedelta(days=1))
    assert again.accepted_at == AT


@pytest.mark.parametrize(
    ("status", "becomes"),
    [
        ("surveying", "cancel_requested"),  # still asked for: the utility has not answered
        ("awaiting_applicant", "cancel_requested"),
        ("cancelled", "cancelled"),  # confirmed
        ("connected", "connected"),  # too late: the cancel is refused by the facts
        ("rejected", "rejected"),
    ],
)
def test_a_cancel_asked_for_stays_asked_for_until_the_ticket_ends(
    status: str, becomes: str
) -> None:
    done = plan([change(1, status)], tickets={"t1": row(status="cancel_requested")})
    assert done.moved["t1"].status == becomes
    # The change is in the timeline either way, and the clock follows it.
    assert [e.status for e in done.timelines["t1"]] == [status]


def test_the_feed_names_the_number_when_the_delivery_answer_was_lost() -> None:
    lost = row(utility_ticket_no=None, status="queued")
    named = move_ticket(lost, change(1, "accepted", utility_ticket_no="N" * 80), AT)
    assert named.utility_ticket_no == "N" * 64
    # A number the ticket has is never replaced by the feed.
    kept = move_ticket(row(), change(1, "accepted", utility_ticket_no="OTHER"), AT)
    assert kept.utility_ticket_no == "GAS-1"


def test_a_ticket_row_writes_its_columns() -> None:
    changed = row(status="surveying").changes(NOW)
    assert changed["id"] == "t1" and changed["status"] == "surveying"
    assert changed["updated_at"] == NOW and "details" not in changed


# What the client accepts of a page (text and limits).


def test_notes_and_numbers_are_one_line_and_cut_to_size() -> None:
    raw = {
        "seq": 1,
        "status": "surveying\n",
        "ticket_id": "t1",
        "utility_ticket_no": "G" * 100,
        "note": "第一行\r\n第二行\x00\x1b[31m" + "长" * 3000,
        "at": "2026-11-28T10:00:00+08:00",
    }
    (parsed,) = parse_page({"changes": [raw], "last_seq": 1}, 0).changes
    assert parsed.status == "surveying"
    assert parsed.utility_ticket_no is not None and len(parsed.utility_ticket_no) == 64
    assert parsed.note is not None and len(parsed.note) == 2000 and parsed.note.endswith("…")
    assert parsed.note.startswith("第一行 第二行 [31m")
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in parsed.note)
    assert parsed.at == AT


@pytest.mark.parametrize(
    "bad",
    [
        {"seq": 2**63, "status": "accepted"},  # beyond a BIGINT
        {"seq": -1, "status": "accepted"},
        {"seq": True, "status": "accepted"},
        {"seq": "3", "status": "accepted"},
        {"seq": 3, "status": ""},
        {"seq": 3},
        "not an object",
    ],
)
def test_a_change_of_the_wrong_shape_refuses_the_whole_page(bad: object) -> None:
    with pytest.raises(FeedRefused):
        parse_page({"changes": [bad], "last_seq": 3}, 0)


def test_the_largest_seq_and_a_missing_time_or_note_are_accepted() -> None:
    page = parse_page(
        {"changes": [{"seq": 2**63 - 1, "status": "x", "at": "yesterday"}], "feed_id": "f"}, 0
    )
    (parsed,) = page.changes
    assert page.last_seq == 2**63 - 1 and parsed.at is None and parsed.note is None
    with pytest.raises(FeedRefused):
        parse_page({"changes": [], "feed_id": "f" * 65}, 0)
