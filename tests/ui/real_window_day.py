"""A clerk's day in a real window (scenarios/clerk-day.md), run by tests/ui/test_clerk_day.py
under Xvfb with a window manager; not collected on its own (it needs that display).

The client runs in this process as `make run` starts it (ui.app.Counter, training mode), so
every step can be checked on the widgets, while the input comes through the X server from
xdotool as a person's would — Chinese included (tests/ui/x_input.py). Each step leaves a
screenshot of the whole screen in $CLERK_DAY_SHOTS. Any unexpected error logged, any
"出现意外错误", any clipped or squashed widget in the real window fails the day. Papers are
printed through Qt's own print dialog to a PDF file (pdfinfo: pages and paper size; the
printed pages are pictures of the core's PDF, so their words are read with pdftotext from
the previewed PDF, the very bytes that print) and every copy is checked in the print log.

Walked in Chinese: steps 1–14 — every ticket action (更正后重新发送 of a delivery the trainer
had refused, 补交材料, 补打回执, 撤销 refused, 已知悉), the lead's reassignment seen in the
clerk's 待办 in a second client, the report's PDF read back, the administrator's catalogue
change, 测试连接 of a stopped utility, next year's holidays from a CSV of ranges, the audit
view's words. In English (step 15): steps 1, 2, 4, 5 and 6.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.exchange import outbox
from onewindow.exchange.client import UtilityClient
from onewindow.store.models import OutboxMessage, PrintRecord, Ticket
from onewindow.tickets.queries import ACKNOWLEDGE, CANCEL, RECORD_MATERIAL, REPRINT, RESEND
from tests.ui.test_layout import clipped, settle
from tests.ui.x_input import Keymap
from ui import i18n
from ui.app import Counter, application
from ui.intake_form import IntakeForm
from ui.main_window import MainWindow
from ui.reassign_dialog import ReassignDialog
from ui.status_names import status_name

SHOTS = Path(os.environ.get("CLERK_DAY_SHOTS", "."))
UNEXPECTED = "出现意外错误"

# The company of scenarios/clerk-day.md step 2 (a construction project, permit given, land
# acquired 2022), as tests/samples/gas-water-power-organization.json has it.
COMPANY = "灵宝市函谷食品有限公司"
USCC = "91411282MA9ABCDEF9"
WRONG_USCC = "91411282MA9ABCDEF8"
CONTACT = "王敏"
PHONE = "13803981234"
ADDRESS = "河南省三门峡市灵宝市函谷路100号"
PROJECT = "食品加工厂一期"
PERMIT = "411282202611270101"
LAND_DATE = "2022-05-10"
# The address as corrected when the utility asks for the house number (更正后重新发送).
CORRECTED_ADDRESS = "河南省三门峡市灵宝市函谷路100号3号楼"


class Day:
    def __init__(self, qtbot: QtBot, language: str, papers: Path) -> None:
        self.qtbot = qtbot
        self.language = language
        self.papers = papers
        self.step = 0
        self.keymap = Keymap()
        self.timers: list[QTimer] = []

    # Input, as a person gives it.

    def key(self, *keys: str, pause: int = 300) -> None:
        subprocess.run(["xdotool", "key", "--clearmodifiers", "--delay", "60", *keys], check=True)
        self.qtbot.wait(pause)

    def type(self, text: str) -> None:
        # Short chunks: a long string typed in one go can drop characters (platform-notes.md).
        # Chinese: its characters put on spare keys first (x_input.py), the keymap read by Qt.
        # "--": a chunk may begin with "-" (a path such as …/en-receipt.pdf), not an option.
        for start in range(0, len(text), 6):
            chunk = text[start : start + 6]
            wide = {c for c in chunk if not c.isascii()}
            if wide - self.keymap.bound.keys():
                self.keymap.bind(wide)
                self.qtbot.wait(150)
            subprocess.run(["xdotool", "type", "--delay", "40", "--", chunk], check=True)
            self.qtbot.wait(50)
        self.qtbot.wait(250)

    def retype(self, text: str) -> None:
        """Replace what the field with the focus holds."""
        self.key("ctrl+a", pause=100)
        self.type(text)

    def tab_to(self, widget: QWidget | str, limit: int = 12, back: bool = False) -> None:
        """Tab (or Shift+Tab) until `widget` (or the widget of this object name: a pane that
        is rebuilt as the ticket changes) has the focus, as a clerk watching the screen."""

        def there() -> bool:
            if isinstance(widget, QWidget):
                return widget.hasFocus()
            focus = QApplication.focusWidget()
            return focus is not None and focus.objectName() == widget

        passed = []
        for _ in range(limit):
            if there():
                return
            self.key("shift+Tab" if back else "Tab", pause=120)
            focus = QApplication.focusWidget()
            passed.append(focus.objectName() or type(focus).__name__ if focus else None)
        assert there(), (widget, passed)

    def click(self, widget: QWidget) -> None:
        centre = widget.mapToGlobal(widget.rect().center())
        subprocess.run(
            ["xdotool", "mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1"],
            check=True,
        )
        self.qtbot.wait(300)

    # What the clerk sees.

    def shot(self, name: str, window: QWidget) -> None:
        self.step += 1
        settle()
        self.qtbot.wait(200)
        subprocess.run(
            [
                "import",
                "-window",
                "root",
                str(SHOTS / f"{self.language}-{self.step:02d}-{name}.png"),
            ],
            check=True,
        )
        assert clipped(window) == [], name
        # The whole window on the screen: nothing pushed below its foot.
        screen = window.screen().availableGeometry()
        assert screen.contains(window.frameGeometry()), (name, window.frameGeometry(), screen)
        shown = window.findChildren(QWidget)
        texts = " ".join(w.text() for w in shown if isinstance(w, QLabel | QAbstractButton))
        assert UNEXPECTED not in texts, name

    def answer(self, kind: type[QWidget], handle: Callable[[Any], None]) -> list[Any]:
        """Answer the next modal dialog (or popup menu) of this kind with `handle(dialog)`,
        from inside its own event loop (the code that opened it waits in exec()). Returns a
        list that receives True, or the exception `handle` raised (the dialog is then
        closed)."""
        outcome: list[Any] = []
        timer = QTimer()
        timer.setInterval(100)

        def poll() -> None:
            dialog = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if not isinstance(dialog, kind) or not dialog.isVisible():
                return
            timer.stop()
            try:
                self.qtbot.waitUntil(dialog.isActiveWindow, timeout=10_000)
                handle(dialog)
            except Exception as exc:  # reported by answered(), in the test's own frame
                outcome.append(exc)
                dialog.close()
            else:
                outcome.append(True)

        timer.timeout.connect(poll)
        timer.start()
        self.timers.append(timer)
        return outcome

    def answered(self, outcome: list[Any], timeout: int = 20_000) -> None:
        self.qtbot.waitUntil(lambda: bool(outcome), timeout=timeout)
        if isinstance(outcome[0], Exception):
            raise outcome[0]

    def print_to_pdf(self, name: str, title: str, keys: str) -> Path:
        """Press `keys`; Qt's print dialog (no printer here: it prints to a PDF file), titled
        with what it prints, gets the file name typed and Enter; the file is read back."""
        target = self.papers / f"{self.language}-{name}.pdf"

        def fill(dialog: QPrintDialog) -> None:
            assert dialog.windowTitle() == title, (dialog.windowTitle(), title)
            file_name = next(
                e for e in dialog.findChildren(QLineEdit) if e.objectName() == "filename"
            )
            self.tab_to(file_name, limit=10)
            self.retype(str(target))
            self.shot(f"print-{name}", dialog)
            self.key("Return")

        outcome = self.answer(QPrintDialog, fill)
        self.key(keys)
        self.answered(outcome)
        self.qtbot.waitUntil(lambda: target.exists() and pdf_pages(target) > 0, timeout=20_000)
        return target


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def pdf_pages(path: Path) -> int:
    return int(pdf_info(path).get("Pages", "0"))


def pdf_text(data: bytes, tmp: Path) -> str:
    path = tmp / "preview.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return out.stdout


def shown_error(form: IntakeForm, path: str) -> str:
    box = form.fields[path]
    return box.error.text() if box.error.isVisible() else ""


def choose(day: Day, combo: QComboBox, code: str) -> None:
    """Arrow keys on a closed combo box until it shows this item (as the clerk reads it)."""
    target = combo.findData(code)
    assert target >= 0, (combo.objectName(), code)
    while combo.currentIndex() != target:
        day.key("Down" if combo.currentIndex() < target else "Up", pause=100)
    assert combo.currentData() == code


def fill_the_form(day: Day, window: MainWindow, english: bool) -> None:
    """Step 2: 单位 from the keyboard, every field with Tab, three errors beside their fields
    on the way and fixed; step 3: the checklist."""
    qtbot = day.qtbot
    day.key("ctrl+n")
    form = window.intake.form
    qtbot.waitUntil(form.name.hasFocus, timeout=5000)
    day.key("shift+Tab")
    assert form.person.hasFocus(), QApplication.focusWidget()
    day.key("Right")
    assert form.organization.isChecked()
    assert window.tabs.currentWidget() is window.intake
    day.tab_to(form.name)
    day.type(COMPANY)
    assert form.name.text() == COMPANY
    day.tab_to(form.id_number)
    assert form.id_type.currentData() == "uscc"
    # A wrong check character: the error is beside the field when the clerk leaves it.
    day.type(WRONG_USCC)
    day.key("Tab")
    error = shown_error(form, "applicant.id_number")
    assert ("check character" if english else "校验位") in error, error
    assert form.contact_name.hasFocus()
    day.type(CONTACT)
    day.key("Tab")
    # Seven digits for a phone.
    day.type(PHONE[-7:])
    day.key("Tab")
    assert form.by_agent.hasFocus()
    phone_error = shown_error(form, "applicant.phone")
    assert phone_error, "no error beside a 7-digit phone"
    day.tab_to(form.address)
    # The address left empty.
    day.key("Tab")
    address_error = shown_error(form, "site.address")
    assert address_error, "no error beside an empty address"
    day.shot("form-errors", window)
    # Back to each, fixed: the errors go.
    day.key("shift+Tab")
    assert form.address.hasFocus()
    day.type(ADDRESS)
    day.tab_to(form.phone, back=True)
    day.retype(PHONE)
    day.tab_to(form.id_number, back=True)
    day.retype(USCC)
    day.key("Tab")
    for path in ("applicant.id_number", "applicant.phone", "site.address"):
        assert shown_error(form, path) == "", (path, shown_error(form, path))
    assert form.address.text() == ADDRESS and form.contact_name.text() == CONTACT
    day.tab_to(form.project_name)
    day.type(PROJECT)
    day.key("Tab")
    day.type(PERMIT)
    day.key("Tab")
    day.type(LAND_DATE)
    day.key("Tab")
    # Water, power, gas: each card ticked with the space bar, its details by keyboard.
    values: dict[str, list[tuple[str, str]]] = {
        "water": [("usage", "non_residential"), ("diameter_dn", "50"), ("daily_volume_m3", "30")],
        "power": [("usage", "industrial"), ("capacity_kw", "160"), ("voltage", "380V")],
        "gas": [("usage", "industrial"), ("monthly_volume_m3", "1200")],
    }
    for utility, details in values.items():
        card = form.cards[utility]
        day.tab_to(card.tick)
        day.key("space")
        assert card.ticked
        day.key("Tab")
        assert card.service.hasFocus() and card.service_code == "new_connection"
        for key, value in details:
            editor = card.detail_editors[key]
            day.tab_to(editor, limit=4)
            if isinstance(editor, QComboBox):
                choose(day, editor, value)
            else:
                day.type(value)
    day.shot("form-three-utilities", window)
    walk_the_checklist(day, form, english)
    assert [e.field for e in form.errors] == ["consent"], form.errors


def walk_the_checklist(day: Day, form: IntakeForm, english: bool) -> None:
    """Step 3: one row per document; the gas card asks for the application form only and no
    authorization letter; 报装申请表 and 营业执照 ticked 已收, 产权证明 不需要 with a reason."""
    rows = form.checklist.rows
    assert "authorization_letter" not in rows
    assert list(rows)[:3] == ["application_form", "business_license", "property_proof"]
    gas = "Gas" if english else "供气"
    assert gas in rows["application_form"].utilities.text()
    for code, row in rows.items():
        assert (gas in row.utilities.text()) == (code == "application_form"), code
    for code, state in (
        ("application_form", "received"),
        ("business_license", "received"),
        ("property_proof", "waived"),
    ):
        row = rows[code]
        day.tab_to(row.state, limit=8)
        choose(day, row.state, state)
    day.key("Tab")
    reason = rows["property_proof"].reason
    assert reason.hasFocus()
    day.type("Leased site" if english else "租用厂房，产权人另行办理")
    assert reason.text()
    day.shot("checklist", form.window())


def submit_and_print(day: Day, window: MainWindow, english: bool) -> str:
    """Step 4: Ctrl+Enter without consent → the consent box; space, Ctrl+Enter → the result;
    Ctrl+P to a PDF; then the notice through its own dialog."""
    qtbot = day.qtbot
    form = window.intake.form
    day.key("ctrl+Return")
    assert form.consent.hasFocus(), QApplication.focusWidget()
    assert window.intake.stack.currentWidget() is form
    day.key("space")
    assert form.consent.isChecked() and form.valid
    with qtbot.waitSignal(window.intake.submitted, timeout=30_000) as submitted:
        day.key("ctrl+Return")
    number = submitted.args[0].application_no
    result = window.intake.result
    qtbot.waitUntil(lambda: result.receipt_bytes is not None, timeout=30_000)
    assert result.number.text() == number
    dates = [w.accessibleName() for w in result.findChildren(QLabel, "committedDate")]
    assert len(dates) == 3, dates
    assert all(re.search(r"\d{4}", d) for d in dates), dates
    receipt = pdf_text(result.receipt_bytes, day.papers)
    assert number in receipt, receipt[:400]
    day.shot("visit-result", window)
    # Ctrl+P: on A4 the receipt and the notice go in one job, through one dialog saying so.
    both = (
        "Print acceptance receipt and notice of missing materials (A4)"
        if english
        else "打印受理回执和一次性告知书（A4）"
    )
    printed = day.print_to_pdf("receipt", both, "ctrl+p")
    info = pdf_info(printed)
    assert info["Pages"] == "2" and info["Page size"].endswith("(A4)"), info
    qtbot.waitUntil(lambda: "2" in result.status.text(), timeout=10_000)
    # The notice alone, from its own button: a dialog that says what it prints.
    assert result.notice_button.isVisible()
    day.tab_to(result.notice_button, limit=4)
    notice_title = "Print notice of missing materials (A4)" if english else "打印一次性告知书（A4）"
    notice = day.print_to_pdf("notice", notice_title, "space")
    info = pdf_info(notice)
    assert info["Pages"] == "1" and info["Page size"].endswith("(A4)"), info
    # What is still to follow is what the notice lists: not the documents handed over.
    notice_text = pdf_text(result.notice_bytes, day.papers)
    assert "营业执照" not in notice_text and "土地使用证明" in notice_text, notice_text[:600]
    with window.shift.hall.unit() as (session, _ctx):
        copies = session.scalars(select(PrintRecord).order_by(PrintRecord.id)).all()
        assert [(c.kind, c.reprint_no) for c in copies] == [
            ("receipt", 0),
            ("notice", 0),
            ("notice", 1),
        ]
    day.shot("printed", window)
    # 5. The application form for the applicant's signature; the applicant's rating.
    form_title = "Print application form (A4)" if english else "打印报装申请表（A4）"
    day.tab_to(result.form_button, limit=4)
    signed = day.print_to_pdf("application-form", form_title, "space")
    assert pdf_info(signed)["Page size"].endswith("(A4)")
    day.tab_to(result.rating_buttons[1], limit=8)
    for _ in range(4):
        day.key("Right", pause=120)
    assert result.rating_buttons[5].hasFocus(), QApplication.focusWidget()
    if not result.rating_buttons[5].isChecked():
        day.key("space")
    assert result.rating_buttons[5].isChecked()
    day.tab_to(result.rate_button, limit=4)
    day.key("space")
    qtbot.waitUntil(lambda: not result.comment.isEnabled(), timeout=10_000)
    assert "5" in result.rating_status.text()
    day.shot("rated", window)
    return number


def find_tickets(day: Day, window: MainWindow, number: str) -> Any:
    """Step 6: 工单 shows the new application untouched; search by its last four digits."""
    qtbot = day.qtbot
    day.key("ctrl+Tab")
    tickets = window.pages["tickets"]
    assert window.tabs.currentWidget() is tickets
    model = tickets.model

    def listed() -> bool:
        rows = (model.row_at(r) for r in range(min(model.rowCount(), 50)))
        return any(row is not None and row.application_no == number for row in rows)

    qtbot.waitUntil(listed, timeout=20_000)
    day.shot("tickets", window)
    tickets.search.setFocus()
    day.type(number[-4:])
    day.key("Return")
    qtbot.waitUntil(lambda: model.rowCount() >= 1 and not model.loading, timeout=10_000)
    assert all(
        model.index(r, 0).data().endswith(number[-4:]) or model.index(r, 0).data() == "…"
        for r in range(model.rowCount())
    )
    assert tickets.browser.table.hasFocus()
    day.shot("search-digits", window)
    return tickets


def select_row(day: Day, tickets: Any, number: str, utility: str) -> None:
    """Arrow keys in the list to this application's ticket of `utility`; its detail shows."""
    browser = tickets.browser
    model = tickets.model
    for _ in range(model.rowCount() + 1):
        row = model.row_at(browser.table.currentIndex().row())
        if row is not None and row.application_no == number and row.utility == utility:
            break
        day.key("Down", pause=150)
    ticket_id = browser.selected_ticket()
    day.qtbot.waitUntil(
        lambda: browser.detail.detail is not None and browser.detail.detail.ticket_id == ticket_id,
        timeout=10_000,
    )
    assert browser.detail.detail.utility == utility


def ticket_actions(day: Day, window: MainWindow, tickets: Any, number: str, english: bool) -> None:
    """Steps 6–9: the water ticket's detail, 补交材料, 补打回执; the power ticket cancelled."""
    qtbot = day.qtbot
    browser = tickets.browser
    pane = browser.detail
    select_row(day, tickets, number, "water")
    detail = pane.detail
    assert detail.application_no == number and pane.clock_texts(detail)
    assert any(not m.received for m in detail.materials)
    # What came with the application is received, not 补交 (late).
    assert "☑ 营业执照" in pane_texts(pane), pane_texts(pane)
    day.shot("water-ticket", window)
    # 7. 补交材料: the dialog by keyboard; the late-materials receipt (and the notice: more is
    # still to follow) print as one job.
    day.tab_to(f"action_{RECORD_MATERIAL}", limit=30)
    brought: list[str] = []

    def tick_one(dialog: QDialog) -> None:
        boxes = dialog.findChildren(QCheckBox)
        assert boxes and boxes[0].hasFocus(), QApplication.focusWidget()
        day.key("space")
        brought.append(boxes[0].text())
        day.shot("late-materials", dialog)
        day.key("ctrl+Return")

    title = "Print the late-materials receipt" if english else "打印补交材料回执"
    outcome = day.answer(QDialog, tick_one)
    late = day.print_to_pdf("late-materials", title, "space")
    day.answered(outcome)
    assert pdf_pages(late) == 2
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.buttons[REPRINT].isEnabled(), timeout=10_000
    )
    assert any(m.received and m.name == brought[0] for m in pane.detail.materials), brought
    qtbot.waitUntil(
        lambda: any(t.startswith(f"☑ {brought[0]}（") for t in pane_texts(pane)), timeout=10_000
    )
    assert any(t.endswith("补交）") for t in pane_texts(pane) if brought[0] in t)
    # 8. 补打回执: a copy marked 补打（第1次）, printed now.
    before = time.time()
    day.tab_to(f"action_{REPRINT}", limit=30)
    receipt_title = "Print acceptance receipt (A4)" if english else "打印受理回执（A4）"
    reprinted = day.print_to_pdf("reprint", receipt_title, "space")
    # The receipt alone: one A4 page.
    info = pdf_info(reprinted)
    assert info["Pages"] == "1" and info["Page size"].endswith("(A4)"), info
    with window.shift.hall.unit() as (session, _ctx):
        last = session.scalars(
            select(PrintRecord).where(PrintRecord.kind == "receipt").order_by(PrintRecord.id)
        ).all()[-1]
        assert last.reprint_no == 1
        assert abs(last.printed_at.timestamp() - before) < 60
    day.shot("reprinted", window)
    # 9. Cancel the power ticket, by keyboard: the list says 撤销中, not 已撤销. The trainer
    # has the utility refuse it (培训场景): the ticket then needs attention until acknowledged.
    browser.table.setFocus()
    qtbot.waitUntil(lambda: power_sent(window, number), timeout=90_000)
    select_row(day, tickets, number, "power")
    scenario(day, "refuse_cancel")
    waiting = todo_count(window)
    day.tab_to(f"action_{CANCEL}", limit=30)

    def give_reason(dialog: QDialog) -> None:
        reason = dialog.findChild(QPlainTextEdit, "cancelReason")
        assert reason.hasFocus()
        day.type("Not needed" if english else "申请人暂不需要用电")
        day.shot("cancel-dialog", dialog)
        day.key("ctrl+Return")

    outcome = day.answer(QDialog, give_reason)
    day.key("space")
    day.answered(outcome)
    cancelling = status_name("cancel_requested")

    def power_row() -> Any:
        return ticket_row(tickets, number, "power")

    qtbot.waitUntil(lambda: power_row()[1] == cancelling, timeout=10_000)
    assert power_row()[0].status == "cancel_requested"
    day.shot("cancel-requested", window)
    # The utility refuses: 需处理 in the footer, 待办 counts it, the 需处理 chip lists it.
    footer = window.findChild(QPushButton, "deliveryCount")
    qtbot.waitUntil(lambda: footer.text().startswith("需处理 1"), timeout=90_000)
    qtbot.waitUntil(lambda: power_row()[1] not in (None, cancelling), timeout=20_000)
    qtbot.waitUntil(lambda: todo_count(window) == waiting + 1, timeout=20_000)
    assert power_row()[0].ticket_id == pane.detail.ticket_id
    qtbot.waitUntil(lambda: f"action_{ACKNOWLEDGE}" in visible_buttons(pane), timeout=20_000)
    box = pane.findChild(QGroupBox, "attentionBox")
    assert box is not None and box.isVisible()
    said = [label.text() for label in box.findChildren(QLabel)]
    # The utility's sentence, no internal field code before it ("status：…").
    assert said and not any(re.match(r"[A-Za-z_.]+：", t) for t in said), said
    day.shot("cancel-refused", window)
    day.click(tickets.attention)
    qtbot.waitUntil(
        lambda: tickets.attention.isChecked() and not tickets.model.loading, timeout=10_000
    )
    qtbot.waitUntil(
        lambda: power_row()[0] is not None and tickets.model.rowCount() == 1, timeout=10_000
    )
    day.shot("needs-attention-chip", window)
    day.click(tickets.attention)
    qtbot.waitUntil(lambda: not tickets.attention.isChecked(), timeout=5000)
    # Acknowledged: no longer needing attention anywhere.
    select_row(day, tickets, number, "power")
    day.tab_to(f"action_{ACKNOWLEDGE}", limit=30)
    day.key("space")
    qtbot.waitUntil(lambda: footer.text() == "没有需处理或延迟的工单", timeout=20_000)
    qtbot.waitUntil(lambda: todo_count(window) == waiting, timeout=20_000)
    assert f"action_{ACKNOWLEDGE}" not in visible_buttons(pane)
    day.shot("acknowledged", window)


def correct_and_resend(day: Day, window: MainWindow, tickets: Any, number: str) -> None:
    """Step 6, 更正后重新发送: gas was stopped before the submit, so the gas ticket is not
    delivered yet. The trainer has its delivery refused as invalid (培训场景 退回补正) and
    starts gas again; the ticket needs attention with the utility's word beside 地址; the clerk
    corrects the address by keyboard and re-sends it: 已受理 with the utility's number, created
    at the utility exactly once, with the corrected address."""
    qtbot = day.qtbot
    pane = tickets.browser.detail
    footer = window.findChild(QPushButton, "deliveryCount")
    select_row(day, tickets, number, "gas")
    ticket_id = pane.detail.ticket_id
    assert pane.detail.utility_ticket_no is None, pane.detail
    scenario(day, "returned")
    utility_down(day, window, "gas", False, "training-gas-up")
    qtbot.waitUntil(lambda: footer.text().startswith("需处理 1"), timeout=90_000)
    # 更正后重新发送 is always shown, and offered (enabled) only for a refused delivery.
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.buttons[RESEND].isEnabled(), timeout=20_000
    )
    assert pane.detail.ticket_id == ticket_id
    assert ticket_row(tickets, number, "gas")[0].status == "needs_attention"
    box = pane.findChild(QGroupBox, "attentionBox")
    assert box is not None and box.isVisible()
    assert any("门牌号" in label.text() for label in box.findChildren(QLabel))
    day.shot("delivery-refused", window)
    day.tab_to(f"action_{RESEND}", limit=30)

    def correct(dialog: QDialog) -> None:
        address = dialog.findChild(QLineEdit, "correct_site.address")
        assert address is not None and address.hasFocus(), QApplication.focusWidget()
        assert address.text() == ADDRESS
        day.retype(CORRECTED_ADDRESS)
        assert address.text() == CORRECTED_ADDRESS
        day.shot("resend-dialog", dialog)
        day.key("ctrl+Return")

    outcome = day.answer(QDialog, correct)
    day.key("space")
    day.answered(outcome)
    accepted = status_name("accepted")
    qtbot.waitUntil(lambda: ticket_row(tickets, number, "gas")[1] == accepted, timeout=60_000)
    qtbot.waitUntil(lambda: footer.text() == "没有需处理或延迟的工单", timeout=20_000)
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.detail.utility_ticket_no is not None,
        timeout=20_000,
    )
    assert not pane.buttons[RESEND].isEnabled()
    assert any(CORRECTED_ADDRESS in t for t in pane_texts(pane)), pane_texts(pane)
    hall = window.shift.hall
    with hall.unit() as (session, _ctx):
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.status == "accepted" and ticket.utility_ticket_no
        sent = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.ticket_id == ticket_id, OutboxMessage.kind == outbox.DELIVER)
            .order_by(OutboxMessage.id)
        ).all()
        keys = [m.idempotency_key for m in sent]
        assert sent[-1].state == outbox.DONE, [(m.state, m.last_error_code) for m in sent]
        assert CORRECTED_ADDRESS in sent[-1].body.decode()
    # The utility's own count: the ticket created once, under the last key only.
    client = UtilityClient(hall.config.utilities["gas"])
    try:
        stats = client.control("stats")
    finally:
        client.close()
    created = (stats.body or {})["created"]
    assert [created.get(key, 0) for key in keys] == [0] * (len(keys) - 1) + [1], (keys, created)
    day.shot("resent", window)
    # Back to the list's first row, where the water ticket's actions begin.
    tickets.browser.table.setFocus()
    day.key("ctrl+Home")


def todo_count(window: MainWindow) -> int:
    """The count in the 待办 tab's title (none shown: 0)."""
    title = window.tabs.tabText(window.tabs.indexOf(window.pages["todo"]))
    digits = re.findall(r"\d+", title)
    return int(digits[0]) if digits else 0


def visible_buttons(pane: QWidget) -> set[str]:
    return {b.objectName() for b in pane.findChildren(QAbstractButton) if b.isVisible()}


def scenario(day: Day, name: str) -> None:
    """培训场景 of the ticket shown, from the keyboard: its menu, arrows to the item, Enter."""
    day.tab_to("trainingScenarios", limit=30)

    def pick(menu: QMenu) -> None:
        for _ in range(8):
            active = menu.activeAction()
            if active is not None and active.objectName() == f"scenario_{name}":
                break
            day.key("Down", pause=120)
        day.shot(f"scenario-{name}", menu.window())
        day.key("Return")

    outcome = day.answer(QMenu, pick)
    day.key("space")
    day.answered(outcome)


def utility_down(day: Day, window: MainWindow, utility: str, down: bool, shot: str) -> None:
    """培训设置 from the keyboard (Ctrl+Shift+T): the trainer stops a simulated utility, or
    starts it again (the item is a tick)."""
    name = f"utility_down_{utility}"

    def pick(menu: QMenu) -> None:
        for _ in range(12):
            active = menu.activeAction()
            if active is not None and active.objectName() == name:
                break
            day.key("Down", pause=120)
        day.shot(shot, menu.window())
        day.key("Return")

    outcome = day.answer(QMenu, pick)
    day.key("ctrl+shift+t")
    day.answered(outcome)
    day.qtbot.waitUntil(lambda: not window.shift.tasks.busy, timeout=10_000)
    action = window.findChild(QAction, name)
    assert action is not None and action.isChecked() == down


def ticket_row(tickets: Any, number: str, utility: str) -> tuple[Any, Any]:
    """This application's ticket of `utility` in the list, and the status the list shows."""
    model = tickets.model
    for r in range(model.rowCount()):
        row = model.row_at(r)
        if row is not None and row.application_no == number and row.utility == utility:
            return row, model.index(r, model.STATUS).data()
    return None, None


def pane_texts(pane: QWidget) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel) if label.isVisible()]


def power_sent(window: MainWindow, number: str) -> bool:
    """The utility has the power ticket (a cancel must then be asked of it)."""
    with window.shift.hall.unit() as (session, _ctx):
        tickets = session.scalars(select(Ticket).where(Ticket.utility == "power")).all()
        return any(t.utility_ticket_no for t in tickets if t.application.application_no == number)


@pytest.fixture
def day_client(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], Counter]]:
    monkeypatch.delenv("ONEWINDOW_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    made: list[Counter] = []

    def make() -> Counter:
        # The application (and its language) as the client starts: after the test set it.
        app = application([])
        settings = QSettings(
            str(tmp_path / f"workstation-{len(made)}.ini"), QSettings.Format.IniFormat
        )
        counter = Counter(app, None, settings)
        made.append(counter)
        return counter

    try:
        yield make
    finally:
        for counter in reversed(made):
            counter.shutdown()
        if made:
            i18n.install(made[0].app, i18n.ZH)


@pytest.mark.parametrize("language", [i18n.ZH, i18n.EN])
def test_a_clerks_day(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    day_client: Callable[[], Counter],
    language: str,
) -> None:
    monkeypatch.setenv("ONEWINDOW_LANG", language)
    english = language == i18n.EN
    papers = tmp_path / "papers"
    papers.mkdir()
    day = Day(qtbot, language, papers)
    request.addfinalizer(day.keymap.close)
    counter = day_client()

    def signed_in() -> bool:
        return counter.window is not None and counter.window.isVisible()

    def back_at_sign_in() -> bool:
        return counter.window is None and counter.sign_in.isVisible()

    def sign_in_as(account: str) -> MainWindow:
        sign_in = counter.sign_in
        qtbot.waitUntil(sign_in.isActiveWindow, timeout=10_000)
        day.type(account)
        day.key("Tab")
        day.type("training")
        day.key("Return")
        qtbot.waitUntil(signed_in, timeout=30_000)
        window = counter.window
        assert window is not None and window.shift.user.username == account
        qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
        return window

    # 1. The sign-in window at once; the database opens behind it.
    counter.start()
    sign_in = counter.sign_in
    qtbot.waitUntil(lambda: sign_in.hall is not None, timeout=60_000)
    qtbot.waitUntil(sign_in.isActiveWindow, timeout=10_000)
    day.shot("sign-in", sign_in)
    # A wrong password once: one message, the cursor back in the password field.
    day.type("trainee")
    day.key("Tab")
    day.type("wrong-one")
    day.key("Return")
    qtbot.waitUntil(lambda: bool(sign_in.message.text()) and not sign_in._busy, timeout=10_000)
    assert sign_in.password.hasFocus() and sign_in.password.text() == ""
    day.shot("wrong-password", sign_in)
    day.type("training")
    day.key("Return")
    qtbot.waitUntil(signed_in, timeout=30_000)
    window = counter.window
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    # 2–3. The three-utility form by keyboard, errors on the way; the checklist.
    fill_the_form(day, window, english)
    if not english:
        # The trainer stops gas: its ticket waits undelivered, for 更正后重新发送 in step 6.
        utility_down(day, window, "gas", True, "training-gas-down-morning")
    # 4. Consent, submit, print.
    number = submit_and_print(day, window, english)
    # 6. 工单 and the search by the last four digits.
    tickets = find_tickets(day, window, number)
    if english:
        clean_log(tmp_path)
        return  # step 15: the evening walks steps 1, 2, 4 and 6 again in English
    # 6–9. The ticket actions: 更正后重新发送 of the gas ticket, then the water and power ones.
    correct_and_resend(day, window, tickets, number)
    ticket_actions(day, window, tickets, number, english)
    # 10. Ctrl+L: locked by the clerk; unlock; then 注销 back to the sign-in window.
    day.key("ctrl+l")
    assert window.locked
    assert "锁定了工作站" in window.lock_screen.who.text()
    day.shot("locked", window)
    day.type("training")
    day.key("Return")
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    day.key("ctrl+shift+l")
    qtbot.waitUntil(back_at_sign_in, timeout=10_000)
    day.shot("signed-out", counter.sign_in)
    # 11–14. The lead, then the administrator, at the same desk without a restart: every
    # page of theirs turned to by keyboard, each checked in the real window.
    # Meanwhile the clerk works on in a second client (another counter), its screen put aside
    # (minimised) here: it sees the lead's reassignment (11) and the administrator's
    # disabling (13) without a restart.
    clerk = second_client(day, day_client)
    minimise(day, clerk.window)
    activate(day, counter.sign_in)
    for account in ("lead", "admin"):
        window = sign_in_as(account)
        for _ in range(window.tabs.count()):
            shown = window.tabs.currentWidget()
            key = next(k for k, w in window.pages.items() if w is shown)
            qtbot.waitUntil(lambda w=window: not w.shift.tasks.busy, timeout=20_000)
            day.shot(f"{account}-{key}", window)
            day.key("ctrl+Tab")
        if account == "lead":
            make_overdue(day, window, number)
            reassign_overdue(day, window, number, clerk)
            export_the_report(day, window)
            audit_in_words(day, window)
        if account == "admin":
            disable_the_clerk(day, window, clerk)
            administer(day, window)
        day.key("ctrl+shift+l")
        qtbot.waitUntil(back_at_sign_in, timeout=10_000)
    clean_log(tmp_path)


def clean_log(tmp_path: Path) -> None:
    """The client's own log (unexpected errors go there): nothing in it."""
    logs = list((tmp_path / "data").rglob("*.log"))
    assert logs, "the client keeps no log"
    for log in logs:
        text = log.read_text("utf-8", errors="replace")
        assert "Traceback" not in text and UNEXPECTED not in text, text[-3000:]


def turn_to(day: Day, window: MainWindow, key: str) -> Any:
    """Ctrl+Tab until this page shows."""
    page = window.pages[key]
    for _ in range(window.tabs.count()):
        if window.tabs.currentWidget() is page:
            break
        day.key("ctrl+Tab")
    assert window.tabs.currentWidget() is page
    return page


def make_overdue(day: Day, window: MainWindow, number: str) -> None:
    """Step 11: the lead finds the water ticket (Ctrl+F, the last four digits), makes it
    overdue with the training scenario; 统计 shows the overdue notice."""
    qtbot = day.qtbot
    tickets = turn_to(day, window, "tickets")
    day.key("ctrl+f")
    assert tickets.search.hasFocus()
    day.type(number[-4:])
    day.key("Return")
    qtbot.waitUntil(
        lambda: tickets.browser.table.hasFocus() and tickets.model.rowCount() >= 3,
        timeout=10_000,
    )
    select_row(day, tickets, number, "water")
    scenario(day, "overdue")

    def overdue() -> bool:
        shown = tickets.browser.detail.detail
        return shown is not None and shown.utility == "water" and shown.clock.overdue

    qtbot.waitUntil(overdue, timeout=20_000)
    day.shot("lead-made-overdue", window)
    stats = turn_to(day, window, "stats")
    qtbot.waitUntil(stats.notice.isVisible, timeout=20_000)
    # The scenario moves the application's receipt back: its gas ticket (a shorter limit)
    # is overdue with the water one.
    assert int(stats.overdue_card.value.text()) >= 1, stats.overdue_card.value.text()
    said = stats.notice.text()
    assert f"{stats.overdue_card.value.text()} 张工单已超过承诺办结日期" in said, said
    assert number in said, said
    day.shot("lead-overdue-notice", window)


def listed(model: Any, number: str, utility: str) -> bool:
    """This application's ticket for this utility is a row of a ticket list."""
    rows = (model.row_at(r) for r in range(model.rowCount()))
    return any(r is not None and r.application_no == number and r.utility == utility for r in rows)


def reassign_overdue(day: Day, window: MainWindow, number: str, clerk: Counter) -> None:
    """Step 11, the rest: on 统计, 已超期 by arrow key, the water ticket chosen in the list, and
    改派 to the lead with a reason, keyboard only. The clerk's 待办 in the other client loses
    it and the lead's own 待办 gains it, neither restarted (the training hall has one clerk:
    the ticket goes to the lead)."""
    qtbot = day.qtbot
    stats = window.pages["stats"]
    assert window.tabs.currentWidget() is stats
    clerk_todo = clerk.window.pages["todo"].model
    qtbot.waitUntil(lambda: listed(clerk_todo, number, "water"), timeout=20_000)
    day.tab_to(stats.show_approaching, limit=30)
    day.key("Right")
    assert stats.show_overdue.isChecked()
    day.tab_to(stats.due_view, limit=5)
    qtbot.waitUntil(lambda: stats.due.rowCount() >= 1, timeout=10_000)

    def water_chosen() -> bool:
        chosen = stats.selected_tickets()
        return [(t.application_no, t.utility) for t in chosen] == [(number, "water")]

    for _ in range(stats.due.rowCount() + 1):
        if water_chosen():
            break
        day.key("Down", pause=150)
    assert water_chosen(), stats.selected_tickets()
    # Out of the table with the keyboard (Tab used to walk its cells) to 改派….
    day.tab_to(stats.reassign_button, limit=3, back=True)

    def give_reason(dialog: ReassignDialog) -> None:
        day.tab_to(dialog.target, limit=4)
        choose(day, dialog.target, "lead")
        day.key("Tab")
        assert dialog.reason.hasFocus()
        day.type("受理员下午外出，由班组长跟进")
        day.shot("reassign-dialog", dialog)
        day.key("ctrl+Return")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)

    outcome = day.answer(ReassignDialog, give_reason)
    day.key("space")
    day.answered(outcome)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "已改派 1 张工单给 培训班组长" in bar.currentMessage(), timeout=20_000)
    with window.shift.hall.unit() as (session, _ctx):
        water = session.scalars(select(Ticket).where(Ticket.utility == "water")).all()
        moved = [t for t in water if t.application.application_no == number]
        assert [t.assignee.username for t in moved if t.assignee] == ["lead"]
    lead_todo = window.pages["todo"].model
    qtbot.waitUntil(lambda: listed(lead_todo, number, "water"), timeout=20_000)
    qtbot.waitUntil(lambda: not listed(clerk_todo, number, "water"), timeout=20_000)
    day.shot("lead-reassigned", window)
    # The clerk's screen, as the clerk sees it now.
    minimise(day, window)
    clerk_window = clerk.window
    assert clerk_window is not None
    activate(day, clerk_window)
    turn_to(day, clerk_window, "todo")
    assert not listed(clerk_todo, number, "water")
    day.shot("clerk-todo-after-reassign", clerk_window)
    turn_to(day, clerk_window, "intake")  # where the clerk was (step 13 turns from it to 工单)
    minimise(day, clerk_window)
    activate(day, window)


def export_the_report(day: Day, window: MainWindow) -> None:
    """Step 12: 导出 PDF from 统计 by keyboard, the file named in Qt's save dialog; the PDF
    says what it is and carries the training mark."""
    qtbot = day.qtbot
    stats = turn_to(day, window, "stats")
    target = day.papers / "indicators.pdf"

    def save(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None and name.hasFocus(), QApplication.focusWidget()
        day.retype(str(target))
        day.shot("report-save-dialog", dialog)
        day.key("Return")

    day.tab_to(stats.pdf_button, limit=40)
    outcome = day.answer(QFileDialog, save)
    day.key("space")
    day.answered(outcome)
    qtbot.waitUntil(lambda: target.exists() and pdf_pages(target) > 0, timeout=30_000)
    text = pdf_text(target.read_bytes(), day.papers)
    assert "报装指标对比报告" in text, text[:500]
    assert "培训演示 TRAINING" in text, text[:500]
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "报告已保存" in bar.currentMessage(), timeout=10_000)
    day.shot("report-saved", window)


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def audit_in_words(day: Day, window: MainWindow) -> None:
    """Step 14: 审计 names people and says what they did in words: no raw JSON, no ids; Tab
    leaves its table for the paging buttons."""
    qtbot = day.qtbot
    audit = turn_to(day, window, "audit")
    qtbot.waitUntil(
        lambda: audit.model.rowCount() > 0 and not window.shift.tasks.busy, timeout=20_000
    )
    model = audit.model
    cells = [
        str(model.index(r, c).data() or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    seen = " ".join(cells)
    assert "{" not in seen and not UUID.search(seen), seen[:2000]
    # The lead's reassignment and export, by name and in words.
    actions = [str(model.index(r, 3).data()) for r in range(model.rowCount())]
    people = {str(model.index(r, 2).data()) for r in range(model.rowCount())}
    assert "改派工单" in actions, actions
    assert any("培训班组长" in p for p in people), people
    # No code for a word (工单状态：attention_acknowledged once).
    assert not any(re.search(r"[a-z]+[_.][a-z]+", a) for a in actions), actions
    # (the date filters take a Tab per section: year, month, day, hour, minute)
    day.tab_to(audit.table, limit=30)
    day.key("Tab")
    assert not audit.table.hasFocus()
    day.shot("audit-in-words", window)


def activate(day: Day, window: QWidget) -> None:
    """Bring a window to the front as a person does (the window manager gives it the keys)."""
    subprocess.run(["xdotool", "windowactivate", "--sync", str(int(window.winId()))], check=True)
    day.qtbot.waitUntil(window.isActiveWindow, timeout=10_000)


def minimise(day: Day, window: QWidget | None) -> None:
    assert window is not None
    subprocess.run(["xdotool", "windowminimize", "--sync", str(int(window.winId()))], check=True)
    day.qtbot.waitUntil(window.isMinimized, timeout=10_000)


def second_client(day: Day, day_client: Callable[[], Counter]) -> Counter:
    """Another client of the same hall, the clerk signed in there."""
    qtbot = day.qtbot
    clerk = day_client()
    clerk.start()
    qtbot.waitUntil(lambda: clerk.sign_in.hall is not None, timeout=60_000)
    activate(day, clerk.sign_in)
    day.type("trainee")
    day.key("Tab")
    day.type("training")
    day.key("Return")
    qtbot.waitUntil(lambda: clerk.window is not None and clerk.window.isVisible(), timeout=30_000)
    qtbot.waitUntil(clerk.window.isActiveWindow, timeout=10_000)
    day.shot("second-client", clerk.window)
    return clerk


def disable_the_clerk(day: Day, window: MainWindow, clerk: Counter) -> None:
    """Step 13: the administrator disables the clerk (users tab, by keyboard); the clerk's
    next action in the other client is refused and brings back the sign-in window."""
    qtbot = day.qtbot
    admin = window.pages["admin"]
    while window.tabs.currentWidget() is not admin:
        day.key("ctrl+Tab")
    users = admin.users
    assert admin.tabs.currentWidget() is users
    qtbot.waitUntil(lambda: bool(users.model.rows), timeout=10_000)
    day.tab_to(users.table, limit=10)
    for _ in range(len(users.model.rows) + 1):
        row = users.selected()
        if row is not None and row.username == "trainee":
            break
        day.key("Down", pause=150)
    assert users.selected() is not None and users.selected().username == "trainee"
    day.tab_to(users.toggle_button, limit=6)
    day.key("space")
    qtbot.waitUntil(
        lambda: any(r.username == "trainee" and not r.active for r in users.model.rows),
        timeout=10_000,
    )
    day.shot("clerk-disabled", window)
    # The clerk, at the other counter, turns to 工单: refused, back at the sign-in window.
    clerk_window = clerk.window
    assert clerk_window is not None
    minimise(day, window)
    activate(day, clerk_window)
    day.key("ctrl+Tab")
    qtbot.waitUntil(lambda: clerk.window is None and clerk.sign_in.isVisible(), timeout=20_000)
    reason = clerk.sign_in.message.text()
    assert "已停用" in reason and UNEXPECTED not in reason, reason
    day.shot("clerk-refused", clerk.sign_in)
    activate(day, window)


# Next year's schedule as the State Council's notice gives it, each break a range: 元旦 runs
# Friday to Sunday, so two `holiday` rows fall on a weekend (policy.md: normal, accepted).
HOLIDAYS_2027 = [
    *(("2027-01-0" + d, "holiday", "元旦") for d in "123"),
    *(("2027-02-" + d, "holiday", "春节") for d in ("05", "06", "07", "08", "09", "10", "11")),
    ("2027-02-20", "workday", "春节"),
    ("2027-04-25", "workday", "劳动节"),
    *(("2027-05-0" + d, "holiday", "劳动节") for d in "12345"),
    ("2027-09-26", "workday", "国庆节"),
    *(("2027-10-0" + d, "holiday", "国庆节") for d in "1234567"),
    ("2027-10-09", "workday", "国庆节"),
]


def administer(day: Day, window: MainWindow) -> None:
    """Step 13, the rest, as the administrator by keyboard: 测试连接 a utility the trainer
    stopped (a sentence, no exception), a change in the structured materials catalogue
    (saved, shown, in its history), next year's holidays imported from a CSV of ranges."""
    qtbot = day.qtbot
    admin = window.pages["admin"]
    assert window.tabs.currentWidget() is admin

    utility_down(day, window, "gas", True, "training-gas-down")

    bar = admin.tabs.tabBar()

    def to_tab(widget: QWidget) -> None:
        day.tab_to(bar, limit=60)
        while admin.tabs.currentWidget() is not widget:
            day.key("Right", pause=200)

    endpoints = admin.endpoints
    to_tab(endpoints)
    day.tab_to(endpoints.utility, limit=30)
    choose(day, endpoints.utility, "gas")
    day.tab_to(endpoints.test_button, limit=25)
    day.key("space")
    qtbot.waitUntil(lambda: endpoints.result.text().startswith("✕"), timeout=30_000)
    said = endpoints.result.text()
    assert said.endswith("。"), said
    assert not re.search(r"[A-Za-z]+(Error|Exception)|Traceback|errno|[{}<>]", said), said
    day.shot("test-connection-down", window)

    catalogue = admin.catalogue
    to_tab(catalogue)
    qtbot.waitUntil(lambda: catalogue.documents.count() > 0 and not window.shift.tasks.busy)
    before = catalogue.history.model().rowCount()
    day.tab_to(catalogue.documents, limit=10)
    item = catalogue.documents.currentItem()
    assert item is not None
    code = str(item.data(Qt.ItemDataRole.UserRole))
    why = "核对申请人身份（培训修改）"
    day.tab_to(catalogue.why, limit=10)
    day.retype(why)
    day.tab_to(catalogue.save_button, limit=40)
    day.key("space")
    changes = catalogue.history.model()
    qtbot.waitUntil(lambda: changes.rowCount() == before + 1, timeout=20_000)
    assert catalogue.view is not None and catalogue.view.catalogue.items[code].why == why
    assert catalogue.why.text() == why
    history = [
        str(changes.index(r, c).data())
        for r in range(changes.rowCount())
        for c in range(changes.columnCount())
    ]
    assert "培训管理员" in history, history
    day.shot("catalogue-saved", window)

    holidays = admin.holidays
    schedule = day.papers / "holidays-2027.csv"
    schedule.write_text(
        "date,kind,name\n" + "".join(f"{d},{k},{n}\n" for d, k, n in HOLIDAYS_2027), "utf-8"
    )
    to_tab(holidays)
    day.tab_to(holidays.import_button, limit=10)

    def pick(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None and name.hasFocus(), QApplication.focusWidget()
        day.retype(str(schedule))
        day.shot("holidays-open-dialog", dialog)
        day.key("Return")

    outcome = day.answer(QFileDialog, pick)
    day.key("space")
    day.answered(outcome)
    rows = holidays.day_rows
    # The spin box shows 2027 at once, its days a moment later (read on the task runner).
    qtbot.waitUntil(
        lambda: (
            holidays.year.value() == 2027
            and rows.rowCount() > 0
            and "2027年" in str(rows.index(0, 0).data())
        ),
        timeout=20_000,
    )
    # The days that differ from a Monday–Friday week (a weekend `holiday` row changes nothing).
    shown = [str(rows.index(r, 0).data()) for r in range(rows.rowCount())]
    assert any("2027年1月1日" in d for d in shown), shown
    assert any("2027年10月9日" in d for d in shown), shown
    assert not holidays.source.text().startswith("暂定"), holidays.source.text()
    day.shot("holidays-imported", window)
