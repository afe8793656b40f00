"""Whether a refused ticket may be corrected and re-sent, and what the corrected delivery is:
decided without the database (tickets.actions.resend_ticket loads, asks, applies).

utility-api.md v1.1: a new Idempotency-Key only ever follows an answer that proves the utility
created nothing (400, or 422 `invalid`). A 409 `in_flight` is passing trouble, retried under
the same key; a 422 `key_reused` means the utility holds something under our key (a client
defect): a person must find out what, and no new key may follow; after any other refusal, a
timeout or a reset the outcome is unknown, and only the same key and body may go.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.exchange.client import KEY_REUSED, proves_nothing_created
from onewindow.exchange.outbox import FAILED, OPEN_STATES
from onewindow.exchange.ticket_status import NEEDS_ATTENTION
from onewindow.intake.catalogue import MaterialCatalogue
from onewindow.intake.form import CombinedForm, ServiceRequest, check_form
from onewindow.intake.submit import FormInvalid


class DeliveryOutcome(Protocol):
    """What the decision needs of one delivery of the ticket (an outbox row)."""

    @property
    def state(self) -> str: ...
    @property
    def last_http_status(self) -> int | None: ...
    @property
    def last_error_code(self) -> str | None: ...


NOT_NEEDING_ATTENTION = Text(
    "只有“需处理”的工单才能更正后重新发送",
    "only a ticket that needs attention can be corrected and re-sent",
)
STILL_QUEUED = Text(
    "该工单仍在发送队列中（等待接口凭据恢复），无需重新发送；请联系管理员检查接口设置",
    "the ticket is still queued (waiting for its credentials) and goes out under its own key",
)
KEY_SEEN_WITH_ANOTHER_BODY = Text(
    "受理单位已用本工单的编号收到过内容不同的工单，它可能已经建单，"
    "用新编号重新发送可能重复建单；请与受理单位核实该工单并告知管理员，或撤销后重新受理",
    "the utility holds another request under this ticket's key; a new key could make a "
    "second ticket: check with the utility, or cancel",
)
NOT_PROVEN = Text(
    "受理单位的答复不能证明它没有建单，用新编号重新发送可能重复建单；"
    "请与受理单位核实该工单，或撤销后重新受理",
    "the utility's answer does not prove it created nothing; a new key could make a "
    "second ticket: check with the utility, or cancel",
)


def resend_refusal(status: str, deliveries: Sequence[DeliveryOutcome]) -> Text | None:
    """Why the ticket may not go out again under a new key; None when it may (it needs
    attention and its latest delivery was refused with 400, or 422 `invalid`)."""
    if status != NEEDS_ATTENTION:
        return NOT_NEEDING_ATTENTION
    if any(d.state in OPEN_STATES for d in deliveries):
        # Held for refused credentials, or retried after passing trouble (409 `in_flight`):
        # it goes on under its own key once it can.
        return STILL_QUEUED
    latest = deliveries[-1] if deliveries else None
    if latest is None or latest.state != FAILED:
        return NOT_PROVEN
    if proves_nothing_created(latest.last_http_status, latest.last_error_code):
        return None
    if latest.last_error_code == KEY_REUSED:
        return KEY_SEEN_WITH_ANOTHER_BODY
    return NOT_PROVEN


@dataclass(frozen=True)
class ResendPlan:
    """The corrected delivery: the checked form, this utility's part of it, and its round,
    key, timeline note and audit record."""

    form: CombinedForm
    request: ServiceRequest
    round: int
    key: str
    note: str
    record: dict[str, Any]


def plan_resend(
    status: str,
    deliveries: Sequence[DeliveryOutcome],
    form: Mapping[str, Any],
    utility: str,
    corrections: Mapping[str, Any],
    *,
    delivery_round: int,
    key: str,
    today: date,
    catalogue: MaterialCatalogue,
) -> ResendPlan:
    """Apply the clerk's corrections to the stored form and check it again. BadInput when the
    ticket may not be re-sent (resend_refusal) or the form no longer asks this utility for
    anything; FormInvalid with every field error of the corrected form.

    `corrections` maps field paths to new values (None removes a field): the paths the
    utility's messages name (`applicant.id_number`, `site.address`, `details.usage`,
    `account_no`) or paths of the combined form (`services.gas.details.usage`).
    """
    refusal = resend_refusal(status, deliveries)
    if refusal is not None:
        raise BadInput(refusal)
    corrected = copy.deepcopy(dict(form))
    for path, value in corrections.items():
        set_path(corrected, form_path(utility, path), value)
    result = check_form(corrected, today=today, catalogue=catalogue)
    if result.errors or result.form is None:
        raise FormInvalid(result.errors)
    if utility not in result.form.services:
        raise BadInput(
            Text(
                "更正后的表单不再包含本单位的业务，不能重新发送",
                "the corrected form no longer asks this utility for anything",
            )
        )
    round_ = delivery_round + 1
    return ResendPlan(
        form=result.form,
        request=result.form.services[utility],
        round=round_,
        key=key,
        note=f"更正后重新发送（第 {round_} 次）",
        # Field names only: the values are an applicant's personal data.
        record={"fields": sorted(corrections), "round": round_, "key": key},
    )


def form_path(utility: str, path: str) -> list[str]:
    """A corrected field's path in the combined form; the utility's own paths (`details.…`,
    `account_no`) are under its service."""
    parts = [p for p in path.strip().split(".") if p]
    if not parts:
        raise BadInput(Text("更正项缺少字段名", "a correction names no field"))
    if parts[0] in ("applicant", "site", "services", "consent"):
        return parts
    if parts[0] in ("details", "materials", "agency_permits", "account_no", "service"):
        return ["services", utility, *parts]
    raise BadInput(Text(f"无法更正字段 {path}", f"cannot correct the field {path}"))


def set_path(form: dict[str, Any], parts: list[str], value: Any) -> None:
    node = form
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
