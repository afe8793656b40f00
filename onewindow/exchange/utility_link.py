"""The hall's link with one utility's system (a UtilityLink row): the change feed's cursor
and history, the last error, and whether the utility refused our credentials.

The sender stops a utility's queue here when its credentials are refused (401/403) and lifts
the stop when its settings change; the change feed keeps its cursor here, moved in the same
transaction as the changes applied (utility-api.md, GET v1/changes).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from onewindow.audit import chain as audit
from onewindow.config import DEFAULT_UTILITY_NAMES, UtilitySettings
from onewindow.exchange.client import Answer
from onewindow.exchange.outbox import ACTOR
from onewindow.store.models import UtilityLink


def get_link(session: Session, utility: str, now: datetime, *, lock: bool = False) -> UtilityLink:
    link = session.get(UtilityLink, utility, with_for_update=lock or None)
    if link is None:
        link = UtilityLink(utility=utility, last_seq=0, updated_at=now)
        session.add(link)
        session.flush()
    return link


def utility_name(utility: str, settings: UtilitySettings | None = None) -> str:
    return settings.name if settings else DEFAULT_UTILITY_NAMES.get(utility, utility)


def credentials_message(utility: str, settings: UtilitySettings | None, status: int | None) -> str:
    return (
        f"{utility_name(utility, settings)}拒绝了本厅的接口凭据（HTTP {status}），"
        "请管理员检查该单位的令牌和签名密钥设置；设置修改后将自动继续发送，无需重新受理"
    )


def refused_status(link: UtilityLink) -> int | None:
    """The HTTP status of the refusal the link's last error records ("HTTP 401 …")."""
    error = link.last_error
    if error and error.startswith("HTTP "):
        digits = error[5:8]
        return int(digits) if digits.isdigit() else None
    return None


def mark_refused(
    session: Session,
    utility: str,
    settings: UtilitySettings,
    answer: Answer,
    now: datetime,
) -> bool:
    """Stop the utility's queue until its settings change; True when it was not stopped yet."""
    link = get_link(session, utility, now, lock=True)
    link.last_error = answer.error
    link.updated_at = now
    if link.refused_fingerprint == settings.fingerprint:
        return False
    link.refused_fingerprint = settings.fingerprint
    link.refused_at = now
    audit.record(
        session,
        actor=ACTOR,
        action="utility.credentials_refused",
        now=now,
        entity_type="utility",
        entity_id=utility,
        details={"http_status": answer.status, "error": answer.error},
    )
    return True


def lift_refusal(session: Session, utility: str, now: datetime) -> bool:
    """The utility's settings changed since it refused them: its queue goes on. True when it
    was stopped (the caller then gives its waiting tickets back to the queue)."""
    link = get_link(session, utility, now, lock=True)
    if link.refused_fingerprint is None:
        return False
    link.refused_fingerprint = None
    link.refused_at = None
    link.last_error = None
    link.updated_at = now
    audit.record(
        session,
        actor=ACTOR,
        action="utility.settings_changed",
        now=now,
        entity_type="utility",
        entity_id=utility,
        details={"resumed": True},
    )
    return True


def note_error(session: Session, utility: str, error: str | None, now: datetime) -> None:
    link = get_link(session, utility, now, lock=True)
    link.last_error = error
    link.updated_at = now


def restart_feed(session: Session, utility: str, feed_id: str, now: datetime) -> None:
    """The utility's feed has a new history (`feed_id`): read it again from 0."""
    link = get_link(session, utility, now, lock=True)
    previous = {"feed_id": link.feed_id, "last_seq": link.last_seq}
    link.feed_id = feed_id
    link.last_seq = 0
    link.updated_at = now
    audit.record(
        session,
        actor=ACTOR,
        action="feed.restarted",
        now=now,
        entity_type="utility",
        entity_id=utility,
        details={"previous": previous, "feed_id": feed_id},
    )


def feed_read(link: UtilityLink, feed_id: str | None, last_seq: int, now: datetime) -> None:
    """A page of the feed was applied: the cursor moves on (never back) and the link is well."""
    link.feed_id = feed_id
    link.last_seq = max(link.last_seq, last_seq)
    link.last_ok_at = now
    link.last_error = None
    link.updated_at = now
