"""关于: reached from the main window's header; the version, the places, the licences."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

import onewindow
from onewindow.config import user_data_dir
from onewindow.resources import resource
from ui.about_box import AboutBox, without_password
from ui.main_window import MainWindow


def test_the_header_button_opens_the_about_box(qtbot, ui_hall, shift, form_context) -> None:
    window = MainWindow(shift, form_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.about_button, Qt.MouseButton.LeftButton)
    about = window.findChild(AboutBox, "aboutBox")
    assert about is not None and about.isVisible()
    assert about.findChild(type(about.places["data"]), "aboutVersion").text() == (
        f"一窗通办 OneWindow {onewindow.__version__}"
    )
    assert about.places["data"].text() == str(user_data_dir())
    assert about.places["database"].text() == ui_hall.config.database_url
    rows = {row.name: row for row in about.licences.rows}
    assert rows["WenQuanYi Micro Hei 文泉驿微米黑 0.2.0-beta"].licence.startswith("Apache-2.0")
    qt = rows["Qt 6 / Qt for Python (PySide6)"]
    assert qt.licence == "LGPL-3.0-only" and qt.version.startswith("6.")
    # The fonts come first, without a version of their own.
    fonts = len(tomllib.loads(resource("licences.toml").read_text(encoding="utf-8"))["font"])
    assert all(row.version not in ("", "—") for row in about.licences.rows[fonts:])
    about.reject()
    qtbot.waitUntil(lambda: window.findChild(AboutBox, "aboutBox") is None, timeout=2000)


def test_the_configuration_file_in_use_or_where_one_would_go(qtbot, ui_hall, tmp_path) -> None:
    configured = AboutBox(replace(ui_hall.config, path=tmp_path / "hall.toml"))
    qtbot.addWidget(configured)
    assert configured.places["config"].text() == str(tmp_path / "hall.toml")
    training = AboutBox(replace(ui_hall.config, path=None, training=True))
    qtbot.addWidget(training)
    assert "培训模式" in training.places["config"].text()
    assert str(Path("onewindow") / "onewindow.toml") in training.places["config"].text()


def test_a_database_password_is_never_shown() -> None:
    url = "postgresql+psycopg://counter:s3cret@db.hall.local:5432/onewindow"
    assert without_password(url) == "postgresql+psycopg://counter:***@db.hall.local:5432/onewindow"
    assert without_password("sqlite:////var/lib/x.db") == "sqlite:////var/lib/x.db"
