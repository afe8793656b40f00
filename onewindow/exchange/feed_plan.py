"""What a page of a utility's change feed does to our tickets, decided without the database.

`plan_page` takes the page, the feed's stored cursor and the tickets and timelines the page
names, and says which timeline entries to add, which delivery entries the feed names, how each
ticket moves and where the cursor goes; `onewindow.exchange.feed` loads those rows, calls it and
writes the plan in one transaction.

The rules (utility-api.md, GET v1/changes): a change at or below the cursor was applied
already, and so was one recorded under the same feed and seq, or the same status at the same
moment for the same ticket (from the delivery's answer, or under an earlier feed history); a
change for a ticket this hall does not know is skipped and counted; a page of a feed history
another reader has already left is not applied at all. A status the API does not list is kept
as it came.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from onewindow.clocks.sla import STOPPED
from onewindow.exchange.acceptance import MAX_NUMBER
from onewindow.exchange.ticket_status import CANCEL_REQUESTED

# The utility sent the ticket back to the applicant: not a first-time success (P16).
RETURNING = frozenset({"rejected", "awaiting_applicant"})


@dataclass(frozen=True)
class Change:
    seq: int
    ticket_id: str | None
    utility_ticket_no: str | None
    status: str
    at: datetime | None
    note: str | None


@dataclass(frozen=True)
class Page:
    changes: list[Change]
    last_seq: int
    feed_id: str | None


@dataclass(frozen=True)
class Event:
    """A timeline entry as a page needs it: to recognise a change seen before, and for the
    SLA clock. `id` is None for an entry the page adds."""

    ticket_id: str
    id: int | None
    status: str
    at: datetime
    source: str
    utility: str | None
    feed_id: str | None
    feed_seq: int | None
    note: str | None = None  # only an added entry's: the clock and the checks need none


@dataclass(frozen=True)
class TicketRow:
    """The columns of a ticket a page reads and writes, without the ORM's bookkeeping."""

    id: str
    utility: str
    service: str
    details: dict[str, Any]
    status: str
    utility_ticket_no: str | None
    accepted_at: datetime | None
    closed_at: datetime | None
    returned: bool
    received_at: datetime
    due_date: date | None = None
    due_provisional: bool = False
    limit_workdays: int | None = None
    paused_workdays: int = 0

    def changes(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "updated_at": now,
            "utility_ticket_no": self.utility_ticket_no,
            "accepted_at": self.accepted_at,
            "closed_at": self.closed_at,
            "returned": self.returned,
            "due_date": self.due_date,
            "due_provisional": self.due_provisional,
            "limit_workdays": self.limit_workdays,
            "paused_workdays": self.paused_workdays,
        }


@dataclass(frozen=True)
class PagePlan:
    """What applying one page means; `stale` pages change nothing, not even the cursor."""

    stale: bool
    feed_id: str | None  # the feed history the cursor belongs to after the page
    last_seq: int  # the cursor after the page: never moves back
    events: tuple[Event, ...] = ()  # timeline entries to add
    claimed: tuple[tuple[int, int], ...] = ()  # (entry id, seq): a delivery's entry, named
    # The tickets as the changes leave them, and their whole timelines, by ticket id.
    moved: dict[str, TicketRow] = field(default_factory=dict)
    timelines: dict[str, list[Event]] = field(default_factory=dict)
    applied: tuple[tuple[str, str, int], ...] = ()  # (ticket id, status, seq)
    unknown: tuple[int, ...] = ()  # seqs of changes for tickets this hall does not know


def fresh_changes(page: Page, last_seq: int) -> list[Change]:
    """The page's changes past the stored cursor: another reader may have moved it meanwhile,
    and what it applied is not applied again."""
    return [c for c in page.changes if c.seq > last_seq]


def plan_page(
    page: Page,
    *,
    utility: str,
    last_seq: int,
    stored_feed: str | None,
    tickets: dict[str, TicketRow],
    histories: dict[str, list[Event]],
    now: datetime,
) -> PagePlan:
    """Decide one page. `tickets` holds the tickets the changes name, keyed by ticket id, by
    delivery key and by "no:" + utility number; `histories` their timelines by ticket id."""
    if page.feed_id is not None and stored_feed not in (None, page.feed_id):
        # Another reader restarted the feed meanwhile: this page is of the old history.
        return PagePlan(stale=True, feed_id=stored_feed, last_seq=last_seq)
    feed_id = page.feed_id if page.feed_id is not None else stored_feed
    seen = {
        (e.feed_id, e.feed_seq)
        for events in histories.values()
        for e in events
        if e.utility == utility and e.feed_seq is not None
    }
    events: list[Event] = []
    claimed: list[tuple[int, int]] = []
    applied: list[tuple[str, str, int]] = []
    unknown: list[int] = []
    moved: dict[str, TicketRow] = {}
    timelines: dict[str, list[Event]] = {}
    for change in fresh_changes(page, last_seq):
        found = tickets.get(change.ticket_id or "") or tickets.get(f"no:{change.utility_ticket_no}")
        if found is None:
            unknown.append(change.seq)
            continue
        if (feed_id, change.seq) in seen:
            continue
        ticket = moved.get(found.id, found)
        at = change.at or now
        timeline = timelines.get(ticket.id)
        if timeline is None:  # the page's own copy: what it was given stays as it was
            timeline = timelines[ticket.id] = list(histories.get(ticket.id, []))
        twin = next(
            (i for i, e in enumerate(timeline) if e.status == change.status and e.at == at), None
        )
        if twin is not None:
            # Recorded already: from the delivery's answer, or under an earlier feed history.
            entry = timeline[twin]
            if entry.feed_seq is None and entry.source == "delivery" and entry.id is not None:
                claimed.append((entry.id, change.seq))
                timeline[twin] = replace(entry, feed_id=feed_id, feed_seq=change.seq)
            continue
        event = Event(
            ticket.id, None, change.status, at, "utility", utility, feed_id, change.seq, change.note
        )
        timeline.append(event)
        events.append(event)
        moved[ticket.id] = move_ticket(ticket, change, at)
        applied.append((ticket.id, change.status, change.seq))
    return PagePlan(
        stale=False,
        feed_id=feed_id,
        last_seq=max(last_seq, page.last_seq),
        events=tuple(events),
        claimed=tuple(claimed),
        moved=moved,
        timelines={ticket_id: timelines[ticket_id] for ticket_id in moved},
        applied=tuple(applied),
        unknown=tuple(unknown),
    )


def feed_record(plan: PagePlan, after: int) -> dict[str, Any]:
    """What the audit trail keeps of an applied page."""
    return {
        "feed_id": plan.feed_id,
        "after": after,
        "last_seq": plan.last_seq,
        "changes": [list(a) for a in plan.applied],
        "unknown_seqs": list(plan.unknown),
    }


def move_ticket(ticket: TicketRow, change: Change, at: datetime) -> TicketRow:
    """The ticket after one change of the feed."""
    status = ticket.status
    # A cancel asked for stays asked for until the utility answers it or ends the ticket; the
    # change is in the timeline all the same, and the clock follows it.
    if ticket.status != CANCEL_REQUESTED or change.status in STOPPED:
        status = change.status
    number = ticket.utility_ticket_no
    if change.utility_ticket_no and not number:
        # The delivery's answer was lost (timeout, crash); the feed names the number.
        number = change.utility_ticket_no[:MAX_NUMBER]
    accepted_at = ticket.accepted_at
    if change.status == "accepted" and accepted_at is None:
        accepted_at = at
    # A stopping status closes the ticket; any other after it means the utility reopened it.
    closed_at = at if change.status in STOPPED else None
    return replace(
        ticket,
        status=status,
        utility_ticket_no=number,
        accepted_at=accepted_at,
        closed_at=closed_at,
        returned=ticket.returned or change.status in RETURNING,
    )
