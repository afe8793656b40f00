"""The materials catalogue in force: the administrator's stored one, else the default."""

from __future__ import annotations

from sqlalchemy.orm import Session

from onewindow.intake.form import MaterialCatalogue
from onewindow.store.settings import MATERIALS_KEY, get_value


def load_catalogue(session: Session) -> MaterialCatalogue:
    stored = get_value(session, MATERIALS_KEY)
    if stored is None:
        return MaterialCatalogue.default()
    return MaterialCatalogue.from_toml_text(stored["toml"])
