"""A plain bar chart painted with QPainter: arrivals per 15 minutes in staff mode.

The axes do not hug the data: the time axis spans the day's programme hours (or at least
MIN_SLOTS quarter hours) and the count axis reaches at least MIN_CEILING, so the first arrival of
the morning is one small bar on a readable day, not one bar filling the card.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import style

AXIS_FONT_PX = 17
VALUE_FONT_PX = 16
EMPTY_FONT_PX = 24
SLOT = 15  # minutes per bar
MIN_SLOTS = 16  # without programme hours, at least four hours show
MIN_CEILING = 10
DAY_MINUTES = 24 * 60


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round tick step (1, 2, 5, 10, 20, 50 ...) giving about `ticks` grid lines up to `maximum`."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[tuple[str, int]] = []
        self._empty_text = ""
        self._window: tuple[int, int] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(260)

    def set_data(self, data: list[tuple[str, int]]) -> None:
        self._data = list(data)
        self.update()

    def data(self) -> list[tuple[str, int]]:
        return list(self._data)

    def set_window(self, start: str = "", end: str = "") -> None:
        """The day's programme hours ("HH:MM"); the time axis covers them (and any arrival outside)."""
        self._window = (_minutes(start), _minutes(end)) if start and end else None
        self.update()

    def slots(self) -> list[tuple[str, int]]:
        """What is drawn: a bar per quarter hour across the time axis, 0 where nobody arrived."""
        if not self._data:
            return []
        counts = {_minutes(text): count for text, count in self._data}
        first, last = min(counts), max(counts)
        if self._window:
            first = min(first, self._window[0] - self._window[0] % SLOT)
            last = max(last, self._window[1] - SLOT + (-self._window[1]) % SLOT)
        last = min(max(last, first + (MIN_SLOTS - 1) * SLOT), DAY_MINUTES - SLOT)
        first = max(0, min(first, last - (MIN_SLOTS - 1) * SLOT))
        return [(f"{m // 60:02d}:{m % 60:02d}", counts.get(m, 0)) for m in range(first, last + 1, SLOT)]

    def ceiling(self) -> tuple[int, int]:
        """(top of the count axis, its tick step)."""
        top = max((count for _, count in self._data), default=0)
        step = nice_step(max(top, MIN_CEILING))
        return max(MIN_CEILING, math.ceil(top / step) * step), step

    def bars(self) -> list[QRectF]:
        """Where the bars go, in widget coordinates (one per quarter hour with arrivals)."""
        slots, plot = self.slots(), self._plot()
        return [self._bar(plot, i, len(slots), count) for i, (_, count) in enumerate(slots) if count]

    def plot_area(self) -> QRectF:
        return self._plot()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(800, 360)

    # -- painting -------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._data:
            self._paint_empty(painter)
            return
        slots, plot = self.slots(), self._plot()
        metrics = QFontMetrics(_font(AXIS_FONT_PX))
        painter.setFont(_font(AXIS_FONT_PX))
        self._paint_grid(painter, plot, metrics)
        self._paint_bars(painter, plot, slots)
        self._paint_labels(painter, plot, slots, metrics)

    def _plot(self) -> QRectF:
        metrics = QFontMetrics(_font(AXIS_FONT_PX))
        left = metrics.horizontalAdvance(str(self.ceiling()[0])) + 16
        return QRectF(left, 28, self.width() - left - 8, self.height() - 28 - metrics.height() - 14)

    def _bar(self, plot: QRectF, index: int, count_of_slots: int, count: int) -> QRectF:
        slot = plot.width() / count_of_slots
        width = max(2.0, slot * 0.72)
        height = plot.height() * count / self.ceiling()[0]
        return QRectF(plot.left() + index * slot + (slot - width) / 2, plot.bottom() - height, width, height)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setFont(_font(EMPTY_FONT_PX))
        painter.setPen(QColor(style.MUTED))
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(self.rect(), flags, self._empty_text)

    def _paint_grid(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics) -> None:
        ceiling, step = self.ceiling()
        for value in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(QPen(QColor(style.LINE if value else style.MUTED), 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QColor(style.MUTED))
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 10, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))

    def _paint_bars(self, painter: QPainter, plot: QRectF, slots: list[tuple[str, int]]) -> None:
        top = max(count for _, count in slots)
        show_values = plot.width() / len(slots) >= 26
        painter.setFont(_font(VALUE_FONT_PX, bold=True))
        for i, (_, count) in enumerate(slots):
            if not count:
                continue
            rect = self._bar(plot, i, len(slots), count)
            colour = QColor(style.NAVY if count == top else style.PRIMARY)
            painter.fillPath(_top_rounded(rect, min(6.0, rect.width() / 3)), colour)
            if show_values:
                painter.setPen(QColor(style.INK))
                painter.drawText(QRectF(rect.left() - 10, rect.top() - 24, rect.width() + 20, 22),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(count))

    def _paint_labels(self, painter: QPainter, plot: QRectF, slots: list[tuple[str, int]],
                      metrics: QFontMetrics) -> None:
        slot = plot.width() / len(slots)
        label_width = metrics.horizontalAdvance("00:00") + 18
        painter.setFont(_font(AXIS_FONT_PX))
        painter.setPen(QColor(style.MUTED))
        for i, text in axis_labels(slots, slot, label_width):
            centre = plot.left() + (i + 0.5) * slot
            box = QRectF(centre - label_width / 2, plot.bottom() + 8, label_width, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)


def axis_labels(slots: list[tuple[str, int]], slot_width: float, label_width: float) -> list[tuple[int, str]]:
    """(position, "HH:MM") for the times written under the bars: as many as fit, on round times."""
    every = max(1, math.ceil(label_width / slot_width))
    if every > 1:  # then label half hours, whole hours, every second hour ...
        every = next(n for n in (2, 4, 8, 16, 32, 96) if n >= every)
    return [(i, text) for i, (text, _) in enumerate(slots) if not _minutes(text) % (every * SLOT)]


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _top_rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(rect.bottomLeft())
    path.lineTo(rect.left(), rect.top() + radius)
    path.quadTo(rect.topLeft(), rect.topLeft() + QPointF(radius, 0))
    path.lineTo(rect.right() - radius, rect.top())
    path.quadTo(rect.topRight(), rect.topRight() + QPointF(0, radius))
    path.lineTo(rect.bottomRight())
    path.closeSubpath()
    return path


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes or 0) if hours.isdigit() else 0
