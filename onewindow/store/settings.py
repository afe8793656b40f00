"""Hall settings an administrator edits in the client (policy table, fee list, materials
catalogue), stored as rows of the settings table: every read and write of that table is here.

Plain storage: checking a value, the permission to change it and the audit record belong to
the caller (`onewindow.admin`), which knows what the value means.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from onewindow.store.models import Setting

MATERIALS_KEY = "materials_catalogue"


def get_value(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(Setting, key)
    return row.value if row else None


def set_value(
    session: Session, key: str, value: dict[str, Any], *, by: str, now: datetime
) -> dict[str, Any] | None:
    """Store a setting; returns the value it replaced (None for a first setting)."""
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=now, updated_by=by))
        return None
    old = row.value
    row.value, row.updated_at, row.updated_by = value, now, by
    return old
