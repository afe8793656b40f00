"""The bundled utility simulator: a real HTTP server speaking the utility intake API
(`utility-api.md`, `resources/openapi/utility-api.json`) for training mode, tests and drills.

    with Simulator("gas", token="t", secret="s", page_cap=10) as sim:
        sim.base_url                       # http://127.0.0.1:PORT/
        sim.add_fault("v1/tickets", "status", status=503, retry_after=2)   # faults.py
        sim.advance()                      # every open ticket one status on
        sim.emit(number, "on_hold_weather", "暴雨停工")   # any status, with a note
        sim.reset(to_seq=40)               # a restore from backup: new feed_id
        sim.set_step_seconds(300)          # a new pace, in force at once (training)
        sim.down = True                    # out of service: every API request gets 503
        sim.store.refuse_next("cancel", ticket_id, [{"field": "", "message": "已施工"}])
        sim.stats()["created"]             # creations per ticket_id (exactly-once checks)

Another process drives it over `_control/` (control.py), answered to loopback clients only.

It keeps its own vocabulary (utilities, statuses, its Chinese notes) instead of importing
`onewindow.codes`, on purpose: it imitates a utility's foreign system, whose words are the
API's and not the hall's, so a change to the hall's labels must not change what it sends.
The tickets live in memory: a restarted simulator starts empty under a new feed_id, and its
ticket numbers start again from 1 (clients must match feed changes by ticket_id).
"""

from onewindow.simulator.cli import DEFAULT_STEP_SECONDS, run_cli
from onewindow.simulator.security import signature
from onewindow.simulator.server import DEFAULT_PAGE_CAP, Simulator
from onewindow.simulator.training import start_training_simulators

__all__ = [
    "DEFAULT_PAGE_CAP",
    "DEFAULT_STEP_SECONDS",
    "Simulator",
    "run_cli",
    "signature",
    "start_training_simulators",
]
