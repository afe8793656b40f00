"""What every screen of one signed-in session works with, passed as one object.

A `Shift` lasts from sign-in to sign-out (ui.app builds it once the clerk signed in; 注销/换人
ends it): the open hall, who signed in, the task runner the screens' work runs on, and this
workstation's settings (print layout, printers, language). Every page, pane and admin tab takes
it as its first argument, so a new thing every screen needs is added here once instead of to
nineteen constructors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from onewindow.desk.counter_work import SignedIn
    from onewindow.hall import Hall
    from ui.tasks import TaskRunner


@dataclass(frozen=True)
class Shift:
    hall: Hall
    user: SignedIn
    tasks: TaskRunner
    settings: QSettings
