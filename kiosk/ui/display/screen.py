"""The big screen itself: the event and the time on top; the leaderboards (all days and today), now
and next in the programme and today's arrivals below. While a speed-networking round runs, the
round takes the big area and the boards move to the side, showing their top four."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.i18n import translator

from . import look
from .panels import ArrivalsPanel, BoardPanel, ProgrammePanel
from .reader import BoardData, current_and_next
from .round_panel import RoundPanel
from .widgets import FitLabel

ROUND_BOARD_ROWS = 4  # beside a round, each board shows its top four
WIDE_ROUND_SEATS = 40  # a round with more people takes the whole width


def _mode(data: BoardData) -> str:
    if data.round is None:
        return "boards"
    seated = sum(len(table.names) for table in data.round.tables)
    return "wide round" if seated > WIDE_ROUND_SEATS else "round"


class BigScreen(QWidget):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.setObjectName("bigScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.tr = translator(lang)
        self.data: BoardData | None = None
        self.unit = 0.0
        self._build_header()
        self.overall = BoardPanel("overallTitle", champion=True)
        self.today = BoardPanel("todayTitle", champion=False)
        self.programme = ProgrammePanel()
        self.arrivals = ArrivalsPanel()
        self.round = RoundPanel()
        self.main_area, self.side = QHBoxLayout(), QVBoxLayout()
        self.body = QHBoxLayout()
        self.body.addLayout(self.main_area, 64)
        self.body.addLayout(self.side, 36)
        self.outer = QVBoxLayout(self)
        # The screen's size is the monitor's; the layout must not grow the window (the type scales instead).
        self.outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.outer.addLayout(self.header)
        self.outer.addLayout(self.body, 1)
        self.mode = ""
        self._arrange("boards")
        self.rescale(look.unit_for(1920, 1080))

    def _build_header(self) -> None:
        self.event_name = FitLabel("event")
        self.event_name.setObjectName("eventName")
        self.event_day = FitLabel("eventDay")
        self.event_day.setObjectName("eventDay")
        self.clock = FitLabel("clock", align=Qt.AlignmentFlag.AlignRight)
        self.clock.setObjectName("clock")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.event_name)
        names.addWidget(self.event_day)
        self.header = QHBoxLayout()
        self.header.addLayout(names, 1)
        self.header.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignVCenter)

    def _arrange(self, mode: str) -> None:
        """Put the panels where this mode wants them (the same widgets, moved, never rebuilt):
        "boards"; "round" (the round, the boards' top four beside it); "wide round" (a round with so
        many people that they need the whole width to be read from the back of the hall)."""
        if mode == self.mode:
            return
        self.mode = mode
        panels = (self.overall, self.today, self.programme, self.arrivals, self.round)
        for panel in panels:
            for layout in (self.main_area, self.side):
                layout.removeWidget(panel)
        placed = {"boards": {self.main_area: (self.overall, self.today),
                             self.side: (self.programme, self.arrivals)},
                  "round": {self.main_area: (self.round,), self.side: (self.overall, self.today)},
                  "wide round": {self.main_area: (self.round,), self.side: ()}}[mode]
        stretches = {self.overall: 34 if mode == "boards" else 1, self.today: 30 if mode == "boards" else 1,
                     self.programme: 0, self.arrivals: 1, self.round: 1}
        for layout, widgets in placed.items():
            for widget in widgets:
                layout.addWidget(widget, stretches[widget])
        for panel in panels:
            panel.setVisible(any(panel in widgets for widgets in placed.values()))
        self.body.setStretch(1, 0 if mode == "wide round" else 36)
        self.overall.limit = self.today.limit = 10 if mode == "boards" else ROUND_BOARD_ROWS

    # -- data --------------------------------------------------------------------------------------
    def show_data(self, data: BoardData, now: datetime) -> None:
        self.data = data
        tr = self.tr
        self._arrange(_mode(data))
        self.event_name.set_full_text(data.event_name + (f" · {data.venue}" if data.venue else ""))
        self.event_day.set_full_text(self._day_text(data))
        empty = tr("No contacts yet. Be the first!")
        tie = tr("On equal counts, whoever reached the count first leads.")
        self.overall.title.set_full_text(tr("LEADERBOARD · ALL DAYS"))
        self.today.title.set_full_text(tr("LEADERBOARD · TODAY"))
        self.overall.show_rows(data.overall, empty, tie)
        self.today.show_rows(data.today_rows, empty, tie)
        if data.round is not None:
            current, _ = current_and_next(data.slots, now.time())
            self.round.show_round(data.round, current.title if current else "", tr)
        self.tick(now)

    def tick(self, now: datetime) -> None:
        """What moves with the clock alone: the time, now and next, the countdown, the curve's end."""
        data, tr = self.data, self.tr
        if data is None:
            return
        local = now.time()
        self.clock.set_full_text(f"{local:%H:%M}")
        is_today = now.date() == data.today
        current, upcoming = current_and_next(data.slots, local) if is_today else (None, [])
        self.programme.show_slots(current, upcoming, tr)
        first = data.slots[0].start if data.slots else None
        self.arrivals.show_arrivals(data.arrived, data.arrivals, first, local if is_today else None, tr)
        if data.round is not None:
            self.round.tick(now, tr)

    def _day_text(self, data: BoardData) -> str:
        day: date = data.today
        lang = self.tr.lang
        locale = QLocale(QLocale.Language.German if lang == "de" else QLocale.Language.English)
        text = locale.toString(QDate(day.year, day.month, day.day),
                               "dddd, d. MMMM yyyy" if lang == "de" else "dddd, d MMMM yyyy")
        if data.day_number:
            text += " · " + self.tr("Day {number} of {count}", number=data.day_number, count=data.day_count)
        return text

    # -- size --------------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.rescale(look.unit_for(self.width(), self.height()))

    def rescale(self, unit: float) -> None:
        """Every size from the screen's: type, margins, gaps (the stylesheet is written for `unit`)."""
        if abs(unit - self.unit) < 1e-3:
            return
        self.unit = unit
        self.setStyleSheet(look.stylesheet(unit))
        margin, gap = look.px(44, unit), look.px(28, unit)
        self.outer.setContentsMargins(margin, look.px(24, unit), margin, margin)
        self.outer.setSpacing(look.px(20, unit))
        for layout in (self.body, self.main_area):
            layout.setSpacing(gap)
        self.side.setSpacing(gap)
        for panel in (self.overall, self.today, self.programme, self.arrivals, self.round):
            panel.rescale(unit)
