"""The materials catalogue (combined-form.md "Materials", policy P10): the documents a hall asks
for and the rules deciding when a visit needs them; the one in force is an administrator's
stored copy, else the shipped `resources/policy/materials.toml`.

Each document has rules; it is needed by a ticked utility when any of its rules matches. A rule
names the utilities that need the document when it matches, the services and kinds of
applicant it is limited to (none named: any), the conditions that must all hold (`permit_no`:
the site has a planning or construction permit number, a construction project filed at the
permit stage, P9; `by_agent`: someone files on the applicant's behalf), and its source (the
seed, or hall practice to be confirmed by the utility).

The catalogue is stored as the plain data `to_data` gives (`from_data` checks it back); the
shipped default is the same structure written as TOML.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy.orm import Session

from onewindow.codes import Text
from onewindow.resources import resource
from onewindow.store.settings import MATERIALS_KEY, get_value

UTILITIES = ("water", "power", "gas")
SERVICES = ("new_connection", "capacity_change", "transfer", "repair", "disconnect")
APPLICANT_KINDS = ("person", "organization")
CONDITIONS = ("permit_no", "by_agent")
APPLICATION_FORM = "application_form"
NAME_LIMIT, WHY_LIMIT, SOURCE_LIMIT = 100, 200, 200


@dataclass(frozen=True)
class MaterialRule:
    """When a document is needed, and by which utilities."""

    utilities: tuple[str, ...]  # who needs the document when the rule matches
    services: tuple[str, ...] = ()  # limited to these services; () any
    applicant_kinds: tuple[str, ...] = ()  # limited to these kinds of applicant; () any
    conditions: tuple[str, ...] = ()  # all must hold (CONDITIONS)
    source: str = ""  # where the rule comes from: the seed, hall practice …

    def needs(self, utility: str, service: str, facts: VisitFacts) -> bool:
        if utility not in self.utilities:
            return False
        if self.services and service not in self.services:
            return False
        if self.applicant_kinds and facts.applicant_kind not in self.applicant_kinds:
            return False
        held = {"permit_no": facts.permit_no, "by_agent": facts.by_agent}
        return all(held[c] for c in self.conditions)

    def to_data(self) -> dict[str, Any]:
        return {
            "utilities": list(self.utilities),
            "services": list(self.services),
            "applicant_kinds": list(self.applicant_kinds),
            "conditions": list(self.conditions),
            "source": self.source,
        }


@dataclass(frozen=True)
class MaterialInfo:
    code: str
    name: str
    may_follow: bool
    why: str  # one sentence the one-time notice prints: why the material is needed
    rules: tuple[MaterialRule, ...] = ()  # none: asked for only when the clerk lists it

    def utilities_needing(self, facts: VisitFacts) -> tuple[str, ...]:
        return tuple(
            u
            for u, service in _in_order(facts.services)
            if any(rule.needs(u, service, facts) for rule in self.rules)
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "may_follow": self.may_follow,
            "why": self.why,
            "rules": [r.to_data() for r in self.rules],
        }


@dataclass(frozen=True)
class VisitFacts:
    """What the rules look at: who applies, for what, and how."""

    applicant_kind: str
    services: Mapping[str, str]  # utility → service, for the utilities ticked
    permit_no: bool = False  # the site has a planning or construction permit number
    by_agent: bool = False  # someone files on the applicant's behalf


@dataclass(frozen=True)
class MaterialCatalogue:
    """The documents a hall asks for and the rules deciding when (an administrator edits it)."""

    items: Mapping[str, MaterialInfo]

    def required(self, facts: VisitFacts) -> dict[str, tuple[str, ...]]:
        """Document code → the utilities whose rules ask for it, in catalogue order."""
        needed = {code: info.utilities_needing(facts) for code, info in self.items.items()}
        return {code: utilities for code, utilities in needed.items() if utilities}

    def to_data(self) -> dict[str, Any]:
        """The catalogue as the settings table stores it (and `from_data` reads it back)."""
        return {"materials": {code: info.to_data() for code, info in self.items.items()}}

    @classmethod
    def default(cls) -> MaterialCatalogue:
        return _default_catalogue()

    @classmethod
    def from_toml_text(cls, text: str) -> MaterialCatalogue:
        """Parse and check a catalogue; CatalogueError names the first wrong key."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(
                Text(
                    f"材料目录不是有效的 TOML：{exc}",
                    f"the material catalogue is not valid TOML: {exc}",
                )
            ) from None
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> MaterialCatalogue:
        """Check a catalogue as stored or shipped; CatalogueError names the first wrong key."""
        return _parse_catalogue(data)


@functools.cache
def _default_catalogue() -> MaterialCatalogue:
    return MaterialCatalogue.from_toml_text(
        resource("policy/materials.toml").read_text(encoding="utf-8")
    )


def load_catalogue(session: Session) -> MaterialCatalogue:
    """The hall's catalogue: an administrator's stored one, else the shipped default."""
    stored = get_value(session, MATERIALS_KEY)
    if stored is None or "materials" not in stored:
        # Nothing stored, or a catalogue of the former layout (one checklist per utility and
        # service, no rules): the rules of the shipped catalogue apply.
        return MaterialCatalogue.default()
    return MaterialCatalogue.from_data(stored)


class CatalogueError(ValueError):
    """A catalogue (a file, a stored one or an administrator's edit) is wrong; names the key."""

    def __init__(self, message: Text) -> None:
        self.text = message
        super().__init__(str(message))


def _words(value: object, where: str, allowed: Sequence[str], *, empty: bool) -> tuple[str, ...]:
    if value is None and empty:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogueError(
            Text(
                f"{where}: 应为列表（{'、'.join(allowed)}）",
                f"{where}: must be a list ({', '.join(allowed)})",
            )
        )
    wrong = [v for v in value if v not in allowed]
    if wrong:
        raise CatalogueError(
            Text(
                f"{where}: 不认识 {'、'.join(wrong)}（可用：{'、'.join(allowed)}）",
                f"{where}: unknown {', '.join(wrong)} (known: {', '.join(allowed)})",
            )
        )
    if not value and not empty:
        raise CatalogueError(Text(f"{where}: 至少选择一项", f"{where}: choose at least one"))
    return tuple(v for v in allowed if v in value)  # canonical order, no repeats


def _text(entry: Mapping[str, Any], key: str, where: str, limit: int, what: Text) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(
            Text(f"{where}.{key}: 应为{what.zh}", f"{where}.{key}: must be {what.en}")
        )
    if len(value.strip()) > limit:
        raise CatalogueError(
            Text(
                f"{where}.{key}: 不能超过 {limit} 字",
                f"{where}.{key}: must be at most {limit} characters",
            )
        )
    return value.strip()


def _parse_rule(raw: object, where: str) -> MaterialRule:
    if not isinstance(raw, Mapping):
        raise CatalogueError(Text(f"{where}: 应为一个表", f"{where}: must be a table"))
    keys = ("utilities", "services", "applicant_kinds", "conditions", "source")
    for key in raw:
        if key not in keys:
            raise CatalogueError(
                Text(
                    f"{where}.{key}: 不认识的项（应为 {'、'.join(keys)}）",
                    f"{where}.{key}: unknown key (expected {', '.join(keys)})",
                )
            )
    return MaterialRule(
        utilities=_words(raw.get("utilities"), f"{where}.utilities", UTILITIES, empty=False),
        services=_words(raw.get("services"), f"{where}.services", SERVICES, empty=True),
        applicant_kinds=_words(
            raw.get("applicant_kinds"), f"{where}.applicant_kinds", APPLICANT_KINDS, empty=True
        ),
        conditions=_words(raw.get("conditions"), f"{where}.conditions", CONDITIONS, empty=True),
        source=_text(raw, "source", where, SOURCE_LIMIT, Text("规则的来源", "the rule's source")),
    )


def parse_material(code: str, entry: object) -> MaterialInfo:
    """One document of the catalogue, checked; CatalogueError names the wrong key."""
    where = f"materials.{code}"
    if not code or not code.replace("_", "").isascii() or not code.replace("_", "").isalnum():
        raise CatalogueError(
            Text(
                f"{where}: 代码只能用英文字母、数字和下划线",
                f"{where}: a code may only use English letters, digits and underscores",
            )
        )
    if not isinstance(entry, Mapping):
        raise CatalogueError(
            Text(f"{where} 应为一个表（[{where}]）", f"{where} must be a table ([{where}])")
        )
    for key in entry:
        if key not in ("name", "may_follow", "why", "rules"):
            raise CatalogueError(
                Text(
                    f"{where}.{key}: 不认识的项（应为 name、may_follow、why、rules）",
                    f"{where}.{key}: unknown key (expected name, may_follow, why, rules)",
                )
            )
    may_follow = entry.get("may_follow")
    if not isinstance(may_follow, bool):
        raise CatalogueError(
            Text(
                f"{where}.may_follow: 应为 true 或 false",
                f"{where}.may_follow: must be true or false",
            )
        )
    raw_rules = entry.get("rules", [])
    if not isinstance(raw_rules, list):
        raise CatalogueError(
            Text(
                f"{where}.rules: 应为规则的列表（[[{where}.rules]]）",
                f"{where}.rules: must be a list of rules ([[{where}.rules]])",
            )
        )
    info = MaterialInfo(
        code,
        _text(entry, "name", where, NAME_LIMIT, Text("材料名称", "a document name")),
        may_follow,
        _text(
            entry,
            "why",
            where,
            WHY_LIMIT,
            Text("一句说明为什么需要该材料的话", "a sentence saying why the document is needed"),
        ),
        tuple(_parse_rule(r, f"{where}.rules[{i}]") for i, r in enumerate(raw_rules)),
    )
    if code == APPLICATION_FORM and (
        info.may_follow
        or not any(
            r.utilities == UTILITIES and not (r.services or r.applicant_kinds or r.conditions)
            for r in info.rules
        )
    ):
        raise CatalogueError(
            Text(
                f"{where}: 报装申请表必须 may_follow = false，且有一条对所有单位、所有业务都适用的"
                "规则（没有申请表不能受理）",
                f"{where}: the application form must have may_follow = false and one rule "
                "for every utility and every service (no application is accepted without it)",
            )
        )
    return info


def _parse_catalogue(data: Mapping[str, Any]) -> MaterialCatalogue:
    for key in data:
        if key != "materials":
            raise CatalogueError(
                Text(
                    f"材料目录中不认识的项 {key}（应为 materials）",
                    f"unknown key {key} in the material catalogue (expected materials)",
                )
            )
    raw_items = data.get("materials")
    if not isinstance(raw_items, Mapping) or not raw_items:
        raise CatalogueError(
            Text(
                "材料目录缺少 [materials.<代码>] 项",
                "the material catalogue has no [materials.<code>] entries",
            )
        )
    items = {str(code): parse_material(str(code), entry) for code, entry in raw_items.items()}
    if APPLICATION_FORM not in items:
        raise CatalogueError(
            Text(
                f"materials.{APPLICATION_FORM}: 必须有报装申请表（没有申请表不能受理）",
                f"materials.{APPLICATION_FORM}: the application form is required "
                "(no application is accepted without it)",
            )
        )
    return MaterialCatalogue(MappingProxyType(items))


def _in_order(services: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(u, services[u]) for u in UTILITIES if u in services]
