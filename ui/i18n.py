"""The UI's language: Simplified Chinese by default, English selectable and remembered.

Source strings in the code are Simplified Chinese (`self.tr("受理")`); the English catalogue
`resources/i18n/onewindow_en.qm` translates them. Qt's own dialogs (print, file) get Qt's
catalogue for the same language.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from onewindow.clock import hall_time
from onewindow.codes import Text, zh_date, zh_month_day
from onewindow.papers.content import counter_label as paper_counter_label
from onewindow.resources import resource

ZH = "zh_CN"
EN = "en"
LANGUAGES = (ZH, EN)
_SETTINGS_KEY = "ui/language"

_current = ZH
_installed: list[QTranslator] = []


def current() -> str:
    return _current


def is_english() -> bool:
    return _current == EN


def saved_language(settings: QSettings) -> str:
    """The language remembered on this workstation; $ONEWINDOW_LANG overrides (tests, demos)."""
    forced = os.environ.get("ONEWINDOW_LANG", "")
    if forced:
        return EN if forced.lower().startswith("en") else ZH
    value = str(settings.value(_SETTINGS_KEY, ZH))
    return value if value in LANGUAGES else ZH


def remember_language(settings: QSettings, language: str) -> None:
    settings.setValue(_SETTINGS_KEY, language)


def install(app: QCoreApplication, language: str) -> None:
    """Switch the application's catalogues; widgets built afterwards use the new language."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = language if language in LANGUAGES else ZH
    ours = QTranslator(app)
    qm = resource(f"i18n/onewindow_{_current}.qm")
    if ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{_current}", qt_dir) or qt_own.load(f"qt_{_current}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    # By name: QLocale.Language has hundreds of members, built on first touch (start-up time).
    QLocale.setDefault(QLocale("en_GB" if is_english() else "zh_CN"))


def text(message: Text) -> str:
    """A core message or label in the UI's language."""
    return message.en if is_english() else message.zh


_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_date(day: date) -> str:
    """A date as clerks say it: 2026年12月4日（周五）, or Fri 4 Dec 2026."""
    if is_english():
        return f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return zh_date(day, weekday=True)


def short_date(day: date) -> str:
    """The date without the year, for "12月4日前补交"."""
    if is_english():
        return f"{day.day} {_MONTHS_EN[day.month - 1]}"
    return zh_month_day(day)


def clock_time(moment: datetime) -> str:
    return hall_time(moment).strftime("%H:%M")


def counter_label(counter_id: str) -> str:
    """The counter as the papers write it (onewindow.papers.content): "3" → "3号窗口", "T01" →
    "T01窗口"; in English "Counter 3", "Counter T01". One rule for screens and papers."""
    if is_english():
        return QCoreApplication.translate("i18n", "Counter {0}").format(counter_id)
    return paper_counter_label(counter_id)


def person(display_name: str | None, username: str) -> str:
    """People by the name the hall knows them by, the user name beside it: 李娜（lina）."""
    if not display_name or display_name == username:
        return username
    return f"{display_name} ({username})" if is_english() else f"{display_name}（{username}）"
