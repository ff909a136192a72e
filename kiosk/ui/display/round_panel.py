"""The current speed-networking round: 'Runde 2 von 4', the time left, and where everyone sits.

Everyone seated is listed alphabetically as 'name -> table': in a hall of a hundred people each
looks for one name, their own, and reads their table next to it. The list takes the largest type
with which everyone fits the panel at once: nothing rotates, nobody waits for their page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.search import fold

from . import look
from .panels import Panel
from .reader import minutes_and_seconds
from .sources import RoundStatus
from .widgets import FitLabel, RoundProgress

LARGEST_PX, SMALLEST_PX = 40, 14  # seat list type at 1920 x 1080 (14 px: 2.6 cm on a 4 m screen)
LINE_PITCH = 1.25  # line distance in font heights
COMPACT_SEATS = 100  # more people: a smaller countdown, so that all their names fit


@dataclass(frozen=True)
class Cell:
    rect: QRectF
    text: str
    font: QFont
    pill: bool  # a table label on its coloured pill


class SeatList(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.unit = 1.0
        self.seats: list[tuple[str, str]] = []  # (name, table label), alphabetical
        self.more_text = "+{count}"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_seats(self, status: RoundStatus, more_text: str) -> None:
        self.seats = sorted(((name, table.label) for table in status.tables for name in table.names),
                            key=lambda seat: (fold(seat[0]), seat[1]))  # Łukasz among the L
        self.more_text = more_text
        self.update()

    def cells(self) -> list[Cell]:
        """Where each name and table label goes in the widget's current size."""
        if not self.seats:
            return []
        for size in range(LARGEST_PX, SMALLEST_PX - 1, -2):
            grid = self._grid(size)
            if grid[0] * grid[1] >= len(self.seats):
                break
        return self._place(size, *grid)

    def _grid(self, size: int) -> tuple[int, int]:
        """(columns, rows) that fit at this type size."""
        name_font, pill_font = look.font(size, self.unit), look.font(size, self.unit, bold=True)
        line = QFontMetrics(name_font).height() * LINE_PITCH
        column = self._name_width(name_font) + self._pill_width(pill_font) + look.px(size * 2.2, self.unit)
        return max(1, int(self.width() // column)), max(1, int(self.height() // line))

    def _name_width(self, font: QFont) -> float:
        metrics = QFontMetrics(font)
        return min(max(metrics.horizontalAdvance(name) for name, _ in self.seats) + 2, self.width() * 0.3)

    def _pill_width(self, font: QFont) -> float:
        metrics = QFontMetrics(font)
        return max(metrics.horizontalAdvance(label) for _, label in self.seats) + metrics.height()

    def _place(self, size: int, columns: int, rows: int) -> list[Cell]:
        """Columns as even as the count allows, spread over the width, read top to bottom."""
        name_font, pill_font = look.font(size, self.unit), look.font(size, self.unit, bold=True)
        metrics = QFontMetrics(name_font)
        capacity = columns * rows
        shown = self.seats if len(self.seats) <= capacity else self.seats[:capacity - 1]
        slots = len(shown) + (len(shown) < len(self.seats))
        used_columns = -(-slots // rows)
        rows = -(-slots // used_columns)
        pitch = min(self.height() / rows, metrics.height() * LINE_PITCH * 1.2)
        column_width, pill_width = self.width() / used_columns, self._pill_width(pill_font)
        gap = look.px(size * 0.5, self.unit)
        room = column_width - pill_width - gap - look.px(size, self.unit)  # and a gap before the next column
        name_width = min(self._name_width(name_font), room)
        cells = []
        for index, (name, table) in enumerate(shown):
            left = (index // rows) * column_width
            top = (index % rows) * pitch + (pitch - metrics.height()) / 2
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(name_width))
            cells.append(Cell(QRectF(left, top, name_width, metrics.height()), text, name_font, False))
            cells.append(Cell(QRectF(left + name_width + gap, top, pill_width, metrics.height()), table,
                              pill_font, True))
        hidden = len(self.seats) - len(shown)
        if hidden:
            index = len(shown)
            top = (index % rows) * pitch + (pitch - metrics.height()) / 2
            cells.append(Cell(QRectF((index // rows) * column_width, top, column_width, metrics.height()),
                              self.more_text.format(count=hidden), name_font, False))
        return cells

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for cell in self.cells():
            painter.setFont(cell.font)
            if cell.pill:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(look.ACCENT_SOLID))
                radius = cell.rect.height() / 2
                painter.drawRoundedRect(cell.rect.adjusted(0, -2, 0, 2), radius, radius)
                painter.setPen(QColor(look.TEXT))
                painter.drawText(cell.rect, Qt.AlignmentFlag.AlignCenter, cell.text)
            else:
                painter.setPen(QColor(look.TEXT))
                left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(cell.rect, left, cell.text)


class RoundPanel(Panel):
    def __init__(self) -> None:
        super().__init__("roundTitle")
        self.title.setProperty("role", "roundTitle")
        self.body.removeWidget(self.title)
        top = QHBoxLayout()
        left = QVBoxLayout()
        self.number = FitLabel("roundNumber")
        self.number.setObjectName("roundNumber")
        left.addWidget(self.title)
        left.addStretch(1)
        left.addWidget(self.number)
        right = QVBoxLayout()
        self.countdown = FitLabel("countdown", align=Qt.AlignmentFlag.AlignRight)
        self.countdown.setObjectName("countdown")
        self.state = FitLabel("countdownNote", align=Qt.AlignmentFlag.AlignRight)
        self.state.setObjectName("roundState")
        right.addWidget(self.countdown)
        right.addWidget(self.state)
        top.addLayout(left, 1)
        top.addLayout(right, 0)  # the countdown always whole; the title gives way
        self.body.addLayout(top)
        self.progress = RoundProgress()
        self.body.addWidget(self.progress)
        self.seat_heading = FitLabel("panelTitle")
        self.body.addWidget(self.seat_heading)
        self.seat_list = SeatList()
        self.body.addWidget(self.seat_list, 1)
        self.status: RoundStatus | None = None

    def show_round(self, status: RoundStatus, session_title: str, tr) -> None:
        self.status = status
        self.title.set_full_text((status.title or session_title).upper())
        self.number.set_full_text(tr("Round {number} of {total}", number=status.number, total=status.total))
        self.seat_heading.set_full_text(tr("WHERE DO I SIT?"))
        self.seat_list.set_seats(status, tr("and {count} more"))
        self._set_compact(len(self.seat_list.seats) > COMPACT_SEATS)

    def _set_compact(self, compact: bool) -> None:
        role = "countdownCompact" if compact else "countdown"
        if self.countdown.property("role") != role:
            self.countdown.setProperty("role", role)
            self.countdown.style().unpolish(self.countdown)
            self.countdown.style().polish(self.countdown)
        self.seat_heading.setVisible(not compact)

    def tick(self, now: datetime, tr) -> None:
        """The time left, each second: the display counts down itself, the data says only when it began."""
        status = self.status
        if status is None:
            return
        left = status.remaining(now)
        if left is None:
            self.countdown.set_full_text(minutes_and_seconds(status.duration))
            self.state.set_full_text(tr("Starts in a moment"))
        elif left > timedelta(0):
            self.countdown.set_full_text(minutes_and_seconds(left))
            self.state.set_full_text(tr("left"))
        else:
            self.countdown.set_full_text(minutes_and_seconds(left))
            self.state.set_full_text(tr("Time is up: please change tables"))
        total = status.duration.total_seconds() or 1
        done = 0.0 if left is None else 1 - left.total_seconds() / total
        self.progress.set_progress(done, left is not None and left <= timedelta(minutes=1))

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.progress.unit = self.seat_list.unit = unit
        self.progress.setFixedHeight(look.px(14, unit))
        self.body.setSpacing(look.px(18, unit))

