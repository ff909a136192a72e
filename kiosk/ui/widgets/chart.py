"""A plain bar chart painted with QPainter: arrivals per 15 minutes in staff mode."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import style

AXIS_FONT_PX = 17
VALUE_FONT_PX = 16
EMPTY_FONT_PX = 24


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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(260)

    def set_data(self, data: list[tuple[str, int]]) -> None:
        self._data = list(data)
        self.update()

    def data(self) -> list[tuple[str, int]]:
        return list(self._data)

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
        top = max(count for _, count in self._data)
        step = nice_step(top)
        ceiling = max(step, math.ceil(top / step) * step)
        axis_font = _font(AXIS_FONT_PX)
        metrics = QFontMetrics(axis_font)
        left = metrics.horizontalAdvance(str(ceiling)) + 16
        plot = QRectF(left, 28, self.width() - left - 8, self.height() - 28 - metrics.height() - 14)
        painter.setFont(axis_font)
        self._paint_grid(painter, plot, ceiling, step, metrics)
        self._paint_bars(painter, plot, ceiling, top)
        self._paint_labels(painter, plot, metrics)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setFont(_font(EMPTY_FONT_PX))
        painter.setPen(QColor(style.MUTED))
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(self.rect(), flags, self._empty_text)

    def _paint_grid(self, painter: QPainter, plot: QRectF, ceiling: int, step: int,
                    metrics: QFontMetrics) -> None:
        for value in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(QPen(QColor(style.LINE if value else style.MUTED), 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QColor(style.MUTED))
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 10, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))

    def _slot_width(self, plot: QRectF) -> float:
        return plot.width() / len(self._data)

    def _paint_bars(self, painter: QPainter, plot: QRectF, ceiling: int, top: int) -> None:
        slot = self._slot_width(plot)
        bar = max(2.0, slot * 0.72)
        show_values = slot >= 26
        painter.setFont(_font(VALUE_FONT_PX, bold=True))
        for i, (_, count) in enumerate(self._data):
            if not count:
                continue
            height = plot.height() * count / ceiling
            x = plot.left() + i * slot + (slot - bar) / 2
            rect = QRectF(x, plot.bottom() - height, bar, height)
            colour = QColor(style.NAVY if count == top else style.PRIMARY)
            painter.fillPath(_top_rounded(rect, min(6.0, bar / 3)), colour)
            if show_values:
                painter.setPen(QColor(style.INK))
                painter.drawText(QRectF(x - 10, rect.top() - 24, bar + 20, 22),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(count))

    def _paint_labels(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics) -> None:
        slot = self._slot_width(plot)
        label_width = metrics.horizontalAdvance("00:00") + 18
        every = max(1, math.ceil(label_width / slot))
        if every > 1:  # then label half hours, whole hours, every second hour ...
            every = next(n for n in (2, 4, 8, 16, 32, 96) if n >= every)
        painter.setFont(_font(AXIS_FONT_PX))
        painter.setPen(QColor(style.MUTED))
        for i, (text, _) in enumerate(self._data):
            if _minutes(text) % (every * 15):
                continue
            centre = plot.left() + (i + 0.5) * slot
            box = QRectF(centre - label_width / 2, plot.bottom() + 8, label_width, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)


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
