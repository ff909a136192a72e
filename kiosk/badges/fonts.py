"""The shipped fonts (assets/fonts/), registered with ReportLab once and embedded as subsets."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"


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
    ttf = TTFont(name, str(path))
    pdfmetrics.registerFont(ttf)
    ascent, descent = _hhea_metrics(path)
    return Font(name, ascent, descent, frozenset(ttf.face.charToGlyph))


def _hhea_metrics(path: Path) -> tuple[float, float]:
    """Ascender and descender from the 'hhea' table, the line box browsers use too.

    ReportLab reports the cap height as ascent, which is too low for accented capitals.
    """
    data = path.read_bytes()
    tables = struct.unpack(">H", data[4:6])[0]
    offsets = {data[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", data[20 + 16 * i:24 + 16 * i])[0]
               for i in range(tables)}
    units = struct.unpack(">H", data[offsets[b"head"] + 18:offsets[b"head"] + 20])[0]
    ascender, descender = struct.unpack(">hh", data[offsets[b"hhea"] + 4:offsets[b"hhea"] + 8])
    return ascender / units, descender / units
