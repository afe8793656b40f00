"""The read-only table every list screen builds (ui/read_only_table.py): whole rows are chosen,
nothing opens for editing, the last column takes the width left over."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from ui.read_only_table import Selection, read_only_table


def _table(qtbot: QtBot, selection: Selection) -> tuple[QWidget, QAbstractItemView]:
    """Over a model whose cells could be edited: the table itself must refuse."""
    host = QWidget()
    qtbot.addWidget(host)
    model = QStandardItemModel(0, 2, host)
    for row in (("甲", "第一行"), ("乙", "第二行"), ("丙", "第三行")):
        model.appendRow([QStandardItem(text) for text in row])
    view = read_only_table(model, host, selection=selection)
    view.resize(400, 200)
    host.show()
    qtbot.waitExposed(host)
    return host, view


def test_a_click_chooses_the_whole_row_and_a_double_click_edits_nothing(qtbot: QtBot) -> None:
    _host, view = _table(qtbot, Selection.SingleSelection)
    cell = view.model().index(1, 1)
    centre = view.visualRect(cell).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    chosen = view.selectionModel().selectedIndexes()
    assert {(i.row(), i.column()) for i in chosen} == {(1, 0), (1, 1)}
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() != QAbstractItemView.State.EditingState
    assert view.model().data(cell) == "第二行"
    # One row at a time: choosing another drops the first.
    other = view.visualRect(view.model().index(2, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=other)
    assert [r.row() for r in view.selectionModel().selectedRows()] == [2]


def test_extended_selection_keeps_several_rows_and_the_last_column_fills(qtbot: QtBot) -> None:
    _host, view = _table(qtbot, Selection.ExtendedSelection)
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(view.model().index(0, 0), rows)
    view.selectionModel().select(view.model().index(2, 0), rows)
    assert sorted(r.row() for r in view.selectionModel().selectedRows()) == [0, 2]
    assert view.alternatingRowColors() and not view.verticalHeader().isVisible()
    assert not view.tabKeyNavigation()  # Tab leaves the table; the arrows choose the row
    header = view.horizontalHeader()
    assert header.sectionSize(0) + header.sectionSize(1) == view.viewport().width()
    assert view.columnAt(view.viewport().width() - 1) == 1
    assert view.indexAt(QPoint(1, 1)).row() == 0
