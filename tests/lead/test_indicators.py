"""Indicators (P17, issue 6 §3) on a seeded data set, every number worked out by hand below.

Calendar facts used (2026 published schedule): Oct 1–7 are days off (Thu 1 – Wed 7, the
weekend 3–4 in between), Thu 8 and Fri 9 are working days, Sat 10 is an adjusted working day.
Gas connection limits: 1 working day without external works, 2 with (sla.toml).

Period: 2026-09-30 .. 2026-10-31 (hall dates of receipt).

gas / new_connection
  T1 received Wed 09-30 10:00, no works: accepted, surveying 09-30; inspecting 10-08;
     connected Fri 10-09.  Working days after 09-30 up to 10-09: Oct 8, Oct 9 -> 2 (the
     holiday week counts nothing). Paused 0, net 2. Steps 受理勘查 + 验收开通 = 2.
     Due = 1st working day after 09-30 = Oct 8; connected Oct 9 -> late.  Rating 5.
  T2 received Mon 10-12 09:00, external works: accepted 10-12, surveying 10-12,
     awaiting_approval Tue 10-13, constructing Thu 10-15, inspecting Mon 10-19,
     connected Tue 10-20.  Elapsed: 13,14,15,16,19,20 -> 6.  Paused working days: approval
     13..15 = {13,14,15}, works 15..19 = {15,16,19} -> {13,14,15,16,19} = 5. Net 1.
     Steps: 受理勘查, 行政审批, 外线施工, 验收开通 = 4.  Due = 2 + 5 = 7 working days after
     10-12 = Oct 21 -> in time.  Rating 3 (the same visit applied for water: T6).
  T3 received Fri 10-16 16:00, no works: accepted 10-16, awaiting_applicant 10-16 17:00,
     surveying Mon 10-19 09:00, connected 10-19 15:00; returned for corrections.
     Elapsed: 19 -> 1.  Paused: the wait runs 16..19, working days after acceptance: {19} -> 1.
     Net 0.  Steps 2.  Due = 1 + 1 = 2 working days after 10-16 = Oct 20 -> in time.
  T4 received Tue 10-20, surveying (open).  Rating 4.
  T5 received Wed 10-21, rejected; returned.
  -> tickets 5, connected 3; net [2, 1, 0]: mean 1.00, p90 (nearest rank 3 of 3) = 2;
     elapsed mean (2+6+1)/3 = 3.00; paused mean (0+5+1)/3 = 2.00; steps mean 8/3 = 2.67,
     max 4; in time 2/3; first time 3/5; ratings {5, 3, 4}: mean 4.00 from 3.
gas / repair
  T8 received Sat 10-31 23:30 (the last minute of the period counts), queued.
  -> tickets 1, connected 0, first time 1/1, no rating.
water / new_connection
  T6 on T2's application: accepted 10-12, connected Wed 10-14: elapsed 2, paused 0, steps 2,
     limit 7 -> in time. Rating 3 (the visit's).
Outside the period: T7 received Tue 09-29 23:59 and T9 received Sun 11-01 00:00.
"""

from __future__ import annotations

import csv
import getpass
import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from onewindow.access.users import Actor, get_user
from onewindow.cli.main import main
from onewindow.errors import BadInput, NotPermitted
from onewindow.lead.indicators import (
    GAS_CONNECTION_TARGET,
    Share,
    compute_indicators,
    percentile_90,
    stages_of,
)
from onewindow.papers.indicator_report import CSV_HEADER, export_indicators
from onewindow.store.models import AuditEvent
from tests.helpers.lead_data import seed_application, seed_ticket

FROM, TO = date(2026, 9, 30), date(2026, 10, 31)
WORKS = {"usage": "residential", "external_works": True, "external_length_m": 150}


@pytest.fixture
def seeded(hall, users):
    with hall.unit() as (session, ctx):
        c = "zhangwei"
        seed_ticket(
            session,
            ctx,
            clerk=c,
            received="2026-09-30 10:00",
            rating=5,
            events=[
                ("accepted", "2026-09-30 10:05"),
                ("surveying", "2026-09-30 14:00"),
                ("inspecting", "2026-10-08 09:00"),
                ("connected", "2026-10-09 10:00"),
            ],
        )
        visit = seed_application(session, clerk=c, received="2026-10-12 09:00", rating=3)
        seed_ticket(
            session,
            ctx,
            clerk=c,
            application=visit,
            utility="water",
            events=[("accepted", "2026-10-12 09:30"), ("connected", "2026-10-14 16:00")],
        )
        seed_ticket(
            session,
            ctx,
            clerk=c,
            application=visit,
            details=WORKS,
            events=[
                ("accepted", "2026-10-12 09:10"),
                ("surveying", "2026-10-12 15:00"),
                ("awaiting_approval", "2026-10-13 10:00"),
                ("constructing", "2026-10-15 09:00"),
                ("inspecting", "2026-10-19 10:00"),
                ("connected", "2026-10-20 11:00"),
            ],
        )
        seed_ticket(
            session,
            ctx,
            clerk=c,
            received="2026-10-16 16:00",
            returned=True,
            events=[
                ("accepted", "2026-10-16 16:10"),
                ("awaiting_applicant", "2026-10-16 17:00"),
                ("surveying", "2026-10-19 09:00"),
                ("connected", "2026-10-19 15:00"),
            ],
        )
        seed_ticket(
            session,
            ctx,
            clerk=c,
            received="2026-10-20 10:00",
            rating=4,
            events=[("accepted", "2026-10-20 10:05"), ("surveying", "2026-10-21 10:00")],
        )
        seed_ticket(
            session,
            ctx,
            clerk=c,
            received="2026-10-21 10:00",
            returned=True,
            events=[("rejected", "2026-10-21 15:00")],
        )
        seed_ticket(session, ctx, clerk=c, received="2026-09-29 23:59", rating=1)
        seed_ticket(session, ctx, clerk=c, received="2026-10-31 23:30", service="repair")
        seed_ticket(session, ctx, clerk=c, received="2026-11-01 00:00", rating=1)


def _report(hall, username="wangmin", date_from=FROM, date_to=TO):
    with hall.unit() as (session, ctx):
        actor = Actor.of(get_user(session, username))
        return compute_indicators(
            session,
            actor,
            date_from=date_from,
            date_to=date_to,
            calendar=ctx.calendar,
            policy=ctx.policy,
            now=ctx.now,
        )


def test_indicator_numbers_match_the_hand_computation(hall, seeded):
    report = _report(hall)
    assert [(r.utility, r.service) for r in report.rows] == [
        ("water", "new_connection"),
        ("gas", "new_connection"),
        ("gas", "repair"),
    ]
    water, gas, repair = report.rows
    assert gas.tickets == 5 and gas.connected == 3
    assert gas.workdays_mean == pytest.approx(1.0)
    assert gas.workdays_p90 == 2
    assert gas.elapsed_mean == pytest.approx(3.0)
    assert gas.paused_mean == pytest.approx(2.0)
    assert gas.steps_mean == pytest.approx(8 / 3)
    assert gas.steps_max == 4
    assert gas.within_limit == Share(2, 3)
    assert gas.first_time == Share(3, 5)
    assert gas.rating_mean == pytest.approx(4.0) and gas.ratings == 3
    assert gas.target == GAS_CONNECTION_TARGET
    assert (gas.target.steps, gas.target.workdays) == (2, 2)

    assert water.tickets == 1 and water.connected == 1
    assert (water.workdays_mean, water.workdays_p90, water.paused_mean) == (2.0, 2, 0.0)
    assert water.steps_mean == 2.0 and water.steps_max == 2
    assert water.within_limit == Share(1, 1)
    assert water.rating_mean == 3.0 and water.ratings == 1
    assert water.target is None

    assert repair.tickets == 1 and repair.connected == 0
    assert repair.workdays_mean is None and repair.workdays_p90 is None
    assert repair.steps_mean is None and repair.within_limit == Share(0, 0)
    assert repair.within_limit.ratio is None
    assert repair.first_time == Share(1, 1) and repair.ratings == 0
    assert report.provisional_years == ()


def test_a_one_day_period_around_the_holiday(hall, seeded):
    report = _report(hall, date_from=date(2026, 9, 30), date_to=date(2026, 9, 30))
    (gas,) = report.rows
    assert (gas.tickets, gas.workdays_mean, gas.within_limit) == (1, 2.0, Share(0, 1))


def test_an_empty_period(hall, seeded):
    assert _report(hall, date_from=date(2026, 8, 1), date_to=date(2026, 8, 31)).rows == ()


def test_a_period_in_a_year_without_a_published_schedule_is_marked(hall, users):
    report = _report(hall, date_from=date(2026, 12, 1), date_to=date(2027, 1, 31))
    assert report.provisional_years == (2027,)


def test_steps_are_the_distinct_stages_in_order():
    assert stages_of(["queued", "accepted", "surveying", "inspecting", "connected"]) == [
        "受理勘查",
        "验收开通",
    ]
    assert stages_of(
        ["accepted", "awaiting_applicant", "awaiting_approval", "constructing", "connected"]
    ) == ["受理勘查", "行政审批", "外线施工", "验收开通"]
    assert stages_of(["queued", "delayed", "needs_attention"]) == []


def test_percentile_90_is_nearest_rank():
    assert percentile_90([]) is None
    assert percentile_90([3]) == 3
    assert percentile_90(list(range(1, 11))) == 9  # rank ceil(9.0) = 9
    assert percentile_90(list(range(1, 12))) == 10  # rank ceil(9.9) = 10
    assert percentile_90([5, 1, 4, 2, 3]) == 5  # rank ceil(4.5) = 5


def test_bad_periods_are_bad_input(hall, users):
    with pytest.raises(BadInput, match="早于"):
        _report(hall, date_from=date(2026, 10, 2), date_to=date(2026, 10, 1))
    with pytest.raises(BadInput, match="三年"):
        _report(hall, date_from=date(2020, 1, 1), date_to=date(2026, 1, 1))


def test_a_clerk_may_not_see_the_indicators_an_administrator_may(hall, users):
    with pytest.raises(NotPermitted):
        _report(hall, "zhangwei")
    assert _report(hall, "admin").rows == ()


# The report: PDF beside the targets, CSV for Excel, and the command line. ----------------


def _export(hall, fmt):
    with hall.unit() as (session, ctx):
        return export_indicators(
            session,
            Actor.of(get_user(session, "wangmin")),
            date_from=FROM,
            date_to=TO,
            fmt=fmt,
            ctx=ctx,
        )


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_sets_the_numbers_beside_the_targets(hall, seeded, tmp_path):
    pdf = _export(hall, "pdf")
    text = _pdf_text(pdf)
    assert "报装指标对比报告" in text
    assert "2026年9月30日至2026年10月31日" in text
    for figure in ("2.67/4", "1.00", "66.7%（2/3）", "60.0%（3/5）", "4.00（3）"):
        assert figure in text, figure
    assert "方案前现状" in text and "国内前沿水平" in text
    assert "平均 1.00，90%分位 2（另暂停 2.00）" in text
    assert "平均工作日" in text  # the chart's legend
    assert "TRAINING" not in text  # a real hall's figures carry no training mark
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    assert_fonts_embedded(path)
    with hall.sessions() as session:
        record = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "report.indicators")
        ).one()
    assert record.actor == "wangmin"
    assert record.details == {
        "from": "2026-09-30",
        "to": "2026-10-31",
        "format": "pdf",
        "groups": 3,
        "tickets": 7,
    }


def test_a_training_halls_report_carries_the_training_mark(hall, seeded):
    training = hall.with_config(replace(hall.config, training=True))
    text = _pdf_text(_export(training, "pdf"))
    # Across the page and, as plain text (pdftotext skips diagonal text), in the footer.
    assert text.count("培训演示 TRAINING") == 2, text
    assert "报装指标对比报告" in text


def assert_fonts_embedded(path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        # name, type (may hold spaces), encoding, then emb sub uni: look at the emb column.
        assert line.split()[-5] == "yes", line


def test_the_csv_opens_in_excel_with_a_header_row(hall, seeded):
    data = _export(hall, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_HEADER
    by_group = {(r[0], r[1]): dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]}
    gas = by_group[("gas", "new_connection")]
    assert gas["单位"] == "供气" and gas["业务"] == "新装"
    assert (gas["受理件数"], gas["已开通件数"]) == ("5", "3")
    assert (gas["平均环节数"], gas["最多环节数"], gas["目标环节数"]) == ("2.67", "4", "2")
    assert gas["平均工作日（不含暂停）"] == "1.00"
    assert gas["90%分位工作日（不含暂停）"] == "2"
    assert gas["目标工作日"] == "2"
    assert gas["平均暂停工作日"] == "2.00"
    assert gas["平均历时工作日（含暂停）"] == "3.00"
    assert (gas["时限内开通件数"], gas["有承诺时限的开通件数"]) == ("2", "3")
    assert gas["时限内开通率"] == "0.6667"
    assert gas["一次受理成功率"] == "0.6000"
    assert (gas["平均满意度"], gas["评价数"]) == ("4.00", "3")
    repair = by_group[("gas", "repair")]
    assert repair["平均工作日（不含暂停）"] == "" and repair["目标工作日"] == ""


def test_the_report_command_writes_pdf_and_csv(hall, seeded, config_file, tmp_path, capsys):
    pdf, table = tmp_path / "指标.pdf", tmp_path / "indicators.csv"
    for out in (pdf, table):
        code = main(
            [
                "--config",
                str(config_file),
                "report",
                "indicators",
                "--from",
                "2026-09-30",
                "--to",
                "2026-10-31",
                "--out",
                str(out),
            ]
        )
        captured = capsys.readouterr()
        assert code == 0, captured.err
    assert "66.7%（2/3）" in _pdf_text(pdf.read_bytes())
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")
    with hall.sessions() as session:
        actors = session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "report.indicators")
        ).all()
    assert actors == [f"cli:{getpass.getuser()}"] * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01", "--to", "2026-10-31", "--out", "x.pdf"], "YYYY-MM-DD"),
        (["--from", "2026-10-01", "--to", "yesterday", "--out", "x.pdf"], "YYYY-MM-DD"),
        (["--from", "2026-10-31", "--to", "2026-10-01", "--out", "x.pdf"], "早于"),
        (["--from", "2026-10-01", "--to", "2026-10-31", "--out", "x.xlsx"], ".pdf 或 .csv"),
        (["--from", "2026-10-01", "--to", "2026-10-31"], "--out"),
    ],
)
def test_bad_report_arguments_exit_2(config_file, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["--config", str(config_file), "report", "indicators", *args])
    except SystemExit as exc:  # argparse's own errors (a missing option) exit with 2 too
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_an_empty_period_still_makes_a_report(hall, users, tmp_path):
    with hall.unit() as (session, ctx):
        pdf = export_indicators(
            session, Actor.system(), date_from=FROM, date_to=TO, fmt="pdf", ctx=ctx
        )
        table = export_indicators(
            session, Actor.system(), date_from=FROM, date_to=TO, fmt="csv", ctx=ctx
        )
    assert "本区间没有受理的工单" in _pdf_text(pdf)
    path = tmp_path / "empty.pdf"
    path.write_bytes(pdf)
    assert_fonts_embedded(path)
    assert table.decode("utf-8-sig").splitlines() == [",".join(CSV_HEADER)]
