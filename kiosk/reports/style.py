"""The look of the report and certificate (colours, fonts, paragraph styles) and locale formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.styles import ParagraphStyle

from kiosk.badges.fonts import load_font
from kiosk.i18n import Translator, translator

NAVY = HexColor("#0B2545")
BLUE = HexColor("#0057A8")
GREEN = HexColor("#0B6B45")
GOLD = HexColor("#8A6100")
INK = HexColor("#1B2633")
MUTED = HexColor("#5B6776")
RULE = HexColor("#D3DAE3")
TINT = HexColor("#F1F4F8")
PALE_BLUE = HexColor("#A9C3E0")
PALE_GOLD = HexColor("#F4EAD3")
WHITE = white
DAY_COLOURS = (NAVY, BLUE, GREEN, GOLD, HexColor("#5B6776"), HexColor("#7A4E9C"))

KIND_LABELS = {
    "digital_centre": "Digital centres", "ministry": "Ministries", "project_agency": "Project agencies",
    "research": "Research", "partner_hub": "Partner hubs", "press": "Press", "staff": "Staff",
    "other": "Other", "": "No organization",
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered with ReportLab."""
    return load_font("DejaVuSans.ttf").name, load_font("DejaVuSans-Bold.ttf").name


def mix(colour: Color, share: float) -> Color:
    """`colour` faded towards white: share 1 is the colour, 0 is white."""
    return Color(*(1 - share * (1 - c) for c in colour.rgb()))


@dataclass(frozen=True)
class Locale:
    """Language-dependent text: numbers, dates, labels."""

    lang: str

    @cached_property
    def tr(self) -> Translator:
        return translator(self.lang)

    def number(self, value: int) -> str:
        text = f"{value:,}"
        return text.replace(",", ".") if self.lang == "de" else text

    def percent(self, part: int, whole: int) -> str:
        if not whole:
            return "–"
        text = f"{100 * part / whole:.1f}"
        return f"{text.replace('.', ',')}\u00a0%" if self.lang == "de" else f"{text}%"  # no break before %

    def weekday(self, day: date, short: bool = True) -> str:
        name = self.tr(_WEEKDAYS[day.weekday()])
        return name[: 2 if self.lang == "de" else 3] if short else name

    def month(self, day: date) -> str:
        return self.tr(_MONTHS[day.month - 1])

    def day_short(self, day: date) -> str:
        """'Di 24.10.' / 'Tue 24 Oct'."""
        if self.lang == "de":
            return f"{self.weekday(day)} {day:%d.%m.}"
        return f"{self.weekday(day)} {day.day} {self.month(day)[:3]}"

    def day_long(self, day: date) -> str:
        """'Dienstag, 24. Oktober 2023' / 'Tuesday, 24 October 2023'."""
        dot = "." if self.lang == "de" else ""
        return f"{self.weekday(day, short=False)}, {day.day}{dot} {self.month(day)} {day.year}"

    def day_range(self, days: tuple[date, ...]) -> str:
        """'24.–26. Oktober 2023' / '24–26 October 2023'; full dates when months differ."""
        first, last = min(days), max(days)
        dot = "." if self.lang == "de" else ""
        if first == last:
            return f"{first.day}{dot} {self.month(first)} {first.year}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}{dot}–{last.day}{dot} {self.month(last)} {last.year}"
        return f"{first.day}{dot} {self.month(first)} – {last.day}{dot} {self.month(last)} {last.year}"

    def kind(self, kind: str) -> str:
        return self.tr(KIND_LABELS.get(kind, kind))


def paragraph_styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=8.8, leading=12.4, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7.6, leading=10, textColor=MUTED),
        "h1": ParagraphStyle("h1", base, fontName=bold, fontSize=15, leading=19, textColor=NAVY,
                             spaceBefore=2, spaceAfter=3),
        "h2": ParagraphStyle("h2", base, fontName=bold, fontSize=10.5, leading=14, textColor=NAVY,
                             spaceBefore=10, spaceAfter=2),
        "lead": ParagraphStyle("lead", base, fontSize=8.6, leading=12, textColor=MUTED, spaceAfter=4),
        "cell": ParagraphStyle("cell", base, fontSize=8.2, leading=10.6),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=bold, fontSize=8.2, leading=10.6),
        "head": ParagraphStyle("head", base, fontName=bold, fontSize=7.4, leading=9.6, textColor=MUTED),
        "kpi_value": ParagraphStyle("kpi_value", base, fontName=bold, fontSize=17, leading=20, textColor=NAVY),
        "kpi_label": ParagraphStyle("kpi_label", base, fontSize=7.4, leading=9.4, textColor=MUTED),
    }
