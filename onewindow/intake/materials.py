"""The visit's ONE materials checklist (combined-form.md "Materials", policy P10): what the
form, the receipt, the one-time notice and the late-materials receipt all show.

A document is one per visit, whatever number of utilities need it: the applicant hands over
one business licence and the clerk ticks it once. Which documents a visit needs is decided by
the catalogue's rules (`onewindow.intake.catalogue`), never by the clerk's memory.

The checklist's rows (`ChecklistRow`), one per document, in catalogue order:

    code        the stable catalogue code ("business_license")
    name        what papers print ("营业执照")
    utilities   the utilities that need it, in water, power, gas order: those whose rules ask
                for it, and those whose form list names it; for a document still to follow on
                a saved application, only the utilities whose ticket is still open (a
                connected, rejected or cancelled ticket demands nothing any more; a document no
                open ticket waits for leaves the checklist)
    state       "received" (已收) | "to_follow" (容缺: may be handed in later) | "waived"
                (不需要: the form says why this visit does not need it)
    due         to_follow: the working-day due date (the policy's supplement period); else None
    reason      waived: the one-line reason; else None
    why         one sentence the one-time notice prints: why the document is needed
    may_follow  whether the catalogue lets it follow (容缺) at all
    required    True when a rule asks for it; False when only the clerk listed it
    received_at, received_by   received: when and by whom (the counter's time and clerk for what
                was handed over at the visit, the later time and user for late materials)

`form_checklist` gives it for a checked form (what the counter saves), `application_checklist`
for a saved application (what the papers print; `Checklist.to_json` is `show --json`'s
"materials"), `visit_checklist` from the rules' facts and the form's lists themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from onewindow.codes import FINAL_STATUSES
from onewindow.intake.catalogue import UTILITIES, MaterialCatalogue, VisitFacts

if TYPE_CHECKING:
    from onewindow.intake.form import CombinedForm
    from onewindow.store.models import Application

RECEIVED, TO_FOLLOW, WAIVED = "received", "to_follow", "waived"


# The visit's checklist.


@dataclass(frozen=True)
class ChecklistRow:
    """One document of the visit (see the module's docstring)."""

    code: str
    name: str
    utilities: tuple[str, ...]
    state: str  # RECEIVED | TO_FOLLOW | WAIVED
    due: date | None
    reason: str | None
    why: str
    may_follow: bool
    required: bool
    received_at: datetime | None = None
    received_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The row in the command line's contract shape (`show --json` "materials")."""
        return {
            "code": self.code,
            "state": self.state,
            "due": self.due.isoformat() if self.due else None,
            "utilities": list(self.utilities),
        }


@dataclass(frozen=True)
class Checklist:
    """The visit's documents, one row each, in catalogue order."""

    rows: tuple[ChecklistRow, ...]

    def _in(self, state: str) -> tuple[ChecklistRow, ...]:
        return tuple(r for r in self.rows if r.state == state)

    @property
    def received(self) -> tuple[ChecklistRow, ...]:
        return self._in(RECEIVED)

    @property
    def to_follow(self) -> tuple[ChecklistRow, ...]:
        return self._in(TO_FOLLOW)

    @property
    def waived(self) -> tuple[ChecklistRow, ...]:
        return self._in(WAIVED)

    def row(self, code: str) -> ChecklistRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def to_json(self) -> list[dict[str, Any]]:
        return [r.to_json() for r in self.rows]


def visit_checklist(
    facts: VisitFacts,
    catalogue: MaterialCatalogue,
    *,
    listed: Mapping[str, Iterable[tuple[str, bool]]],
    waived: Mapping[str, str],
    due: date | None,
) -> Checklist:
    """The checklist of a visit: every document the rules ask for, and every one the form lists.

    `listed` is each ticked utility's form list as (code, received) pairs; a document received
    in any list is received for the visit. `waived` maps codes to the reason the visit does
    not need them. Codes not in the catalogue are left out (the form's check reports them).
    """
    required = catalogue.required(facts)
    handed: set[str] = set()
    named: dict[str, set[str]] = {}
    for utility, items in listed.items():
        for code, received in items:
            named.setdefault(code, set()).add(utility)
            if received:
                handed.add(code)
    rows = []
    for code, info in catalogue.items.items():
        wanted = set(required.get(code, ())) | named.get(code, set())
        if not wanted:
            continue
        utilities = tuple(u for u in UTILITIES if u in wanted)
        if code in handed:
            state, row_due, reason = RECEIVED, None, None
        elif code in waived and code in required:
            state, row_due, reason = WAIVED, None, waived[code]
        else:
            state, row_due, reason = TO_FOLLOW, due, None
        rows.append(
            ChecklistRow(
                code=code,
                name=info.name,
                utilities=utilities,
                state=state,
                due=row_due,
                reason=reason,
                why=info.why,
                may_follow=info.may_follow,
                required=code in required,
            )
        )
    return Checklist(tuple(rows))


def form_checklist(
    form: CombinedForm, catalogue: MaterialCatalogue, *, due: date | None
) -> Checklist:
    """The checklist of a checked form, `due` the supplement due date of what is to follow."""
    return visit_checklist(
        form.facts,
        catalogue,
        listed={u: [(m.code, m.received) for m in r.materials] for u, r in form.services.items()},
        waived={w.code: w.reason for w in form.materials_waived},
        due=due,
    )


def application_checklist(application: Application, catalogue: MaterialCatalogue) -> Checklist:
    """The checklist of a saved application, from its tickets' material rows (tickets and
    their materials loaded). What an open ticket no longer waits for is not demanded."""
    by_code: dict[str, list[tuple[str, bool, Any]]] = {}
    for ticket in application.tickets:
        is_open = ticket.status not in FINAL_STATUSES
        for material in ticket.materials:
            by_code.setdefault(material.code, []).append((ticket.utility, is_open, material))
    order = {code: i for i, code in enumerate(catalogue.items)}
    rows = []
    for code in sorted(by_code, key=lambda c: (order.get(c, len(order)), c)):
        entries = by_code[code]
        received = [m for _u, _o, m in entries if m.received]
        waived = [m for _u, _o, m in entries if m.waived_reason]
        info = catalogue.items.get(code)
        first = entries[0][2]
        if received:
            state, due, reason = RECEIVED, None, None
            utilities = {u for u, _o, _m in entries}
        elif waived:
            state, due, reason = WAIVED, None, waived[0].waived_reason
            utilities = {u for u, _o, _m in entries}
        else:
            utilities = {u for u, is_open, _m in entries if is_open}
            if not utilities:
                continue
            dues = [m.due for u, _o, m in entries if u in utilities and m.due]
            state, due, reason = TO_FOLLOW, min(dues) if dues else None, None
        last = max(received, key=lambda m: (m.received_at is not None, m.received_at), default=None)
        rows.append(
            ChecklistRow(
                code=code,
                name=first.name,
                utilities=tuple(u for u in UTILITIES if u in utilities),
                state=state,
                due=due,
                reason=reason,
                why=info.why if info else first.name,
                may_follow=info.may_follow if info else True,
                required=first.required,
                received_at=last.received_at if last else None,
                received_by=last.received_by if last else None,
            )
        )
    return Checklist(tuple(rows))
