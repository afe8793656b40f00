"""Queueing requests to the utilities in the transaction that causes them (the outbox).

A request's body and Idempotency-Key are fixed here, once; every retry, also after a crash
and restart, sends exactly these bytes (utility-api.md: same key, same body).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from onewindow.clock import rfc3339
from onewindow.store.models import Application, OutboxMessage, Ticket

DELIVER = "deliver"
MATERIALS = "materials"
CANCEL = "cancel"

# A request's life: queued, claimed by a sender, then answered (done), refused for good
# (failed) or taken back before it was sent (withdrawn).
PENDING, SENDING, DONE, FAILED, WITHDRAWN = "pending", "sending", "done", "failed", "withdrawn"
OPEN_STATES = (PENDING, SENDING)

# Who the audit trail names for what delivery and tracking do on their own.
ACTOR = "system:delivery"


def canonical_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ticket_document(
    application: Application, ticket: Ticket, *, counter_id: str, clerk: str
) -> dict[str, Any]:
    """The POST v1/tickets body: this ticket's utility only, never another's details."""
    applicant: dict[str, Any] = {
        "kind": application.applicant_kind,
        "name": application.applicant_name,
        "id_type": application.id_type,
        "id_number": application.id_number,
        "phone": application.phone,
    }
    if application.contact_name:
        applicant["contact_name"] = application.contact_name
    site: dict[str, Any] = {"address": application.site_address}
    if application.project_name:
        site["project_name"] = application.project_name
    if application.permit_no:
        site["permit_no"] = application.permit_no
    if application.land_acquired_on:
        site["land_acquired_on"] = application.land_acquired_on.isoformat()
    doc: dict[str, Any] = {
        "ticket_id": ticket.id,
        "application_no": application.application_no,
        "utility": ticket.utility,
        "service": ticket.service,
        "submitted_at": rfc3339(application.received_at),
        "hall": {"code": application.hall_code, "counter": counter_id, "clerk": clerk},
        "applicant": applicant,
        "site": site,
        "details": dict(ticket.details),
        "materials": [
            {"code": m.code, "received": m.received}
            | ({"due": m.due.isoformat()} if m.due and not m.received else {})
            for m in ticket.materials
            if not m.waived_reason  # the visit does not need it (不需要): nothing to hand over
        ],
    }
    if ticket.account_no:
        doc["account_no"] = ticket.account_no
    if ticket.permits:
        doc["agency_permits"] = [p.kind for p in ticket.permits]
    return doc


def enqueue(
    session: Session,
    ticket: Ticket,
    *,
    kind: str,
    body: dict[str, Any],
    now: datetime,
    idempotency_key: str | None = None,
) -> OutboxMessage:
    message = OutboxMessage(
        ticket_id=ticket.id,
        utility=ticket.utility,
        kind=kind,
        # A delivery's key is the ticket id (utility-api.md); a re-send after correction is a
        # new delivery and gets a fresh key from the caller.
        idempotency_key=idempotency_key or str(uuid.uuid4()),
        body=canonical_json(body),
        state=PENDING,
        attempts=0,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    return message
