"""Materials as the seed means them (combined-form.md "Materials", P10): the default catalogue's
rules row by row, the visit's one checklist, and what the form says about by_agent and waivers.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from onewindow.intake.catalogue import (
    MaterialCatalogue,
    VisitFacts,
)
from onewindow.intake.form import check_form
from onewindow.intake.materials import (
    RECEIVED,
    TO_FOLLOW,
    WAIVED,
    form_checklist,
    visit_checklist,
)
from onewindow.resources import resource

TODAY = date(2026, 11, 30)
DUE = date(2026, 12, 7)
SAMPLES = Path(__file__).parent.parent / "samples"
UTILITIES = ("water", "power", "gas")
SERVICES = ("new_connection", "capacity_change", "transfer", "repair", "disconnect")
CJK = re.compile(r"[\u4e00-\u9fff]")

# The table of combined-form.md, written out as the spec says it, independently of the TOML.
SPEC_NAMES = {
    "application_form": ("报装申请表（本表）", False),
    "applicant_id": ("申请人身份证明", True),
    "business_license": ("营业执照", True),
    "property_proof": ("产权证明（房产证、不动产权证或购房合同）", True),
    "land_certificate": ("土地使用证明", True),
    "planning_permit": ("建设工程规划许可证", True),
    "construction_permit": ("建筑工程施工许可证", True),
    "site_plan": ("总平面图及用水/用电设备清单", True),
    "authorization_letter": ("授权委托书及受托人身份证明", True),
    "account_proof": ("原户号及过户双方证明", True),
}


def spec_needs(kind: str, utility: str, service: str, permit: bool, agent: bool) -> set[str]:
    """What the spec's table asks of one utility's ticket."""
    needs = {"application_form"}
    if utility == "gas":
        # Gas asks for nothing but the application form (P10); a transfer of any utility
        # needs the old account's proof.
        return needs | ({"account_proof"} if service == "transfer" else set())
    needs.add("applicant_id" if kind == "person" else "business_license")
    if service in ("new_connection", "capacity_change", "transfer"):
        needs.add("property_proof")
    if service == "new_connection" and permit:
        needs |= {"land_certificate", "planning_permit", "construction_permit"}
    if service == "new_connection" and kind == "organization":
        needs.add("site_plan")
    if agent:
        needs.add("authorization_letter")
    if service == "transfer":
        needs.add("account_proof")
    return needs


def test_default_catalogue_names_the_spec_documents_and_each_rule_its_source():
    catalogue = MaterialCatalogue.default()
    assert {c: (m.name, m.may_follow) for c, m in catalogue.items.items()} == SPEC_NAMES
    for info in catalogue.items.values():
        assert info.why and CJK.search(info.why)
        assert info.rules, info.code
        assert all(CJK.search(rule.source) for rule in info.rules), info.code
    # The seed for the application form (gas), hall practice for the water and power defaults.
    assert "§七" in catalogue.items["application_form"].rules[0].source
    assert "待供水、供电单位确认" in catalogue.items["business_license"].rules[0].source


@pytest.mark.parametrize(
    ("kind", "utility", "service", "permit", "agent"),
    list(
        itertools.product(
            ("person", "organization"), UTILITIES, SERVICES, (False, True), (False, True)
        )
    ),
)
def test_every_row_of_the_default_catalogue(kind, utility, service, permit, agent):
    facts = VisitFacts(kind, {utility: service}, permit_no=permit, by_agent=agent)
    required = MaterialCatalogue.default().required(facts)
    assert set(required) == spec_needs(kind, utility, service, permit, agent)
    assert all(utilities == (utility,) for utilities in required.values())


@pytest.mark.parametrize("kind", ["person", "organization"])
@pytest.mark.parametrize("permit", [False, True])
@pytest.mark.parametrize("agent", [False, True])
def test_gas_new_connection_asks_for_the_form_only(kind, permit, agent):
    facts = VisitFacts(kind, {"gas": "new_connection"}, permit_no=permit, by_agent=agent)
    assert MaterialCatalogue.default().required(facts) == {"application_form": ("gas",)}


def test_one_document_per_visit_with_the_utilities_that_need_it():
    facts = VisitFacts(
        "organization",
        {"gas": "new_connection", "water": "new_connection", "power": "repair"},
        permit_no=True,
    )
    checklist = visit_checklist(
        facts,
        MaterialCatalogue.default(),
        listed={"water": [("application_form", True), ("business_license", True)]},
        waived={},
        due=DUE,
    )
    rows = {r.code: r for r in checklist.rows}
    assert list(rows) == [
        "application_form",
        "business_license",
        "property_proof",
        "land_certificate",
        "planning_permit",
        "construction_permit",
        "site_plan",
    ]
    assert rows["application_form"].utilities == ("water", "power", "gas")
    # Ticked once, for the visit: received for every utility that needs it.
    assert rows["business_license"].utilities == ("water", "power")
    assert rows["business_license"].state == RECEIVED and rows["business_license"].due is None
    assert rows["property_proof"].utilities == ("water",)  # a repair needs no property proof
    assert rows["site_plan"].state == TO_FOLLOW and rows["site_plan"].due == DUE
    assert checklist.to_follow[0].code == "property_proof"


def test_a_listed_document_no_rule_asks_for_is_kept_and_a_waiver_needs_a_rule():
    facts = VisitFacts("person", {"gas": "new_connection"})
    checklist = visit_checklist(
        facts,
        MaterialCatalogue.default(),
        listed={"gas": [("application_form", True), ("property_proof", False)]},
        waived={"applicant_id": "不适用"},
        due=DUE,
    )
    proof = checklist.row("property_proof")
    assert proof is not None and not proof.required and proof.state == TO_FOLLOW
    assert proof.utilities == ("gas",)
    assert checklist.row("applicant_id") is None  # gas does not ask for it: nothing to waive


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


def check(data: object) -> Any:
    return check_form(data, today=TODAY)


def test_the_by_agent_sample_with_a_waiver():
    result = check(sample("water-power-by-agent-waived.json"))
    assert result.errors == ()
    form = result.form
    assert form is not None and form.applicant.by_agent
    assert [(w.code, w.reason) for w in form.materials_waived] == [
        ("property_proof", "产权证明原件已在本厅存档（同一房屋的供气报装）")
    ]
    checklist = form_checklist(form, MaterialCatalogue.default(), due=DUE)
    assert [(r.code, r.state, r.utilities) for r in checklist.rows] == [
        ("application_form", RECEIVED, ("water", "power")),
        ("applicant_id", RECEIVED, ("water", "power")),
        ("property_proof", WAIVED, ("water", "power")),
        ("authorization_letter", RECEIVED, ("water", "power")),
    ]
    waived = checklist.row("property_proof")
    assert waived is not None and waived.reason and waived.due is None
    again = form.to_json()
    assert again["applicant"]["by_agent"] is True
    assert again["materials_waived"] == [
        {"code": "property_proof", "reason": "产权证明原件已在本厅存档（同一房屋的供气报装）"}
    ]
    assert check(again).form == form


def test_by_agent_asks_for_the_authorization_letter():
    data = sample("water-power-by-agent-waived.json")
    for part in data["services"].values():
        part["materials"] = [{"code": "application_form", "received": True}]
    form = check(data).form
    assert form is not None
    row = form_checklist(form, MaterialCatalogue.default(), due=DUE).row("authorization_letter")
    assert row is not None and row.state == TO_FOLLOW and row.due == DUE
    data["applicant"]["by_agent"] = False
    form = check(data).form
    assert form is not None
    assert (
        form_checklist(form, MaterialCatalogue.default(), due=DUE).row("authorization_letter")
        is None
    )


def found(data: object) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for error in check(data).errors:
        problems.setdefault(error.field, []).append(error.code)
    return problems


def with_waivers(waivers: object) -> dict[str, Any]:
    data = copy.deepcopy(sample("water-power-by-agent-waived.json"))
    data["materials_waived"] = waivers
    return data


def test_waivers_are_checked():
    assert found(with_waivers(None)) == {}
    assert found(with_waivers([])) == {}
    assert found(with_waivers("property_proof")) == {"materials_waived": ["type.list"]}
    assert found(with_waivers([{"code": "property_proof"}])) == {
        "materials_waived[0].reason": ["required"]
    }
    assert found(with_waivers([{"code": "property_proof", "reason": "  "}])) == {
        "materials_waived[0].reason": ["text.blank"]
    }
    assert found(with_waivers([{"code": "property_proof", "reason": "原" * 101}])) == {
        "materials_waived[0].reason": ["text.too_long"]
    }
    assert found(with_waivers([{"code": "deed", "reason": "x"}])) == {
        "materials_waived[0].code": ["materials.unknown"]
    }
    assert found(with_waivers([{"code": "application_form", "reason": "x"}])) == {
        "materials_waived[0].code": ["waiver.application_form"],
    }
    # Handed over and "not needed" at once contradict each other.
    assert found(with_waivers([{"code": "applicant_id", "reason": "x"}])) == {
        "materials_waived[0].code": ["waiver.listed"]
    }
    # Nothing to waive: no rule asks a person for a business licence.
    assert found(with_waivers([{"code": "business_license", "reason": "x"}])) == {
        "materials_waived[0].code": ["waiver.not_required"]
    }
    twice = [{"code": "property_proof", "reason": "x"}, {"code": "property_proof", "reason": "y"}]
    assert found(with_waivers(twice)) == {"materials_waived": ["materials.duplicate"]}
    assert found(with_waivers([{"code": "property_proof", "reason": "x", "by": "me"}])) == {
        "materials_waived[0].by": ["unknown_field"]
    }


def test_by_agent_must_be_a_bool():
    data = sample("water-power-by-agent-waived.json")
    data["applicant"]["by_agent"] = "yes"
    assert found(data) == {"applicant.by_agent": ["type.bool"]}


def test_the_application_form_is_one_for_the_visit():
    data = sample("gas-water-power-organization.json")
    # Received in one list is received for the visit.
    data["services"]["gas"]["materials"] = []
    data["services"]["power"]["materials"] = []
    assert found(data) == {}
    data["services"]["water"]["materials"] = [{"code": "application_form", "received": False}]
    (error,) = check(data).errors
    assert (error.field, error.code) == ("services.water.materials", "materials.application_form")


CRITICAL_SITE_PLAN = """
[materials.application_form]
name = "报装申请表"
may_follow = false
why = "报装申请的依据"
[[materials.application_form.rules]]
utilities = ["water", "power", "gas"]
source = "seed"

[materials.site_plan]
name = "总平面图"
may_follow = false
why = "确定接入方案"
[[materials.site_plan.rules]]
utilities = ["power", "water"]
applicant_kinds = ["organization"]
source = "hall"
"""


def test_a_document_that_may_not_follow_cannot_be_missing_unless_waived():
    catalogue = MaterialCatalogue.from_toml_text(CRITICAL_SITE_PLAN)
    data = sample("gas-water-power-organization.json")
    data["services"]["gas"]["materials"] = [{"code": "application_form", "received": True}]
    errors = check_form(data, today=TODAY, catalogue=catalogue).errors
    assert [(e.field, e.code, e.message) for e in errors] == [
        ("services.water.materials", "materials.critical_missing", "总平面图不能容缺，须当场收取"),
    ]
    data["services"]["power"]["materials"].append({"code": "site_plan", "received": True})
    assert check_form(data, today=TODAY, catalogue=catalogue).errors == ()
    data["services"]["power"]["materials"].pop()
    data["materials_waived"] = [{"code": "site_plan", "reason": "增容不改变总平面"}]
    assert check_form(data, today=TODAY, catalogue=catalogue).errors == ()


def test_catalogue_round_trips_through_its_stored_data():
    default = MaterialCatalogue.default()
    assert MaterialCatalogue.from_data(default.to_data()) == default
    text = resource("policy/materials.toml").read_text(encoding="utf-8")
    assert MaterialCatalogue.from_toml_text(text) == default
    assert MaterialCatalogue.from_toml_text(CRITICAL_SITE_PLAN) != default


RULE = '[[materials.application_form.rules]]\nutilities = ["water", "power", "gas"]\n'


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[materials", "不是有效的 TOML：Expected ']'"),
        ("x = 1", "不认识的项 x"),
        (
            '[materials.applicant_id]\nname = "身份证"\nmay_follow = true\nwhy = "核实"',
            "application_form",
        ),
        (
            '[materials.application_form]\nname = "表"\nmay_follow = true\nwhy = "依据"\n'
            + RULE
            + 'source = "s"',
            "may_follow = false",
        ),
        (
            '[materials.application_form]\nname = "表"\nmay_follow = false\nwhy = "依据"\n'
            '[[materials.application_form.rules]]\nutilities = ["gas"]\nsource = "s"',
            "所有单位",
        ),
        (
            '[materials.application_form]\nname = "表"\nmay_follow = "no"\nwhy = "依据"',
            "application_form.may_follow",
        ),
        (
            '[materials.application_form]\nname = "表"\nmay_follow = false\nwhy = ""',
            "application_form.why",
        ),
        (CRITICAL_SITE_PLAN + RULE.replace("application_form", "site_plan"), "rules[1].source"),
        (
            CRITICAL_SITE_PLAN
            + '[[materials.site_plan.rules]]\nutilities = ["heat"]\nsource = "s"',
            "heat",
        ),
        (
            CRITICAL_SITE_PLAN + '[[materials.site_plan.rules]]\nutilities = []\nsource = "s"',
            "至少选择一项",
        ),
        (
            CRITICAL_SITE_PLAN
            + '[[materials.site_plan.rules]]\nutilities = ["gas"]\nservices = ["fix"]\n'
            'source = "s"',
            "fix",
        ),
        (
            CRITICAL_SITE_PLAN
            + '[[materials.site_plan.rules]]\nutilities = ["gas"]\nconditions = ["rich"]\n'
            'source = "s"',
            "rich",
        ),
        (
            CRITICAL_SITE_PLAN
            + '[[materials.site_plan.rules]]\nutilities = ["gas"]\nwhen = "x"\nsource = "s"',
            "when",
        ),
        ('[materials."营业 执照"]\nname = "x"\nmay_follow = true\nwhy = "x"', "代码只能用"),
    ],
)
def test_catalogue_errors_name_the_key(text, says):
    with pytest.raises(ValueError, match=re.escape(says)):
        MaterialCatalogue.from_toml_text(text)
