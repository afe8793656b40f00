"""The decisions of a corrected re-send, without a database: which tickets may go out again
under a new key (utility-api.md v1.1), and what the corrected delivery is."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from onewindow.errors import BadInput
from onewindow.intake.catalogue import MaterialCatalogue
from onewindow.intake.form import check_form
from onewindow.intake.submit import FormInvalid, form_columns
from onewindow.tickets.resend_plan import (
    KEY_SEEN_WITH_ANOTHER_BODY,
    NOT_NEEDING_ATTENTION,
    NOT_PROVEN,
    STILL_QUEUED,
    form_path,
    plan_resend,
    resend_refusal,
)

TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class Sent:
    """One delivery as the outbox keeps it."""

    state: str
    last_http_status: int | None = None
    last_error_code: str | None = None


INVALID_400 = Sent("failed", 400, "invalid")
INVALID_422 = Sent("failed", 422, "invalid")
KEY_REUSED = Sent("failed", 422, "key_reused")


def stored_form(samples: Path, name: str = "gas-water-power-organization.json") -> dict[str, Any]:
    """A form as the application keeps it: checked and normalised."""
    raw = json.loads((samples / name).read_text(encoding="utf-8"))
    result = check_form(raw, today=TODAY, catalogue=MaterialCatalogue.default())
    assert result.form is not None, result.errors
    return result.form.to_json()


def plan(form: dict[str, Any], corrections: dict[str, Any], *, utility: str = "gas") -> Any:
    return plan_resend(
        "needs_attention",
        [INVALID_422],
        form,
        utility,
        corrections,
        delivery_round=1,
        key="key-2",
        today=TODAY,
        catalogue=MaterialCatalogue.default(),
    )


# Which tickets may go out again under a new key.


@pytest.mark.parametrize(
    "deliveries",
    [
        [INVALID_400],
        [INVALID_422],
        # Judged by the latest delivery: a corrected round refused as invalid again.
        [INVALID_400, INVALID_422],
    ],
)
def test_a_refusal_proving_nothing_was_created_allows_a_new_key(deliveries: list[Sent]) -> None:
    assert resend_refusal("needs_attention", deliveries) is None


@pytest.mark.parametrize(
    "status", ["queued", "delayed", "accepted", "cancel_requested", "connected", "cancelled"]
)
def test_only_a_ticket_that_needs_attention_may_be_re_sent(status: str) -> None:
    assert resend_refusal(status, [INVALID_400]) == NOT_NEEDING_ATTENTION


@pytest.mark.parametrize(
    "open_delivery",
    [
        Sent("pending", 401),  # held until an administrator fixes the credentials
        Sent("pending", 409, "in_flight"),  # passing trouble: retried under the same key
        Sent("sending"),
    ],
)
def test_a_delivery_still_queued_goes_on_under_its_own_key(open_delivery: Sent) -> None:
    assert resend_refusal("needs_attention", [INVALID_400, open_delivery]) == STILL_QUEUED


def test_a_reused_key_needs_a_person_and_never_a_new_key() -> None:
    refusal = resend_refusal("needs_attention", [INVALID_400, KEY_REUSED])
    assert refusal == KEY_SEEN_WITH_ANOTHER_BODY
    assert "重复建单" in refusal.zh


@pytest.mark.parametrize(
    "latest",
    [
        Sent("failed", 409, "already_connected"),
        Sent("failed", 409, None),  # a 409 that is not in_flight
        Sent("failed", 404, None),
        Sent("failed", 422, None),  # 422 without the code `invalid` proves nothing
        Sent("failed", None, None),
        Sent("withdrawn"),
        Sent("done", 201),
    ],
)
def test_an_answer_that_leaves_the_outcome_unknown_allows_no_new_key(latest: Sent) -> None:
    assert resend_refusal("needs_attention", [latest]) == NOT_PROVEN


def test_a_ticket_never_sent_allows_no_new_key() -> None:
    assert resend_refusal("needs_attention", []) == NOT_PROVEN


# The corrected delivery.


def test_corrections_by_the_utility_s_paths_and_the_form_s_paths(samples: Path) -> None:
    form = stored_form(samples)
    kept = copy.deepcopy(form)
    done = plan(
        form,
        {
            "site.address": "河南省三门峡市灵宝市函谷路102号",
            "details.monthly_volume_m3": 900,
            "services.water.details.usage": "fire",
        },
    )
    assert done.form.site.address == "河南省三门峡市灵宝市函谷路102号"
    assert done.request is done.form.services["gas"]
    assert done.request.details["monthly_volume_m3"] == 900
    assert done.form.services["water"].details["usage"] == "fire"
    assert form == kept  # the stored form is not changed by the decision
    assert (done.round, done.key, done.note) == (2, "key-2", "更正后重新发送（第 2 次）")
    # Field names only: the values are an applicant's personal data.
    assert done.record == {
        "fields": ["details.monthly_volume_m3", "services.water.details.usage", "site.address"],
        "round": 2,
        "key": "key-2",
    }
    columns = form_columns(done.form)
    assert columns["site_address"] == "河南省三门峡市灵宝市函谷路102号"
    assert columns["form"]["site"]["address"] == columns["site_address"]


def test_a_none_removes_a_field(samples: Path) -> None:
    form = stored_form(samples)
    assert "project_name" in form["site"]
    done = plan(form, {"site.project_name": None})
    assert done.form.site.project_name is None


def test_no_corrections_re_sends_the_form_as_it_was(samples: Path) -> None:
    form = stored_form(samples)
    assert plan(form, {}).form.to_json() == form


def test_a_correction_that_makes_the_form_invalid_names_every_error(samples: Path) -> None:
    form = stored_form(samples)
    with pytest.raises(FormInvalid) as raised:
        plan(form, {"applicant.id_number": "12345", "site.address": ""})
    fields = {e.field for e in raised.value.errors}
    assert {"applicant.id_number", "site.address"} <= fields


def test_a_form_that_no_longer_asks_this_utility_is_not_re_sent(samples: Path) -> None:
    with pytest.raises(BadInput, match="不再包含本单位"):
        plan(stored_form(samples), {"services.gas": None})


def test_the_refusal_comes_before_any_correction_is_looked_at(samples: Path) -> None:
    with pytest.raises(BadInput, match="重复建单"):
        plan_resend(
            "needs_attention",
            [KEY_REUSED],
            stored_form(samples),
            "gas",
            {"nonsense": 1},
            delivery_round=1,
            key="k",
            today=TODAY,
            catalogue=MaterialCatalogue.default(),
        )


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("applicant.phone", ["applicant", "phone"]),
        (" site.address ", ["site", "address"]),
        ("details.usage", ["services", "gas", "details", "usage"]),
        ("account_no", ["services", "gas", "account_no"]),
        ("services.water.service", ["services", "water", "service"]),
    ],
)
def test_paths_the_utility_names_are_under_its_service(path: str, parts: list[str]) -> None:
    assert form_path("gas", path) == parts


@pytest.mark.parametrize("path", ["", " . ", "hall.code", "ticket_id"])
def test_a_path_outside_the_form_is_refused(path: str) -> None:
    with pytest.raises(BadInput):
        form_path("gas", path)
