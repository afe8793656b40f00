"""The mark of a ticket on which a person must act (utility-api.md, "Status values").

A refused delivery, refused credentials, a refused cancel or late-materials request: the
utility's words are kept on the ticket with the moment they came, until a clerk acknowledges
them or acts, whatever status the feed brings meanwhile (a refused cancel is usually followed
by `connected`). Lists, 待办 and the counts find such tickets by `attention_at`, so a ticket
needing a person shows wherever a clerk looks for work, whatever its status says.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement

from onewindow.store.models import Ticket, attention_text

# Messages as one line (a timeline note, an audit record).
one_line = attention_text


def flag(
    ticket: Ticket, messages: list[dict[str, str]], now: datetime, *, add: bool = False
) -> None:
    """Mark the ticket with `messages` ({"field", "message"}); `add` keeps what it had."""
    kept = list(ticket.attention or []) if add else []
    ticket.attention = [*kept, *messages]
    if ticket.attention_at is None or not add:
        ticket.attention_at = now


def clear(ticket: Ticket) -> None:
    ticket.attention = None
    ticket.attention_at = None


def needs_person() -> ColumnElement[bool]:
    """The SQL condition of a ticket marked for a person."""
    return Ticket.attention_at.is_not(None)
