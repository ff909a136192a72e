"""A table model over a list of plain rows (frozen dataclasses), with columns declared as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kiosk.ui import style

Row = TypeVar("Row")

# tone -> (text colour, background); each pair keeps at least 4.5:1 contrast (also on the
# alternate and selected row colours). Backgrounds only where staff must act.
TONES = {
    "success": (style.SUCCESS, ""),
    "warning": (style.WARNING_TEXT, style.WARNING_BG),
    "error": (style.ERROR, style.ERROR_BG),
    "muted": (style.MUTED, ""),
}


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    tone: Callable[[Row], str] | None = None  # "success" / "warning" / "error" / "muted" / ""
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, key: Callable[[Any], str], parent=None) -> None:
        super().__init__(parent)
        self._key = key
        self._columns: list[Column] = []
        self._rows: list[Any] = []
        self._positions: dict[str, int] = {}

    # -- what the screens use ------------------------------------------------------
    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._positions = {self._key(row): i for i, row in enumerate(self._rows)}
        self.endResetModel()

    def row_at(self, position: int) -> Any | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def position_of(self, key: str) -> int | None:
        return self._positions.get(key)

    def rows(self) -> list[Any]:
        return list(self._rows)

    def text(self, position: int, column: int) -> str:
        return self._columns[column].text(self._rows[position])

    # -- Qt ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._alignment(self._columns[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column, row = self._columns[index.column()], self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and column.tone:
            colours = TONES.get(column.tone(row))
            if colours:
                colour = colours[0 if role == Qt.ItemDataRole.ForegroundRole else 1]
                return QBrush(QColor(colour)) if colour else None
        return None

    @staticmethod
    def _alignment(column: Column) -> int:
        horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
