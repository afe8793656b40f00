"""The one way a screen builds a table the user reads and selects rows in, but never edits.

工单, the lead's loads and due tickets, 审计, the users, the catalogue's history, the holiday
year and the licences in 关于 all show rows fetched by the worker (usually a `RowsModel`):
whole rows are selected, nothing is edited in place, rows alternate in colour, there is no
row-number column, and the last column takes the width left over. Rows are chosen with the
arrow keys and Tab goes on to the screen's next control: QTableView's own Tab walks the cells,
and the keyboard never left the table.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Selection = QAbstractItemView.SelectionMode
Resize = QHeaderView.ResizeMode


def read_only_table(
    model: QAbstractItemModel,
    parent: QWidget,
    *,
    selection: Selection = Selection.ExtendedSelection,
    resize: Resize = Resize.ResizeToContents,
) -> QTableView:
    """A view of `model`: `selection` says how many rows may be chosen at once, `resize` how
    the columns before the last are sized (fitted to their text unless the caller sizes them)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(resize)
    header.setStretchLastSection(True)
    return view
