"""The shipped fonts (assets/fonts/), registered with ReportLab once and embedded as subsets.

Importing this module also makes the shipped regular font ReportLab's starting font for
every canvas and chart (see `use_shipped_fonts_by_default`), so no PDF of the kiosk refers
to a font it does not embed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
FALLBACK = "wqy-microhei.ttc"  # Chinese, Japanese and Korean, which DejaVu lacks


@dataclass(frozen=True)
class Font:
    """A registered font with the vertical metrics of its line box (in em)."""

    name: str
    ascent: float
    descent: float  # negative
    glyphs: frozenset[int]

    def width(self, text: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, self.name, size)

    def missing(self, text: str) -> set[str]:
        return {c for c in text if ord(c) not in self.glyphs and not c.isspace()}


@lru_cache(maxsize=None)
def load_font(file_name: str) -> Font:
    path = FONT_DIR / file_name
    name = "Kiosk-" + path.stem
    ttf = TTFont(name, str(path))  # the first face of a collection (.ttc)
    pdfmetrics.registerFont(ttf)
    ascent, descent = _hhea_metrics(path)
    return Font(name, ascent, descent, frozenset(ttf.face.charToGlyph))


def font_for(text: str, font: Font) -> Font:
    """`font`, or the fallback font when only that one has every glyph `text` needs."""
    if not font.missing(text):
        return font
    fallback = load_font(FALLBACK)
    return fallback if not fallback.missing(text) else font


def use_shipped_fonts_by_default() -> None:
    """Start every ReportLab canvas and chart in the shipped regular font instead of Helvetica.

    ReportLab opens each page (and each chart drawing) with a font operator for its default
    font even when no text uses it. Helvetica is one of the 14 base fonts that are never
    embedded, so every PDF referred to a font it did not carry: PDF/A checkers and print
    shops refuse that, and a printer without it substitutes its own. A TrueType default
    needs no such operator at all.
    """
    regular, bold = load_font(REGULAR).name, load_font(BOLD).name
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold,
                                  baseFontFor="canvas graphics")


def _hhea_metrics(path: Path) -> tuple[float, float]:
    """Ascender and descender from the 'hhea' table, the line box browsers use too.

    ReportLab reports the cap height as ascent, which is too low for accented capitals.
    """
    data = path.read_bytes()
    start = struct.unpack(">I", data[12:16])[0] if data[:4] == b"ttcf" else 0  # first face of a collection
    tables = struct.unpack(">H", data[start + 4:start + 6])[0]
    records = [start + 12 + 16 * i for i in range(tables)]
    offsets = {data[r:r + 4]: struct.unpack(">I", data[r + 8:r + 12])[0] for r in records}
    units = struct.unpack(">H", data[offsets[b"head"] + 18:offsets[b"head"] + 20])[0]
    ascender, descender = struct.unpack(">hh", data[offsets[b"hhea"] + 4:offsets[b"hhea"] + 8])
    return ascender / units, descender / units


use_shipped_fonts_by_default()  # before any canvas exists: ReportLab reads its default when a canvas starts
