"""The materials catalogue editor's service functions (管理 → 材料目录).

An administrator changes one document at a time — its name, whether it may follow (容缺), why it
is needed, and its rules (which utilities, services, kinds of applicant and conditions, and the
source of each) — never the catalogue's text. Every change is checked as the catalogue is
checked when read, stored as the whole catalogue (one truth for every counter of the hall) and
audited with the catalogue before and after; the history the screen shows (who changed which
document, when, and what) is read back from those audit records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.admin.hall_settings import change_setting
from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.intake.catalogue import (
    APPLICATION_FORM,
    CatalogueError,
    MaterialCatalogue,
    MaterialInfo,
    load_catalogue,
    parse_material,
)
from onewindow.store.models import AuditEvent, User
from onewindow.store.settings import MATERIALS_KEY

ACTION = f"settings.{MATERIALS_KEY}"
HISTORY_LIMIT = 200


@dataclass(frozen=True)
class CatalogueChange:
    """One change of the catalogue as the history shows it."""

    at: datetime
    by: str  # the user's display name (the account name when it is not a user)
    code: str  # "" when the whole catalogue was replaced at once
    name: str
    what: str  # 新增 | 修改 | 删除 | 整体替换
    fields: tuple[str, ...]  # for 修改: 名称, 容缺, 说明, 规则


def editable_catalogue(session: Session, actor: Actor) -> MaterialCatalogue:
    actor.require(Permission.ADMINISTER)
    return load_catalogue(session)


def save_material(
    session: Session, actor: Actor, code: str, entry: Mapping[str, Any], *, now: datetime
) -> MaterialCatalogue:
    """Add a document or change one (the code is its key and never changes); returns the new
    catalogue. `entry` is the document as `MaterialInfo.to_data` writes it."""
    actor.require(Permission.ADMINISTER)
    code = code.strip()
    try:
        info = parse_material(code, entry)
    except CatalogueError as exc:
        raise BadInput(
            Text(f"材料目录：{exc.text.zh}", f"material catalogue: {exc.text.en}")
        ) from None
    current = load_catalogue(session)
    items = dict(current.items)
    if items.get(code) == info:
        return current
    items[code] = info
    return _store(session, actor, items, now=now)


def remove_material(
    session: Session, actor: Actor, code: str, *, now: datetime
) -> MaterialCatalogue:
    """Take a document out of the catalogue: no rule asks for it any more. Saved applications
    keep the documents they had."""
    actor.require(Permission.ADMINISTER)
    if code == APPLICATION_FORM:
        raise BadInput(
            Text(
                "报装申请表不能删除：没有申请表不能受理",
                "the application form cannot be removed: no application is accepted without it",
            )
        )
    items = dict(load_catalogue(session).items)
    if items.pop(code, None) is None:
        raise BadInput(Text(f"材料目录中没有 {code}", f"the material catalogue has no {code}"))
    return _store(session, actor, items, now=now)


def _store(
    session: Session, actor: Actor, items: dict[str, MaterialInfo], *, now: datetime
) -> MaterialCatalogue:
    catalogue = MaterialCatalogue(MappingProxyType(items))
    change_setting(session, actor, MATERIALS_KEY, catalogue.to_data(), now=now)
    return catalogue


def catalogue_history(session: Session, actor: Actor) -> list[CatalogueChange]:
    """Who changed which document when, newest first (from the audit trail)."""
    actor.require(Permission.ADMINISTER)
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == ACTION)
        .order_by(AuditEvent.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    names = {
        u.username: u.display_name
        for u in session.scalars(select(User).where(User.username.in_({e.actor for e in events})))
    }
    changes: list[CatalogueChange] = []
    for event in events:
        by = names.get(event.actor, event.actor)
        before = _documents(event.details.get("from"))
        after = _documents(event.details.get("to"))
        if before is None or after is None:
            changes.append(CatalogueChange(event.at, by, "", "", "整体替换", ()))
            continue
        for code in dict.fromkeys([*after, *before]):
            old, new = before.get(code), after.get(code)
            if old == new:
                continue
            what = "新增" if old is None else "删除" if new is None else "修改"
            name = str((new or old or {}).get("name", code))
            fields = _changed_fields(old, new) if old is not None and new is not None else ()
            changes.append(CatalogueChange(event.at, by, code, name, what, fields))
    return changes


def _documents(value: object) -> dict[str, dict[str, Any]] | None:
    """The documents of a stored catalogue; None for a catalogue of the former text layout."""
    if value is None:
        value = MaterialCatalogue.default().to_data()  # the first change starts from it
    if not isinstance(value, Mapping) or not isinstance(value.get("materials"), Mapping):
        return None
    return {str(k): dict(v) for k, v in value["materials"].items() if isinstance(v, Mapping)}


_FIELD_NAMES = {"name": "名称", "may_follow": "容缺", "why": "说明", "rules": "规则"}


def _changed_fields(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> tuple[str, ...]:
    old, new = old or {}, new or {}
    return tuple(label for key, label in _FIELD_NAMES.items() if old.get(key) != new.get(key))
