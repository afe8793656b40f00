"""The status a refused cancel gives back is the one the ticket had, in the order the client
learned it (a utility's whole-second times can sort its `accepted` before our `queued`)."""

from datetime import datetime

from onewindow.exchange.ticket_status import (
    CANCEL_REFUSED,
    CANCEL_REQUESTED,
    QUEUED,
    add_event,
    utility_status,
)
from onewindow.store.models import Ticket

QUEUED_AT = datetime(2026, 11, 30, 9, 0, 0, 600_000)
ACCEPTED_AT = datetime(2026, 11, 30, 9, 0, 0)  # the utility's clock: whole seconds


def _ticket(*statuses: tuple[str, datetime]) -> Ticket:
    ticket = Ticket(utility="power", history=[])
    for status, at in statuses:
        add_event(ticket, status, at, at)
    return ticket


def test_the_accepted_a_delivery_answered_with_is_the_status_though_its_time_is_earlier() -> None:
    later = datetime(2026, 11, 30, 9, 5)
    ticket = _ticket(
        (QUEUED, QUEUED_AT),
        ("accepted", ACCEPTED_AT),
        (CANCEL_REQUESTED, later),
        (CANCEL_REFUSED, later),
    )
    assert utility_status(ticket) == "accepted"


def test_a_change_learned_while_the_cancel_waits_is_the_status() -> None:
    ticket = _ticket(
        (QUEUED, QUEUED_AT),
        ("accepted", ACCEPTED_AT),
        (CANCEL_REQUESTED, datetime(2026, 11, 30, 9, 5)),
        ("surveying", datetime(2026, 11, 30, 9, 6)),
    )
    assert utility_status(ticket) == "surveying"


def test_a_ticket_never_sent_is_queued() -> None:
    assert utility_status(_ticket((CANCEL_REQUESTED, QUEUED_AT))) == QUEUED
