"""The big screen's panels: a leaderboard, now and next in the programme, today's arrivals."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.core.leaderboard import shared_ranks
from kiosk.services.desk import LeaderboardRow

from . import look
from .sources import Slot
from .widgets import ArrivalsCurve, FitLabel

RIGHT = Qt.AlignmentFlag.AlignRight
ROW_MAX = 84  # a board row's greatest height at 1920 x 1080: rows spread out, but stay rows


class Panel(QFrame):
    """A rounded card with a spaced-out title on top."""

    def __init__(self, title_name: str) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.body = QVBoxLayout(self)
        self.title = FitLabel("panelTitle")
        self.title.setObjectName(title_name)
        self.body.addWidget(self.title)

    def rescale(self, unit: float) -> None:
        side, top = look.px(36, unit), look.px(28, unit)
        self.body.setContentsMargins(side, top, side, top)
        self.body.setSpacing(look.px(12, unit))


class BoardRow(QFrame):
    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        self.rank = FitLabel("rank", align=RIGHT)
        self.name = FitLabel("name")
        self.org = FitLabel("org")
        self.count = FitLabel("count", align=RIGHT)
        who = QVBoxLayout()
        who.setSpacing(0)
        who.addStretch(1)
        who.addWidget(self.name)
        who.addWidget(self.org)
        who.addStretch(1)
        row.addWidget(self.rank)
        row.addLayout(who, 1)
        row.addWidget(self.count)
        self.layout_ = row

    def show_row(self, place: str, item: LeaderboardRow, champion: bool) -> None:
        if champion != (self.objectName() == "championRow"):  # restyled only when it changes: polish is slow
            self.setObjectName("championRow" if champion else "")
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, champion)
            for widget in (self, self.rank, self.name, self.org, self.count):
                self.style().unpolish(widget)
                self.style().polish(widget)
        self.rank.set_full_text(place)
        self.name.set_full_text(item.display_name)
        self.org.set_full_text(item.organization)
        self.count.set_full_text(str(item.contacts))

    def rescale(self, unit: float) -> None:
        side, edge = look.px(12, unit), look.px(1, unit)
        self.layout_.setContentsMargins(side, edge, look.px(16, unit), edge)
        self.layout_.setSpacing(look.px(18, unit))
        self.rank.setFixedWidth(look.px(58, unit))
        self.setMaximumHeight(look.px(ROW_MAX, unit))
        self.count.setMinimumWidth(look.px(60, unit))


class BoardPanel(Panel):
    """Up to ten names with their counted contacts; equal counts share a rank, as on the kiosk."""

    def __init__(self, title_name: str, champion: bool) -> None:
        super().__init__(title_name)
        self.champion = champion
        self.limit = 10
        self.rows = [BoardRow() for _ in range(10)]
        self.row_list = QVBoxLayout()
        for row in self.rows:
            self.row_list.addWidget(row, 1)  # rows share the panel's height, up to ROW_MAX each
        self.body.addLayout(self.row_list, 5)
        self.empty = FitLabel("empty", lines=2)
        self.note = FitLabel("note", lines=2)
        self.body.addWidget(self.empty)
        self.body.addStretch(1)
        self.body.addWidget(self.note)

    def show_rows(self, rows: list[LeaderboardRow], empty_text: str, tie_note: str) -> None:
        shown = rows[:self.limit]
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(shown))
        for index, (item, place) in enumerate(zip(shown, shared_ranks([r.contacts for r in shown]))):
            lead = self.champion and index == 0
            self.rows[index].show_row("★" if lead else f"{place}.", item, lead)
        self.empty.set_full_text(empty_text)
        self.empty.setVisible(not shown)
        tied = self.champion and len(shown) > 1 and shown[0].contacts == shown[1].contacts
        self.note.set_full_text(tie_note)
        self.note.setVisible(tied)

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.row_list.setSpacing(look.px(2, unit))
        for row in self.rows:
            row.rescale(unit)


class ProgrammePanel(Panel):
    """What is on now, and the next sessions of the day."""

    NEXT = 3

    def __init__(self) -> None:
        super().__init__("programmeTitle")
        self.now_time = FitLabel("nowTime")
        self.now = FitLabel("now", lines=2)
        self.now.setObjectName("nowSession")
        self.next_heading = FitLabel("panelTitle")
        for widget in (self.now_time, self.now, self.next_heading):
            self.body.addWidget(widget)
        self.next_rows = []
        self.next_grid = QGridLayout()
        for index in range(self.NEXT):
            start, title = FitLabel("nextTime"), FitLabel("next")
            title.setObjectName(f"nextSession{index}")
            self.next_grid.addWidget(start, index, 0)
            self.next_grid.addWidget(title, index, 1)
            self.next_rows.append((start, title))
        self.next_grid.setColumnStretch(1, 1)
        self.body.addLayout(self.next_grid)

    def show_slots(self, current: Slot | None, upcoming: list[Slot], tr) -> None:
        self.title.set_full_text(tr("NOW"))
        self.now_time.set_full_text(_span(current) if current else "")
        self.now_time.setVisible(current is not None)
        self.now.set_full_text(current.title if current else tr("Nothing on the programme right now"))
        self.next_heading.set_full_text(tr("NEXT"))
        shown = upcoming[:self.NEXT] or [None]
        for index, (start, title) in enumerate(self.next_rows):
            slot = shown[index] if index < len(shown) else None
            start.set_full_text(f"{slot.start:%H:%M}" if slot else "")
            over = tr("That was today's programme") if index == 0 else ""
            title.set_full_text(slot.title if slot else over)
            start.setVisible(slot is not None)
            title.setVisible(slot is not None or index == 0 and not upcoming)

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.next_grid.setHorizontalSpacing(look.px(20, unit))
        self.next_grid.setVerticalSpacing(look.px(8, unit))


def _span(slot: Slot) -> str:
    return f"{slot.start:%H:%M}–{slot.end:%H:%M}"


class ArrivalsPanel(Panel):
    """How many arrived today, and when: the curve of the morning's arrivals."""

    def __init__(self) -> None:
        super().__init__("arrivalsTitle")
        number_line = QHBoxLayout()
        self.number = FitLabel("bigNumber")
        self.number.setObjectName("arrivedToday")
        self.caption = FitLabel("caption", lines=2)
        number_line.addWidget(self.number, 0, Qt.AlignmentFlag.AlignBottom)
        number_line.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignBottom)
        self.number_line = number_line
        self.body.addLayout(number_line)
        self.curve = ArrivalsCurve()
        self.body.addWidget(self.curve, 1)

    def show_arrivals(self, arrived: int, arrivals: list[tuple[time, int]], day_start: time | None,
                      now: time | None, tr) -> None:
        self.title.set_full_text(tr("ARRIVALS TODAY"))
        self.number.set_full_text(f"{arrived:,}".replace(",", "." if tr.lang == "de" else ","))
        self.caption.set_full_text(tr.plural("guest has arrived", "guests have arrived", arrived))
        self.curve.set_arrivals(arrivals, day_start, now)

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.number_line.setSpacing(look.px(20, unit))
        self.curve.unit = unit
        self.curve.setMinimumHeight(look.px(120, unit))

