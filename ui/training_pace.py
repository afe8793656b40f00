"""The training pace this workstation chose last (培训设置, ui.training_controls), kept in
QSettings and read by ui.app before anything heavy is imported: so only light imports here."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from onewindow.codes import TRAINING_PACES

PACE_KEY = "training/pace"


def is_pace(name: object) -> bool:
    return isinstance(name, str) and name in TRAINING_PACES


def remembered_pace(settings: QSettings) -> str:
    """The pace chosen last, or "" (a value that is no pace counts as none)."""
    value = settings.value(PACE_KEY)
    return value if isinstance(value, str) and is_pace(value) else ""
