"""The materials catalogue's service functions: administrators only, checked, audited, with a
history of who changed which document when (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from onewindow.access.users import Actor, get_user
from onewindow.admin.catalogue import (
    catalogue_history,
    editable_catalogue,
    remove_material,
    save_material,
)
from onewindow.errors import BadInput, NotPermitted
from onewindow.intake.catalogue import MaterialCatalogue, VisitFacts, load_catalogue
from onewindow.store.models import Setting

GAS_NEW = VisitFacts("person", {"gas": "new_connection"})


def _actor(session, name):
    return Actor.of(get_user(session, name))


def test_only_an_administrator_changes_the_catalogue(hall, users):
    with hall.unit() as (session, ctx):
        clerk = _actor(session, users["clerk"])
        entry = MaterialCatalogue.default().items["applicant_id"].to_data()
        with pytest.raises(NotPermitted):
            save_material(session, clerk, "applicant_id", entry, now=ctx.now)
        with pytest.raises(NotPermitted):
            catalogue_history(session, clerk)
        with pytest.raises(NotPermitted):
            editable_catalogue(session, clerk)
        assert session.get(Setting, "materials_catalogue") is None


def test_changes_are_stored_and_their_history_names_who_what_and_when(hall, users, clock):
    with hall.unit() as (session, ctx):
        admin = _actor(session, users["admin"])
        entry = MaterialCatalogue.default().items["applicant_id"].to_data()
        entry["rules"][0]["utilities"] = ["water", "power", "gas"]
        entry["rules"][0]["source"] = "燃气公司函"
        save_material(session, admin, "applicant_id", entry, now=ctx.now)
        # Saving the same again changes nothing and records nothing.
        save_material(session, admin, "applicant_id", entry, now=ctx.now)
        new = {"name": "消防设计审查意见", "may_follow": True, "why": "消防用水", "rules": []}
        save_material(session, admin, "fire_plan", new, now=ctx.now)
        remove_material(session, admin, "fire_plan", now=ctx.now)
    with hall.unit() as (session, _ctx):
        assert load_catalogue(session).required(GAS_NEW) == {
            "application_form": ("gas",),
            "applicant_id": ("gas",),
        }
        history = catalogue_history(session, _actor(session, users["admin"]))
        assert [(c.code, c.what, c.fields) for c in history] == [
            ("fire_plan", "删除", ()),
            ("fire_plan", "新增", ()),
            ("applicant_id", "修改", ("规则",)),
        ]
        assert {c.by for c in history} == {"admin"}
        assert all(c.at == clock() for c in history)


@pytest.mark.parametrize(
    ("code", "entry", "says"),
    [
        ("x y", {"name": "x", "may_follow": True, "why": "x"}, "代码只能用"),
        ("deed", {"name": " ", "may_follow": True, "why": "x"}, "deed.name"),
        (
            "deed",
            {"name": "x", "may_follow": True, "why": "x", "rules": [{"utilities": ["gas"]}]},
            "rules[0].source",
        ),
        (
            "application_form",
            {"name": "表", "may_follow": True, "why": "x"},
            "报装申请表必须 may_follow = false",
        ),
    ],
)
def test_a_wrong_document_is_refused_naming_the_key(hall, users, code, entry, says):
    with hall.unit() as (session, ctx):
        with pytest.raises(BadInput, match=says.replace("[", r"\[").replace("]", r"\]")):
            save_material(session, _actor(session, users["admin"]), code, entry, now=ctx.now)
        assert session.get(Setting, "materials_catalogue") is None


def test_the_application_form_cannot_be_removed(hall, users):
    with hall.unit() as (session, ctx):
        admin = _actor(session, users["admin"])
        with pytest.raises(BadInput, match="报装申请表不能删除"):
            remove_material(session, admin, "application_form", now=ctx.now)
        with pytest.raises(BadInput, match="没有 deed"):
            remove_material(session, admin, "deed", now=ctx.now)
