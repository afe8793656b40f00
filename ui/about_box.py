"""关于: the version, where this counter's data and configuration live, and the licences.

A hall's IT person reads here what a support call needs (version, Python and Qt, the
configuration file in use, the data folder, the database) and what the program ships under
which licence (resources/licences.toml, the same list the package's tests check).
"""

from __future__ import annotations

import platform
import tomllib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from onewindow import __version__
from onewindow.config import Config, user_config_file, user_data_dir
from onewindow.resources import resource
from ui.read_only_table import read_only_table
from ui.rows_model import Column, RowsModel


@dataclass(frozen=True)
class Shipped:
    name: str
    version: str
    licence: str


def shipped() -> list[Shipped]:
    """The fonts, then the libraries, with the version installed here."""
    listed = tomllib.loads(resource("licences.toml").read_text(encoding="utf-8"))
    rows = [Shipped(font["name"], "", font["licence"]) for font in listed["font"]]
    for library in listed["library"]:
        distribution = library.get("distribution")
        rows.append(Shipped(library["name"], _version(distribution), library["licence"]))
    return rows


def _version(distribution: str | None) -> str:
    if distribution is None:  # Python itself
        return platform.python_version()
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "—"


def without_password(url: str) -> str:
    """A database URL fit to show: the password, if any, replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


class AboutBox(QDialog):
    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutBox")
        self.setWindowTitle(self.tr("关于 一窗通办"))
        self.resize(640, 560)
        column = QVBoxLayout(self)

        title = QLabel(self.tr("一窗通办 OneWindow {0}").format(__version__), self)
        title.setObjectName("aboutVersion")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        column.addWidget(title)
        column.addWidget(QLabel(f"Python {platform.python_version()} · Qt {qVersion()}", self))

        places = QFormLayout()
        if config.path is None:
            configuration = self.tr("无（培训模式）；正式使用时写入 {0}").format(user_config_file())
        else:
            configuration = str(config.path)
        self.places = {
            "config": QLabel(configuration, self),
            "data": QLabel(str(user_data_dir()), self),
            "database": QLabel(without_password(config.database_url), self),
        }
        for label in self.places.values():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        places.addRow(self.tr("配置文件："), self.places["config"])
        places.addRow(self.tr("数据文件夹："), self.places["data"])
        places.addRow(self.tr("数据库："), self.places["database"])
        column.addLayout(places)

        column.addWidget(QLabel(self.tr("随附的字体和软件库及其许可证："), self))
        self.licences = RowsModel[Shipped](
            [
                Column(self.tr("名称"), lambda s: s.name),
                Column(self.tr("版本"), lambda s: s.version),
                Column(self.tr("许可证"), lambda s: s.licence),
            ],
            self,
        )
        self.licences.set_rows(shipped())
        column.addWidget(read_only_table(self.licences, self), 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
