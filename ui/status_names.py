"""What the screens call statuses, services, utilities, permits and roles, in the UI's language.

The labels are the core's one vocabulary (`onewindow.codes`), in both languages; a status a
utility sends that is not known there is shown as it came, never dropped. Each status also
has a kind that picks its colour (always beside a word).
"""

from __future__ import annotations

from collections.abc import Mapping

from onewindow import codes
from ui import i18n
from ui.look import KIND_COLOURS

# The order the status filter lists them in: the life of a ticket.
STATUS_ORDER = tuple(codes.STATUSES)


def _name(table: Mapping[str, codes.Text], code: str) -> str:
    return i18n.text(codes.label(table, code))


def status_name(status: str) -> str:
    """A status, or an entry of the timeline the client writes itself (a refused cancel)."""
    return _name(codes.STATUSES if status in codes.STATUSES else codes.TIMELINE_ENTRIES, status)


def status_kind(status: str) -> str:
    return codes.STATUS_KINDS.get(status, "progress")


def status_colour(status: str) -> str:
    return KIND_COLOURS[status_kind(status)]


def service_name(service: str) -> str:
    return _name(codes.SERVICES, service)


def utility_name(utility: str) -> str:
    return _name(codes.UTILITIES, utility)


def utility_short(utility: str) -> str:
    return _name(codes.UTILITY_SHORT, utility)


def permit_name(kind: str) -> str:
    return _name(codes.PERMITS, kind)


def permit_state_name(state: str) -> str:
    return _name(codes.PERMIT_STATES, state)


def role_name(role: str) -> str:
    return _name(codes.ROLES, role)


def usage_name(usage: str) -> str:
    return _name(codes.USAGES, usage)


def id_type_name(id_type: str) -> str:
    return _name(codes.ID_TYPES, id_type)
