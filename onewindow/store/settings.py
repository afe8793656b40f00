"""Hall settings an administrator edits in the client, stored as rows of the settings table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.errors import BadInput
from onewindow.intake.form import MaterialCatalogue
from onewindow.store.models import Setting

MATERIALS_KEY = "materials_catalogue"


def get_value(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(Setting, key)
    return row.value if row else None


def put_value(
    session: Session, actor: Actor, key: str, value: dict[str, Any], *, now: datetime
) -> None:
    """Store a setting and audit the change with its old and new value."""
    actor.require(Permission.ADMINISTER)
    row = session.get(Setting, key)
    old = row.value if row else None
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=now, updated_by=actor.name))
    else:
        row.value, row.updated_at, row.updated_by = value, now, actor.name
    audit.record(
        session,
        actor=actor.name,
        action=f"settings.{key}",
        now=now,
        entity_type="setting",
        entity_id=key,
        details={"from": old, "to": value},
    )


def load_catalogue(session: Session) -> MaterialCatalogue:
    stored = get_value(session, MATERIALS_KEY)
    if stored is None:
        return MaterialCatalogue.default()
    return MaterialCatalogue.from_toml_text(stored["toml"])


def save_catalogue(session: Session, actor: Actor, toml_text: str, *, now: datetime) -> None:
    try:
        MaterialCatalogue.from_toml_text(toml_text)
    except (ValueError, KeyError, TypeError) as exc:
        raise BadInput(f"材料目录格式不正确 / materials catalogue invalid: {exc}") from None
    put_value(session, actor, MATERIALS_KEY, {"toml": toml_text}, now=now)
