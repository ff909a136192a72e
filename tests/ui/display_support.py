"""Helpers for the big-screen tests: a running display on the demo database, another kiosk writing to
the same file, a fake round source, and the check that every text fits its box."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from ui_support import FIRST_DAY, berlin, first_visitors, settle_tasks

from kiosk.services.desk import FrontDesk
from kiosk.ui.display.sources import DisplaySources, EventProgramme, RoundStatus, Table
from kiosk.ui.display.widgets import FitLabel


def settle(display, timeout: float = 10.0) -> None:
    # A restyled row asks its panel, the panel the screen, to lay out again: five passes are enough.
    settle_tasks((display.tasks,), "the display's read", timeout, passes=5)


def tick(display) -> None:
    """One second of the display's timer: the clock moves, the worker checks for changes."""
    display.tick()
    settle(display)


class OtherKiosk:
    """A second Store on the display's file, as a touch kiosk in another process would be."""

    def __init__(self, store, clock) -> None:
        self.store, self.clock = store, clock
        self.desk = FrontDesk(store, clock=clock)
        self._unused = iter(first_visitors(store, FIRST_DAY))

    def arrive(self, count: int, hour: int = 9, minute: int = 0) -> list:
        guests = []
        for n in range(count):
            guest = next(g for g in self._unused if g.consent_contacts and g.first_name and g.last_name)
            self.clock.set(berlin(FIRST_DAY, hour, minute + n))
            self.desk.check_in_guest(guest)
            guests.append(guest)
        return guests

    def meet(self, a, b, hour: int = 10, minute: int = 0) -> None:
        self.clock.set(berlin(FIRST_DAY, hour, minute))
        outcome = self.desk.exchange_contact(self.desk.badge_token(a), self.desk.badge_token(b))
        assert outcome.status == "new", outcome


@dataclass
class FakeRounds:
    """A RoundSource with a round the test sets (or None)."""

    status: RoundStatus | None = None
    asked: list[datetime] = field(default_factory=list)

    def current_round(self, now: datetime, lang: str) -> RoundStatus | None:
        self.asked.append(now)
        return self.status


def a_round(started_at: datetime | None, people: int = 24, table_size: int = 6,
            minutes: int = 7) -> RoundStatus:
    names = [f"Gast{n:03d} {chr(65 + n % 26)}." for n in range(people)]
    tables = tuple(Table(str(t + 1), tuple(names[t::-(-people // table_size)]))
                   for t in range(-(-people // table_size)))
    return RoundStatus(2, 4, timedelta(minutes=minutes), started_at, tables)


def clipped_texts(screen: QWidget) -> list[str]:
    """Every visible text that does not fit its box, or lies outside its panel or the screen."""
    problems = []
    for label in screen.findChildren(FitLabel):
        if not label.isVisibleTo(screen) or not label.text():
            continue
        box = label.contentsRect()
        needed = QFontMetrics(label.font()).boundingRect(box, int(label.alignment()), label.text())
        if needed.width() > box.width() or needed.height() > box.height():
            problems.append(f"{label.text()!r} needs {needed.width()}x{needed.height()}, has {box.width()}x"
                            f"{box.height()}")
        where = QRect(label.mapTo(screen, label.rect().topLeft()), label.size())
        if not _frame_of(label, screen).contains(where):
            problems.append(f"{label.text()!r} at {where.getRect()} lies outside its panel")
    return problems


def _frame_of(widget: QWidget, screen: QWidget) -> QRect:
    parent = widget.parentWidget()
    while parent is not None and parent is not screen and parent.objectName() != "panel":
        parent = parent.parentWidget()
    frame = parent if parent is not None else screen
    return QRect(frame.mapTo(screen, frame.rect().topLeft()), frame.size()) & screen.rect()


def clipped_seats(seat_list) -> list[str]:
    problems = []
    for cell in seat_list.cells():
        metrics = QFontMetrics(cell.font)
        width, height = metrics.horizontalAdvance(cell.text), metrics.height()
        if width > cell.rect.width() + 0.5 or height > cell.rect.height() + 0.5:
            problems.append(f"seat {cell.text!r} does not fit {cell.rect}")
        if not seat_list.rect().adjusted(0, -2, 0, 2).contains(cell.rect.toAlignedRect()):
            problems.append(f"seat {cell.text!r} at {cell.rect} lies outside the list")
    return problems


@pytest.fixture
def make_display(qapp, db_path, clock, monotonic):
    """Start the big screen on a copy of the demo database (reads run inline); `rounds` is its round
    source, `programme` (desk -> source) replaces the event's programme, `size` is the screen's."""
    from kiosk.app import parse_ui_args
    from kiosk.storage import Store
    from kiosk.ui.display.app import DisplayApp
    from kiosk.ui.tasks import InlineExecutor

    built = []

    def make(*args: str, size: tuple[int, int] = (1920, 1080), rounds=None, programme=EventProgramme,
             hub_sync=None):
        """`hub_sync(store, dsn)`: what a sync with the hub does (a HubSyncer then runs it on its thread)."""
        from kiosk.sync.background import HubSyncer

        options = parse_ui_args(["--db", str(db_path), "--display", *args])
        sources = lambda desk: DisplaySources(programme(desk), rounds or FakeRounds())  # noqa: E731
        store = Store.open(db_path)
        syncer = HubSyncer(store, "postgresql://kiosk@127.0.0.1:1/hub", sync=hub_sync) if hub_sync else None
        display = DisplayApp(options, store, executor=InlineExecutor(),
                             clock=clock, monotonic=monotonic, sources=sources, syncer=syncer)
        built.append(display)
        display.screen.resize(*size)
        display.screen.show()
        display.start()
        settle(display)
        return display

    yield make
    for display in built:
        display.shutdown()
        display.screen.close()
        display.screen.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def other_kiosk(db_path, clock):
    """A touch kiosk's Store on the same file (another replica, as another process would be)."""
    from kiosk.storage import Store

    store = Store.open(db_path)
    yield OtherKiosk(store, clock)
    store.close()
