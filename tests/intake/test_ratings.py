"""Satisfaction ratings (好差评, P16): recorded once per application, 1–5, audited."""

from __future__ import annotations

import json

import pytest

from onewindow.access.users import Actor
from onewindow.errors import BadInput, NotFound, NotPermitted
from onewindow.intake.ratings import record_rating
from onewindow.intake.submit import submit_application
from onewindow.store.models import Application, AuditEvent, User


@pytest.fixture
def application_no(hall, users, samples):
    form = json.loads((samples / "gas-only-resident.json").read_text(encoding="utf-8"))
    with hall.unit() as (session, ctx):
        clerk = session.query(User).filter_by(username=users["clerk"]).one()
        return submit_application(
            session, Actor.of(clerk), form, clerk=clerk, ctx=ctx
        ).application_no


def actor(session, name):
    return Actor.of(session.query(User).filter_by(username=name).one())


def test_a_rating_is_recorded_with_its_comment_and_audited(hall, users, application_no):
    with hall.unit() as (session, ctx):
        record_rating(
            session, actor(session, users["clerk"]), application_no, 5, "  办得很快  ", now=ctx.now
        )
    with hall.unit() as (session, ctx):
        application = session.query(Application).filter_by(application_no=application_no).one()
        assert (application.rating, application.rating_comment) == (5, "办得很快")
        assert application.rated_at == ctx.now
        event = session.query(AuditEvent).filter_by(action="application.rate").one()
        assert event.entity_id == application_no and event.details["rating"] == 5


@pytest.mark.parametrize("bad", [0, 6, -1, 3.5, "5", True])
def test_only_whole_numbers_one_to_five(hall, users, application_no, bad):
    with pytest.raises(BadInput, match="1 到 5"), hall.unit() as (session, ctx):
        record_rating(
            session, actor(session, users["clerk"]), application_no, bad, None, now=ctx.now
        )


def test_a_rating_cannot_be_changed_afterwards(hall, users, application_no):
    with hall.unit() as (session, ctx):
        record_rating(
            session, actor(session, users["clerk"]), application_no, 1, "太慢", now=ctx.now
        )
    with pytest.raises(BadInput, match="已于此前评价"), hall.unit() as (session, ctx):
        record_rating(session, actor(session, users["clerk"]), application_no, 5, None, now=ctx.now)
    with hall.unit() as (session, _):
        assert session.query(Application).one().rating == 1


def test_unknown_application_and_long_comment_are_refused(hall, users, application_no):
    with pytest.raises(NotFound), hall.unit() as (session, ctx):
        record_rating(
            session, actor(session, users["clerk"]), "LBGX-20261127-9999", 4, None, now=ctx.now
        )
    with pytest.raises(BadInput, match="最多 500 字"), hall.unit() as (session, ctx):
        record_rating(
            session, actor(session, users["clerk"]), application_no, 4, "很" * 501, now=ctx.now
        )


def test_an_administrator_does_not_record_ratings(hall, users, application_no):
    with pytest.raises(NotPermitted), hall.unit() as (session, ctx):
        record_rating(session, actor(session, users["admin"]), application_no, 4, None, now=ctx.now)
