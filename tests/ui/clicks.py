"""What the click-every-action tests share: a click as a person makes it, and a row count to
see its effect in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from onewindow.hall import Hall


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.objectName()} is not enabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def count(hall: Hall, model: type, **where: object) -> int:
    with hall.sessions() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.scalar(query) or 0)
