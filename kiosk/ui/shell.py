"""What surrounds the flows: the guest screens in the window, the language with the header's
texts, and the turn of the day."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Callable

from PySide6.QtCore import QDate, QLocale, QObject, QTimer

from kiosk.i18n import translator
from kiosk.services.desk import FrontDesk
from kiosk.ui.events import KioskEvents
from kiosk.ui.screens.consent import ConsentScreen
from kiosk.ui.screens.contact import ContactScreen
from kiosk.ui.screens.leaderboard import LeaderboardScreen
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.pin import PinScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.walk_in import WalkInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.common import Screen
from kiosk.ui.window import KioskWindow


class GuestScreens:
    """Every screen a guest can see, built once and put into the window (staff mode comes later)."""

    def __init__(self, window: KioskWindow, search: Callable[[str, int], list]) -> None:
        self.welcome = WelcomeScreen()
        self.search = SearchScreen(search)
        self.consent = ConsentScreen()
        self.message = MessageScreen()
        self.contact = ContactScreen()
        self.leaderboard = LeaderboardScreen()
        self.walk_in = WalkInScreen()
        self.pin = PinScreen()
        for screen in self.all():
            window.add_screen(screen)

    def all(self) -> tuple[Screen, ...]:
        return (self.welcome, self.search, self.consent, self.message, self.contact, self.leaderboard,
                self.walk_in, self.pin)

    def reset(self) -> None:
        """Forget everything the last guest typed or saw."""
        for screen in self.all():
            screen.reset()


class Language:
    """The language the screens speak: each guest may switch it, the next one is greeted in the
    kiosk's own language again. Flows read `tr` when they compose a text."""

    def __init__(self, window: KioskWindow, desk: FrontDesk, events: KioskEvents, lang: str) -> None:
        self.window, self.desk, self.events = window, desk, events
        self.lang = self.home = lang
        self.tr = translator(lang)
        events.day_did_change.connect(self.show_header)

    def toggle(self) -> None:
        self.set("en" if self.lang == "de" else "de")

    def restore_home(self) -> None:
        if self.lang != self.home:
            self.set(self.home)

    def set(self, lang: str) -> None:
        self.lang = lang
        self.tr = translator(lang)
        for screen in self.window.screens.values():
            screen.retranslate(self.tr)
        self.window.header.language_button.setText("English" if lang == "de" else "Deutsch")
        self.show_header()
        self.events.language_did_change.emit()

    def show_header(self) -> None:
        event = self.desk.event
        self.window.header.event_name.setText(event.name + (f" · {event.venue}" if event.venue else ""))
        self.window.header.event_day.setText(self._day_text())

    def _day_text(self) -> str:
        event, today = self.desk.event, self.desk.today()
        locale = QLocale(QLocale.Language.German if self.lang == "de" else QLocale.Language.English)
        pattern = "dddd, d. MMMM yyyy" if self.lang == "de" else "dddd, d MMMM yyyy"
        text = locale.toString(QDate(today.year, today.month, today.day), pattern)
        if today in event.days:
            text += " · " + self.tr("Day {number} of {count}", number=event.days.index(today) + 1,
                                    count=len(event.days))
        return text


class DayWatch(QObject):
    """Announces day_did_change just after the event's local midnight: one timer set for then."""

    def __init__(self, desk: FrontDesk, events: KioskEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk, self.events = desk, events
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._new_day)

    def start(self) -> None:
        self._timer.start(self.ms_to_next_day())

    def ms_to_next_day(self) -> int:
        now = self.desk.event.local_time(self.desk.clock())
        midnight = datetime.combine(now.date() + timedelta(days=1), time(0), now.tzinfo)
        left = midnight.astimezone(timezone.utc) - now.astimezone(timezone.utc)
        return int(left.total_seconds() * 1000) + 1000  # a second late: today() has surely moved on

    def _new_day(self) -> None:
        self.events.day_did_change.emit()
        self.start()
