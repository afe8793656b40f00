"""The visit's one materials checklist (combined-form.md "Materials"): one row per document the
catalogue's rules ask for, with the utilities that need it ("供水、供电"), in one of three
states — 已收, 容缺（M月D日前补交）, 不需要 (with a one-line reason).

The rows follow the form: `follow(facts)` is called whenever the clerk ticks a utility, picks a
service or kind of applicant, types a permit number or ticks 代办人办理, and the rules decide
again; a document keeps its state while it stays on the list. A document that may not follow
(the application form) offers 已收 and 未收 only, and the application form is never 不需要.
Keyboard: each row's state is a combo box in the tab chain (arrow keys or the first letter
change it), its reason a line edit right after it.

Signals: `changed()` on any change; `rebuilt()` when rows came or went (the form re-chains
its tab order).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from onewindow.codes import UTILITIES
from onewindow.intake.catalogue import APPLICATION_FORM, MaterialCatalogue, VisitFacts
from onewindow.intake.materials import RECEIVED, TO_FOLLOW, WAIVED
from ui import i18n

MISSING = "missing"  # a document that may not follow, not (yet) handed over


class ChecklistRow:
    """The widgets of one document: its name and utilities, its state, the reason."""

    def __init__(self, code: str, parent: QWidget) -> None:
        self.code = code
        self.name = QLabel("", parent)
        self.name.setWordWrap(True)
        self.utilities = QLabel("", parent)
        self.utilities.setObjectName("materialUtilities")
        self.state = QComboBox(parent)
        self.state.setObjectName(f"material_{code}")
        self.reason = QLineEdit(parent)
        self.reason.setObjectName(f"waive_reason_{code}")
        self.reason.setMaxLength(100)
        self.name.setBuddy(self.state)

    @property
    def value(self) -> str:
        return str(self.state.currentData())

    def widgets(self) -> list[QWidget]:
        return [self.name, self.utilities, self.state, self.reason]


class MaterialsChecklist(QWidget):
    changed = Signal()
    rebuilt = Signal()

    def __init__(self, catalogue: MaterialCatalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialsChecklist")
        self.catalogue = catalogue
        self.supplement_due: date | None = None
        self.needed: dict[str, tuple[str, ...]] = {}
        self.stale = False
        self.rows: dict[str, ChecklistRow] = {}
        # What the clerk chose for a document, kept while it leaves and comes back.
        self.kept: dict[str, tuple[str, str]] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.empty = QLabel(self.tr("勾选供水、供电或供气后，这里列出需要的材料"), self)
        self.empty.setObjectName("dueNote")
        self.grid.addWidget(self.empty, 0, 0, 1, 3)

    # The rules.

    def follow(self, facts: VisitFacts) -> None:
        """Ask the rules again; rebuild only when the documents or their utilities changed."""
        needed = self.catalogue.required(facts) if facts.services else {}
        if needed == self.needed and not self.stale:
            return
        self.needed, self.stale = needed, False
        for row in self.rows.values():
            self.kept[row.code] = (row.value, row.reason.text())
            for widget in row.widgets():
                # Hidden at once: until it is deleted, a shown widget would still take focus.
                widget.hide()
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = {}
        for line, (code, utilities) in enumerate(needed.items()):
            row = ChecklistRow(code, self)
            self._fill(row)
            separator = ", " if i18n.is_english() else "、"
            row.utilities.setText(separator.join(i18n.text(UTILITIES[u]) for u in utilities))
            state, reason = self.kept.get(code, ("", ""))
            index = row.state.findData(state)
            row.state.setCurrentIndex(max(index, 0))
            row.reason.setText(reason)
            row.state.currentIndexChanged.connect(self._state_changed)
            row.reason.textChanged.connect(self.changed)
            # The reason goes under its document, the full width: a name can be long.
            self.grid.addWidget(row.name, 2 * line, 0)
            self.grid.addWidget(row.utilities, 2 * line, 1)
            self.grid.addWidget(row.state, 2 * line, 2)
            self.grid.addWidget(row.reason, 2 * line + 1, 0, 1, 3)
            # Shown now, not at the layout's next pass: the clerk may Tab on at once.
            for widget in (row.name, row.utilities, row.state):
                widget.show()
            self.rows[code] = row
        self.empty.setVisible(not self.rows)
        self._show_reasons()
        self.rebuilt.emit()
        self.changed.emit()

    def _fill(self, row: ChecklistRow) -> None:
        info = self.catalogue.items[row.code]
        row.name.setText(info.name)
        row.state.clear()
        if info.may_follow:
            row.state.addItem(self._to_follow_label(), TO_FOLLOW)
            row.state.addItem(self.tr("已收"), RECEIVED)
            row.state.addItem(self.tr("不需要"), WAIVED)
        else:
            row.state.addItem(self.tr("未收（不能容缺）"), MISSING)
            row.state.addItem(self.tr("已收"), RECEIVED)
            if row.code != APPLICATION_FORM:
                row.state.addItem(self.tr("不需要"), WAIVED)
        row.reason.setPlaceholderText(self.tr("不需要的原因（一句话）"))

    def _to_follow_label(self) -> str:
        if self.supplement_due is None:
            return self.tr("容缺（可后补）")
        return self.tr("容缺（{0}前补交）").format(i18n.short_date(self.supplement_due))

    def _state_changed(self, *_args: Any) -> None:
        self._show_reasons()
        self.changed.emit()

    def _show_reasons(self) -> None:
        for row in self.rows.values():
            row.reason.setVisible(row.value == WAIVED)
            missing = row.value == MISSING
            row.name.setObjectName("mustHave" if missing else "")
            row.name.style().unpolish(row.name)
            row.name.style().polish(row.name)

    def set_supplement_due(self, due: date | None) -> None:
        self.supplement_due = due
        for row in self.rows.values():
            index = row.state.findData(TO_FOLLOW)
            if index >= 0:
                row.state.setItemText(index, self._to_follow_label())

    def set_catalogue(self, catalogue: MaterialCatalogue) -> None:
        """An administrator's change: the rows are built again at the next `follow`."""
        self.catalogue = catalogue
        self.stale = True

    # The form's value.

    def materials_for(self, utility: str) -> list[dict[str, Any]]:
        """This utility's `materials` list of the form: every document it needs but those the
        visit does not need (they go to `materials_waived`)."""
        return [
            {"code": code, "received": row.value == RECEIVED}
            for code, row in self.rows.items()
            if utility in self.needed[code] and row.value != WAIVED
        ]

    def waived(self) -> list[dict[str, str]]:
        return [
            {"code": code, "reason": row.reason.text()}
            for code, row in self.rows.items()
            if row.value == WAIVED
        ]

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self.rows.values():
            chain.extend([row.state, row.reason])
        return chain

    def clear(self) -> None:
        self.kept.clear()
        for row in self.rows.values():
            row.state.setCurrentIndex(0)
            row.reason.clear()
