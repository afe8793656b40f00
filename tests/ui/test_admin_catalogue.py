"""管理 → 材料目录: documents and rules edited in a structured screen, every change audited and
shown with who changed it when; the counter's checklist follows the new rules."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.intake.catalogue import VisitFacts, load_catalogue
from onewindow.store.models import AuditEvent
from tests.ui import lead_fixtures
from tests.ui.conftest import ShiftOf
from tests.ui.lead_fixtures import LeadDesk
from ui.admin_catalogue import AdminCatalogue
from ui.admin_page import AdminPage

lead_desk = lead_fixtures.lead_desk


def _page(qtbot: QtBot, shift_of: ShiftOf, desk: LeadDesk) -> AdminCatalogue:
    page = AdminCatalogue(shift_of(desk.admin))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    return page


def _choose(page: AdminCatalogue, code: str) -> None:
    for row in range(page.documents.count()):
        item = page.documents.item(row)
        if item is not None and item.data(256) == code:  # Qt.UserRole
            page.documents.setCurrentRow(row)
            return
    raise AssertionError(code)


def _save(qtbot: QtBot, page: AdminCatalogue, button=None, *, fails: bool = False) -> str:
    signal = page.failed if fails else page.message
    with qtbot.waitSignal(signal, timeout=10_000) as said:
        (button or page.save_button).click()
    return str(said.args[0])


def test_the_catalogue_is_shown_as_documents_and_rules(qtbot, shift_of, lead_desk):
    page = _page(qtbot, shift_of, lead_desk)
    assert page.documents.count() == 10
    _choose(page, "land_certificate")
    assert page.name.text() == "土地使用证明" and page.code.isReadOnly()
    assert page.may_follow.isChecked()
    assert page.rule_list.count() == 1
    assert page.rule_list.item(0).text() == "供水、供电 · 新装 · 许可证号"
    boxes = page.rule_editor.boxes
    assert boxes["utilities"]["water"].isChecked() and not boxes["utilities"]["gas"].isChecked()
    assert boxes["conditions"]["permit_no"].isChecked()
    assert "待供水、供电单位确认" in page.rule_editor.source.text()
    _choose(page, "application_form")
    assert not page.remove_button.isEnabled()


def test_a_change_is_checked_stored_audited_and_shown_with_who_and_when(
    qtbot, ui_hall, shift_of, lead_desk
):
    page = _page(qtbot, shift_of, lead_desk)
    _choose(page, "business_license")
    page.name.setText("营业执照（副本）")
    # The gas company asks for the licence too, says the gas company's letter.
    page.rule_editor.boxes["utilities"]["gas"].setChecked(True)
    page.rule_editor.source.setText("燃气公司2026年11月函")
    assert page.rule_list.item(0).text() == "供水、供电、供气 · 单位"
    said = _save(qtbot, page)
    assert said == "材料目录已保存：营业执照（副本）。新受理的申请按新目录核对"
    assert page.changes.rowCount() == 1
    cells = [page.changes.index(0, col).data() for col in range(5)]
    assert cells[1:] == ["管理员", "营业执照（副本）（business_license）", "修改", "名称、规则"]
    assert cells[0].startswith("2026年11月27日")
    with ui_hall.sessions() as session:
        catalogue = load_catalogue(session)
        facts = VisitFacts("organization", {"gas": "new_connection"})
        assert catalogue.required(facts) == {
            "application_form": ("gas",),
            "business_license": ("gas",),
        }
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings.materials_catalogue")
        ).one()
        assert event.actor == "admin"
        assert event.details["from"] is None
        assert event.details["to"]["materials"]["business_license"]["name"] == "营业执照（副本）"

    # A rule without a source is refused with the key named, and nothing is stored.
    page.rule_editor.source.setText("")
    said = _save(qtbot, page, fails=True)
    assert "rules[0].source" in said and "已保存" not in said
    fresh = _page(qtbot, shift_of, lead_desk)
    _choose(fresh, "business_license")
    assert fresh.rule_editor.source.text() == "燃气公司2026年11月函"
    assert fresh.changes.rowCount() == 1


def test_a_new_document_and_its_removal(qtbot, ui_hall, shift_of, lead_desk):
    page = _page(qtbot, shift_of, lead_desk)
    page.new_button.click()
    assert page.code.text() == "" and not page.code.isReadOnly()
    page.code.setText("fire_plan")
    page.name.setText("消防设计审查意见")
    page.why.setText("消防用水须经消防设计审查")
    page.add_rule_button.click()
    boxes = page.rule_editor.boxes
    boxes["utilities"]["power"].setChecked(False)
    boxes["services"]["new_connection"].setChecked(True)
    page.rule_editor.source.setText("营业厅惯例，待供水单位确认")
    assert "已保存" in _save(qtbot, page)
    assert page.documents.count() == 11 and page.code.text() == "fire_plan"
    with ui_hall.sessions() as session:
        facts = VisitFacts("person", {"water": "new_connection"})
        assert load_catalogue(session).required(facts)["fire_plan"] == ("water",)
    said = _save(qtbot, page, page.remove_button)
    assert said == "已从材料目录删除：fire_plan"
    assert page.documents.count() == 10
    assert [page.changes.index(r, 3).data() for r in range(2)] == ["删除", "新增"]


def test_the_admin_page_has_the_catalogue_tab(qtbot, shift_of, lead_desk):
    page = AdminPage(shift_of(lead_desk.admin))
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "材料目录" in titles and "收费清单" in titles
    with qtbot.waitSignal(page.catalogue.loaded, timeout=10_000):
        page.tabs.setCurrentWidget(page.catalogue)
