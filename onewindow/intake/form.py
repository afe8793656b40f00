"""The combined application form (combined-form.md): normalise it, check it, and keep it.

`check_form` takes whatever JSON-like value arrived (from the desktop form, `onewindow submit`,
a test) and returns either the normalised `CombinedForm` or every problem found, each tied to
its field path (`applicant.id_number`, `services.gas.details.external_length_m`) with a
Chinese and an English message. It never raises on a wrong shape: a number where text belongs,
a list where an object belongs, a non-object form are all problems at their path.

Decisions the spec leaves open, made here:
- Keys starting with `_` (`_expect`, comments) are ignored; any other unknown key is a problem
  at its path, so that a typo in a scripted form is not silently dropped.
- A JSON null counts as an absent value; a blank optional text (project name, permit number)
  counts as absent too.
- `details` must be complete for a new connection or a capacity change (they decide the
  connection and its deadline); for a transfer, a repair or a disconnection every detail is
  optional, and whatever is given is checked.
- An external line length given while `external_works` is not true is a problem (the two
  contradict each other and the clerk must say which is right), not silently dropped.
- An integral float (50.0) is accepted as the integer DN 50.
- Shape problems inside a material item are reported at the item (`...materials[1].received`);
  the rules about which materials are there are reported at `services.<utility>.materials`
  (of the first utility that needs the document), once per visit: a document is one for the
  visit, received in any list is received (`onewindow.intake.materials`).
- A waiver (`materials_waived`) must name a document the rules ask for this visit and the form
  does not list; the application form is never waived.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

from onewindow.codes import Text
from onewindow.intake.catalogue import APPLICATION_FORM, MaterialCatalogue, VisitFacts
from onewindow.intake.form_limits import MAX_ERRORS, first_limit_error
from onewindow.intake.identity import Problem, check_id_number
from onewindow.intake.messages import (
    FIELD_LABELS,
    choice_label,
    choices,
    render,
)

UTILITIES = ("water", "power", "gas")
SERVICES = ("new_connection", "capacity_change", "transfer", "repair", "disconnect")
APPLICANT_KINDS = ("person", "organization")
ID_TYPES = ("resident_id", "uscc", "passport", "hk_macao_taiwan_permit", "other")
AGENCY_PERMITS = ("road_excavation", "tree_felling", "green_space_occupation")
NEEDS_ACCOUNT = ("capacity_change", "transfer", "repair", "disconnect")
NEEDS_DETAILS = ("new_connection", "capacity_change")
USAGES: Mapping[str, tuple[str, ...]] = {
    "water": ("residential", "non_residential", "fire"),
    "power": ("residential", "commercial", "industrial"),
    "gas": ("residential", "commercial", "industrial"),
}
VOLTAGES = ("220V", "380V", "10kV")

NAME_LIMIT = 100
ADDRESS_LIMIT = 200
PROJECT_LIMIT = 200
PERMIT_LIMIT = 64
WAIVER_REASON_LIMIT = 100
DIAMETER_DN = (15, 1000)

_ACCOUNT = re.compile(r"[A-Z0-9-]{4,30}")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}(?:-[0-9]{1,6})?")
_DIGITS = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SPACE_RUN = re.compile(r"\s+")
# Invisible characters that copy and paste bring along; never part of a name or an address.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
# Full-width Latin letters and digits (０-９, Ａ-Ｚ, ａ-ｚ) to their half-width forms. Only
# these: full-width punctuation such as （）、， is what Chinese text is written with.
_HALF_WIDTH = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_SHOWN_VALUE = 30  # how much of a wrong value a message repeats
_T = TypeVar("_T")


# Normalisation.


def _code_step(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper()
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def normalise_code(text: str) -> str:
    """Identity, phone, account and permit numbers: NFKC, every space removed, upper-case."""
    # Removing a space can let a combining mark compose with the letter before it, and
    # upper-casing can yield a character NFKC rewrites again; repeat until nothing changes,
    # so that normalising twice gives what normalising once gave.
    for _ in range(4):
        step = _code_step(text)
        if step == text:
            break
        text = step
    return text


def normalise_text(text: str) -> str:
    """Names and addresses: trimmed, space runs made one, full-width Latin letters and digits
    made half-width; Chinese punctuation kept as typed."""
    text = text.translate(_INVISIBLE).translate(_HALF_WIDTH)
    return _SPACE_RUN.sub(" ", text).strip()


# The normalised form.


@dataclass(frozen=True)
class FieldError:
    field: str  # the path, e.g. "services.gas.details.external_length_m"; "" for the whole form
    code: str  # a stable key of form_messages.MESSAGES
    message: str  # Chinese, for the clerk
    message_en: str


@dataclass(frozen=True)
class Material:
    code: str
    name: str
    received: bool
    may_follow: bool


@dataclass(frozen=True)
class Applicant:
    kind: str
    name: str
    id_type: str
    id_number: str
    contact_name: str | None
    phone: str
    by_agent: bool = False  # someone files on the applicant's behalf (授权委托书 needed)


@dataclass(frozen=True)
class Waiver:
    """A document a rule asks for that this visit does not need, and why (不需要)."""

    code: str
    name: str
    reason: str


@dataclass(frozen=True)
class Site:
    address: str
    project_name: str | None
    permit_no: str | None
    land_acquired_on: date | None


@dataclass(frozen=True)
class ServiceRequest:
    utility: str
    service: str
    details: Mapping[str, Any]
    account_no: str | None
    materials: tuple[Material, ...]
    agency_permits: tuple[str, ...]

    @property
    def external_works(self) -> bool:
        return self.utility == "gas" and self.details.get("external_works") is True

    @property
    def missing_materials(self) -> tuple[Material, ...]:
        return tuple(m for m in self.materials if not m.received)

    def to_json(self) -> dict[str, Any]:
        part: dict[str, Any] = {
            "service": self.service,
            "details": dict(self.details),
            "materials": [{"code": m.code, "received": m.received} for m in self.materials],
        }
        if self.account_no is not None:
            part["account_no"] = self.account_no
        if self.agency_permits:
            part["agency_permits"] = list(self.agency_permits)
        return part


@dataclass(frozen=True)
class CombinedForm:
    applicant: Applicant
    site: Site
    services: Mapping[str, ServiceRequest]  # keys in UTILITIES order
    consent: bool
    materials_waived: tuple[Waiver, ...] = ()

    @property
    def facts(self) -> VisitFacts:
        """What the materials rules look at."""
        return VisitFacts(
            applicant_kind=self.applicant.kind,
            services={u: r.service for u, r in self.services.items()},
            permit_no=self.site.permit_no is not None,
            by_agent=self.applicant.by_agent,
        )

    def to_json(self) -> dict[str, Any]:
        """The normalised form in combined-form.md's structure; absent optional fields left out."""
        a, s = self.applicant, self.site
        applicant: dict[str, Any] = {
            "kind": a.kind,
            "name": a.name,
            "id_type": a.id_type,
            "id_number": a.id_number,
        }
        if a.contact_name is not None:
            applicant["contact_name"] = a.contact_name
        applicant["phone"] = a.phone
        if a.by_agent:
            applicant["by_agent"] = True
        site: dict[str, Any] = {"address": s.address}
        if s.project_name is not None:
            site["project_name"] = s.project_name
        if s.permit_no is not None:
            site["permit_no"] = s.permit_no
        if s.land_acquired_on is not None:
            site["land_acquired_on"] = s.land_acquired_on.isoformat()
        form: dict[str, Any] = {
            "applicant": applicant,
            "site": site,
            "services": {u: r.to_json() for u, r in self.services.items()},
        }
        if self.materials_waived:
            form["materials_waived"] = [
                {"code": w.code, "reason": w.reason} for w in self.materials_waived
            ]
        form["consent"] = self.consent
        return form


@dataclass(frozen=True)
class CheckResult:
    form: CombinedForm | None  # None whenever errors is not empty
    errors: tuple[FieldError, ...]


def check_form(
    data: object, *, today: date, catalogue: MaterialCatalogue | None = None
) -> CheckResult:
    """Normalise and check a combined form; every problem is reported, nothing raises.

    A value that breaks a limit of form_limits.py (depth, numbers, characters) is the one
    problem reported: nothing else is looked at. Otherwise each distinct problem is listed
    once, at most MAX_ERRORS of them, then how many more there are.
    """
    limit = first_limit_error(data)
    if limit is not None:
        text = limit.text
        return CheckResult(None, (FieldError(limit.path, limit.code, text.zh, text.en),))
    checker = _Checker(today, catalogue or MaterialCatalogue.default())
    form = checker.form(data)
    errors = tuple(checker.errors)
    if checker.unlisted:
        more = render("errors.more", count=checker.unlisted)
        errors = (*errors, FieldError("", "errors.more", more.zh, more.en))
    return CheckResult(None if errors else form, errors)


def check_phone(phone: str) -> tuple[Problem, ...]:
    """A normalised phone number: a mainland mobile or a landline with its area code."""
    if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return ()
    for prefix in ("+86", "0086"):
        if phone.startswith(prefix):
            return (Problem("phone.country_code", {"prefix": prefix}),)
    if phone.startswith("1") and _DIGITS.fullmatch(phone):
        if len(phone) != 11:
            return (Problem("phone.mobile_length", {"length": len(phone)}),)
        return (Problem("phone.mobile_prefix", {"digit": phone[1]}),)
    if phone.startswith("0"):
        return (Problem("phone.landline"),)
    return (Problem("phone.format"),)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _shown(value: object) -> str:
    """A wrong value as a message repeats it: short, and safe for any value (a nested list's
    repr can recurse too deep, a huge int's repr raises)."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list | tuple):
        text = "[…]"
    elif isinstance(value, int) and value.bit_length() > 100:
        text = "…"
    else:
        text = repr(value)
    return text if len(text) <= _SHOWN_VALUE else text[: _SHOWN_VALUE - 1] + "…"


class _Checker:
    """One pass over one form, collecting every problem in `errors`.

    Helpers for required values return a placeholder ("" or False) after recording a
    problem; the placeholder never leaves, because a form with problems is not returned.
    """

    def __init__(self, today: date, catalogue: MaterialCatalogue) -> None:
        self.today = today
        self.catalogue = catalogue
        self.errors: list[FieldError] = []  # the first MAX_ERRORS distinct problems
        self.unlisted = 0  # how many more distinct problems were found
        self._reported: set[tuple[object, ...]] = set()
        # A materials list, or a listed application form's "received", is unreadable: that is
        # the problem to report, not a missing application form.
        self.form_unclear = False

    def fail(self, path: str, code: str, /, **params: object) -> None:
        # Each problem once, and a message rendered only for those listed: a 1 MiB form of
        # 300,000 wrong items is checked in about a second, not ten.
        key = (path, code, *sorted(params.items()))
        if key in self._reported:
            return
        self._reported.add(key)
        if len(self.errors) == MAX_ERRORS:
            self.unlisted += 1
            return
        text = render(code, **params)
        self.errors.append(FieldError(path, code, text.zh, text.en))

    @property
    def found(self) -> int:
        """Distinct problems found so far, listed or not."""
        return len(self._reported)

    def add(self, path: str, problems: tuple[Problem, ...]) -> None:
        for problem in problems:
            self.fail(path, problem.code, **problem.params)

    # Shapes.

    def obj(self, value: object, path: str, label: Text) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(path, "type.object", label=label)
        return None

    def only(self, obj: dict[Any, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in obj:
            if isinstance(key, str) and (key.startswith("_") or key in allowed):
                continue
            self.fail(_join(path, str(key)), "unknown_field", name=_shown(key))

    def text(
        self,
        obj: dict[Any, Any],
        path: str,
        key: str,
        label: Text,
        *,
        limit: int,
        required: bool,
        normalise: Callable[[str], str] = normalise_text,
    ) -> str | None:
        where = _join(path, key)
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            self.fail(where, "type.text", label=label)
            return None
        cleaned = normalise(value) if value else ""
        if not cleaned:
            if required:
                self.fail(where, "text.blank" if value else "required", label=label)
            return None
        if len(cleaned) > limit:
            self.fail(where, "text.too_long", label=label, limit=limit, length=len(cleaned))
            return None
        return cleaned

    def choice(
        self, obj: dict[Any, Any], path: str, key: str, label: Text, allowed: tuple[str, ...]
    ) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            self.fail(_join(path, key), "required_choice", label=label)
            return None
        if value not in allowed:
            self.fail(
                _join(path, key),
                "choice.invalid",
                label=label,
                value=_shown(value),
                choices=choices(allowed),
            )
            return None
        return str(value)

    def number(
        self, value: object, where: str, label: Text, low: float, *, exclusive: bool
    ) -> int | float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, "type.number", label=label)
            return None
        if value < low or (exclusive and value == low):
            self.fail(
                where, "number.min_exclusive" if exclusive else "number.min", label=label, limit=low
            )
            return None
        return value

    def whole(self, value: object, where: str, label: Text, low: int, high: int) -> int | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, "type.integer", label=label)
            return None
        if not low <= value <= high:
            self.fail(where, "number.range", label=label, low=low, high=high, value=_shown(value))
            return None
        return value

    def iso_date(self, value: object, where: str, label: Text) -> date | None:
        if not isinstance(value, str):
            self.fail(where, "date.format", label=label)
            return None
        text = normalise_code(value)
        if not _ISO_DATE.fullmatch(text):
            self.fail(where, "date.format", label=label)
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(where, "date.invalid", label=label, value=text)
            return None
        if day > self.today:
            self.fail(where, "date.future", label=label, value=text, today=self.today.isoformat())
            return None
        return day

    # Sections.

    def form(self, data: object) -> CombinedForm | None:
        if not isinstance(data, dict):
            self.fail("", "form.not_object")
            return None
        self.only(data, "", ("applicant", "site", "services", "materials_waived", "consent"))
        applicant = self.section(data, "applicant", self.applicant)
        site = self.section(data, "site", self.site)
        services = self.services(data.get("services"))
        raw_waivers = self.waivers(data.get("materials_waived"))
        waivers: tuple[Waiver, ...] = ()
        if applicant is not None and site is not None:
            waivers = self.visit_materials(applicant, site, services, raw_waivers)
        consent = self.consent(data.get("consent"))
        if self.errors or applicant is None or site is None:
            return None
        return CombinedForm(applicant, site, services, consent, waivers)

    def section(
        self, data: dict[Any, Any], key: str, check: Callable[[dict[Any, Any]], _T]
    ) -> _T | None:
        value = data.get(key)
        if value is None:
            self.fail(key, "required", label=FIELD_LABELS[key])
            return None
        obj = self.obj(value, key, FIELD_LABELS[key])
        return None if obj is None else check(obj)

    def applicant(self, obj: dict[Any, Any]) -> Applicant:
        p = "applicant"
        self.only(
            obj, p, ("kind", "name", "id_type", "id_number", "contact_name", "phone", "by_agent")
        )
        label = FIELD_LABELS
        kind = self.choice(obj, p, "kind", label["applicant.kind"], APPLICANT_KINDS)
        name = self.text(obj, p, "name", label["applicant.name"], limit=NAME_LIMIT, required=True)
        id_type = self.choice(obj, p, "id_type", label["applicant.id_type"], ID_TYPES)
        id_number = self.text(
            obj,
            p,
            "id_number",
            label["applicant.id_number"],
            limit=64,
            required=True,
            normalise=normalise_code,
        )
        if id_number is not None and id_type is not None:
            self.add("applicant.id_number", check_id_number(id_type, id_number, today=self.today))
        before = self.found
        contact = self.text(
            obj,
            p,
            "contact_name",
            label["applicant.contact_name"],
            limit=NAME_LIMIT,
            required=False,
        )
        if contact is None and kind == "organization" and self.found == before:
            self.fail("applicant.contact_name", "contact.required")
        phone = self.text(
            obj,
            p,
            "phone",
            label["applicant.phone"],
            limit=32,
            required=True,
            normalise=normalise_code,
        )
        if phone is not None:
            self.add("applicant.phone", check_phone(phone))
        by_agent = obj.get("by_agent")
        if by_agent is not None and not isinstance(by_agent, bool):
            self.fail("applicant.by_agent", "type.bool", label=label["applicant.by_agent"])
        return Applicant(
            kind or "",
            name or "",
            id_type or "",
            id_number or "",
            contact,
            phone or "",
            by_agent is True,
        )

    def site(self, obj: dict[Any, Any]) -> Site:
        p = "site"
        self.only(obj, p, ("address", "project_name", "permit_no", "land_acquired_on"))
        label = FIELD_LABELS
        address = self.text(
            obj, p, "address", label["site.address"], limit=ADDRESS_LIMIT, required=True
        )
        project = self.text(
            obj, p, "project_name", label["site.project_name"], limit=PROJECT_LIMIT, required=False
        )
        permit = self.text(
            obj,
            p,
            "permit_no",
            label["site.permit_no"],
            limit=PERMIT_LIMIT,
            required=False,
            normalise=normalise_code,
        )
        raw_land = obj.get("land_acquired_on")
        land = None
        if raw_land is not None and not (
            isinstance(raw_land, str) and not normalise_code(raw_land)
        ):
            land = self.iso_date(raw_land, "site.land_acquired_on", label["site.land_acquired_on"])
        return Site(address or "", project, permit, land)

    def services(self, value: object) -> Mapping[str, ServiceRequest]:
        if value is None:
            self.fail("services", "services.none")
            return {}
        obj = self.obj(value, "services", FIELD_LABELS["services"])
        if obj is None:
            return {}
        for key in obj:
            if not (isinstance(key, str) and (key.startswith("_") or key in UTILITIES)):
                self.fail(_join("services", str(key)), "services.unknown", name=_shown(key))
        named = [u for u in UTILITIES if obj.get(u) is not None]
        if not named:
            self.fail("services", "services.none")
        requests: dict[str, ServiceRequest] = {}
        for utility in named:
            path = f"services.{utility}"
            part = self.obj(obj[utility], path, FIELD_LABELS["service"])
            if part is not None:
                requests[utility] = self.service(utility, part, path)
        return MappingProxyType(requests)

    def service(self, utility: str, obj: dict[Any, Any], path: str) -> ServiceRequest:
        self.only(obj, path, ("service", "details", "account_no", "materials", "agency_permits"))
        service = self.choice(obj, path, "service", FIELD_LABELS["service.service"], SERVICES)
        account = self.account(obj.get("account_no"), f"{path}.account_no", service)
        details = self.details(utility, obj.get("details"), f"{path}.details", service)
        materials = self.materials(obj.get("materials"), f"{path}.materials")
        permits = self.permits(obj.get("agency_permits"), f"{path}.agency_permits")
        return ServiceRequest(
            utility, service or "", MappingProxyType(details), account, materials, permits
        )

    def account(self, value: object, where: str, service: str | None) -> str | None:
        label = FIELD_LABELS["service.account_no"]
        if value is not None and not isinstance(value, str):
            self.fail(where, "type.text", label=label)
            return None
        number = normalise_code(value) if value is not None else ""
        if service == "new_connection":
            if number:
                self.fail(where, "account.forbidden")
            return None
        if not number:
            if service in NEEDS_ACCOUNT:
                self.fail(where, "account.required", service=choice_label(service or ""))
            return None
        if not _ACCOUNT.fullmatch(number):
            self.fail(where, "account.format")
            return None
        return number

    def details(
        self, utility: str, value: object, path: str, service: str | None
    ) -> dict[str, Any]:
        complete = service in NEEDS_DETAILS
        if value is None:
            if complete:
                self.fail(path, "required", label=FIELD_LABELS["service.details"])
            return {}
        obj = self.obj(value, path, FIELD_LABELS["service.details"])
        if obj is None:
            return {}
        keys: tuple[str, ...] = {
            "water": ("usage", "diameter_dn", "daily_volume_m3"),
            "power": ("usage", "capacity_kw", "voltage"),
            "gas": ("usage", "monthly_volume_m3", "external_works", "external_length_m"),
        }[utility]
        self.only(obj, path, keys)
        out: dict[str, Any] = {}
        for key in keys:
            if key == "external_length_m":
                continue  # depends on external_works, checked below
            raw = obj.get(key)
            where = f"{path}.{key}"
            label = FIELD_LABELS[f"{utility}.{key}" if key == "usage" else key]
            if raw is None:
                if complete:
                    code = "required_choice" if key in ("usage", "voltage") else "required"
                    self.fail(where, code, label=label)
                continue
            checked = self.detail(utility, key, raw, where, label)
            if checked is not None:
                out[key] = checked
        if utility == "gas":
            self.external_length(obj, path, out)
        return out

    def detail(self, utility: str, key: str, raw: object, where: str, label: Text) -> Any:
        if key in ("usage", "voltage"):
            allowed = USAGES[utility] if key == "usage" else VOLTAGES
            if raw in allowed:
                return raw
            self.fail(
                where, "choice.invalid", label=label, value=_shown(raw), choices=choices(allowed)
            )
            return None
        if key == "diameter_dn":
            return self.whole(raw, where, label, *DIAMETER_DN)
        if key == "capacity_kw":
            return self.number(raw, where, label, 0, exclusive=True)
        if key == "external_works":
            if isinstance(raw, bool):
                return raw
            self.fail(where, "type.bool", label=label)
            return None
        return self.number(raw, where, label, 0, exclusive=False)  # the volumes

    def external_length(self, obj: dict[Any, Any], path: str, out: dict[str, Any]) -> None:
        where = f"{path}.external_length_m"
        raw = obj.get("external_length_m")
        works = obj.get("external_works")
        if works is True:
            if raw is None:
                self.fail(where, "external_length.required")
                return
            length = self.number(raw, where, FIELD_LABELS["external_length_m"], 0, exclusive=True)
            if length is not None:
                out["external_length_m"] = length
        elif raw is not None and (works is None or works is False):
            self.fail(where, "external_length.unexpected")

    def materials(self, value: object, path: str) -> tuple[Material, ...]:
        label = FIELD_LABELS["service.materials"]
        if value is None or not isinstance(value, list | tuple):
            self.fail(path, "required" if value is None else "type.list", label=label)
            self.form_unclear = True  # the missing list may hold the application form
            return ()
        items = self.catalogue.items
        found: list[Material] = []
        seen: set[str] = set()
        for i, item in enumerate(value):
            where = f"{path}[{i}]"
            entry = self.obj(item, where, FIELD_LABELS["material"])
            if entry is None:
                continue
            self.only(entry, where, ("code", "received"))
            code, received = entry.get("code"), entry.get("received")
            if not isinstance(received, bool):
                self.fail(
                    f"{where}.received",
                    "required" if received is None else "type.bool",
                    label=FIELD_LABELS["material.received"],
                )
            if not isinstance(code, str) or not code.strip():
                self.fail(
                    f"{where}.code",
                    "type.text" if code is not None and not isinstance(code, str) else "required",
                    label=FIELD_LABELS["material.code"],
                )
                continue
            code = code.strip()
            info = items.get(code)
            if info is None:
                self.fail(path, "materials.unknown", code=_shown(code))
                continue
            if code in seen:
                self.fail(path, "materials.duplicate", name=info.name)
                continue
            seen.add(code)
            if not isinstance(received, bool):
                self.form_unclear = self.form_unclear or code == APPLICATION_FORM
                continue
            found.append(Material(code, info.name, received, info.may_follow))
        return tuple(found)

    def waivers(self, value: object) -> list[tuple[int, str, str]]:
        """The shape of `materials_waived`: (index, code, reason) of each readable item."""
        path = "materials_waived"
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            self.fail(path, "type.list", label=FIELD_LABELS[path])
            return []
        found = []
        for i, item in enumerate(value):
            where = f"{path}[{i}]"
            entry = self.obj(item, where, FIELD_LABELS["waiver"])
            if entry is None:
                continue
            self.only(entry, where, ("code", "reason"))
            code = self.text(
                entry,
                where,
                "code",
                FIELD_LABELS["material.code"],
                limit=40,
                required=True,
                normalise=str.strip,
            )
            reason = self.text(
                entry,
                where,
                "reason",
                FIELD_LABELS["waiver.reason"],
                limit=WAIVER_REASON_LIMIT,
                required=True,
            )
            if code is not None and reason is not None:
                found.append((i, code, reason))
        return found

    def visit_materials(
        self,
        applicant: Applicant,
        site: Site,
        services: Mapping[str, ServiceRequest],
        raw_waivers: list[tuple[int, str, str]],
    ) -> tuple[Waiver, ...]:
        """The visit's documents, one each whatever number of utilities list them: the
        application form received, nothing that may not follow missing, and each waiver a
        document the rules ask for and the form does not list."""
        if not services:
            return ()
        items = self.catalogue.items
        facts = VisitFacts(
            applicant_kind=applicant.kind,
            services={u: r.service for u, r in services.items() if r.service},
            permit_no=site.permit_no is not None,
            by_agent=applicant.by_agent,
        )
        # The rules read the kind of applicant; when it is unreadable, that is the problem.
        required = self.catalogue.required(facts) if applicant.kind else {}
        listed: dict[str, list[str]] = {}
        handed: set[str] = set()
        for utility, request in services.items():
            for m in request.materials:
                listed.setdefault(m.code, []).append(utility)
                if m.received:
                    handed.add(m.code)
        waivers: list[Waiver] = []
        for i, code, reason in raw_waivers:
            where = f"materials_waived[{i}].code"
            info = items.get(code)
            if info is None:
                self.fail(where, "materials.unknown", code=_shown(code))
            elif code == APPLICATION_FORM:
                self.fail(where, "waiver.application_form")
            elif any(w.code == code for w in waivers):
                self.fail("materials_waived", "materials.duplicate", name=info.name)
            elif code in listed:
                self.fail(where, "waiver.listed", name=info.name)
            elif code not in required and applicant.kind:
                self.fail(where, "waiver.not_required", name=info.name)
            else:
                waivers.append(Waiver(code, info.name, reason))
        first = f"services.{next(iter(services))}.materials"
        if not self.form_unclear and APPLICATION_FORM not in handed:
            self.fail(first, "materials.application_form")
        waived = {w.code for w in waivers}
        for code, info in items.items():
            wanting = [*required.get(code, ()), *listed.get(code, ())]
            if info.may_follow or code == APPLICATION_FORM or code in handed or code in waived:
                continue
            if wanting:
                self.fail(
                    f"services.{wanting[0]}.materials",
                    "materials.critical_missing",
                    name=info.name,
                )
        return tuple(waivers)

    def permits(self, value: object, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.fail(path, "type.list", label=FIELD_LABELS["service.agency_permits"])
            return ()
        kinds: list[str] = []
        for raw in value:
            if raw not in AGENCY_PERMITS:
                self.fail(
                    path, "permits.unknown", value=_shown(raw), choices=choices(AGENCY_PERMITS)
                )
            elif raw in kinds:
                self.fail(path, "permits.duplicate", name=choice_label(raw))
            else:
                kinds.append(raw)
        return tuple(kinds)

    def consent(self, value: object) -> bool:
        if value is True:
            return True
        if value is None or value is False:
            self.fail("consent", "consent.refused")
        else:
            self.fail("consent", "type.bool", label=FIELD_LABELS["consent"])
        return False
