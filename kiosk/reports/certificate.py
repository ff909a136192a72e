"""The networking champion's certificate: one A4 page, drawn on a ReportLab canvas."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .style import BLUE, GOLD, INK, MUTED, NAVY, PALE_GOLD, WHITE, Locale, fonts, mix

PAGE_W, PAGE_H = A4


@dataclass(frozen=True)
class CertificateText:
    champion: str  # full name with title: the certificate is theirs, not a public board
    organization: str
    contacts: int
    event_name: str
    venue: str
    days: tuple[date, ...]


def render_certificate(text: CertificateText, lang: str = "de") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    locale = Locale(lang)
    canvas.setTitle(f"{locale.tr('Networking champion')} – {text.event_name}")
    canvas.setAuthor(text.venue or text.event_name)
    _draw(canvas, text, locale)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, text: CertificateText, loc: Locale) -> None:
    regular, bold = fonts()
    tr = loc.tr
    _frame(canvas)
    centre = PAGE_W / 2
    canvas.setFillColor(BLUE)
    canvas.setFont(bold, 10)
    _spaced(canvas, centre, PAGE_H - 52 * mm, text.event_name.upper(), 10, bold, 1.6)
    canvas.setFillColor(MUTED)
    canvas.setFont(regular, 10)
    canvas.drawCentredString(centre, PAGE_H - 59 * mm,
                             " · ".join(p for p in (text.venue, loc.day_range(text.days)) if p))
    canvas.setFillColor(NAVY)
    _spaced(canvas, centre, PAGE_H - 86 * mm, tr("Certificate").upper(), 34, bold, 5)
    _rule(canvas, centre, PAGE_H - 95 * mm)
    canvas.setFillColor(GOLD)
    canvas.setFont(bold, 17)
    canvas.drawCentredString(centre, PAGE_H - 107 * mm, tr("Networking champion"))
    _medal(canvas, centre, PAGE_H - 138 * mm, 17 * mm, loc.number(text.contacts))
    canvas.setFillColor(MUTED)
    canvas.setFont(regular, 11)
    canvas.drawCentredString(centre, PAGE_H - 182 * mm, tr("awarded to"))
    _fitted(canvas, centre, PAGE_H - 198 * mm, text.champion, bold, 30, PAGE_W - 70 * mm, NAVY)
    if text.organization:
        _fitted(canvas, centre, PAGE_H - 208 * mm, text.organization, regular, 14, PAGE_W - 70 * mm, INK)
    lines = [tr("for making {count} new contacts,", count=loc.number(text.contacts)),
             tr("more than anyone else. Congratulations!")]
    for index, line in enumerate(lines):
        _fitted(canvas, centre, PAGE_H - (226 + 7 * index) * mm, line, regular, 11.5, PAGE_W - 70 * mm, INK)
    _signature(canvas, loc, text)


def _frame(canvas: Canvas) -> None:
    canvas.setFillColor(WHITE)
    canvas.rect(0, 0, PAGE_W, PAGE_H, stroke=0, fill=1)
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(5)
    canvas.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm, stroke=1, fill=0)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.9)
    canvas.rect(16 * mm, 16 * mm, PAGE_W - 32 * mm, PAGE_H - 32 * mm, stroke=1, fill=0)
    canvas.setFillColor(GOLD)
    for x in (16 * mm, PAGE_W - 16 * mm):
        for y in (16 * mm, PAGE_H - 16 * mm):
            _diamond(canvas, x, y, 2.4 * mm)


def _diamond(canvas: Canvas, x: float, y: float, r: float) -> None:
    path = canvas.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _rule(canvas: Canvas, centre: float, y: float) -> None:
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.line(centre - 42 * mm, y, centre - 4 * mm, y)
    canvas.line(centre + 4 * mm, y, centre + 42 * mm, y)
    canvas.setFillColor(GOLD)
    _diamond(canvas, centre, y, 1.6 * mm)


def _medal(canvas: Canvas, x: float, y: float, radius: float, count: str) -> None:
    """A gold rosette with the number of contacts in the middle."""
    _, bold = fonts()
    canvas.setFillColor(mix(GOLD, 0.85))
    for side in (-1, 1):  # ribbons
        path = canvas.beginPath()
        path.moveTo(x + side * 0.25 * radius, y - 0.6 * radius)
        path.lineTo(x + side * 0.75 * radius, y - 1.75 * radius)
        path.lineTo(x + side * 0.45 * radius, y - 1.6 * radius)
        path.lineTo(x + side * 0.3 * radius, y - 1.9 * radius)
        path.lineTo(x - side * 0.05 * radius, y - 0.8 * radius)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    points = 24
    path = canvas.beginPath()
    for i in range(2 * points + 1):
        r = radius if i % 2 == 0 else radius * 0.9
        angle = math.pi * i / points
        px, py = x + r * math.sin(angle), y + r * math.cos(angle)
        path.moveTo(px, py) if i == 0 else path.lineTo(px, py)
    path.close()
    canvas.setFillColor(GOLD)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColor(PALE_GOLD)
    canvas.circle(x, y, radius * 0.74, stroke=0, fill=1)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.circle(x, y, radius * 0.66, stroke=1, fill=0)
    canvas.setFillColor(NAVY)
    size = 22 if len(count) <= 3 else 16
    canvas.setFont(bold, size)
    canvas.drawCentredString(x, y - size * 0.36, count)


def _signature(canvas: Canvas, loc: Locale, text: CertificateText) -> None:
    regular, _ = fonts()
    y = 40 * mm
    left, right = 40 * mm, PAGE_W - 40 * mm
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.6)
    canvas.line(left, y, left + 55 * mm, y)
    canvas.line(right - 55 * mm, y, right, y)
    last = loc.day_long(max(text.days)).split(", ", 1)[-1] if text.days else ""
    _fitted(canvas, left + 27.5 * mm, y + 2.5 * mm, ", ".join(p for p in (text.venue, last) if p), regular, 10,
            62 * mm, INK)
    canvas.setFont(regular, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(left + 27.5 * mm, y - 5 * mm, loc.tr("Place and date"))
    canvas.drawCentredString(right - 27.5 * mm, y - 5 * mm, loc.tr("The organising team"))


def _spaced(canvas: Canvas, centre: float, y: float, text: str, size: float, font: str, spacing: float) -> None:
    """Letter-spaced capitals, centred."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(text, font, size) + spacing * (len(text) - 1)
    scale = min(1.0, (PAGE_W - 60 * mm) / width)
    obj = canvas.beginText()
    obj.setFont(font, size * scale)
    obj.setCharSpace(spacing * scale)
    obj.setTextOrigin(centre - width * scale / 2, y)
    obj.textOut(text)
    obj.setCharSpace(0)  # the text state outlives the text object
    canvas.drawText(obj)


def _fitted(canvas: Canvas, centre: float, y: float, text: str, font: str, size: float, width: float,
            colour) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = min(size, size * width / max(stringWidth(text, font, size), 1))
    canvas.setFillColor(colour)
    canvas.setFont(font, size)
    canvas.drawCentredString(centre, y, text)
