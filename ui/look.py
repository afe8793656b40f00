"""How the client looks: the bundled CJK font, the style sheet, state and utility colours.

The font ships with the program so that a bare machine shows Chinese exactly as a configured
one does. Colours always come with a word (ux.md): these are accents, never the only signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from onewindow.resources import resource

FONT_FAMILY = "WenQuanYi Micro Hei"
BASE_POINT_SIZE = 11
_SYSTEM_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

UTILITY_COLOURS = {"water": "#1f6fb2", "power": "#b7791f", "gas": "#d2461b"}
OK_COLOUR = "#1e7b34"
ERROR_COLOUR = "#b3261e"
INK_COLOUR = "#1d2733"  # text with no colour of its own (an unknown utility's)
ON_ACCENT_COLOUR = "#ffffff"  # text on a filled, coloured chip
NOTE_COLOUR = "#3b4654"  # a utility's note under a timeline entry

# Behind a ticket row's urgency word (the word carries the meaning): due soon, overdue.
AMBER_ROW = "#fdf1d6"
RED_ROW = "#fbe3e1"

# Distinct colours for the stacked bars (the legend names each): blues while a ticket moves,
# ambers while it waits, red where a person must act.
CHART_COLOURS = {
    "queued": "#8fa3bf",
    "delayed": "#e07b39",
    "needs_attention": "#b3261e",
    "accepted": "#1f5fa8",
    "surveying": "#3d8bd9",
    "awaiting_applicant": "#8a5a0c",
    "awaiting_approval": "#c28a1e",
    "constructing": "#e8b84a",
    "inspecting": "#5b4fb3",
}

# Light tones for the utilities' delivery indicators, which sit on the dark header.
DELIVERY_STATE_COLOURS = {
    "connected": "#8fe39b",
    "retrying": "#ffd27a",
    "refused": "#ff9b91",
    "unconfigured": "#c3ccd8",
}

# The colour of each kind of status (onewindow.codes.STATUS_KINDS): green done, blue in
# progress, amber paused, red a person must act, grey ended without connection.
KIND_COLOURS = {
    "done": "#1e7b34",
    "progress": "#1f5fa8",
    "paused": "#8a5a0c",
    "alarm": "#b3261e",
    "ended": "#5f6b7a",
}


def load_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the application font; the family, or None."""
    candidates = [Path(str(resource("fonts/wqy-microhei.ttc"))), _SYSTEM_FONT]
    for path in candidates:
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        family = FONT_FAMILY if FONT_FAMILY in families else families[0]
        font = QFont(family, BASE_POINT_SIZE)
        app.setFont(font)
        return family
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    return None


def apply_style(app: QApplication) -> None:
    sheet = resource("style/onewindow.qss")
    app.setStyleSheet(sheet.read_text(encoding="utf-8"))


def training_text() -> str:
    return QCoreApplication.translate("look", "培训模式 — 数据不会发送到真实单位")


def training_band(parent: QWidget) -> QLabel:
    """The amber band every window shows in training mode (a window whose language can change
    while it shows sets `training_text()` again)."""
    band = QLabel(training_text(), parent)
    band.setObjectName("trainingBand")
    band.setAccessibleName(band.text())
    return band
