"""The event report PDF: arrivals, attendance and networking, one A4 story with ReportLab charts."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from . import charts
from .attendance import attendance_section
from .contact_sources import contact_sources_section
from .charts import Series
from .figures import EventFigures
from .style import (BLUE, DAY_COLOURS, GOLD, GREEN, INK, MUTED, NAVY, PALE_BLUE, PALE_GOLD, RULE, TINT, WHITE,
                    Locale, fonts, mix, paragraph_styles)

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN
BAND = 36 * mm  # the navy title band on the first page
CELL_PAD = 4


def render_report(figures: EventFigures, lang: str = "de") -> bytes:
    buffer = io.BytesIO()
    builder = _ReportBuilder(figures, Locale(lang))
    builder.document(buffer).build(builder.story(), canvasmaker=builder.canvas_class())
    return buffer.getvalue()


class _ReportBuilder:
    def __init__(self, figures: EventFigures, locale: Locale) -> None:
        self.f = figures
        self.loc = locale
        self.tr = locale.tr
        self.s = paragraph_styles()

    # -- document and pages --------------------------------------------------------
    def document(self, target) -> BaseDocTemplate:
        title = self.tr("Event report")
        doc = BaseDocTemplate(target, pagesize=A4, title=f"{self.f.event_name} – {title}",
                              author=self.f.venue, leftMargin=MARGIN, rightMargin=MARGIN)
        first = Frame(MARGIN, 16 * mm, WIDTH, PAGE_H - BAND - 22 * mm, id="first", leftPadding=0, rightPadding=0)
        later = Frame(MARGIN, 16 * mm, WIDTH, PAGE_H - 34 * mm, id="later", leftPadding=0, rightPadding=0)
        doc.addPageTemplates([PageTemplate("first", [first], onPage=self._first_page,
                                           autoNextPageTemplate="later"),
                              PageTemplate("later", [later], onPage=self._later_page)])
        return doc

    def canvas_class(self):
        footer = self._footer

        class NumberedCanvas(Canvas):
            """Holds pages back until the end, so every footer can say 'page 2 of 3'."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []

            def showPage(self):
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                for state in self._pages:
                    self.__dict__.update(state)
                    footer(self, len(self._pages))
                    super().showPage()
                super().save()

        return NumberedCanvas

    def _subtitle(self) -> str:
        scope = self.loc.day_long(self.f.day) if self.f.day else self.loc.day_range(self.f.event_days)
        return " · ".join(p for p in (self.f.venue, scope) if p)

    def _first_page(self, canvas, doc) -> None:
        regular, bold = fonts()
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, PAGE_H - BAND, PAGE_W, BAND, stroke=0, fill=1)
        canvas.setFillColor(GOLD)
        canvas.rect(0, PAGE_H - BAND - 1.6, PAGE_W, 1.6, stroke=0, fill=1)
        kind = self.tr("Day report") if self.f.day else self.tr("Event report")
        canvas.setFillColor(mix(BLUE, 0.35))
        canvas.setFont(bold, 8.5)
        canvas.drawString(MARGIN, PAGE_H - 12 * mm, kind.upper())
        canvas.setFillColor(WHITE)
        canvas.setFont(bold, 21)
        canvas.drawString(MARGIN, PAGE_H - 21.5 * mm, self.f.event_name)
        canvas.setFont(regular, 9.5)
        canvas.setFillColor(mix(BLUE, 0.25))
        canvas.drawString(MARGIN, PAGE_H - 28.5 * mm, self._subtitle())
        canvas.restoreState()

    def _later_page(self, canvas, doc) -> None:
        regular, bold = fonts()
        canvas.saveState()
        canvas.setFont(bold, 8)
        canvas.setFillColor(NAVY)
        canvas.drawString(MARGIN, PAGE_H - 12 * mm, self.f.event_name)
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - 12 * mm, self._subtitle())
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, PAGE_H - 14.5 * mm, PAGE_W - MARGIN, PAGE_H - 14.5 * mm)
        canvas.restoreState()

    def _footer(self, canvas, pages: int) -> None:
        regular, _ = fonts()
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, 12 * mm, PAGE_W - MARGIN, 12 * mm)
        canvas.setFont(regular, 7.4)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 8 * mm, self.tr("Created {date}", date=self._created()))
        canvas.drawRightString(PAGE_W - MARGIN, 8 * mm,
                               self.tr("Page {page} of {pages}", page=canvas.getPageNumber(), pages=pages))
        canvas.restoreState()

    def _created(self) -> str:
        today = date.today()
        return f"{today:%d.%m.%Y}" if self.loc.lang == "de" else today.isoformat()

    # -- the story -------------------------------------------------------------------
    def story(self) -> list:
        return [*self._key_figures(), *self._arrivals(), *self._days(), CondPageBreak(120 * mm),
                *self._attendance_by_kind(), *self._attendance_by_organization(), CondPageBreak(70 * mm),
                *attendance_section(self, WIDTH), *contact_sources_section(self, WIDTH), PageBreak(),
                *self._networking(), *self._networkers(), CondPageBreak(90 * mm), *self._who_met_whom()]

    def _p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(_escape(text), self.s[style])

    def _section(self, title: str, lead: str = "") -> list:
        parts = [self._p(title, "h2"), _Rule()]
        return parts + ([self._p(lead, "lead")] if lead else [Spacer(1, 4)])

    def _key_figures(self) -> list:
        f, n = self.f, self.loc.number
        tiles = [(n(f.registered_guests), self.tr("registered guests"), NAVY),
                 (n(f.attendees), self.tr("attended ({share})", share=self.loc.percent(
                     f.attendees, f.registered_guests + sum(d.walk_ins for d in f.days))), BLUE),
                 (n(sum(d.no_shows for d in f.days)), self.tr("no-shows (guest days)"), GOLD),
                 (n(f.contacts), self.tr("contacts made"), GREEN),
                 (self.loc.percent(f.cross_organization, f.contacts), self.tr("across organizations"), GREEN)]
        cells = [[Paragraph(value, self.s["kpi_value"]), Paragraph(_escape(label), self.s["kpi_label"])]
                 for value, label, _ in tiles]
        table = Table([cells], colWidths=[WIDTH / len(tiles)] * len(tiles))
        style = [("BACKGROUND", (0, 0), (-1, -1), TINT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 7),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 8), ("LINEAFTER", (0, 0), (-2, -1), 2.5, WHITE)]
        style += [("LINEABOVE", (i, 0), (i, 0), 2.5, colour) for i, (_, _, colour) in enumerate(tiles)]
        table.setStyle(TableStyle(style))
        return [Spacer(1, 2), table]

    def _arrivals(self) -> list:
        days = [d for d in self.f.days if d.arrivals]
        parts = self._section(self.tr("Arrivals per 15 minutes"),
                              self.tr("Check-ins per quarter hour, local time at the venue."))
        if not days:
            return parts + [self._p(self.tr("No check-ins yet."))]
        slots = sorted({slot for d in days for slot, _ in d.arrivals})
        series = [Series(self.loc.day_short(d.day), [dict(d.arrivals).get(s, 0) for s in slots],
                         DAY_COLOURS[i % len(DAY_COLOURS)]) for i, d in enumerate(days)]
        every = max(1, len(slots) // 16)
        busiest_day = max(days, key=lambda d: max(n for _, n in d.arrivals))
        slot, count = max(busiest_day.arrivals, key=lambda a: a[1])
        peak = self._p(self.tr("Busiest quarter hour: {time} on {day}, with {count} arrivals.", time=slot,
                               day=self.loc.day_short(busiest_day.day), count=self.loc.number(count)), "small")
        return parts + [charts.vertical_bars(slots, series, WIDTH, 76 * mm, self.loc.number, label_every=every),
                        peak]

    def _days(self) -> list:
        parts = self._section(self.tr("Check-ins per day"),
                              self.tr("Guests registered for each day against those who checked in. "
                                      "No-shows: registered for the day, not checked in that day."))
        f, n = self.f, self.loc.number
        series = [Series(self.tr("registered"), [d.registered for d in f.days], PALE_BLUE),
                  Series(self.tr("checked in"), [d.checked_in for d in f.days], BLUE),
                  Series(self.tr("no-shows"), [d.no_shows for d in f.days], GOLD)]
        chart = charts.vertical_bars([self.loc.day_short(d.day) for d in f.days], series, WIDTH * 0.41, 66 * mm,
                                     n, value_labels=True)
        walk_ins = any(d.walk_ins for d in f.days)  # a column only when the event had walk-ins
        head = [self.tr("Day"), self.tr("Registered"), self.tr("Checked in")] + \
            [self.tr("Walk-ins")] * walk_ins + [self.tr("No-shows"), self.tr("Rate")]
        rows = [[self.loc.day_short(d.day), n(d.registered), n(d.checked_in)] + [n(d.walk_ins)] * walk_ins
                + [n(d.no_shows), self.loc.percent(d.registered - d.no_shows, d.registered)] for d in f.days]
        if len(f.days) > 1:
            rows.append([self.tr("Total"), n(sum(d.registered for d in f.days)), n(f.check_ins)]
                        + [n(sum(d.walk_ins for d in f.days))] * walk_ins
                        + [n(sum(d.no_shows for d in f.days)),
                           self.loc.percent(sum(d.registered - d.no_shows for d in f.days),
                                            sum(d.registered for d in f.days))])
        table = self._table(head, rows, _right_width(0.42), total=len(f.days) > 1)
        note = self._p(self.tr("Rate: registered guests who came on the day."), "small")
        return parts + [_side_by_side(chart, [Spacer(1, 8), table, Spacer(1, 5), note], 0.42)]

    def _attendance_by_kind(self) -> list:
        parts = self._section(self.tr("Attendance by organization kind"),
                              self.tr("Guests who checked in at least once, against those registered ahead."))
        rows = self.f.by_kind
        if not rows:
            return parts + [self._p(self.tr("No guests yet."))]
        labels = [self.loc.kind(a.kind) for a in rows]
        series = [Series(self.tr("registered"), [a.registered for a in rows], PALE_BLUE),
                  Series(self.tr("attended"), [a.attended for a in rows], BLUE)]
        chart = charts.horizontal_bars(labels, series,
                                       WIDTH * 0.43, 21, self.loc.number, label_width=86)
        head = [self.tr("Organization kind"), self.tr("Registered"), self.tr("Attended"), self.tr("Rate")]
        table = self._table(head, [[label, self.loc.number(a.registered), self.loc.number(a.attended),
                                    self.loc.percent(a.attended, a.registered)] for label, a in zip(labels, rows)],
                            _right_width(0.44))
        return [KeepTogether(parts + [_side_by_side(chart, [Spacer(1, 14), table], 0.44)])]

    def _attendance_by_organization(self) -> list:
        top = self.f.by_organization
        parts = self._section(self.tr("Attendance by organization"),
                              self.tr("The {count} organizations with most guests attending.", count=len(top)))
        if not top:
            return parts + [self._p(self.tr("No organizations yet."))]
        chart = charts.horizontal_bars([a.name for a in top],
                                       [Series(self.tr("registered"), [a.registered for a in top], PALE_BLUE),
                                        Series(self.tr("attended"), [a.attended for a in top], BLUE)],
                                       WIDTH, 19, self.loc.number, label_width=190)
        others = self.f.other_organizations
        rest = [] if others.name == "0" else [self._p(self.tr(
            "{count} further organizations: {attended} of {registered} registered guests attended.",
            count=others.name, attended=self.loc.number(others.attended),
            registered=self.loc.number(others.registered)), "small")]
        return [KeepTogether(parts + [chart] + rest)]

    def _networking(self) -> list:
        f = self.f
        scope = self.loc.day_short(f.day) if f.day else self.tr("all days")
        parts = self._section(self.tr("Networking"),
                              self.tr("Contacts saved by scanning two badges at the kiosk ({scope}); "
                                      "each pair of guests counts once.", scope=scope) + " "
                              + self.tr("Contacts with walk-ins whose registration staff have not approved "
                                        "yet do not count."))
        per_day = charts.vertical_bars([self.loc.day_short(d.day) for d in f.days],
                                       [Series(self.tr("contacts"), [d.contacts for d in f.days], GREEN)],
                                       WIDTH * 0.56, 46 * mm, self.loc.number, value_labels=True)
        ring = charts.doughnut(f.cross_organization, f.contacts, GREEN, 34 * mm,
                               self.loc.percent(f.cross_organization, f.contacts))
        text = [self._p(self.tr("Contacts per day"), "cell_bold"), Spacer(1, 2), per_day]
        share = [self._p(self.tr("Across organizations"), "cell_bold"), Spacer(1, 2), ring,
                 self._p(self.tr("{cross} of {total} contacts were between people of different organizations.",
                                 cross=self.loc.number(f.cross_organization),
                                 total=self.loc.number(f.contacts)), "small")]
        return parts + [_side_by_side(text, share, 0.6)]

    def _networkers(self) -> list:
        f = self.f
        parts = self._section(self.tr("Top 10 networkers"),
                              self.tr("First name and initial, as on the leaderboard; guests who declined "
                                      "contact exchange are not listed."))
        if not f.networkers:
            nobody = self.tr("Nobody can be named: the guests who made contacts declined contact exchange "
                             "or were anonymised.")
            return parts + [self._p(self.tr("No contacts yet.") if not f.contacts else nobody)]
        champion = f.networkers[0]
        banner = Table([[Paragraph(_escape(self.tr("Networking champion")).upper(), self.s["head"]),
                         Paragraph(f"<b>{_escape(champion.public_name)}</b> · {_escape(champion.organization)}",
                                   self.s["cell"]),
                         Paragraph(f"<b>{self.loc.number(champion.contacts)}</b> {_escape(self.tr('contacts'))}",
                                   self.s["cell"])]], colWidths=[WIDTH * 0.25, WIDTH * 0.55, WIDTH * 0.2])
        banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), PALE_GOLD),
                                    ("LINEBEFORE", (0, 0), (0, 0), 3, GOLD),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 8), ("ALIGN", (2, 0), (2, 0), "RIGHT")]))
        head = ["#", self.tr("Name"), self.tr("Organization"), self.tr("Contacts")]
        rows = [[str(w.rank), w.public_name, w.organization, self.loc.number(w.contacts)] for w in f.networkers]
        table = self._table(head, rows, WIDTH, highlight_first=True)
        return parts + [KeepTogether([banner, Spacer(1, 6), table])]

    def _who_met_whom(self) -> list:
        f = self.f
        parts = self._section(self.tr("Who met whom"),
                              self.tr("Contacts between organization kinds; the diagonal holds contacts "
                                      "within one kind. Darker cells: more contacts."))
        kinds = f.matrix_kinds
        if not kinds:
            return parts + [self._p(self.tr("No contacts yet."))]
        index = {k: i for i, k in enumerate(kinds)}
        cells = {(index[a], index[b]): n for (a, b), n in f.kind_matrix.items() if index[a] >= index[b]}
        drawing = charts.heat_map([self.loc.kind(k) for k in kinds], cells, WIDTH, BLUE, self.loc.number)
        return [KeepTogether(parts + [drawing])]

    def _table(self, head: list[str], rows: list[list[str]], width: float, total: bool = False,
               highlight_first: bool = False) -> Table:
        numeric = [all(_numeric(row[c]) for row in rows) for c in range(len(head))]
        body = [[Paragraph(_escape(h), _right(self.s["head"]) if numeric[c] else self.s["head"])
                 for c, h in enumerate(head)]]
        body += [[Paragraph(_escape(text), _right(self.s["cell"]) if numeric[c] else self.s["cell"])
                  for c, text in enumerate(row)] for row in rows]
        table = Table(body, colWidths=_column_widths(head, rows, numeric, width), repeatRows=1)
        style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY), ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                 ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD)]
        if total:
            style += [("LINEABOVE", (0, -1), (-1, -1), 0.8, INK), ("BACKGROUND", (0, -1), (-1, -1), TINT)]
        if highlight_first:
            style += [("BACKGROUND", (0, 1), (-1, 1), PALE_GOLD)]
        table.setStyle(TableStyle(style))
        return table


def _column_widths(head: list[str], rows: list[list[str]], numeric: list[bool], width: float) -> list[float]:
    """Numbers get the room they need (a heading may wrap between words); text columns share the rest,
    each at least as wide as its longest word."""
    regular, bold = fonts()
    pad = 2 * CELL_PAD + 1
    natural = [max([stringWidth(row[c], regular, 8.2) for row in rows]
                   + [stringWidth(word, bold, 7.4) for word in head[c].split()]) + pad
               for c in range(len(head))]
    shortest = [max([stringWidth(w, regular, 8.2) for row in rows for w in row[c].split()]
                    + [stringWidth(w, bold, 7.4) for w in head[c].split()]) + pad for c in range(len(head))]
    text_columns = [c for c in range(len(head)) if not numeric[c]] or [0]
    fixed = sum(w for c, w in enumerate(natural) if c not in text_columns)
    wanted = sum(natural[c] for c in text_columns)
    room = max(width - fixed, 0)
    widths = [max(shortest[c], room * natural[c] / wanted) if c in text_columns else natural[c]
              for c in range(len(head))]
    overflow = sum(widths) / width
    return [w / overflow for w in widths] if overflow > 1 else widths


class _Rule(Spacer):
    """A thin blue line under a section heading."""

    def __init__(self) -> None:
        super().__init__(WIDTH, 5)

    def draw(self) -> None:
        self.canv.setStrokeColor(BLUE)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, 3.5, 22, 3.5)
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        self.canv.line(22, 3.5, WIDTH, 3.5)


GUTTER = 12


def _side_by_side(left, right, share: float) -> Table:
    table = Table([[left, right]], colWidths=[WIDTH * share, WIDTH * (1 - share)])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (1, 0), (1, 0), GUTTER)]))
    return table


def _right_width(share: float) -> float:
    """The width of the right column of _side_by_side(..., share)."""
    return WIDTH * (1 - share) - GUTTER


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text == "–")


_right_styles: dict[str, object] = {}


def _right(style):
    if style.name not in _right_styles:
        _right_styles[style.name] = ParagraphStyle(style.name + "_right", style, alignment=TA_RIGHT)
    return _right_styles[style.name]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
