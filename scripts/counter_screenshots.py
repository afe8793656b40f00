"""Screenshots of the counter screens, in Chinese and in English, for the README.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.counter_screenshots [OUT_DIR]`
(default docs/screenshots). Uses a throwaway hall on SQLite with a fixed clock, so the same
code always draws the same screens.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from onewindow.access.users import Actor, create_user
from onewindow.config import Config, HallSettings
from onewindow.desk import counter_work
from onewindow.desk.counter_work import Opened
from onewindow.hall import Hall
from ui import i18n, look
from ui.main_window import MainWindow
from ui.refcount_guard import protect_singletons
from ui.shift import Shift
from ui.sign_in import SignInDialog
from ui.tasks import TaskRunner
from ui.ticket_screens import TicketScreens

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1366, 768)
PASSWORD = "Counter#2026"
MOMENT = datetime(2026, 11, 27, 2, 42, tzinfo=UTC)  # 10:42 hall time, a Friday


def settle(app: QApplication, runner: TaskRunner) -> None:
    """Let background work finish and the screen repaint."""
    while True:
        runner.pool.waitForDone(10_000)
        app.processEvents()
        if not runner.busy:
            break
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path), "PNG", 60)
    print(f"{path}  {path.stat().st_size // 1024} KB")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    look.load_font(app)
    look.apply_style(app)
    sample = json.loads((ROOT / "tests/samples/gas-water-power-organization.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(
            path=None,
            training=True,
            database_url=f"sqlite:///{tmp}/shots.db",
            hall=HallSettings(
                code="LBGX", name="灵宝市水电气共享营业厅", supervision_hotline="0398-12345"
            ),
            counter_id="3",
            utilities={},
            audit_key_file=Path(tmp) / "audit.key",
        )
        hall = Hall.open(config, clock=lambda: MOMENT)
        with hall.unit() as (session, ctx):
            create_user(session, Actor.system(), username="zhangwei", password=PASSWORD,
                        role="clerk", display_name="张伟", now=ctx.now)  # fmt: skip
        user = counter_work.sign_in(hall, "zhangwei", PASSWORD)
        settings = QSettings(f"{tmp}/ws.ini", QSettings.Format.IniFormat)
        runner = TaskRunner()
        protect_singletons()
        for lang, suffix in ((i18n.ZH, "zh"), (i18n.EN, "en")):
            i18n.install(app, lang)
            dialog = SignInDialog(runner, settings)
            dialog.set_opened(Opened(hall, None))
            dialog.username.setText("zhangwei")
            dialog.password.setText("wrong-pass")
            dialog.show()
            dialog.attempt()
            settle(app, runner)
            save(dialog, out / f"sign-in-{suffix}.png")
            dialog.close()

            context = counter_work.form_context(hall)
            window = MainWindow(Shift(hall, user, runner, settings), context)
            # The other screens plug in as in the running client (tabs, indicators).
            TicketScreens(window)
            window.resize(*SIZE)
            window.show()
            window.new_visit()
            settle(app, runner)
            save(window, out / f"form-empty-{suffix}.png")

            form = window.intake.form
            form.name.setText("赵强")
            form.id_number.setText("110101199003074478")
            form.phone.setText("1380398")
            form.address.setText("灵宝市城关镇")
            form.cards["gas"].tick.setChecked(True)
            form.cards["gas"].external_works.setChecked(True)
            form.request_submit()
            settle(app, runner)
            save(window, out / f"form-errors-{suffix}.png")

            form.clear()
            applicant, site = sample["applicant"], sample["site"]
            form.organization.setChecked(True)
            form.name.setText(applicant["name"])
            form.id_number.setText(applicant["id_number"])
            form.contact_name.setText(applicant["contact_name"])
            form.phone.setText(applicant["phone"])
            form.address.setText(site["address"])
            form.project_name.setText(site["project_name"])
            form.permit_no.setText(site["permit_no"])
            form.land_date.setText(site["land_acquired_on"])
            for utility, part in sample["services"].items():
                card = form.cards[utility]
                card.tick.setChecked(True)
                for key, value in part["details"].items():
                    editor = card.detail_editors[key]
                    if key == "external_works":
                        editor.setChecked(value)
                    elif hasattr(editor, "findData"):
                        editor.setCurrentIndex(editor.findData(value))
                    else:
                        editor.setText(str(value))
            form.cards["gas"].permit_checks["road_excavation"].setChecked(True)
            form._recheck()  # the checklist follows the ticked utilities
            # One checklist for the visit: the form and the licence received, the rest to follow.
            for code in ("application_form", "business_license"):
                row = form.checklist.rows[code]
                row.state.setCurrentIndex(row.state.findData("received"))
            form.consent.setChecked(True)
            for box in form.fields.values():
                box.touched = True
            form._recheck()
            settle(app, runner)
            save(window, out / f"form-filled-{suffix}.png")

            form.request_submit()
            settle(app, runner)
            save(window, out / f"visit-result-{suffix}.png")
            window.close()
            window.deleteLater()
            settle(app, runner)
        runner.shutdown()
        hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
