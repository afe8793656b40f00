"""The bundled utility simulator, over real sockets on 127.0.0.1, every answer checked against
the OpenAPI description of the utility API."""

import copy
import hmac
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from onewindow.simulator import Simulator, signature, start_training_simulators
from tests.helpers.delivery_support import wait_until
from tests.helpers.openapi_conformance import assert_conforms

TOKEN = "sim-token"
SECRET = "sim-secret"
# The clock of the simulator with credentials, and of its callers' signatures.
SIGNING_NOW = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)


def gas_ticket(**changes: Any) -> dict[str, Any]:
    ticket: dict[str, Any] = {
        "ticket_id": str(uuid.uuid4()),
        "application_no": "LBGX-20261127-0007",
        "utility": "gas",
        "service": "new_connection",
        "submitted_at": "2026-11-27T09:30:00+08:00",
        "hall": {"code": "LBGX", "counter": "W03", "clerk": "zhangwei"},
        "applicant": {
            "kind": "organization",
            "name": "灵宝市某某食品有限公司",
            "id_type": "uscc",
            "id_number": "91411282MA9XXXXXXX",
            "contact_name": "王敏",
            "phone": "13800000000",
        },
        "site": {"address": "河南省三门峡市灵宝市函谷路100号", "land_acquired_on": "2022-05-10"},
        "details": {
            "usage": "industrial",
            "monthly_volume_m3": 1200,
            "external_works": True,
            "external_length_m": 150,
        },
        "agency_permits": ["road_excavation"],
        "materials": [
            {"code": "application_form", "received": True},
            {"code": "business_license", "received": False, "due": "2026-12-04"},
        ],
    }
    ticket.update(changes)
    return ticket


class Api:
    """A caller of one simulator that signs when asked and checks every answer against the
    OpenAPI document."""

    def __init__(
        self, target: Simulator | str, token: str | None = None, secret: str | None = None
    ):
        self.base_url = target if isinstance(target, str) else target.base_url
        self.token = token
        self.secret = secret
        self.session = requests.Session()

    def call(
        self,
        method: str,
        template: str,
        *,
        number: str = "",
        body: Any = None,
        raw: bytes | None = None,
        key: str | None = None,
        query: str = "",
        headers: dict[str, str] | None = None,
        timestamp: str | None = None,
        timeout: float = 5.0,
    ) -> requests.Response:
        data = raw if raw is not None else b"" if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json"} if data else {}
        if self.token is not None:
            sent["Authorization"] = f"Bearer {self.token}"
        if key is not None:
            sent["Idempotency-Key"] = key
        path = template.replace("{utility_ticket_no}", number)
        url = self.base_url + path + (f"?{query}" if query else "")
        if self.secret is not None:
            stamp = timestamp or str(int(SIGNING_NOW.timestamp()))
            target = urlsplit(url).path + (f"?{query}" if query else "")
            sent["X-OneWindow-Timestamp"] = stamp
            sent["X-OneWindow-Signature"] = signature(
                self.secret, stamp, method, target, key or "", data
            )
        sent.update(headers or {})
        response = self.session.request(method, url, data=data, headers=sent, timeout=timeout)
        assert_conforms(response, method, template)
        return response

    def deliver(self, ticket: dict[str, Any], key: str | None = None) -> requests.Response:
        return self.call("POST", "v1/tickets", body=ticket, key=key or ticket["ticket_id"])

    def changes(self, after: int = 0, limit: int | None = None) -> dict[str, Any]:
        query = f"after={after}" + (f"&limit={limit}" if limit else "")
        response = self.call("GET", "v1/changes", query=query)
        assert response.status_code == 200
        return response.json()

    def whole_feed(self) -> list[dict[str, Any]]:
        changes, after = [], 0
        while page := self.changes(after)["changes"]:
            changes += page
            after = page[-1]["seq"]
        return changes

    def ticket(self, number: str) -> dict[str, Any]:
        response = self.call("GET", "v1/tickets/{utility_ticket_no}", number=number)
        assert response.status_code == 200
        return response.json()

    def cancel(self, number: str, reason: str = "申请人撤回", key: str | None = None):
        return self.call(
            "POST",
            "v1/tickets/{utility_ticket_no}/cancel",
            number=number,
            body={"reason": reason},
            key=key or str(uuid.uuid4()),
        )

    def supplement(self, number: str, codes: list[str], key: str | None = None):
        materials = [{"code": c, "received_at": "2026-11-30T10:00:00+08:00"} for c in codes]
        return self.call(
            "POST",
            "v1/tickets/{utility_ticket_no}/materials",
            number=number,
            body={"materials": materials},
            key=key or str(uuid.uuid4()),
        )


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator("gas", page_cap=3) as simulator:
        yield simulator


@pytest.fixture
def api(sim: Simulator) -> Api:
    return Api(sim)


@pytest.fixture
def guarded() -> Iterator[Simulator]:
    with Simulator(
        "gas",
        token=TOKEN,
        secret=SECRET,
        forbidden_tokens=["revoked"],
        clock=lambda: SIGNING_NOW,
    ) as simulator:
        yield simulator


def created_number(api: Api, ticket: dict[str, Any] | None = None) -> str:
    response = api.deliver(ticket or gas_ticket())
    assert response.status_code == 201
    return response.json()["utility_ticket_no"]


# Credentials.


def test_health_answers_ok(api: Api) -> None:
    response = api.call("GET", "v1/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_the_right_token_and_signature_are_accepted(guarded: Simulator) -> None:
    api = Api(guarded, TOKEN, SECRET)
    assert api.call("GET", "v1/health").status_code == 200
    assert api.deliver(gas_ticket()).status_code == 201


@pytest.mark.parametrize(
    ("token", "status"), [(None, 401), ("wrong", 401), ("revoked", 403), (TOKEN, 200)]
)
def test_tokens_are_checked(guarded: Simulator, token: str | None, status: int) -> None:
    response = Api(guarded, token, SECRET).call("GET", "v1/health")
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_bad_or_missing_signature_is_refused(guarded: Simulator) -> None:
    api = Api(guarded, TOKEN, SECRET)
    ticket = gas_ticket()
    signed_other = json.dumps(gas_ticket()).encode()
    stamp = str(int(SIGNING_NOW.timestamp()))
    forged = {
        "X-OneWindow-Timestamp": stamp,
        "X-OneWindow-Signature": signature(
            SECRET, stamp, "POST", "/v1/tickets", ticket["ticket_id"], signed_other
        ),
    }
    response = api.call("POST", "v1/tickets", body=ticket, key=ticket["ticket_id"], headers=forged)
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] == "X-OneWindow-Signature"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    upper = {
        "X-OneWindow-Signature": signature(SECRET, stamp, "GET", "/v1/health", "", b"")
        .upper()
        .replace("SHA256", "sha256")
    }
    assert api.call("GET", "v1/health", timestamp=stamp, headers=upper).status_code == 401
    unsigned = Api(guarded, TOKEN)
    assert unsigned.call("GET", "v1/health").status_code == 401
    assert Api(guarded, TOKEN, "other-secret").call("GET", "v1/health").status_code == 401
    assert guarded.stats()["created"] == {}


def test_a_signed_cancel_of_one_ticket_cannot_be_replayed_on_another(guarded: Simulator) -> None:
    api = Api(guarded, TOKEN, SECRET)
    first, second = created_number(api, gas_ticket()), created_number(api, gas_ticket())
    captured = api.cancel(first, "申请人撤回", "key-a").request
    headers = {
        name: captured.headers[name]
        for name in ("X-OneWindow-Timestamp", "X-OneWindow-Signature", "Idempotency-Key")
    }
    assert guarded.ticket(first)["status"] == "cancelled"
    body = captured.body if isinstance(captured.body, bytes) else b""
    # The same headers and body on another ticket's path, or under another key: refused.
    for number, key in ((second, "key-a"), (first, "key-b")):
        replay = requests.post(
            guarded.base_url + f"v1/tickets/{number}/cancel",
            data=body,
            headers={
                **headers,
                "Idempotency-Key": key,
                "Authorization": f"Bearer {TOKEN}",
                "Content-Type": "application/json",
            },
            timeout=5,
        )
        assert replay.status_code == 401
        assert replay.json()["errors"][0]["field"] == "X-OneWindow-Signature"
    assert guarded.ticket(second)["status"] == "accepted"


def test_a_version_1_signature_is_refused(guarded: Simulator) -> None:
    stamp = str(int(SIGNING_NOW.timestamp()))
    body = json.dumps(gas_ticket()).encode()
    v1 = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + body, "sha256").hexdigest()
    response = requests.post(
        guarded.base_url + "v1/tickets",
        data=body,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Content-Type": "application/json",
            "Idempotency-Key": json.loads(body)["ticket_id"],
            "X-OneWindow-Timestamp": stamp,
            "X-OneWindow-Signature": v1,
        },
        timeout=5,
    )
    assert response.status_code == 401
    assert guarded.stats()["created"] == {}


@pytest.mark.parametrize(
    ("skew", "status"), [(-301, 401), (301, 401), (-300, 200), (300, 200), ("²", 401)]
)
def test_timestamps_more_than_300_s_away_are_refused(
    guarded: Simulator, skew: int | str, status: int
) -> None:
    stamp = skew if isinstance(skew, str) else str(int(SIGNING_NOW.timestamp()) + skew)
    assert (
        Api(guarded, TOKEN, SECRET).call("GET", "v1/health", timestamp=stamp).status_code == status
    )


# Delivery and idempotency.


def test_a_ticket_is_created_with_a_gas_number_and_hall_time() -> None:
    moment = datetime(2026, 11, 27, 1, 30, 5, tzinfo=UTC)
    with Simulator("gas", clock=lambda: moment) as sim:
        body = Api(sim).deliver(gas_ticket()).json()
    assert body == {
        "utility_ticket_no": "GAS-2026-000001",
        "status": "accepted",
        "accepted_at": "2026-11-27T09:30:05+08:00",
    }


def test_numbers_count_per_year_in_hall_time() -> None:
    moments = iter(
        [datetime(2026, 12, 31, 15, 0, tzinfo=UTC), datetime(2026, 12, 31, 16, 0, tzinfo=UTC)]
    )
    with Simulator("power", clock=lambda: next(moments)) as sim:
        api = Api(sim)
        ticket = {"utility": "power", "details": {"capacity_kw": 50, "voltage": "380V"}}
        first = api.deliver(gas_ticket(**ticket)).json()["utility_ticket_no"]
        second = api.deliver(gas_ticket(**ticket)).json()["utility_ticket_no"]
    assert (first, second) == ("ELE-2026-000001", "ELE-2027-000001")


def test_a_retry_with_the_same_body_gets_the_first_answer_and_no_second_ticket(
    api: Api, sim: Simulator
) -> None:
    ticket = gas_ticket()
    first = api.deliver(ticket)
    again = api.deliver(copy.deepcopy(ticket))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert sim.stats()["created"] == {ticket["ticket_id"]: 1}
    assert sim.stats()["tickets"] == 1


def test_the_same_json_document_written_differently_is_the_same_body(api: Api) -> None:
    ticket = gas_ticket()
    assert api.deliver(ticket).status_code == 201
    reordered = dict(reversed(list(ticket.items())))
    reordered["details"] = {**ticket["details"], "monthly_volume_m3": 1200.0}
    raw = json.dumps(reordered, ensure_ascii=False, indent=2).encode()
    response = api.call("POST", "v1/tickets", raw=raw, key=ticket["ticket_id"])
    assert response.status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"application_no": "LBGX-20261127-0008"},
        {
            "details": {
                "usage": "industrial",
                "monthly_volume_m3": 1200,
                "external_works": 1,
                "external_length_m": 150,
            }
        },
        {"extra": "an unknown field is still part of the document"},
    ],
)
def test_a_reused_key_with_a_different_body_is_422_key_reused(
    api: Api, sim: Simulator, change: dict
) -> None:
    ticket = gas_ticket()
    assert api.deliver(ticket).status_code == 201
    response = api.deliver({**ticket, **change})
    assert response.status_code == 422
    assert response.json()["error"] == "key_reused"
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert sim.stats()["tickets"] == 1


def test_a_key_in_flight_is_409_for_a_concurrent_request(api: Api, sim: Simulator) -> None:
    sim.add_fault("v1/tickets", "delay", stage="before", seconds=1.0)
    ticket = gas_ticket()
    first: list[requests.Response] = []
    sender = threading.Thread(target=lambda: first.append(Api(sim).deliver(ticket)))
    sender.start()
    wait_until(lambda: sim.stats()["requests"].get("POST v1/tickets") == 1)
    concurrent = api.deliver(ticket)
    sender.join()
    assert concurrent.status_code == 409
    assert concurrent.json()["error"] == "in_flight"
    assert first[0].status_code == 201
    assert api.deliver(ticket).status_code == 200


def test_post_without_idempotency_key_is_400(api: Api, sim: Simulator) -> None:
    response = api.call("POST", "v1/tickets", body=gas_ticket())
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert sim.stats()["tickets"] == 0


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_400(api: Api, raw: bytes) -> None:
    response = api.call("POST", "v1/tickets", raw=raw, key=str(uuid.uuid4()))
    assert response.status_code == 400


def test_a_body_that_is_not_declared_json_is_415(api: Api) -> None:
    ticket = gas_ticket()
    headers = {"Content-Type": "text/plain"}
    response = api.call("POST", "v1/tickets", body=ticket, key=ticket["ticket_id"], headers=headers)
    assert response.status_code == 415


def fields_refused(api: Api, ticket: dict[str, Any], key: str | None = None) -> set[str]:
    response = api.deliver(ticket, key)
    assert response.status_code == 422, response.text
    return {e["field"] for e in response.json()["errors"]}


def test_an_invalid_ticket_is_422_with_every_field(api: Api, sim: Simulator) -> None:
    ticket = gas_ticket(utility="water", service="meter_swap", submitted_at="2026-11-27 09:30")
    del ticket["applicant"]
    del ticket["site"]["address"]
    ticket["materials"] = [{"code": "application_form", "received": False}]
    assert fields_refused(api, ticket) == {
        "utility",
        "service",
        "submitted_at",
        "applicant",
        "site.address",
        "materials",
    }
    assert sim.stats()["tickets"] == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ticket_id": "not-a-uuid"}, "ticket_id"),
        ({"service": "repair"}, "account_no"),
        ({"service": "transfer", "account_no": "短"}, "account_no"),
        ({"details": {"external_works": True}}, "details.external_length_m"),
        ({"details": {"usage": "space"}}, "details.usage"),
        ({"agency_permits": ["moon_landing"]}, "agency_permits"),
        ({"hall": {}}, "hall.code"),
        ({"materials": [{"code": "application_form"}]}, "materials[0].received"),
    ],
)
def test_each_rule_names_its_field(api: Api, change: dict[str, Any], field: str) -> None:
    ticket = gas_ticket(**change)
    assert field in fields_refused(
        api, ticket, str(uuid.uuid4()) if "ticket_id" in change else None
    )


def test_the_key_must_be_the_ticket_id(api: Api) -> None:
    assert fields_refused(api, gas_ticket(), str(uuid.uuid4())) == {"Idempotency-Key"}


def test_an_invalid_ticket_can_be_corrected_under_the_same_key(api: Api) -> None:
    ticket = gas_ticket(service="meter_swap")
    assert api.deliver(ticket).status_code == 422
    assert api.deliver({**ticket, "service": "new_connection"}).status_code == 201


def test_unknown_fields_are_ignored_and_repair_with_account_is_accepted(api: Api) -> None:
    ticket = gas_ticket(service="repair", account_no="GAS-0012345", channel="counter")
    assert api.deliver(ticket).status_code == 201


# The change feed.


def test_the_feed_pages_at_the_server_cap_until_caught_up(api: Api, sim: Simulator) -> None:
    numbers = [created_number(api) for _ in range(4)]
    sim.advance()
    first = api.changes(0, limit=100)
    assert [c["seq"] for c in first["changes"]] == [1, 2, 3]
    assert first["last_seq"] == 3
    feed = api.whole_feed()
    assert [c["seq"] for c in feed] == list(range(1, 9))
    assert [c["status"] for c in feed] == ["accepted"] * 4 + ["surveying"] * 4
    assert [c["utility_ticket_no"] for c in feed[:4]] == numbers
    assert api.changes(2, limit=2)["last_seq"] == 4
    end = api.changes(8)
    assert (end["changes"], end["last_seq"], end["feed_id"]) == ([], 8, sim.feed_id)
    assert api.changes(50)["last_seq"] == 50


@pytest.mark.parametrize(
    "query", ["after=-1", "after=x", "after=²", "limit=0", "after=1&limit=two"]
)
def test_bad_feed_parameters_are_400(api: Api, query: str) -> None:
    assert api.call("GET", "v1/changes", query=query).status_code == 400


def test_a_reset_starts_a_new_feed_history(api: Api, sim: Simulator) -> None:
    ticket = gas_ticket()
    number = created_number(api, ticket)
    old = api.changes()["feed_id"]
    new = sim.reset()
    page = api.changes()
    assert new != old and page["feed_id"] == new
    assert page["changes"] == [] and page["last_seq"] == 0
    assert api.call("GET", "v1/tickets/{utility_ticket_no}", number=number).status_code == 404
    # The restored utility has forgotten the ticket: delivering it again creates it again.
    again = api.deliver(ticket).json()["utility_ticket_no"]
    assert again != number
    assert sim.stats()["created"] == {ticket["ticket_id"]: 2}


def test_a_restore_to_an_earlier_seq_forgets_what_came_after(api: Api, sim: Simulator) -> None:
    tickets = [gas_ticket() for _ in range(3)]
    first, second, third = (created_number(api, t) for t in tickets)
    sim.advance(first)  # seq 4
    cancel_key = str(uuid.uuid4())
    assert api.cancel(first, key=cancel_key).status_code == 200  # seq 5
    assert api.supplement(second, ["business_license"]).status_code == 200
    old_feed = sim.feed_id
    new_feed = sim.reset(to_seq=4)
    assert new_feed != old_feed
    page = api.changes(0, limit=10)
    assert (page["feed_id"], page["last_seq"]) == (new_feed, 3)
    assert [c["seq"] for c in api.whole_feed()] == [1, 2, 3, 4]
    assert statuses(api, first) == ["accepted", "surveying"]
    assert api.ticket(second)["materials_received"] == []
    assert api.deliver(tickets[2]).json()["utility_ticket_no"] == third
    moved = sim.advance(first)
    assert [(c["seq"], c["status"]) for c in moved] == [(5, "awaiting_approval")]
    # The cancellation was lost with the restore: the same request is carried out again.
    assert api.cancel(first, key=cancel_key).json()["status"] == "cancelled"
    assert api.whole_feed()[-1]["seq"] == 6


def test_a_restarted_simulator_has_another_feed_id() -> None:
    with Simulator("water") as a, Simulator("water") as b:
        assert Api(a).changes()["feed_id"] != Api(b).changes()["feed_id"]


# Progression.


def statuses(api: Api, number: str) -> list[str]:
    return [h["status"] for h in api.ticket(number)["history"]]


def advance_to_end(sim: Simulator, number: str) -> None:
    while sim.advance(number):
        pass


def test_gas_with_external_works_takes_the_long_road(api: Api, sim: Simulator) -> None:
    number = created_number(api)
    advance_to_end(sim, number)
    assert statuses(api, number) == [
        "accepted",
        "surveying",
        "awaiting_approval",
        "constructing",
        "inspecting",
        "connected",
    ]
    history = api.ticket(number)["history"]
    assert history[0]["note"] is None
    assert "150" in history[3]["note"]
    assert all(h["note"] for h in history[1:])
    assert sim.advance(number) == []


def test_gas_without_external_works_and_other_services(api: Api, sim: Simulator) -> None:
    plain = created_number(
        api,
        gas_ticket(details={"usage": "residential", "external_works": False}, agency_permits=[]),
    )
    repair = created_number(
        api, gas_ticket(service="repair", account_no="GAS-0001", agency_permits=[])
    )
    transfer = created_number(api, gas_ticket(service="transfer", account_no="GAS-0002"))
    for number in (plain, repair, transfer):
        advance_to_end(sim, number)
    assert statuses(api, plain) == ["accepted", "surveying", "inspecting", "connected"]
    assert statuses(api, repair) == ["accepted", "surveying", "connected"]
    assert statuses(api, transfer) == ["accepted", "connected"]


def test_advance_without_a_number_moves_every_open_ticket(api: Api, sim: Simulator) -> None:
    numbers = [created_number(api) for _ in range(3)]
    sim.emit(numbers[0], "rejected", "材料不实，不予受理")
    changes = sim.advance()
    assert sorted(c["utility_ticket_no"] for c in changes) == numbers[1:]


def test_tickets_move_on_their_own_on_a_schedule() -> None:
    with Simulator("water", step_seconds=0.05) as sim:
        api = Api(sim)
        ticket = gas_ticket(
            utility="water", details={"usage": "residential", "diameter_dn": 20}, agency_permits=[]
        )
        number = created_number(api, ticket)
        wait_until(lambda: api.ticket(number)["status"] == "connected", timeout=5)
        assert statuses(api, number) == ["accepted", "surveying", "inspecting", "connected"]
        assert api.ticket(number)["history"][-1]["note"] == "已通水，请申请人核对水表读数"


def test_an_unknown_status_is_served_as_it_is_and_the_ticket_resumes(
    api: Api, sim: Simulator
) -> None:
    number = created_number(api)
    sim.advance(number)
    change = sim.emit(number, "on_hold_weather", "暴雨停工")
    feed = api.whole_feed()
    assert feed[-1] == change
    assert (change["status"], change["note"]) == ("on_hold_weather", "暴雨停工")
    assert api.ticket(number)["status"] == "on_hold_weather"
    sim.advance(number)
    assert statuses(api, number)[-2:] == ["on_hold_weather", "surveying"]
    sim.advance(number)
    assert api.ticket(number)["status"] == "awaiting_approval"


def test_a_rejection_carries_its_reason_and_ends_the_ticket(api: Api, sim: Simulator) -> None:
    number = created_number(api)
    sim.emit(number, "rejected", "用气地址不在供气范围内")
    assert api.whole_feed()[-1]["note"] == "用气地址不在供气范围内"
    assert sim.advance(number) == []
    assert api.cancel(number).status_code == 409


def test_an_unknown_ticket_is_404(api: Api) -> None:
    response = api.call("GET", "v1/tickets/{utility_ticket_no}", number="GAS-2026-999999")
    assert response.status_code == 404


# Late materials and cancellation.


def test_late_materials_are_recorded_and_idempotent(api: Api, sim: Simulator) -> None:
    number = created_number(api)
    sim.advance(number)
    sim.emit(number, "awaiting_applicant", "缺营业执照")
    key = str(uuid.uuid4())
    first = api.supplement(number, ["business_license"], key)
    assert first.status_code == 200
    view = first.json()
    assert view["status"] == "surveying"
    assert view["materials_received"] == [
        {"code": "business_license", "received_at": "2026-11-30T10:00:00+08:00"}
    ]
    again = api.supplement(number, ["business_license"], key)
    assert (again.status_code, again.json()) == (200, view)
    assert len(api.ticket(number)["materials_received"]) == 1
    assert api.supplement(number, ["site_plan"], key).json()["error"] == "key_reused"
    assert api.supplement(number, ["site_plan"]).status_code == 200


def test_bad_materials_requests(api: Api) -> None:
    number = created_number(api)
    endpoint = "v1/tickets/{utility_ticket_no}/materials"
    assert api.call("POST", endpoint, number=number, body={"materials": []}).status_code == 400
    response = api.call(
        "POST",
        endpoint,
        number=number,
        body={"materials": [{"code": "x", "received_at": "yesterday"}]},
        key=str(uuid.uuid4()),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "materials[0].received_at"
    assert api.supplement("GAS-2026-424242", ["x"]).status_code == 404


def test_cancel_appends_a_change_once(api: Api, sim: Simulator) -> None:
    number = created_number(api)
    key = str(uuid.uuid4())
    first = api.cancel(number, "申请人撤回申请", key)
    assert first.status_code == 200
    assert first.json()["status"] == "cancelled"
    assert api.cancel(number, "申请人撤回申请", key).json() == first.json()
    assert api.cancel(number, "另一个原因", key).json()["error"] == "key_reused"
    assert api.cancel(number, "再次撤销").status_code == 200
    feed = api.whole_feed()
    assert [c["status"] for c in feed] == ["accepted", "cancelled"]
    assert feed[-1]["note"] == "申请人撤回申请"
    assert sim.advance(number) == []


def test_a_connected_ticket_cannot_be_cancelled(api: Api, sim: Simulator) -> None:
    number = created_number(api)
    advance_to_end(sim, number)
    response = api.cancel(number)
    assert (response.status_code, response.json()["error"]) == (409, "already_connected")
    assert api.ticket(number)["status"] == "connected"


def test_cancel_needs_a_key_and_a_reason(api: Api) -> None:
    number = created_number(api)
    endpoint = "v1/tickets/{utility_ticket_no}/cancel"
    assert api.call("POST", endpoint, number=number, body={"reason": "x"}).status_code == 400
    response = api.call("POST", endpoint, number=number, body={}, key=str(uuid.uuid4()))
    assert response.status_code == 422
    assert api.cancel("GAS-2026-424242").status_code == 404


# Faults.


def test_a_slow_answer_still_creates_the_ticket_and_the_retry_gets_it(
    api: Api, sim: Simulator
) -> None:
    sim.add_fault("v1/tickets", "delay", seconds=1.0)
    ticket = gas_ticket()
    with pytest.raises(requests.Timeout):
        api.call("POST", "v1/tickets", body=ticket, key=ticket["ticket_id"], timeout=0.3)
    assert sim.stats()["created"] == {ticket["ticket_id"]: 1}
    again = api.deliver(ticket)
    assert again.status_code == 200
    assert (
        again.json()["utility_ticket_no"] == "GAS-2026-000001" or again.json()["utility_ticket_no"]
    )


def test_a_reset_before_creating_creates_nothing(api: Api, sim: Simulator) -> None:
    sim.add_fault("v1/tickets", "reset")
    ticket = gas_ticket()
    with pytest.raises(requests.ConnectionError):
        api.deliver(ticket)
    assert sim.stats()["created"] == {}
    assert api.deliver(ticket).status_code == 201
    assert sim.stats()["responses"]["POST v1/tickets"] == {"reset": 1, "201": 1}


def test_a_reset_after_creating_leaves_one_ticket_for_the_retry(api: Api, sim: Simulator) -> None:
    sim.add_fault("v1/tickets", "reset", stage="after")
    ticket = gas_ticket()
    with pytest.raises(requests.ConnectionError):
        api.deliver(ticket)
    assert sim.stats()["created"] == {ticket["ticket_id"]: 1}
    assert api.deliver(ticket).status_code == 200
    assert sim.stats()["created"] == {ticket["ticket_id"]: 1}


def test_a_503_with_retry_after_creates_nothing(api: Api, sim: Simulator) -> None:
    sim.add_fault("v1/tickets", "status", status=503, retry_after=7)
    when = format_datetime(datetime(2026, 11, 27, 1, 35, tzinfo=UTC), usegmt=True)
    sim.add_fault("v1/tickets", "status", status=429, retry_after=when)
    ticket = gas_ticket()
    first, second = api.deliver(ticket), api.deliver(ticket)
    assert (first.status_code, first.headers["Retry-After"]) == (503, "7")
    assert (second.status_code, second.headers["Retry-After"]) == (429, when)
    assert sim.stats()["created"] == {}
    assert api.deliver(ticket).status_code == 201


@pytest.mark.parametrize(("action", "status"), [("unauthorized", 401), ("forbidden", 403)])
def test_refused_credentials_on_demand(api: Api, sim: Simulator, action: str, status: int) -> None:
    sim.add_fault("v1/tickets", action)
    assert api.deliver(gas_ticket()).status_code == status
    assert sim.stats()["tickets"] == 0


def test_an_invalid_answer_on_demand(api: Api, sim: Simulator) -> None:
    errors = [{"field": "applicant.id_number", "message": "证件号码与工商登记不符"}]
    sim.add_fault("v1/tickets", "invalid", errors=errors)
    response = api.deliver(gas_ticket())
    assert (response.status_code, response.json()) == (422, {"error": "invalid", "errors": errors})


def test_fault_matching_times_method_and_glob(api: Api, sim: Simulator) -> None:
    number = created_number(api)
    sim.add_fault("v1/tickets/*/cancel", "status", status=502, times=2)
    sim.add_fault("v1/tickets/*", "status", status=500, method="POST")
    assert api.ticket(number)["status"] == "accepted"
    assert [api.cancel(number).status_code for _ in range(3)] == [502, 502, 200]
    assert api.ticket(number)["status"] == "cancelled"
    assert len(sim.stats()["faults"]) == 1
    sim.clear_faults()
    assert sim.stats()["faults"] == []


def test_a_fault_with_probability_fires_on_some_requests() -> None:
    with Simulator("gas", seed=7) as sim:
        api = Api(sim)
        sim.add_fault("v1/health", "status", status=503, probability=0.5)
        codes = [api.call("GET", "v1/health").status_code for _ in range(40)]
    assert 5 < codes.count(503) < 35 and codes.count(200) + codes.count(503) == 40


@pytest.mark.parametrize(
    "rule",
    [
        {"action": "delay"},
        {"path": "v1/tickets", "action": "explode"},
        {"path": "v1/tickets", "action": "status", "stage": "after"},
        {"path": "v1/tickets", "action": "reset", "times": 0},
        {"path": "v1/tickets", "action": "delay", "probability": 2},
        {"path": "v1/tickets", "action": "delay", "colour": "red"},
    ],
)
def test_a_bad_fault_rule_is_refused(sim: Simulator, rule: dict[str, Any]) -> None:
    response = requests.post(sim.base_url + "_control/faults", json=rule, timeout=5)
    assert response.status_code == 400
    assert sim.stats()["faults"] == []


# HTTP behaviour.


def test_one_kept_alive_connection_serves_a_session(api: Api, sim: Simulator) -> None:
    for _ in range(20):
        created_number(api)
    assert sim.stats()["connections"] == 1


def test_unknown_paths_and_methods(sim: Simulator) -> None:
    assert requests.get(sim.base_url + "v2/tickets", timeout=5).status_code == 404
    wrong = requests.delete(sim.base_url + "v1/tickets", timeout=5)
    assert (wrong.status_code, wrong.headers["Allow"]) == (405, "POST")
    wrong = requests.post(sim.base_url + "v1/tickets/GAS-2026-000001", timeout=5)
    assert (wrong.status_code, wrong.headers["Allow"]) == (405, "GET")


def test_a_base_path_prefix() -> None:
    with Simulator("gas", prefix="onewindow") as sim:
        assert sim.base_url.endswith("/onewindow/")
        assert Api(sim).call("GET", "v1/health").status_code == 200
        root = sim.base_url.removesuffix("onewindow/")
        assert requests.get(root + "v1/health", timeout=5).status_code == 404
        assert requests.get(sim.base_url + "_control/stats", timeout=5).status_code == 200


def test_stop_ends_kept_alive_connections(api: Api, sim: Simulator) -> None:
    assert api.call("GET", "v1/health").status_code == 200
    sim.stop()
    with pytest.raises(requests.ConnectionError):
        api.session.get(sim.base_url + "v1/health", timeout=2)


def test_control_answers_only_loopback_clients() -> None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        own_address = probe.getsockname()[0]
    except OSError:
        own_address = "127.0.0.1"
    finally:
        probe.close()
    if own_address.startswith("127."):
        pytest.skip("this machine has no address outside loopback")
    with Simulator("gas", host="0.0.0.0") as sim:
        outside = f"http://{own_address}:{sim.port}/"
        assert requests.get(outside + "v1/health", timeout=5).status_code == 200
        assert requests.get(outside + "_control/stats", timeout=5).status_code == 404
        assert (
            requests.get(f"http://127.0.0.1:{sim.port}/_control/stats", timeout=5).status_code
            == 200
        )


def test_training_simulators_serve_all_three_utilities() -> None:
    sims = start_training_simulators(step_seconds=0)
    try:
        assert sorted(sims) == ["gas", "power", "water"]
        assert len({s.port for s in sims.values()}) == 3
        number = created_number(
            Api(sims["water"]),
            gas_ticket(utility="water", details={"usage": "residential"}, agency_permits=[]),
        )
        assert number.startswith("WAT-")
        assert Api(sims["power"]).call("GET", "v1/health").status_code == 200
    finally:
        for simulator in sims.values():
            simulator.stop()


# Another process.


def test_a_simulator_process_prints_its_url_first_and_is_driven_over_control() -> None:
    command = [
        sys.executable,
        "-m",
        "onewindow.simulator",
        "--utility",
        "gas",
        "--token",
        TOKEN,
        "--page-cap",
        "2",
        "--step-seconds",
        "0",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/")
        control = base_url + "_control/"
        rules = [
            {"path": "v1/tickets", "action": "status", "status": 503, "retry_after": 1},
            {"path": "v1/health", "action": "unauthorized"},
        ]
        assert len(requests.post(control + "faults", json=rules, timeout=5).json()["faults"]) == 2
        api = Api(base_url, TOKEN)
        ticket = gas_ticket()
        first = api.deliver(ticket)
        assert (first.status_code, first.headers["Retry-After"]) == (503, "1")
        assert api.deliver(ticket).status_code == 201
        assert api.call("GET", "v1/health").status_code == 401
        assert Api(base_url).call("GET", "v1/health").status_code == 401
        stats = requests.get(control + "stats", timeout=5).json()
        assert stats["created"] == {ticket["ticket_id"]: 1}
        assert stats["responses"]["POST v1/tickets"] == {"503": 1, "201": 1}
        number = api.changes()["changes"][0]["utility_ticket_no"]
        advanced = requests.post(control + "advance", json={}, timeout=5).json()["changes"]
        assert [c["status"] for c in advanced] == ["surveying"]
        emitted = requests.post(
            control + "emit",
            json={"ticket_no": number, "status": "on_hold_weather", "note": "雨天"},
            timeout=5,
        ).json()["change"]
        assert emitted["seq"] == 3
        page = api.changes(0, limit=10)
        assert [c["seq"] for c in page["changes"]] == [1, 2]
        old_feed = page["feed_id"]
        reset = requests.post(control + "reset", json={"to_seq": 1}, timeout=5).json()
        assert reset["feed_id"] != old_feed
        restored = api.changes()
        assert (restored["feed_id"], restored["last_seq"]) == (reset["feed_id"], 1)
        assert requests.delete(control + "faults", timeout=5).json() == {"faults": []}
        unknown = {"ticket_no": "GAS-2026-999999", "status": "x"}
        assert requests.post(control + "emit", json=unknown, timeout=5).status_code == 404
    finally:
        process.send_signal(signal.SIGTERM)
        _, log = process.communicate(timeout=10)
    assert process.returncode == 0
    assert '"POST /v1/tickets HTTP/1.1" 201' in log
    assert TOKEN not in log and "Bearer" not in log


def test_a_simulator_process_that_cannot_listen_says_why_and_exits_1(sim: Simulator) -> None:
    command = [sys.executable, "-m", "onewindow.simulator", "--utility", "gas"]
    command += ["--port", str(sim.port)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("模拟器无法启动")


def test_a_client_gone_mid_request_creates_nothing_and_leaves_no_traceback(
    api: Api, sim: Simulator, capfd: pytest.CaptureFixture[str]
) -> None:
    ticket = gas_ticket()
    body = json.dumps(ticket).encode()
    head = (
        "POST /v1/tickets HTTP/1.1\r\nHost: simulator\r\nContent-Type: application/json\r\n"
        f"Idempotency-Key: {ticket['ticket_id']}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    for sent in (head + body[:40], b"GET /v1/hea"):
        with socket.create_connection(("127.0.0.1", sim.port)) as client:
            client.sendall(sent)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    wait_until(lambda: sim.stats()["connections"] == 2)
    assert api.deliver(ticket).status_code == 201
    assert sim.stats()["created"] == {ticket["ticket_id"]: 1}
    assert "Traceback" not in capfd.readouterr().err


def test_concurrent_senders_create_each_ticket_once(sim: Simulator) -> None:
    tickets = [gas_ticket() for _ in range(60)]
    answers: list[int] = []
    lock = threading.Lock()

    def send_all(order: list[dict[str, Any]]) -> None:
        api = Api(sim)
        codes = [api.deliver(ticket).status_code for ticket in order]
        with lock:
            answers.extend(codes)

    # Four senders, two of them going through the same tickets in the opposite order.
    orders = [tickets, tickets[::-1], tickets[:30], tickets[30:]]
    senders = [threading.Thread(target=send_all, args=(order,)) for order in orders]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert answers.count(201) == 60
    assert set(answers) <= {200, 201, 409}
    assert sim.stats()["created"] == {t["ticket_id"]: 1 for t in tickets}
    numbers = {c["utility_ticket_no"] for c in Api(sim).whole_feed()}
    assert len(numbers) == 60


def test_training_numbers_do_not_repeat_after_a_restart() -> None:
    from onewindow.simulator.training import restart_number_base

    numbers = []
    for start in (1_767_225_600.0 + 3600, 1_767_225_600.0 + 3601):  # 2026-01-01 01:00 UTC, +1 s
        with Simulator("gas", number_base=restart_number_base(start)) as sim:
            numbers.append(created_number(Api(sim)))
    assert numbers == ["GAS-2026-003601", "GAS-2026-003602"]
