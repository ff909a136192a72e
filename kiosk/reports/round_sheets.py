"""Printed round plans: a sheet per round (tables with large numbers and names, readable from two
metres), personal cards (ten to an A4 page, with cut marks: 'Runde 1: Tisch 7 · Runde 2: Tisch 3'),
and quiz team lists. Names are drawn in a font that has their script (DejaVu, WenQuanYi for CJK),
right-to-left names shaped and ordered as on badges."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.badges.fonts import BOLD, REGULAR, Font, font_for, load_font
from kiosk.badges.scripts import shape, visual
from kiosk.core.round_plans import PlanKind
from kiosk.services.rounds import GuestTables, PlanView, RoundView, TableView

from .style import GOLD, INK, MUTED, NAVY, RULE, TINT, Locale

MARGIN = 12 * mm
CELL_PAD = 8
LABEL_SCALE = 2.4  # table numbers to names
NAME_SIZES = (28, 26, 24, 22, 20, 18, 16, 14, 12)  # the largest that fits a round on one page wins
PAGED_NAME_SIZE = 14  # a round too big for one page at 12 pt goes over several at this size
CARD_W, CARD_H = 85 * mm, 55 * mm
CARD_COLUMNS, CARD_ROWS = 2, 5


def _font(text: str, bold: bool = False) -> Font:
    return font_for(text, load_font(BOLD if bold else REGULAR))


def draw_text(canvas: Canvas, text: str, x: float, y: float, size: float, bold: bool = False,
              width: float | None = None, anchor: str = "left") -> float:
    """Draw one line (shrunk to `width` if given, never below 60 %); returns the size used."""
    shown = visual(shape(text))
    font = _font(shown, bold)
    if width is not None and font.width(shown, size) > width:
        size = max(size * 0.6, size * width / font.width(shown, size))
    canvas.setFont(font.name, size)
    {"left": canvas.drawString, "centre": canvas.drawCentredString, "right": canvas.drawRightString}[anchor](
        x, y, shown)
    return size


def _title(view: PlanView, loc: Locale) -> str:
    return view.session.title(loc.lang)


def _session_line(view: PlanView, loc: Locale) -> str:
    return " · ".join(p for p in (loc.day_short(view.session.day), view.session.time_text, view.session.room) if p)


# -- round sheets ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Grid:
    size: float  # name size
    columns: int
    rows: int
    cell_w: float
    cell_h: float


def _label_width(tables: Sequence[TableView], size: float) -> float:
    """The width of the table numbers' column: the longest label, in bold at LABEL_SCALE times the name size."""
    label = max((t.label for t in tables), key=len, default="00")
    big = LABEL_SCALE * size
    return max(_font(label, True).width(label, big), _font("00", True).width("00", big)) + 0.6 * size


def _grid(tables: Sequence[TableView], page_w: float, page_h: float, size: float) -> _Grid:
    shown = [s.public_name + (" ★" if s.host else "") for t in tables for s in t.seats]
    widest = max((_font(name).width(name, size) for name in shown), default=0)
    cell_w = _label_width(tables, size) + widest + 2 * CELL_PAD + 8
    seats = max((len(t.seats) for t in tables), default=1) + (0.65 if any(t.name for t in tables) else 0)
    cell_h = max(LABEL_SCALE * 1.25 * size, seats * 1.25 * size) + 2 * CELL_PAD + 8 + 0.4 * size
    columns = max(1, int(page_w // cell_w))
    rows = max(1, int(page_h // cell_h))
    return _Grid(size, columns, rows, page_w / columns, cell_h)


def _sheet_grid(tables: Sequence[TableView], page_w: float, page_h: float) -> _Grid:
    for size in NAME_SIZES:
        grid = _grid(tables, page_w, page_h, size)
        if grid.columns * grid.rows >= len(tables):
            return grid
    return _grid(tables, page_w, page_h, PAGED_NAME_SIZE)


def _sheet_header(canvas: Canvas, view: PlanView, round_: RoundView, loc: Locale, width: float, top: float) -> None:
    canvas.setFillColor(NAVY)
    heading = (loc.tr("Quiz teams") if view.kind == PlanKind.QUIZ
               else loc.tr("Round {number} of {total}", number=round_.number, total=view.total))
    draw_text(canvas, heading, MARGIN, top - 26, 26, bold=True)
    canvas.setFillColor(MUTED)
    draw_text(canvas, _title(view, loc), MARGIN + width, top - 14, 12, anchor="right", width=width / 2)
    draw_text(canvas, _session_line(view, loc), MARGIN + width, top - 30, 11, anchor="right", width=width / 2)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(2)
    canvas.line(MARGIN, top - 40, MARGIN + width, top - 40)


def _draw_table(canvas: Canvas, table: TableView, x: float, y: float, grid: _Grid, word: str,
                number_w: float) -> None:
    """One table's cell, its top left corner at (x, y): the number large on the left, the names beside it."""
    pad, size, inner_w = CELL_PAD, grid.size, grid.cell_w - 8
    canvas.setFillColor(TINT)
    canvas.setStrokeColor(RULE)
    canvas.roundRect(x + 4, y - grid.cell_h + 4, inner_w, grid.cell_h - 8, 6, stroke=1, fill=1)
    left, top = x + 4 + pad, y - 4 - pad
    canvas.setFillColor(MUTED)
    draw_text(canvas, word.upper(), left, top - 0.5 * size, 0.5 * size, bold=True, width=number_w)
    canvas.setFillColor(NAVY)
    draw_text(canvas, table.label, left, top - 0.6 * size - 0.75 * LABEL_SCALE * size, LABEL_SCALE * size, bold=True,
              width=number_w - 0.4 * size)
    names_x, names_w = left + number_w, inner_w - 2 * pad - number_w
    line_y = top - 0.1 * size
    if table.name:  # hosted: the host organization over the names
        canvas.setFillColor(MUTED)
        draw_text(canvas, table.name, names_x, line_y - 0.6 * size, 0.6 * size, bold=True, width=names_w)
        line_y -= 0.8 * size
    canvas.setFillColor(INK)
    for seat in table.seats:
        draw_text(canvas, seat.public_name + (" ★" if seat.host else ""), names_x, line_y - size, size,
                  bold=seat.host, width=names_w)
        line_y -= size * 1.25


def _round_pages(canvas: Canvas, view: PlanView, round_: RoundView, loc: Locale) -> None:
    page_w, page_h = landscape(A4)
    canvas.setPageSize((page_w, page_h))
    width, body_top = page_w - 2 * MARGIN, page_h - MARGIN - 48
    grid = _sheet_grid(round_.tables, width, body_top - MARGIN)
    per_page = grid.columns * grid.rows
    word = loc.tr("Team") if view.kind == PlanKind.QUIZ else loc.tr("Table")
    for start in range(0, max(1, len(round_.tables)), per_page):
        _sheet_header(canvas, view, round_, loc, width, page_h - MARGIN)
        for i, table in enumerate(round_.tables[start:start + per_page]):
            column, row = i % grid.columns, i // grid.columns
            _draw_table(canvas, table, MARGIN + column * grid.cell_w, body_top - row * grid.cell_h, grid, word,
                        _label_width(round_.tables, grid.size))
        canvas.showPage()


def _round_sheets(canvas: Canvas, view: PlanView, loc: Locale) -> None:
    for round_ in view.rounds:
        _round_pages(canvas, view, round_, loc)


# -- personal cards -------------------------------------------------------------------------------
def _cut_marks(canvas: Canvas, left: float, bottom: float) -> None:
    """Short marks outside the block of cards, where the cuts go."""
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    xs = [left + c * CARD_W for c in range(CARD_COLUMNS + 1)]
    ys = [bottom + r * CARD_H for r in range(CARD_ROWS + 1)]
    top, right = ys[-1], xs[-1]
    for x in xs:
        canvas.line(x, bottom - 7 * mm, x, bottom - 2 * mm)
        canvas.line(x, top + 2 * mm, x, top + 7 * mm)
    for y in ys:
        canvas.line(left - 7 * mm, y, left - 2 * mm, y)
        canvas.line(right + 2 * mm, y, right + 7 * mm, y)


def _draw_card(canvas: Canvas, card: GuestTables, view: PlanView, x: float, y: float, loc: Locale) -> None:
    """One card, its bottom left corner at (x, y)."""
    pad, inner = 5 * mm, CARD_W - 10 * mm
    top = y + CARD_H - pad
    canvas.setFillColor(GOLD)
    draw_text(canvas, _title(view, loc).upper(), x + pad, top - 7, 7, bold=True, width=inner)
    canvas.setFillColor(MUTED)
    draw_text(canvas, _session_line(view, loc), x + pad, top - 16, 7, width=inner)
    canvas.setFillColor(NAVY)
    draw_text(canvas, card.full_name, x + pad, top - 33, 14, bold=True, width=inner)
    canvas.setFillColor(MUTED)
    draw_text(canvas, card.organization, x + pad, top - 43, 7.5, width=inner)
    _card_tables(canvas, card, x + pad, top - 50, inner, top - 50 - (y + pad), loc)


def _card_tables(canvas: Canvas, tables: GuestTables, x: float, top: float, width: float, height: float,
                 loc: Locale) -> None:
    entries = [(loc.tr("Team"), r.label) if tables.kind == PlanKind.QUIZ else
               (loc.tr("Round {number}", number=r.number), f"{loc.tr('Table')} {r.label}") for r in tables.rounds]
    columns = 1 if len(entries) <= 3 else 2
    rows = -(-len(entries) // columns)
    step = min((13 if columns == 1 else 11) * 1.6, height / max(rows, 1))
    size = step / 1.6
    column_w = width / columns
    for i, (what, where) in enumerate(entries):
        cx, cy = x + (i // rows) * column_w, top - size - (i % rows) * step
        canvas.setFillColor(MUTED)
        draw_text(canvas, what, cx, cy, size * 0.8, width=column_w * 0.38)
        canvas.setFillColor(INK)
        draw_text(canvas, where, cx + column_w * 0.4, cy, size, bold=True, width=column_w * 0.55)


def _cards(canvas: Canvas, cards: Sequence[GuestTables], view: PlanView, loc: Locale) -> None:
    page_w, page_h = A4
    canvas.setPageSize((page_w, page_h))
    left = (page_w - CARD_COLUMNS * CARD_W) / 2
    bottom = (page_h - CARD_ROWS * CARD_H) / 2
    per_page = CARD_COLUMNS * CARD_ROWS
    for start in range(0, len(cards), per_page):
        _cut_marks(canvas, left, bottom)
        for i, card in enumerate(cards[start:start + per_page]):
            column, row = i % CARD_COLUMNS, i // CARD_COLUMNS
            _draw_card(canvas, card, view, left + column * CARD_W, bottom + (CARD_ROWS - 1 - row) * CARD_H, loc)
        canvas.showPage()


# -- documents ------------------------------------------------------------------------------------
def _document(title: str, draw) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def plan_pdf(view: PlanView, cards: Sequence[GuestTables], lang: str = "de", sheets: bool = True,
             with_cards: bool = True) -> bytes:
    """The round sheets, then the personal cards (either alone when the other is not wanted)."""
    loc = Locale(lang)

    def draw(canvas: Canvas) -> None:
        if sheets:
            _round_sheets(canvas, view, loc)
        if with_cards:
            _cards(canvas, cards, view, loc)

    return _document(_title(view, loc), draw)


def quiz_teams_pdf(view: PlanView, lang: str = "de") -> bytes:
    """The quiz teams: one sheet (or more for many teams), names by team."""
    loc = Locale(lang)
    return _document(f"{_title(view, loc)} – {loc.tr('Quiz teams')}", lambda c: _round_sheets(c, view, loc))
