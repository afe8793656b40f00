"""The hall's policy tables: SLA limits (P4–P8, P10), stored in the database, seeded from resources.

An administrator changes them; the shipped TOML files are only a new hall's starting point.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.resources import resource
from onewindow.store.settings import get_value

SLA_KEY = "sla_policy"
_RULE_CONDITIONS = ("usage", "voltage", "external_works")


@dataclass(frozen=True)
class LimitRule:
    utility: str
    service: str | None
    when: Mapping[str, Any]
    workdays: int
    source: str

    def matches(self, utility: str, service: str, facts: Mapping[str, Any]) -> bool:
        if self.utility != utility or (self.service and self.service != service):
            return False
        return all(facts.get(key) == value for key, value in self.when.items())


@dataclass(frozen=True)
class SlaPolicy:
    rules: tuple[LimitRule, ...]
    approval_workdays: int
    construction_days: int
    construction_short_line_m: float
    supplement_workdays: int

    def limit_for(self, utility: str, service: str, facts: Mapping[str, Any]) -> LimitRule | None:
        for rule in self.rules:
            if rule.matches(utility, service, facts):
                return rule
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "approval_workdays": self.approval_workdays,
            "construction_days": self.construction_days,
            "construction_short_line_m": self.construction_short_line_m,
            "supplement_workdays": self.supplement_workdays,
            "rules": [
                {
                    "utility": r.utility,
                    "service": r.service,
                    "when": dict(r.when),
                    "workdays": r.workdays,
                    "source": r.source,
                }
                for r in self.rules
            ],
        }


def parse_policy(data: Mapping[str, Any]) -> SlaPolicy:
    """Check a policy table; every problem raises BadInput naming the setting."""

    def whole(key: str, low: int = 0) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise BadInput(
                Text(
                    f"时限政策 {key}: 应为不小于 {low} 的整数",
                    f"time-limit policy {key}: must be a whole number of at least {low}",
                )
            )
        return value

    rules = []
    for i, raw in enumerate(data.get("rules") or [], start=1):
        if not isinstance(raw, Mapping):
            raise BadInput(
                Text(f"时限政策第 {i} 条: 格式不正确", f"time-limit policy rule {i}: malformed")
            )
        utility = raw.get("utility")
        if utility not in ("water", "power", "gas"):
            raise BadInput(
                Text(
                    f"时限政策第 {i} 条 utility: 应为 water、power 或 gas",
                    f"time-limit policy rule {i} utility: must be water, power or gas",
                )
            )
        when = raw.get("when") or {}
        if not isinstance(when, Mapping) or any(k not in _RULE_CONDITIONS for k in when):
            raise BadInput(
                Text(
                    f"时限政策第 {i} 条 when: 只能用 {', '.join(_RULE_CONDITIONS)}",
                    f"time-limit policy rule {i} when: "
                    f"only {', '.join(_RULE_CONDITIONS)} may be used",
                )
            )
        days = raw.get("workdays")
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
            raise BadInput(
                Text(
                    f"时限政策第 {i} 条 workdays: 应为 1–365 的整数",
                    f"time-limit policy rule {i} workdays: must be a whole number from 1 to 365",
                )
            )
        rules.append(
            LimitRule(
                utility=utility,
                service=raw.get("service") or None,
                when=dict(when),
                workdays=days,
                source=str(raw.get("source") or ""),
            )
        )
    if not rules:
        raise BadInput(
            Text("时限政策: 至少需要一条规则", "time-limit policy: at least one rule is needed")
        )
    short = data.get("construction_short_line_m")
    if isinstance(short, bool) or not isinstance(short, int | float) or short <= 0:
        raise BadInput(
            Text(
                "时限政策 construction_short_line_m: 应为正数",
                "time-limit policy construction_short_line_m: must be a positive number",
            )
        )
    return SlaPolicy(
        rules=tuple(rules),
        approval_workdays=whole("approval_workdays", 1),
        construction_days=whole("construction_days", 1),
        construction_short_line_m=float(short),
        supplement_workdays=whole("supplement_workdays", 1),
    )


def default_policy() -> SlaPolicy:
    return parse_policy(tomllib.loads(resource("policy/sla.toml").read_text(encoding="utf-8")))


def load_policy(session: Session) -> SlaPolicy:
    stored = get_value(session, SLA_KEY)
    return parse_policy(stored) if stored else default_policy()
