"""Charts drawn with ReportLab's own graphics: bar charts, a doughnut, a heat map of who met whom."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from .style import INK, MUTED, NAVY, RULE, WHITE, fonts, mix

LEGEND_HEIGHT = 16


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]
    colour: Color


def nice_scale(largest: int, steps: int = 5) -> tuple[int, int]:
    """(axis maximum, step) with a round step: 1, 2, 2.5 or 5 times a power of ten."""
    if largest <= 0:
        return steps, 1
    raw = largest / steps
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    return step * math.ceil(largest / step), step


def vertical_bars(categories: Sequence[str], series: Sequence[Series], width: float, height: float,
                  number: Callable[[int], str], label_every: int = 1, value_labels: bool = False) -> Drawing:
    """Grouped vertical bars with a legend above them (when there is more than one series)."""
    drawing = Drawing(width, height)
    legend_room = (LEGEND_HEIGHT if len(series) > 1 else 4) + (8 if value_labels else 0)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 18
    chart.width, chart.height = width - chart.x - 4, height - chart.y - legend_room - 6
    chart.data = [list(s.values) for s in series]
    for index, s in enumerate(series):
        chart.bars[index].fillColor = s.colour
        chart.bars[index].strokeColor = None
    chart.barSpacing = 0.6
    chart.groupSpacing = max(2, chart.width / max(1, len(categories)) * 0.22)
    chart.categoryAxis.categoryNames = [c if i % label_every == 0 else "" for i, c in enumerate(categories)]
    _style_category_axis(chart.categoryAxis)
    _style_value_axis(chart.valueAxis, max((max(s.values, default=0) for s in series), default=0), number)
    chart.valueAxis.gridStart, chart.valueAxis.gridEnd = chart.x, chart.x + chart.width
    if value_labels:
        _bar_labels(chart, number, nudge=6)
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(legend(series, width, height - 10))
    return drawing


def horizontal_bars(labels: Sequence[str], series: Sequence[Series], width: float, row_height: float,
                    number: Callable[[int], str], label_width: float = 120) -> Drawing:
    """Grouped horizontal bars, first label on top, with values at the bar ends."""
    plot_height = row_height * len(labels)
    height = plot_height + 24 + (LEGEND_HEIGHT if len(series) > 1 else 0)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 16
    chart.width, chart.height = width - label_width - 26, plot_height
    chart.data = [list(reversed(s.values)) for s in series]
    for index, s in enumerate(series):
        chart.bars[index].fillColor = s.colour
        chart.bars[index].strokeColor = None
    chart.barSpacing = 0.8
    chart.groupSpacing = row_height * 0.28
    chart.categoryAxis.categoryNames = list(reversed(labels))
    _style_category_axis(chart.categoryAxis)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -5
    chart.categoryAxis.labels.fontSize = 7.4
    chart.categoryAxis.labels.fillColor = INK
    _style_value_axis(chart.valueAxis, max((max(s.values, default=0) for s in series), default=0), number)
    chart.valueAxis.gridStart, chart.valueAxis.gridEnd = chart.y, chart.y + chart.height
    _bar_labels(chart, number, nudge=9)
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(legend(series, width, height - 8))
    return drawing


def legend(series: Sequence[Series], right: float, top: float) -> Legend:
    regular, _ = fonts()
    item = Legend()
    item.alignment = "right"
    item.x, item.y = max(0.0, right - 8 - sum(_legend_width(s.label) for s in series)), top
    item.columnMaximum = 1
    item.deltax = 0
    item.dxTextSpace = 4
    item.dx = item.dy = 7
    item.fontName, item.fontSize, item.fillColor = regular, 7.4, INK
    item.strokeColor = None
    item.swdx = 0
    item.autoXPadding = 12
    item.colorNamePairs = [(s.colour, s.label) for s in series]
    return item


def doughnut(part: int, whole: int, colour: Color, size: float, centre_text: str) -> Drawing:
    """A ring showing `part` of `whole`, with a big number in the middle."""
    _, bold = fonts()
    drawing = Drawing(size, size)
    ring = Doughnut()
    ring.x, ring.y, ring.width, ring.height = 6, 6, size - 12, size - 12
    ring.data = [part, max(whole - part, 0)] if whole else [0, 1]
    ring.innerRadiusFraction = 0.68
    ring.startAngle, ring.direction = 90, "clockwise"
    ring.slices.strokeWidth = 0
    ring.slices.strokeColor = None
    ring.slices[0].fillColor = colour
    ring.slices[1].fillColor = mix(colour, 0.16)
    ring.sideLabels = 0
    ring.labels = None
    drawing.add(ring)
    hole = (size - 12) * ring.innerRadiusFraction * 0.86  # the inner diameter, with some air
    font_size = min(17.0, 17.0 * hole / max(stringWidth(centre_text, bold, 17.0), 1))
    drawing.add(String(size / 2, size / 2 - font_size * 0.35, centre_text, fontName=bold, fontSize=font_size,
                       fillColor=NAVY, textAnchor="middle"))
    return drawing


def heat_map(labels: Sequence[str], cells: dict[tuple[int, int], int], width: float, colour: Color,
             number: Callable[[int], str], label_width: float = 112) -> Drawing:
    """Lower triangle of a symmetric matrix: row i, column j <= i, shaded by the square root of the count."""
    regular, bold = fonts()
    n = len(labels)
    cell_w = min(52.0, (width - label_width - 8) / max(n, 1))
    cell_h = 19.0
    header = 62.0
    drawing = Drawing(width, header + n * cell_h + 4)
    top = n * cell_h + 2
    largest = max(cells.values(), default=0) or 1
    for i, row_label in enumerate(labels):
        y = top - (i + 1) * cell_h
        drawing.add(String(label_width - 6, y + cell_h / 2 - 2.6, row_label, fontName=regular, fontSize=7.4,
                           fillColor=INK, textAnchor="end"))
        for j in range(i + 1):
            count = cells.get((i, j), 0)
            share = math.sqrt(count / largest) if count else 0
            x = label_width + j * cell_w
            drawing.add(Rect(x + 0.6, y + 0.6, cell_w - 1.2, cell_h - 1.2, rx=1.5, ry=1.5, strokeColor=None,
                             fillColor=mix(colour, 0.06 + 0.94 * share) if count else mix(RULE, 0.35)))
            ink = WHITE if share > 0.5 else INK
            drawing.add(String(x + cell_w / 2, y + cell_h / 2 - 2.8, number(count) if count else "·",
                               fontName=bold if count else regular, fontSize=7.6, fillColor=ink,
                               textAnchor="middle"))
    for j, column_label in enumerate(labels):
        x = label_width + j * cell_w + cell_w / 2
        label = Group(String(0, 0, column_label, fontName=regular, fontSize=7.2, fillColor=INK))
        label.translate(x - 2, top + 5)
        label.rotate(40)
        drawing.add(label)
    drawing.add(Line(label_width, top + 1.5, label_width + n * cell_w, top + 1.5, strokeColor=RULE,
                     strokeWidth=0.6))
    return drawing


def _legend_width(label: str) -> float:
    return stringWidth(label, fonts()[0], 7.4) + 7 + 4 + 12


def _style_category_axis(axis) -> None:
    regular, _ = fonts()
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = regular, 7, MUTED
    axis.strokeColor, axis.strokeWidth = MUTED, 0.6
    axis.visibleTicks = 0
    axis.labels.dy = -2


def _style_value_axis(axis, largest: int, number: Callable[[int], str]) -> None:
    regular, _ = fonts()
    axis.valueMin = 0
    axis.valueMax, axis.valueStep = nice_scale(largest)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = regular, 7, MUTED
    axis.labelTextFormat = lambda value: number(int(value))
    axis.visibleAxis = 0
    axis.visibleTicks = 0
    axis.visibleGrid = 1
    axis.gridStrokeColor, axis.gridStrokeWidth = RULE, 0.5


def _bar_labels(chart, number: Callable[[int], str], nudge: float) -> None:
    regular, _ = fonts()
    chart.barLabelFormat = lambda value: number(int(value)) if value else ""
    chart.barLabels.fontName, chart.barLabels.fontSize = regular, 6.8
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = nudge
