"""The big screen's building blocks: text that always fits its box, the arrivals curve, the progress
bar of a round. Painted sizes follow `unit` (look.unit_for), as the stylesheet's do."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QLinearGradient, QPainter, QPainterPath, QPen,
                           QTextLayout)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from . import look


def fit_text(font: QFont, text: str, width: int, lines: int = 1) -> str:
    """`text` broken at word boundaries into at most `lines` lines of `width` pixels; what does not
    fit ends in '…'. Lines are joined with newlines, so the label draws exactly these lines."""
    metrics = QFontMetrics(font)
    if lines <= 1 or width <= 0:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))
    layout = QTextLayout(text)
    layout.setFont(font)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    ends = starts[1:] + [len(text)]
    shown = [text[start:end].strip() for start, end in zip(starts, ends)]
    if len(shown) > lines:
        shown = shown[:lines - 1] + [text[starts[lines - 1]:].strip()]
    shown[-1] = metrics.elidedText(shown[-1], Qt.TextElideMode.ElideRight, width)
    return "\n".join(line for line in shown if line)


class FitLabel(QLabel):
    """A label whose text never runs out of its box: it keeps `full_text` and shows as much of it as
    fits in `lines` lines, ending in '…'. Its height is always room for `lines` lines."""

    def __init__(self, role: str, text: str = "", lines: int = 1,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        super().__init__()
        self.setProperty("role", role)
        self.lines = lines
        self.full_text = text
        vertical = Qt.AlignmentFlag.AlignVCenter if lines == 1 else Qt.AlignmentFlag.AlignTop
        self.setAlignment(align | vertical)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def set_full_text(self, text: str) -> None:
        if text != self.full_text:
            self.full_text = text
            self.updateGeometry()
        self._fit()

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self.font())

    def _fit(self) -> None:
        self.setText(fit_text(self.font(), self.full_text, self.contentsRect().width(), self.lines))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        metrics = self._metrics()
        width = max((metrics.horizontalAdvance(part) for part in self.full_text.split("\n")), default=0)
        return QSize(width + 2, self._height(metrics))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, self._height(self._metrics()))

    def _height(self, metrics: QFontMetrics) -> int:
        """Room for `lines` lines, and the pixel above and below that Qt's text rectangle takes."""
        margins = self.contentsMargins()
        text = metrics.height() + (self.lines - 1) * metrics.lineSpacing() + 2
        return text + margins.top() + margins.bottom()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.updateGeometry()
            self._fit()


class ArrivalsCurve(QWidget):
    """Arrivals so far today as a rising curve over the day's hours: the hall filling up."""

    AXIS_PX = 20

    def __init__(self) -> None:
        super().__init__()
        self.unit = 1.0
        self.points: list[tuple[int, int]] = []  # (minute of the day, arrivals so far)
        self.span = (8 * 60, 12 * 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_arrivals(self, arrivals: list[tuple[time, int]], day_start: time | None,
                     now: time | None) -> None:
        """From the first arrival (or the programme's start) to now: `now` is the local time when the
        day shown is today (the curve runs flat on to it), else None (it ends with the last arrival)."""
        total, self.points = 0, []
        for moment, count in arrivals:
            total += count
            self.points.append((moment.hour * 60 + moment.minute + 15, total))  # counted at the quarter's end
        minutes = [m for m, _ in self.points] + ([now.hour * 60 + now.minute] if now else [])
        starts = [m - 15 for m, _ in self.points[:1]]
        if day_start:
            starts.append(day_start.hour * 60 + day_start.minute)
        start = (min(starts or minutes or [8 * 60]) // 60) * 60
        end = -(-max(minutes or [start]) // 60) * 60
        self.span = (start, min(24 * 60, max(end, start + 3 * 60)))
        if now and self.points:
            self.points.append((max(self.points[-1][0], now.hour * 60 + now.minute), total))
        self.update()

    def _axis_metrics(self) -> QFontMetrics:
        return QFontMetrics(look.font(self.AXIS_PX, self.unit))

    def plot_rect(self) -> QRectF:
        """The curve's area: room below for the hours, and half an hour label at each side."""
        metrics = self._axis_metrics()
        side = metrics.horizontalAdvance("00:00") / 2 + 2
        return QRectF(self.rect()).adjusted(side, look.px(8, self.unit), -side,
                                            -metrics.height() - look.px(10, self.unit))

    def hour_labels(self) -> list[tuple[QRectF, str]]:
        """Where the hours go under the curve: every hour, or every second or third when they would crowd."""
        plot, metrics = self.plot_rect(), self._axis_metrics()
        start, end = self.span
        width = metrics.horizontalAdvance("00:00") + 2
        per_hour = plot.width() * 60 / (end - start)
        step = next((hours * 60 for hours in (1, 2, 3, 4, 6) if per_hour * hours >= width * 1.5), 12 * 60)
        labels = []
        for minute in range(start, end + 1, step):
            x = plot.left() + plot.width() * (minute - start) / (end - start)
            box = QRectF(x - width / 2, plot.bottom() + look.px(6, self.unit), width, metrics.height())
            labels.append((box, f"{minute // 60:02d}:00"))
        return labels

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self.plot_rect()
        painter.setPen(QPen(QColor(look.MUTED), look.px(2, self.unit)))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if self.points:
            self._paint_curve(painter, plot)
        painter.setFont(look.font(self.AXIS_PX, self.unit))
        painter.setPen(QColor(look.MUTED))
        for box, text in self.hour_labels():
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_curve(self, painter: QPainter, plot: QRectF) -> None:
        start, end = self.span
        top = max(total for _, total in self.points) or 1

        def at(minute: int, total: int) -> QPointF:
            return QPointF(plot.left() + plot.width() * (minute - start) / (end - start),
                           plot.bottom() - plot.height() * total / top)

        line = QPainterPath(at(self.points[0][0] - 15, 0))
        for minute, total in self.points:
            line.lineTo(at(minute, total))
        area = QPainterPath(line)
        area.lineTo(at(self.points[-1][0], 0))
        area.closeSubpath()
        fill = QLinearGradient(plot.topLeft(), plot.bottomLeft())
        fill.setColorAt(0, QColor(look.ACCENT_SOLID))
        fill.setColorAt(1, QColor(11, 37, 69, 0))
        painter.fillPath(area, fill)
        painter.setPen(QPen(QColor(look.ACCENT), look.px(4, self.unit), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(line)


class RoundProgress(QWidget):
    """How much of the round is over, as a bar; gold in the last minute."""

    def __init__(self) -> None:
        super().__init__()
        self.unit = 1.0
        self.done = 0.0
        self.last_minute = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_progress(self, done: float, last_minute: bool) -> None:
        self.done, self.last_minute = min(1.0, max(0.0, done)), last_minute
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(400, look.px(14, self.unit))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = self.height() / 2
        painter.setBrush(QColor(255, 255, 255, 40))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.setBrush(QColor(look.GOLD if self.last_minute else look.ACCENT_SOLID))
        painter.drawRoundedRect(QRectF(0, 0, self.width() * self.done, self.height()), radius, radius)
