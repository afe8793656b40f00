"""Printing receipts and notices of saved applications: what is printed, logged and audited."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pypdf
import pytest
from sqlalchemy import select

from onewindow.access.users import Actor, get_user
from onewindow.audit import chain as audit
from onewindow.clock import hall_time
from onewindow.errors import BadInput, NotFound, NotPermitted
from onewindow.hall import Hall
from onewindow.intake.submit import load_application, submit_application
from onewindow.papers.printing import Paper, Via, paper_pdf
from onewindow.store.models import AuditEvent, PrintRecord, Setting, User
from tests.conftest import FixedClock

FULL_USCC = "91411282MA9ABCDEF9"


def text_of(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pages))


def submit(hall: Hall, samples: Path, clerk: str, name: str) -> str:
    form = json.loads((samples / name).read_text(encoding="utf-8"))
    with hall.unit() as (session, ctx):
        user = get_user(session, clerk)
        application = submit_application(session, Actor.of(user), form, clerk=user, ctx=ctx)
        return application.application_no


@pytest.fixture
def users(hall: Hall) -> dict[str, str]:
    """A clerk and an administrator, stored directly: printing never checks a password, and
    hashing one costs half a second."""
    with hall.unit() as (session, ctx):
        for name, role in (("zhangwei", "clerk"), ("admin", "admin")):
            session.add(
                User(
                    username=name,
                    display_name="张伟" if role == "clerk" else "管理员",
                    role=role,
                    password_hash="!",
                    active=True,
                    failed_logins=0,
                    must_change_password=False,
                    created_at=ctx.now,
                )
            )
    return {"clerk": "zhangwei", "admin": "admin"}


@pytest.fixture
def app_no(hall: Hall, users: dict[str, str], samples: Path) -> str:
    return submit(hall, samples, users["clerk"], "gas-water-power-organization.json")


def clerk(hall: Hall, users: dict[str, str]) -> Actor:
    with hall.unit() as (session, _ctx):
        return Actor.of(get_user(session, users["clerk"]))


def copy(
    hall: Hall,
    actor: Actor,
    app_no: str,
    paper: Paper = "receipt",
    fmt: Literal["a4", "roll80"] = "a4",
    via: Via | None = "print",
) -> bytes:
    """A copy made now (or, with `via` None, a preview), in its own transaction."""
    with hall.unit() as (session, ctx):
        return paper_pdf(
            session, hall.config, app_no, paper, actor=actor, now=ctx.now, fmt=fmt, via=via
        )


def print_receipt(
    hall: Hall, actor: Actor, app_no: str, fmt: Literal["a4", "roll80"] = "a4"
) -> bytes:
    return copy(hall, actor, app_no, "receipt", fmt)


def test_receipt_of_a_saved_application(hall: Hall, users: dict[str, str], app_no: str) -> None:
    actor = clerk(hall, users)
    pdf = print_receipt(hall, actor, app_no)
    text = text_of(pdf)
    assert app_no in text
    assert "914112********DEF9" in text and FULL_USCC not in text
    assert "138****1234" in text and "13803981234" not in text
    assert "灵宝市函谷食品有限公司" in text and "W03窗口受理人张伟" in text
    assert text.count("待分配") == 3 and "pending" not in text  # nothing delivered yet
    # An organisation's licence: the rules ask it for water and power, the form lists it for gas.
    assert "营业执照供水、供电、供气容缺，2026年12月4日（周五）前补交" in text
    assert "前交至本营业厅W03窗口" in text
    assert "建筑区划红线外工程费用不由您承担" in text
    assert "0398-12345" in text and "补打" not in text and "培训" not in text
    with hall.unit() as (session, _ctx):
        (row,) = session.scalars(select(PrintRecord)).all()
        assert (row.kind, row.layout, row.reprint_no, row.printed_by) == (
            "receipt",
            "a4",
            0,
            actor.name,
        )
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert (event.action, event.entity_id) == ("receipt.print", app_no)
        assert audit.verify(session) is None


def test_reprints_say_so_with_their_count_and_every_copy_is_logged(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    actor = clerk(hall, users)
    print_receipt(hall, actor, app_no)
    assert "补打（第1次）" in text_of(print_receipt(hall, actor, app_no))
    roll = print_receipt(hall, actor, app_no, fmt="roll80")
    assert "补打（第2次）" in text_of(roll)
    with hall.unit() as (session, _ctx):
        rows = session.scalars(select(PrintRecord).order_by(PrintRecord.id)).all()
        assert [(r.layout, r.reprint_no) for r in rows] == [("a4", 0), ("a4", 1), ("roll80", 2)]
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == app_no)
        ).all()
        assert actions.count("receipt.print") == 1 and actions.count("receipt.reprint") == 2
        assert audit.verify(session) is None


def test_second_notice_is_a_reprint(hall: Hall, users: dict[str, str], app_no: str) -> None:
    actor = clerk(hall, users)
    texts = []
    for _ in range(2):
        texts.append(text_of(copy(hall, actor, app_no, "notice")))
    assert "补打" not in texts[0] and "补打（第1次）" in texts[1]


def test_the_first_copy_ever_is_the_original_and_a_preview_is_no_copy(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    actor = clerk(hall, users)
    preview = copy(hall, actor, app_no, via=None)
    assert "补打" not in text_of(preview), "nothing was copied yet: the next copy is the original"
    # Saved as PDF first: that is the original; the print after it is a reprint.
    assert "补打" not in text_of(copy(hall, actor, app_no, via="pdf"))
    assert "补打（第1次）" in text_of(copy(hall, actor, app_no, via="print"))
    assert "补打（第2次）" in text_of(copy(hall, actor, app_no, via=None)), "preview of the next"
    with hall.unit() as (session, _ctx):
        assert [r.reprint_no for r in session.scalars(select(PrintRecord))] == [0, 1]
        vias = [
            e.details["via"]
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if e.action.startswith("receipt.")
        ]
        assert vias == ["pdf", "print"]


def test_a_copy_says_and_is_logged_at_the_moment_it_is_made(
    hall: Hall, users: dict[str, str], app_no: str, clock: FixedClock
) -> None:
    actor = clerk(hall, users)
    copy(hall, actor, app_no)  # 09:30, at the counter
    clock.moment = datetime(2026, 11, 27, 11, 2, tzinfo=UTC)  # 19:02 hall time
    text = text_of(copy(hall, actor, app_no))
    assert "打印于2026年11月27日19:02" in text and "补打（第1次）" in text
    with hall.unit() as (session, _ctx):
        events = [
            e
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if e.action.startswith("receipt.")
        ]
        assert [(e.action, hall_time(e.at).strftime("%H:%M")) for e in events] == [
            ("receipt.print", "09:30"),
            ("receipt.reprint", "19:02"),
        ]
        ats = [e.at for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert ats == sorted(ats), "audit records in chain order are in time order"
        assert audit.verify(session) is None


def test_application_form_is_a_counted_paper(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    actor = clerk(hall, users)
    first = text_of(copy(hall, actor, app_no, "application_form"))
    assert "水电气联合报装申请表" in first and "补打" not in first
    assert "补打（第1次）" in text_of(copy(hall, actor, app_no, "application_form"))
    with hall.unit() as (session, _ctx):
        kinds = [(r.kind, r.layout) for r in session.scalars(select(PrintRecord))]
        assert kinds == [("application_form", "a4")] * 2


def test_notice_lists_the_missing_material(hall: Hall, users: dict[str, str], app_no: str) -> None:
    actor = clerk(hall, users)
    text = text_of(copy(hall, actor, app_no, "notice"))
    assert "一次性告知书" in text and app_no in text
    assert "营业执照" in text and "核实申请单位的主体资格" in text
    assert "2026年12月4日（周五）前" in text and "本营业厅W03窗口" in text
    with hall.unit() as (session, _ctx):
        (row,) = session.scalars(select(PrintRecord)).all()
        assert (row.kind, row.reprint_no) == ("notice", 0)


def test_unknown_application_is_not_found_and_nothing_is_recorded(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    actor = clerk(hall, users)
    with pytest.raises(NotFound, match="LBGX-20261127-9999"), hall.unit() as (session, ctx):
        paper_pdf(session, hall.config, "LBGX-20261127-9999", "receipt", actor=actor, now=ctx.now)
    with hall.unit() as (session, _ctx):
        assert session.scalars(select(PrintRecord)).all() == []


def test_training_hall_prints_the_watermark(hall: Hall, users: dict[str, str], app_no: str) -> None:
    training = hall.with_config(dataclasses.replace(hall.config, training=True))
    pdf = print_receipt(training, clerk(hall, users), app_no)
    assert "培训演示" in text_of(pdf)


def test_published_fee_items_for_the_applied_services(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    with hall.unit() as (session, ctx):
        session.add(
            Setting(
                key="fee_list",
                value={
                    "where": "https://fees.example.cn/lingbao",
                    "items": [
                        {"utility": "gas", "service": "new_connection", "name": "燃气表安装费"},
                        {"utility": "gas", "service": "repair", "name": "维修材料费"},
                        {"utility": "water", "name": "水表井材料费"},
                    ],
                },
                updated_at=ctx.now,
                updated_by="admin",
            )
        )
    text = text_of(print_receipt(hall, clerk(hall, users), app_no))
    assert "https://fees.example.cn/lingbao" in text
    assert "燃气表安装费；水表井材料费" in text and "维修材料费" not in text


def test_an_administrator_may_not_print_personal_data(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    with hall.unit() as (session, _ctx):
        admin = Actor.of(get_user(session, users["admin"]))
    with pytest.raises(NotPermitted):
        print_receipt(hall, admin, app_no)


def test_notice_refused_when_all_materials_are_in(
    hall: Hall, users: dict[str, str], samples: Path
) -> None:
    complete = submit(hall, samples, users["clerk"], "gas-only-resident.json")
    actor = clerk(hall, users)
    with pytest.raises(BadInput, match="材料已齐全"), hall.unit() as (session, ctx):
        paper_pdf(session, hall.config, complete, "notice", actor=actor, now=ctx.now, via="print")
    with hall.unit() as (session, _ctx):
        assert session.scalars(select(PrintRecord)).all() == []


def test_a_copy_with_a_character_no_font_has_is_refused_naming_it(
    hall: Hall, users: dict[str, str], samples: Path
) -> None:
    form = json.loads((samples / "gas-only-resident.json").read_text(encoding="utf-8"))
    form["applicant"]["name"] = "李\U0001fae8娜"
    with hall.unit() as (session, ctx):
        user = get_user(session, users["clerk"])
        app_no = submit_application(
            session, Actor.of(user), form, clerk=user, ctx=ctx
        ).application_no
    actor = clerk(hall, users)
    preview = text_of(copy(hall, actor, app_no, via=None))
    assert "李[U+1FAE8]娜" in preview, "the preview shows a visible placeholder"
    with pytest.raises(BadInput, match="U\\+1FAE8"):
        copy(hall, actor, app_no)
    with hall.unit() as (session, _ctx):
        assert session.scalars(select(PrintRecord)).all() == []


def test_a_closed_ticket_demands_nothing_on_later_papers(
    hall: Hall, users: dict[str, str], app_no: str
) -> None:
    actor = clerk(hall, users)
    assert "营业执照供水、供电、供气容缺" in text_of(copy(hall, actor, app_no, via=None))
    with hall.unit() as (session, _ctx):
        application = load_application(session, app_no)
        (gas,) = [t for t in application.tickets if t.utility == "gas"]
        gas.status = "connected"
    text = text_of(copy(hall, actor, app_no, via=None))
    assert "营业执照供水、供电容缺" in text and "供电、供气容缺" not in text
    with hall.unit() as (session, _ctx):
        for ticket in load_application(session, app_no).tickets:
            ticket.status = "connected"
    assert "营业执照" not in text_of(copy(hall, actor, app_no, via=None))
    with pytest.raises(BadInput, match="材料已齐全"), hall.unit() as (session, ctx):
        paper_pdf(session, hall.config, app_no, "notice", actor=actor, now=ctx.now, via="print")
