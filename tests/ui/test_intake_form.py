"""The combined form, driven by the keyboard only, checked by the core as the clerk types."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt

from onewindow.clock import hall_date
from onewindow.intake.form import check_form
from tests.ui.keyboard import TabWalker, focused, press, type_text
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, shift, runner, form_context):
    win = MainWindow(shift, form_context)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        press(Qt.Key.Key_N, CTRL)
    return win


def space() -> None:
    press(Qt.Key.Key_Space)


def down(times: int = 1) -> None:
    for _ in range(times):
        press(Qt.Key.Key_Down)


def test_ctrl_n_opens_an_empty_form_with_the_cursor_in_the_name(window):
    form = window.intake.form
    assert focused() is form.name
    assert not form.submit_button.isEnabled()
    assert form.ticket_count.text() == "将生成 0 张工单"


def test_a_three_utility_form_filled_and_submitted_by_keyboard_only(window, qtbot, runner):
    form = window.intake.form
    walk = TabWalker()
    # Organisation: back to the kind, arrow to 单位, on to the name.
    press(Qt.Key.Key_Backtab)
    press(Qt.Key.Key_Right)
    assert form.organization.isChecked()
    walk = TabWalker()
    walk.to("applicant_name")
    type_text("灵宝市函谷食品有限公司")
    walk.to("id_type")
    assert form.id_type.currentData() == "uscc"
    walk.to("id_number")
    type_text("91411282MA9ABCDEF9")
    walk.to("contact_name")
    type_text("王敏")
    walk.to("phone")
    type_text("13803981234")
    walk.to("address")
    type_text("河南省三门峡市灵宝市函谷路100号")
    walk.to("project_name")
    type_text("食品加工厂一期")
    walk.to("permit_no")
    type_text("411282202611270101")
    walk.to("land_acquired_on")
    type_text("2022-05-10")

    walk.to("tick_water")
    space()
    walk.to("usage_water")
    down(2)  # 请选择 → 居民生活 → 非居民
    walk.to("diameter_dn_water")
    type_text("50")
    walk.to("daily_volume_m3_water")
    type_text("30")

    walk.to("tick_power")
    space()
    walk.to("usage_power")
    down(3)
    walk.to("capacity_kw_power")
    type_text("160")
    walk.to("voltage_power")
    down(2)

    walk.to("tick_gas")
    space()
    walk.to("usage_gas")
    down(3)
    walk.to("monthly_volume_m3_gas")
    type_text("1200")
    walk.to("external_works_gas")
    space()
    walk.to("external_length_m_gas")
    type_text("150")
    walk.to("permit_road_excavation")
    space()

    # One checklist for the visit, after the cards: each document once, with its utilities.
    rows = form.checklist.rows
    assert rows["application_form"].utilities.text() == "供水、供电、供气"
    assert rows["business_license"].utilities.text() == "供水、供电"
    walk.to("material_application_form")
    down()  # 未收 → 已收
    walk.to("material_business_license")
    down()  # 容缺 → 已收
    walk.to("material_property_proof")
    down(2)  # 容缺 → 已收 → 不需要
    walk.to("waive_reason_property_proof")
    type_text("厂房自建，产权证明随竣工验收提交")

    assert form.ticket_count.text() == "将生成 3 张工单"
    assert not form.submit_button.isEnabled(), "consent is still missing"
    walk.to("consent")
    space()
    assert form.errors == (), [e.field for e in form.errors]
    assert form.submit_button.isEnabled()
    assert form.error_summary.text() == "可以提交"

    order = [
        "applicant_name", "id_number", "contact_name", "phone", "address", "permit_no",
        "tick_water", "diameter_dn_water", "tick_power", "voltage_power", "tick_gas",
        "external_length_m_gas", "consent",
    ]  # fmt: skip
    positions = [walk.visited.index(name) for name in order]
    assert positions == sorted(positions), "the tab order must follow the form"

    data = form.data()
    assert data["services"]["gas"]["details"] == {
        "usage": "industrial",
        "monthly_volume_m3": 1200,
        "external_works": True,
        "external_length_m": 150,
    }
    assert data["services"]["gas"]["agency_permits"] == ["road_excavation"]
    assert data["services"]["water"]["details"]["usage"] == "non_residential"
    assert data["services"]["power"]["details"]["voltage"] == "380V"
    assert data["services"]["gas"]["materials"] == [{"code": "application_form", "received": True}]
    water = {m["code"]: m["received"] for m in data["services"]["water"]["materials"]}
    assert water["business_license"] and not water["site_plan"] and "property_proof" not in water
    assert data["materials_waived"] == [
        {"code": "property_proof", "reason": "厂房自建，产权证明随竣工验收提交"}
    ]

    with qtbot.waitSignal(window.intake.submitted, timeout=10_000) as done:
        press(Qt.Key.Key_Return, CTRL)
    submitted = done.args[0]
    assert re.fullmatch(r"LBGX-20261127-\d{4}", submitted.application_no)
    result = window.intake.result
    assert window.intake.stack.currentWidget() is result
    assert result.number.text() == submitted.application_no
    assert {line.utility for line in submitted.lines} == {"water", "power", "gas"}
    # What the visit does not need (不需要) is not missing; what is to follow is.
    missing = {m.name for m in submitted.missing}
    assert "总平面图及用水/用电设备清单" in missing and "营业执照" not in missing
    assert not any(name.startswith("产权证明") for name in missing)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


BROKEN = {
    "applicant.id_number": "110101199003074478",  # wrong check character
    "applicant.phone": "1380398",
}


def test_every_invalid_field_shows_its_message_and_submit_stays_off(window, qtbot):
    form = window.intake.form
    form.name.setFocus()
    type_text("赵强")
    form.id_number.setFocus()
    type_text(BROKEN["applicant.id_number"])
    form.phone.setFocus()
    type_text(BROKEN["applicant.phone"])
    form.address.setFocus()
    type_text("灵宝市城关镇")
    gas = form.cards["gas"]
    gas.tick.setFocus()
    space()
    gas.external_works.setFocus()
    space()
    assert not form.submit_button.isEnabled()

    # Ctrl+Enter on a broken form shows every problem and goes to the first one.
    press(Qt.Key.Key_Return, CTRL)
    expected = check_form(
        form.data(), today=hall_date(window.shift.hall.now()), catalogue=form.checklist.catalogue
    )
    fields = {e.field for e in expected.errors}
    assert {"applicant.id_number", "applicant.phone", "consent"} <= fields
    assert any(f.startswith("services.gas.details.external_length_m") for f in fields)
    for error in expected.errors:
        box = form._box_for(error.field)
        assert box is not None, error.field
        assert box.error.isVisibleTo(form), error.field
        assert error.message in box.error.text(), (error.field, box.error.text())
    assert form.error_summary.text() == f"还有 {len(expected.errors)} 处需要修改"
    assert not form.submit_button.isEnabled()
    assert window.intake.stack.currentWidget() is form, "nothing was submitted"
    assert form.fields["applicant.name"].tick.text() == "✓"


def test_errors_show_only_once_a_field_was_touched(window):
    form = window.intake.form
    assert not any(box.error.isVisibleTo(form) for box in form.fields.values())
    form.phone.setFocus()
    type_text("12")
    assert form.fields["applicant.phone"].error.isVisibleTo(form)
    assert not form.fields["site.address"].error.isVisibleTo(form)


def test_account_number_appears_only_for_services_on_an_existing_account(window):
    card = window.intake.form.cards["water"]
    card.tick.setChecked(True)
    assert not card.account_no.isVisibleTo(card)
    card.service.setCurrentIndex(card.service.findData("transfer"))
    assert card.account_no.isVisibleTo(card)
    assert "account_no" in card.data()


def test_a_material_that_may_follow_shows_its_due_date_at_once(window):
    form = window.intake.form
    form.organization.setChecked(True)
    form.cards["water"].tick.setChecked(True)
    row = form.checklist.rows["business_license"]
    # Friday 27 November 2026 + 5 working days.
    assert row.state.currentText() == "容缺（12月4日前补交）"
    assert [row.state.itemText(i) for i in range(row.state.count())] == [
        "容缺（12月4日前补交）",
        "已收",
        "不需要",
    ]
    assert not row.reason.isVisibleTo(form)
    form_row = form.checklist.rows["application_form"]
    assert [form_row.state.itemText(i) for i in range(form_row.state.count())] == [
        "未收（不能容缺）",
        "已收",
    ]


def choose_kind(form, target) -> None:
    """Tab to the name, back (Shift+Tab) to the kind of applicant, then the arrow or space
    that chooses `target`, as a clerk would."""
    TabWalker().to("applicant_name", limit=40)
    for _ in range(6):
        press(Qt.Key.Key_Backtab)
        if focused() in (form.person, form.organization):
            break
    if focused() is target:
        space()
    else:
        press(Qt.Key.Key_Right if target is form.organization else Qt.Key.Key_Left)
    assert target.isChecked()


def _shown(form) -> dict[str, str]:
    return {code: row.utilities.text() for code, row in form.checklist.rows.items()}


def test_the_checklist_follows_the_form_by_keyboard_only(window):
    form = window.intake.form
    walk = TabWalker()
    assert _shown(form) == {}
    walk.to("tick_gas")
    space()
    # Gas asks for the application form only (P10).
    assert _shown(form) == {"application_form": "供气"}
    press(Qt.Key.Key_Backtab)
    press(Qt.Key.Key_Backtab)
    assert focused() is form.cards["water"].tick
    space()
    assert _shown(form) == {
        "application_form": "供水、供气",
        "applicant_id": "供水",
        "property_proof": "供水",
    }
    walk = TabWalker()
    walk.to("material_applicant_id", limit=30)
    down()  # → 已收
    # An organisation: the licence instead of the ID, and the site plan for a new connection.
    choose_kind(form, form.organization)
    assert _shown(form) == {
        "application_form": "供水、供气",
        "business_license": "供水",
        "property_proof": "供水",
        "site_plan": "供水",
    }
    walk = TabWalker()
    walk.to("permit_no")
    type_text("411282202611270101")
    assert {"land_certificate", "planning_permit", "construction_permit"} <= set(_shown(form))
    for _ in range(3):  # permit number → project → address → 代办人办理
        press(Qt.Key.Key_Backtab)
    assert focused() is form.by_agent
    space()
    assert _shown(form)["authorization_letter"] == "供水"
    # A repair of the water account: no property proof, no site plan, no permits.
    walk = TabWalker()
    walk.to("tick_water")
    press(Qt.Key.Key_Tab)
    assert focused() is form.cards["water"].service
    down(3)  # 新装 → 增容 → 过户 → 维修
    assert form.cards["water"].service_code == "repair"
    assert _shown(form) == {
        "application_form": "供水、供气",
        "business_license": "供水",
        "authorization_letter": "供水",
    }
    # Back to a person: the ID comes back with the state the clerk gave it.
    choose_kind(form, form.person)
    assert form.checklist.rows["applicant_id"].state.currentText() == "已收"
    data = form.data()
    assert {"code": "applicant_id", "received": True} in data["services"]["water"]["materials"]
    assert data["applicant"]["by_agent"] is True


def test_english_messages_come_from_the_core_in_english(
    qtbot, ui_hall, shift, form_context, english
):
    win = MainWindow(shift, form_context)
    qtbot.addWidget(win)
    form = win.intake.form
    form.phone.setText("1380398")
    form.fields["applicant.phone"].mark_edited()
    expected = check_form(
        form.data(), today=hall_date(ui_hall.now()), catalogue=form_context.catalogue
    )
    phone = next(e for e in expected.errors if e.field == "applicant.phone")
    assert form.fields["applicant.phone"].error.text() == phone.message_en
    assert form.submit_button.text() == "Submit Ctrl+Enter"


def test_the_sample_form_round_trips_through_the_widgets(window, samples):
    """Every value of a valid sample can be entered and comes back as the core reads it."""
    sample = json.loads((samples / "gas-water-power-organization.json").read_text("utf-8"))
    form = window.intake.form
    form.organization.setChecked(True)
    applicant = sample["applicant"]
    form.name.setText(applicant["name"])
    form.id_number.setText(applicant["id_number"])
    form.contact_name.setText(applicant["contact_name"])
    form.phone.setText(applicant["phone"])
    assert form.data()["applicant"] == applicant


def test_typing_stays_fast_while_every_keystroke_is_checked(window):
    import time

    form = window.intake.form
    for utility in ("water", "power", "gas"):
        form.cards[utility].tick.setChecked(True)
    form.address.setFocus()
    text = "河南省三门峡市灵宝市函谷路100号食品加工厂一期东门" * 2
    started = time.perf_counter()
    type_text(text)
    per_key_ms = (time.perf_counter() - started) * 1000 / len(text)
    assert form.address.text() == text
    # A clerk types about 5 keys a second; 50 ms per key would already be felt.
    assert per_key_ms < 50, f"{per_key_ms:.1f} ms per key"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2022-05-10", "2022-05-10"),
        ("2022年5月10日", "2022-05-10"),
        ("2022/5/10", "2022-05-10"),
        ("2022.05.10", "2022-05-10"),
        ("20220510", "2022-05-10"),
        ("去年五月", "去年五月"),
    ],
)
def test_the_land_date_is_taken_as_clerks_write_it(typed, read):
    from ui.intake_form import iso_date

    assert iso_date(typed) == read


def test_a_land_date_written_the_chinese_way_is_valid(window):
    form = window.intake.form
    form.land_date.setFocus()
    type_text("2022年5月10日")
    assert form.data()["site"]["land_acquired_on"] == "2022-05-10"
    assert not [e for e in form.errors if e.field == "site.land_acquired_on"]


@pytest.mark.parametrize("service", ["capacity_change", "transfer", "repair", "disconnect"])
def test_services_on_an_existing_account_can_be_submitted(window, service):
    form = window.intake.form
    form.name.setText("李娜")
    form.id_number.setText("11010519491231002X")
    form.phone.setText("13803981234")
    form.address.setText("灵宝市五龙路8号")
    card = form.cards["water"]
    card.tick.setChecked(True)
    card.service.setCurrentIndex(card.service.findData(service))
    card.account_no.setText("SW-2019-00123")
    row = form.checklist.rows["application_form"]
    row.state.setCurrentIndex(row.state.findData("received"))
    if service == "capacity_change":  # the only one of these that asks for its details
        card.detail_editors["usage"].setCurrentIndex(1)
        card.detail_editors["diameter_dn"].setText("50")
        card.detail_editors["daily_volume_m3"].setText("30")
    form.consent.setChecked(True)
    assert form.errors == (), [(e.field, e.message) for e in form.errors]
    assert form.submit_button.isEnabled()


def test_not_needed_asks_for_its_reason_beside_the_checklist(window):
    form = window.intake.form
    form.cards["water"].tick.setChecked(True)
    walk = TabWalker()
    walk.to("material_property_proof", limit=40)
    down(2)  # 容缺 → 已收 → 不需要
    row = form.checklist.rows["property_proof"]
    assert row.state.currentText() == "不需要" and row.reason.isVisibleTo(form)
    box = form.materials_box
    assert box.error.isVisibleTo(form)
    assert "请填写不需要的原因" in box.error.text()
    assert any(e.field == "materials_waived[0].reason" for e in form.errors)
    press(Qt.Key.Key_Tab)
    assert focused() is row.reason
    type_text("同一房屋已办理供气，产权证明存档")
    assert not any(e.field.startswith("materials_waived") for e in form.errors)
    assert form.data()["materials_waived"] == [
        {"code": "property_proof", "reason": "同一房屋已办理供气，产权证明存档"}
    ]
    assert "property_proof" not in {
        m["code"] for m in form.data()["services"]["water"]["materials"]
    }
