"""Draw badges onto a ReportLab canvas: one small `_draw_<type>` per element type.

Every draw method returns what it actually put on the page (`Drawn`, boxes in mm
from the badge's top-left corner), so tests can check that nothing leaves its box.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab import rl_config

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.model import Event, Guest
from kiosk.i18n import translator

from .fonts import font_for, load_font
from .layout import Box, Element, Layout, LayoutError
from .qr import QrMatrix, qr_matrix
from .scripts import shape, visual
from .text import TextBox, fit_text
from .variables import badge_values

MM = 72 / 25.4
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Drawn:
    element: str
    type: str
    box: Box  # the box the layout gives the element
    ink: Box | None  # what was drawn: text block, QR with quiet zone, filled area
    lines: tuple[str, ...] = ()
    size: float = 0.0  # font size (pt) or QR module (mm)
    missing: frozenset[str] = frozenset()  # characters the font has no glyph for
    below_minimum: bool = False


@dataclass(frozen=True)
class Placement:
    guest_id: str
    page: int  # 0-based
    slot: int
    elements: tuple[Drawn, ...]

    def __getitem__(self, element_id: str) -> Drawn:
        return next(d for d in self.elements if d.element == element_id)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    placements: tuple[Placement, ...]


class BadgeRenderer:
    """Draws one badge at a time at the canvas origin (the badge's bottom-left corner)."""

    def __init__(self, layout: Layout, canvas: Canvas) -> None:
        self.layout = layout
        self.canvas = canvas
        self.fonts = {key: load_font(file) for key, file in layout.fonts.items()}
        self._colours: dict[str, HexColor] = {}
        self._placed: dict[tuple[str, str], tuple] = {}  # event name, dates, category words repeat

    def draw(self, values: dict[str, str], category: str) -> tuple[Drawn, ...]:
        drawn: dict[str, Drawn] = {}  # so far on this badge: later elements size and place themselves by it
        for element in self.layout.elements:
            drawn[element.id] = getattr(self, f"_draw_{element.type}")(element, values, category, drawn)
        return tuple(drawn.values())

    def _draw_rect(self, element: Element, values, category, drawn) -> Drawn:
        box = element.box
        self._fill(element["fill"], category)
        x, y, w, h = self._rect(box)
        radius = element["radius"] * MM
        if radius:
            self.canvas.roundRect(x, y, w, h, radius, stroke=0, fill=1)
        else:
            self.canvas.rect(x, y, w, h, stroke=0, fill=1)
        return Drawn(element.id, "rect", box, box)

    def _draw_band(self, element: Element, values, category, drawn) -> Drawn:
        """The category band: a stripe in the category colour carrying the category word."""
        self._fill("category.fill", category)
        self.canvas.rect(*self._rect(element.box), stroke=0, fill=1)
        return self._draw_text(element, values, category, drawn, colour="category.text")

    def _draw_text(self, element: Element, values, category, drawn, colour: str | None = None) -> Drawn:
        text = shape(element.value.format_map(values))
        text = text.upper() if element["transform"] == "upper" else text
        key = (element.id, text, _cap(element, drawn), _box(element, drawn))
        placed = self._placed.get(key)
        if placed is None:
            placed = self._placed[key] = self._place_text(element, text, *key[2:])
        font, origins, lines, shown = placed
        self._fill(colour or element["colour"], category)
        self.canvas.setFont(font.name, shown.size)
        for (x, y), line in zip(origins, lines):
            self.canvas.drawString(x, y, line)
        return shown

    def _place_text(self, element: Element, text: str, cap: float, box: Box) -> tuple:
        """Fit `text` into `box`: the font, baseline origins (pt), lines as drawn, what they cover."""
        font = font_for(text, self.fonts[element["font"]])
        inner = _inset(box, element["pad_x"], element["pad_y"])
        fitted = fit_text(text, font, TextBox(inner.w * MM, inner.h * MM, min(element["size"], cap),
                                              min(element["min_size"], cap), element["max_lines"],
                                              element["leading"], element["one_line_ratio"]))
        lines = [visual(line) for line in fitted.lines]  # wrapped in reading order, drawn in display order
        widths = [font.width(line, fitted.size) for line in lines]
        top = inner.y * MM + _valign_offset(element["valign"], inner.h * MM, fitted.height)
        lefts = [inner.x * MM + _align_offset(element["align"], inner.w * MM, w) for w in widths]
        origins = [(left, self.layout.height * MM - (top + fitted.ascent + i * fitted.line_height))
                   for i, left in enumerate(lefts)]
        ink = None
        if fitted.lines:
            x0, x1 = min(lefts), max(left + w for left, w in zip(lefts, widths))
            ink = Box(x0 / MM, top / MM, (x1 - x0) / MM, fitted.height / MM)
        drawn = Drawn(element.id, element.type, box, ink, fitted.lines, fitted.size,
                      frozenset(font.missing(text)), fitted.below_minimum)
        return font, origins, lines, drawn

    def _draw_qr(self, element: Element, values, category, drawn) -> Drawn:
        matrix = qr_matrix(element.value.format_map(values), element["level"], element["mask"])
        box, quiet = element.box, element["quiet"]
        count = matrix.size + 2 * quiet
        module = min(box.w, box.h) / count
        if element["snap_dpi"]:  # a whole number of printer dots per module
            dot = 25.4 / element["snap_dpi"]
            module = math.floor(module / dot + 1e-9) * dot
        if module < element["min_module"]:
            raise LayoutError(f"{self.layout.name}: QR box {element.id!r} is too small for "
                              f"{count} modules of at least {element['min_module']} mm")
        side = count * module
        x0 = box.x + _align_offset(element["align"], box.w, side)
        y0 = box.y + (box.h - side) / 2
        self._fill(element["colour"], category)
        self.canvas.addLiteral(_qr_operators(matrix, module * MM, (x0 + quiet * module) * MM,
                                             (self.layout.height - y0 - quiet * module) * MM))
        return Drawn(element.id, "qr", box, Box(x0, y0, side, side), size=module)

    def _rect(self, box: Box) -> tuple[float, float, float, float]:
        return box.x * MM, (self.layout.height - box.bottom) * MM, box.w * MM, box.h * MM

    def _fill(self, ref: str, category: str) -> None:
        value = self.layout.colour(ref, category)
        colour = self._colours.get(value)
        if colour is None:
            colour = self._colours[value] = HexColor(value)
        self.canvas.setFillColor(colour)


def render(event: Event, guests: Iterable[Guest], layout: Layout, lang: str = "de",
           progress: Progress | None = None) -> Rendered:
    """All badges of `guests` in one PDF, `len(layout.sheet.slots)` per page."""
    guests = list(guests)
    if not guests:
        raise ValueError("no guests to make badges for")
    tr = translator(lang)
    sheet = layout.sheet
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(sheet.width * MM, sheet.height * MM), pageCompression=1, invariant=1)
    canvas.setTitle(f"{event.name} – badges")
    canvas.setCreator("Fruchthalle check-in kiosk")
    renderer = BadgeRenderer(layout, canvas)
    placements = []
    for index, guest in enumerate(guests):
        page, slot = divmod(index, len(sheet.slots))
        if slot == 0 and index:
            canvas.showPage()
        x, y = sheet.slots[slot]
        canvas.saveState()
        canvas.translate(x * MM, (sheet.height - y - layout.height) * MM)
        drawn = renderer.draw(badge_values(event, guest, tr), guest.category)
        canvas.restoreState()
        if slot == len(sheet.slots) - 1 or index == len(guests) - 1:
            draw_cut_marks(canvas, layout)
        placements.append(Placement(guest.id, page, slot, drawn))
        if progress:
            progress(index + 1, len(guests))
    canvas.showPage()
    with _binary_streams():
        canvas.save()
    return Rendered(buffer.getvalue(), tuple(placements))


def _qr_operators(matrix: QrMatrix, module: float, left: float, top: float) -> str:
    """All dark modules as one filled path of row runs, drawn in module units."""
    return f"q {module:.4f} 0 0 {-module:.4f} {left:.4f} {top:.4f} cm {matrix.path_operators()} f Q"


def draw_cut_marks(canvas: Canvas, layout: Layout) -> None:
    """Short ticks on every cut line near the page edges and a small cross where cuts meet."""
    sheet, marks = layout.sheet, layout.sheet.cut_marks
    if not marks:
        return
    xs = _inner_edges([x for x, _ in sheet.slots], layout.width, sheet.width)
    ys = _inner_edges([y for _, y in sheet.slots], layout.height, sheet.height)
    canvas.saveState()
    canvas.setLineWidth(marks.width_pt)
    canvas.setStrokeColor(HexColor("#808080"))
    path = canvas.beginPath()
    near, far = marks.from_edge, marks.from_edge + marks.length
    for x in xs:
        for a, b in ((near, far), (sheet.height - far, sheet.height - near)):
            path.moveTo(x * MM, (sheet.height - a) * MM)
            path.lineTo(x * MM, (sheet.height - b) * MM)
    for y in ys:
        for a, b in ((near, far), (sheet.width - far, sheet.width - near)):
            path.moveTo(a * MM, (sheet.height - y) * MM)
            path.lineTo(b * MM, (sheet.height - y) * MM)
    for x in xs:
        for y in ys:
            path.moveTo((x - marks.cross) * MM, (sheet.height - y) * MM)
            path.lineTo((x + marks.cross) * MM, (sheet.height - y) * MM)
            path.moveTo(x * MM, (sheet.height - y - marks.cross) * MM)
            path.lineTo(x * MM, (sheet.height - y + marks.cross) * MM)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


@contextmanager
def _binary_streams():
    """Skip ReportLab's ASCII85 step for compressed streams: a third smaller and much faster."""
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _inner_edges(starts: list[float], size: float, page: float) -> list[float]:
    """Cut positions along one axis, leaving out those at the page border (nothing to cut there)."""
    edges = sorted({round(s, 3) for s in starts} | {round(s + size, 3) for s in starts})
    return [e for e in edges if 1.0 < e < page - 1.0]


def _cap(element: Element, drawn: dict[str, Drawn]) -> float:
    """The largest size allowed: never above the names this element must stay smaller than."""
    sizes = [drawn[ref].size for ref in element["not_larger_than"] if drawn[ref].lines]
    return min(sizes, default=element["size"])


def _box(element: Element, drawn: dict[str, Drawn]) -> Box:
    """The element's box, moved down onto the text it sits above ("above"), so no gap opens between them."""
    anchor = drawn[element["above"]].ink if element["above"] else None
    if anchor is None:
        return element.box
    box = element.box
    return Box(box.x, max(box.y, anchor.y - element["gap"] - box.h), box.w, box.h)


def _inset(box: Box, dx: float, dy: float) -> Box:
    return Box(box.x + dx, box.y + dy, box.w - 2 * dx, box.h - 2 * dy)


def _align_offset(align: str, room: float, used: float) -> float:
    return {"left": 0.0, "center": (room - used) / 2, "right": room - used}[align]


def _valign_offset(valign: str, room: float, used: float) -> float:
    return {"top": 0.0, "middle": (room - used) / 2, "bottom": room - used}[valign]
