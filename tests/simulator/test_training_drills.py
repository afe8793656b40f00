"""The simulator's training drills over `_control/`: a pace that changes while it runs, a
utility out of service, and a delivery or cancel of one ticket refused (issue 10 item 8)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from onewindow.config import TRAINING_PACE_SECONDS
from onewindow.simulator import Simulator
from tests.helpers.delivery_support import wait_until
from tests.simulator.test_simulator import Api, created_number, gas_ticket


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator("gas") as simulator:
        yield simulator


@pytest.fixture
def api(sim: Simulator) -> Api:
    return Api(sim)


def control(sim: Simulator, action: str, document: object) -> requests.Response:
    return requests.post(sim.base_url + f"_control/{action}", json=document, timeout=5)


def test_at_the_default_pace_a_ticket_stays_put_for_hours() -> None:
    step = TRAINING_PACE_SECONDS["realtime"]
    assert step >= 3 * 3600  # hours on a status, like a utility's working day
    with Simulator("gas", step_seconds=step) as sim:
        api = Api(sim)
        number = created_number(api)
        # Its next step is scheduled hours away, so within a minute (or a short wait) it stays.
        due = sim.store.next_due(sim.step_seconds)
        assert due is not None and due - time.monotonic() > 3600
        time.sleep(0.5)
        assert api.ticket(number)["status"] == "accepted"


def test_a_demonstration_pace_moves_tickets_within_a_minute() -> None:
    assert TRAINING_PACE_SECONDS["seconds"] < 60 and TRAINING_PACE_SECONDS["minutes"] < 3600
    with Simulator("gas", step_seconds=TRAINING_PACE_SECONDS["seconds"]) as sim:
        created_number(Api(sim))
        due = sim.store.next_due(sim.step_seconds)
        assert due is not None and due - time.monotonic() < 60


def test_a_pace_change_takes_effect_without_a_restart() -> None:
    with Simulator("gas", step_seconds=TRAINING_PACE_SECONDS["realtime"]) as sim:
        api = Api(sim)
        number = created_number(api)
        answer = control(sim, "pace", {"step_seconds": 0.05})
        assert answer.status_code == 200 and answer.json() == {"step_seconds": 0.05}
        wait_until(lambda: api.ticket(number)["status"] == "connected", timeout=5)
        # And back to none at all: nothing moves until it is driven.
        control(sim, "pace", {"step_seconds": 0})
        another = created_number(api)
        time.sleep(0.3)
        assert api.ticket(another)["status"] == "accepted"
        assert requests.get(sim.base_url + "_control/pace", timeout=5).json() == {
            "step_seconds": 0.0
        }


def test_a_simulator_started_without_a_pace_can_be_given_one() -> None:
    with Simulator("water") as sim:
        api = Api(sim)
        number = created_number(
            api, gas_ticket(utility="water", details={"usage": "residential"}, agency_permits=[])
        )
        sim.set_step_seconds(0.05)
        wait_until(lambda: api.ticket(number)["status"] == "connected", timeout=5)


@pytest.mark.parametrize("step", ["-1", '"fast"', "true", "NaN", "Infinity"])
def test_a_wrong_pace_is_refused(sim: Simulator, step: str) -> None:
    answer = requests.post(
        sim.base_url + "_control/pace", data=f'{{"step_seconds": {step}}}', timeout=5
    )
    assert answer.status_code == 400
    assert sim.step_seconds == 0


def test_a_utility_down_answers_503_until_it_is_up_again(sim: Simulator) -> None:
    assert control(sim, "down", {"down": True}).json() == {"down": True}
    answer = requests.get(sim.base_url + "v1/health", timeout=5)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
    assert answer.json()["error"] == "unavailable"
    # The control endpoints still answer: that is how it is brought back.
    assert requests.get(sim.base_url + "_control/down", timeout=5).json() == {"down": True}
    assert control(sim, "down", {"down": False}).json() == {"down": False}
    assert requests.get(sim.base_url + "v1/health", timeout=5).status_code == 200
    assert control(sim, "down", {"down": "yes"}).status_code == 400


def test_a_refused_delivery_creates_nothing_and_only_once(api: Api, sim: Simulator) -> None:
    ticket = gas_ticket()
    message = {"field": "site.address", "message": "地址不详"}
    answer = control(
        sim,
        "refuse",
        {"request": "delivery", "ticket_id": ticket["ticket_id"], "errors": [message]},
    )
    assert answer.status_code == 200
    refused = api.deliver(ticket)
    assert refused.status_code == 422 and refused.json() == {
        "error": "invalid",
        "errors": [message],
    }
    assert sim.stats()["created"] == {}
    # A corrected ticket goes out under a new key (utility-api.md); this one is not armed.
    other = gas_ticket()
    assert api.deliver(other).status_code == 201


def test_a_refused_cancel_is_409_and_the_ticket_goes_on(api: Api, sim: Simulator) -> None:
    ticket = gas_ticket()
    number = api.deliver(ticket).json()["utility_ticket_no"]
    control(
        sim,
        "refuse",
        {"request": "cancel", "ticket_id": ticket["ticket_id"], "errors": [{"message": "已施工"}]},
    )
    refused = api.cancel(number)
    assert refused.status_code == 409
    assert refused.json()["error"] == "already_connected"
    assert refused.json()["errors"][0]["message"] == "已施工"
    assert api.ticket(number)["status"] == "accepted"
    # Once: the next cancel is the utility's ordinary answer.
    assert api.cancel(number).status_code == 200


@pytest.mark.parametrize(
    "document",
    [
        {"request": "materials", "ticket_id": "x", "errors": [{"message": "m"}]},
        {"request": "cancel", "ticket_id": "x", "errors": []},
        {"request": "cancel", "ticket_id": "x", "errors": [{"field": "f"}]},
        {"request": "cancel", "errors": [{"message": "m"}]},
    ],
)
def test_a_wrong_refusal_is_refused(sim: Simulator, document: object) -> None:
    assert control(sim, "refuse", document).status_code == 400
