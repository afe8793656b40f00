"""The applicant's satisfaction rating of a visit (好差评, P16): one rating per application.

A rating, once recorded, is not overwritten: a clerk must not be able to turn a poor rating
into a good one. The audit trail keeps who recorded it and when.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.codes import Text
from onewindow.errors import BadInput, NotFound
from onewindow.store.models import Application

RATINGS = range(1, 6)
MAX_COMMENT = 500


def record_rating(
    session: Session,
    actor: Actor,
    application_no: str,
    rating: int,
    comment: str | None,
    *,
    now: datetime,
) -> Application:
    actor.require(Permission.ACCEPT)
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS:
        raise BadInput(Text(f"评价应为 1 到 5 之间的整数，收到 {rating!r}", "rating must be 1–5"))
    text = (comment or "").strip() or None
    if text is not None and len(text) > MAX_COMMENT:
        raise BadInput(
            Text(f"评价意见最多 {MAX_COMMENT} 字，现有 {len(text)} 字", "comment too long")
        )
    application = session.scalar(
        select(Application).where(Application.application_no == application_no.strip().upper())
    )
    if application is None:
        raise NotFound(Text(f"受理编号 {application_no} 不存在", "no such application"))
    if application.rating is not None:
        raise BadInput(
            Text(
                f"申请 {application.application_no} 已于此前评价（{application.rating} 分），"
                "不能更改",
                "already rated",
            )
        )
    application.rating = rating
    application.rating_comment = text
    application.rated_at = now
    audit.record(
        session,
        actor=actor.name,
        action="application.rate",
        now=now,
        entity_type="application",
        entity_id=application.application_no,
        details={"rating": rating, "comment": text},
    )
    return application
