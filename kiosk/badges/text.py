"""Text that fits its box: wrap at spaces and hyphens, shrink until it fits.

Order of preference for one text box:
1. one line, from the largest size down to `one_line_ratio` of it (names stay whole);
2. wrapped at spaces and real hyphens ("Zimmermann-" / "Leutheusser"), largest size first;
3. at the smallest size, also inside words when a single word is wider than the box;
4. below the smallest size as a last resort: nothing is ever clipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fonts import Font

_NBSP = "\u00a0"
_HYPHENS = "-\u2010"
STEP = 0.5
FLOOR = 4.0


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    size: float
    widths: tuple[float, ...]
    line_height: float
    ascent: float  # of the first line, in points
    descent: float  # below the last baseline, in points (positive)
    below_minimum: bool = False

    @property
    def height(self) -> float:
        return self.ascent + (len(self.lines) - 1) * self.line_height + self.descent


@dataclass(frozen=True)
class TextBox:
    width: float  # points
    height: float
    max_size: float
    min_size: float
    max_lines: int = 1
    leading: float = 1.1
    one_line_ratio: float = 1.0


def fit_text(text: str, font: Font, box: TextBox) -> Fitted:
    """The largest arrangement of `text` that fits `box`."""
    text = glue(text)
    if not text:
        return Fitted((), box.max_size, (), 0.0, 0.0, 0.0)
    for size in _sizes(box.max_size, box.max_size * box.one_line_ratio):
        if font.width(text, size) <= box.width and _fits_height(1, size, font, box):
            return _fitted([text], size, font, box)
    pieces = split_pieces(text)
    at_spaces = split_pieces(text, hyphens=False)  # "Netzwerktreffen / Mittelstand-Digital" reads better
    for size in _sizes(box.max_size, box.min_size):
        for candidate in (at_spaces, pieces):
            lines = wrap(candidate, font, size, box.width)
            if lines and len(lines) <= box.max_lines and _fits_height(len(lines), size, font, box):
                return _fitted(lines, size, font, box)
    for size in _sizes(box.min_size, FLOOR):
        lines = wrap(pieces, font, size, box.width, hard=True)
        if len(lines) <= box.max_lines and _fits_height(len(lines), size, font, box):
            return _fitted(lines, size, font, box, below_minimum=size < box.min_size)
    lines = wrap(pieces, font, FLOOR, box.width, hard=True)
    return _fitted(lines, FLOOR, font, box, below_minimum=True)


def glue(text: str) -> str:
    """Collapse white space; keep a dash that follows a space with the word before it."""
    text = " ".join(text.split())
    return re.sub(r" ([\u2013\u2014])", _NBSP + r"\1", text)


def split_pieces(text: str, hyphens: bool = True) -> list[str]:
    """Pieces that each end at a break opportunity (trailing space or hyphen kept).

    A line may break after a space, or after a hyphen that ends a word part of three
    or more letters and is followed by a letter: "Zimmermann-|Leutheusser", but
    "Dr.-Ing." and "E-Mail" stay whole.
    """
    pieces, start, part = [], 0, 0
    for i, char in enumerate(text):
        after = text[i + 1:i + 2]
        if char == " ":
            pieces.append(text[start:i + 1])
            start, part = i + 1, 0
        elif hyphens and char in _HYPHENS and part >= 3 and after.isalpha():
            pieces.append(text[start:i + 1])
            start, part = i + 1, 0
        else:
            part = part + 1 if char.isalpha() else (0 if char in _HYPHENS else -99)
    return [p for p in [*pieces, text[start:]] if p]


def wrap(pieces: list[str], font: Font, size: float, width: float, hard: bool = False) -> list[str]:
    """Greedy line filling; [] when a piece is too wide and hard breaks are not allowed."""
    lines: list[str] = []
    current = ""
    for piece in pieces:
        candidate = current + piece
        if font.width(candidate.rstrip(), size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current.rstrip())
        current = piece
        if font.width(piece.rstrip(), size) > width:
            if not hard:
                return []
            *full, current = _hard_break(piece, font, size, width)
            lines += full
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _hard_break(word: str, font: Font, size: float, width: float) -> list[str]:
    parts, current = [], ""
    for char in word:
        if current and font.width((current + char).rstrip(), size) > width:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current]


def _sizes(high: float, low: float):
    size = high
    while size >= low - 1e-9:
        yield size
        size = round(size - STEP, 2)


def _fits_height(count: int, size: float, font: Font, box: TextBox) -> bool:
    height = size * (font.ascent - font.descent) + (count - 1) * size * box.leading
    return height <= box.height + 1e-6


def _fitted(lines, size, font: Font, box: TextBox, below_minimum=False) -> Fitted:
    widths = tuple(font.width(line, size) for line in lines)
    return Fitted(tuple(lines), size, widths, size * box.leading, size * font.ascent,
                  -size * font.descent, below_minimum)
