"""The `_control/` endpoints: drive a simulator running in another process.

They sit beside the API (`/_control/...`, also below the base path) and take no credentials,
so they answer only connections from a loopback address; anything else gets 404.

    GET    _control/stats     {"created": {ticket_id: n}, "requests": {"POST v1/tickets": n},
                               "responses": {"POST v1/tickets": {"201": n, "reset": n}},
                               "tickets", "feed_id", "last_seq", "faults"}
    DELETE _control/stats     forget the counts
    GET    _control/faults    the rules not yet spent
    POST   _control/faults    add a rule or a list of rules (see faults.py)
    DELETE _control/faults    remove every rule
    POST   _control/advance   {"ticket_no": optional} -> {"changes": [...]}
    POST   _control/emit      {"ticket_no", "status", "note"} -> {"change": {...}}; any status
    GET    _control/down      {"down": bool}
    POST   _control/down      {"down": bool} -> {"down"}: while down, every API request is
                               answered 503 with Retry-After (a utility out of service)
    GET    _control/pace      {"step_seconds"}
    POST   _control/pace      {"step_seconds": n ≥ 0} -> {"step_seconds"}: the progression
                               pace, in force at once (0: tickets move only when driven)
    POST   _control/refuse    {"request": "delivery"|"cancel", "ticket_id", "errors":
                               [{"field", "message"}]} -> {}: the next such request for that
                               ticket_id is refused (delivery 422 invalid, cancel 409
                               already_connected) with these messages
    POST   _control/reset     {"to_seq": 0, "clear_stats": false} -> {"feed_id"}: a utility
                               restored from a backup: the state when its feed ended at to_seq
                               (0: no tickets), a new feed_id, new changes from to_seq + 1
"""

import json
from typing import TYPE_CHECKING, Any

from onewindow.simulator.api import Response, errors
from onewindow.simulator.faults import FaultRule
from onewindow.simulator.store import TicketNotFound

if TYPE_CHECKING:
    from onewindow.simulator.server import Simulator


def handle_control(sim: "Simulator", method: str, action: str, body: bytes) -> Response:
    try:
        document: Any = json.loads(body) if body else {}
    except ValueError:
        return errors(400, "", "body is not JSON")
    try:
        return _dispatch(sim, method, action, document)
    except TicketNotFound as missing:
        return errors(404, "ticket_no", f"no ticket {missing}")
    except (ValueError, TypeError, KeyError) as wrong:
        return errors(400, "", str(wrong))


def _dispatch(sim: "Simulator", method: str, action: str, document: Any) -> Response:
    if (method, action) == ("GET", "stats"):
        return Response(200, sim.stats())
    if (method, action) == ("DELETE", "stats"):
        sim.clear_stats()
        return Response(200, sim.stats())
    if action == "faults" and method in ("GET", "POST", "DELETE"):
        if method == "POST":
            for rule in document if isinstance(document, list) else [document]:
                sim.faults.add(FaultRule.from_json(rule))
        elif method == "DELETE":
            sim.faults.clear()
        return Response(200, {"faults": sim.faults.pending()})
    if action == "down" and method == "GET":
        return Response(200, {"down": sim.down})
    if action == "pace" and method == "GET":
        return Response(200, {"step_seconds": sim.step_seconds})
    if method != "POST" or not isinstance(document, dict):
        return errors(404, "", f"no control operation {method} {action}")
    if action == "advance":
        return Response(200, {"changes": sim.advance(document.get("ticket_no"))})
    if action == "emit":
        change = sim.emit(document["ticket_no"], document["status"], document.get("note"))
        return Response(200, {"change": change})
    if action == "down":
        down = document["down"]
        if not isinstance(down, bool):
            raise ValueError("down must be true or false")
        sim.down = down
        return Response(200, {"down": sim.down})
    if action == "pace":
        step = document["step_seconds"]
        if isinstance(step, bool) or not isinstance(step, int | float):
            raise ValueError("step_seconds must be a number")
        sim.set_step_seconds(float(step))
        return Response(200, {"step_seconds": sim.step_seconds})
    if action == "refuse":
        messages = document["errors"]
        if not isinstance(messages, list) or not all(
            isinstance(m, dict) and isinstance(m.get("message"), str) for m in messages
        ):
            raise ValueError("errors must be a list of {field, message}")
        sim.store.refuse_next(
            document["request"],
            str(document["ticket_id"]),
            [{"field": str(m.get("field") or ""), "message": m["message"]} for m in messages],
        )
        return Response(200, {})
    if action == "reset":
        to_seq = document.get("to_seq", 0)
        if not isinstance(to_seq, int) or to_seq < 0:
            raise ValueError("to_seq must be an integer ≥ 0")
        feed_id = sim.reset(to_seq, clear_stats=bool(document.get("clear_stats", False)))
        return Response(200, {"feed_id": feed_id})
    return errors(404, "", f"no control operation {method} {action}")
