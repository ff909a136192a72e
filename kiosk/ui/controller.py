"""The kiosk's flows: what a scan, a tap or a timeout leads to. Screens stay thin; the
services decide; all database and printer work runs through Tasks, off the UI thread."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QDate, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.model import PrintStatus, utc_now
from kiosk.core.pairing import ContactPairing
from kiosk.core.rules import CheckInStatus, ContactStatus
from kiosk.core.refusals import KioskError
from kiosk.core.search import SearchIndex
from kiosk.i18n import refusal_message, translator
from kiosk.services.desk import Arrival, FrontDesk
from kiosk.services.staff_login import PinAttempt, StaffLogin
from kiosk.ui.feedback import Feedback
from kiosk.ui.scanner import ScanDetector
from kiosk.ui.screens.consent import ConsentScreen
from kiosk.ui.screens.contact import ContactScreen
from kiosk.ui.screens.leaderboard import LeaderboardScreen
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.pin import PinScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.walk_in import WalkInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.tasks import Tasks
from kiosk.ui.window import ActivityWatcher, KioskWindow

REFRESH_MS = 10_000
RESULT_SECONDS = 7
CONTACT_RESULT_MS = 6000


class KioskController(QObject):
    def __init__(self, window: KioskWindow, desk: FrontDesk, tasks: Tasks, background: Tasks,
                 printing: Tasks, print_queue=None, staff_factory=None, feedback: Feedback | None = None,
                 lang: str = "de", clock: Callable[[], datetime] = utc_now,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window, self.desk, self.tasks, self.background, self.printing = window, desk, tasks, background, printing
        self.print_queue = print_queue
        self.feedback = feedback or Feedback(muted=True)
        self.clock, self.monotonic = clock, monotonic
        self.lang = self.home_lang = lang
        self.tr = translator(lang)
        self.index = SearchIndex()
        self.pairing = ContactPairing()
        self.staff_login = StaffLogin(desk.store, clock)
        self._pending_guest_id = ""
        self._staff_factory = staff_factory  # staff mode is built on first login: a faster start
        self.staff = None
        self._build_screens()
        self.scanner = ScanDetector(clock=monotonic, parent=self)
        self.scanner.scanned.connect(self.on_scan)
        self.activity = ActivityWatcher(window)
        window.idle_timeout.connect(self._idle)
        window.staff_requested.connect(self.open_staff)
        window.header.language_toggled.connect(self.toggle_language)
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh_boards)
        self._contact_timer = QTimer(self, interval=1000)
        self._contact_timer.timeout.connect(self._contact_tick)
        self._contact_reset = QTimer(self, singleShot=True, interval=CONTACT_RESULT_MS)
        self._contact_reset.timeout.connect(self._contact_restart)
        self._unlock_timer = QTimer(self, singleShot=True)
        self._unlock_timer.timeout.connect(lambda: self.pin.show_prompt())

    # -- set-up --------------------------------------------------------------------
    def _build_screens(self) -> None:
        self.welcome = WelcomeScreen()
        self.search = SearchScreen(lambda query, limit: self.index.search(query, limit))
        self.consent = ConsentScreen()
        self.message = MessageScreen()
        self.contact = ContactScreen()
        self.leaderboard = LeaderboardScreen()
        self.walk_in = WalkInScreen()
        self.pin = PinScreen()
        screens = [self.welcome, self.search, self.consent, self.message, self.contact, self.leaderboard,
                   self.walk_in, self.pin]
        for screen in screens:
            self.window.add_screen(screen)
        self.welcome.search_requested.connect(lambda: self.window.show_screen("search"))
        self.welcome.contact_requested.connect(self.open_contact_mode)
        self.welcome.leaderboard_requested.connect(lambda: self.window.show_screen("leaderboard"))
        self.welcome.walk_in_requested.connect(lambda: self.window.show_screen("walk_in"))
        for screen in (self.search, self.contact, self.leaderboard, self.walk_in, self.pin):
            screen.back_requested.connect(self.go_home)
        self.search.guest_confirmed.connect(self.check_in_by_id)
        self.consent.decided.connect(self._consent_given)
        self.message.finished.connect(self.go_home)
        self.walk_in.submitted.connect(self.register_walk_in)
        self.pin.pin_entered.connect(self._pin_entered)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self.scanner)
        QApplication.instance().installEventFilter(self.activity)
        self.set_language(self.lang)
        self.welcome.set_walk_ins(self.desk.event.walk_ins_allowed)
        self.window.show_screen("welcome")
        self.reload_index()
        self.refresh_boards()
        self._refresh_timer.start()

    def reload_index(self) -> None:
        store = self.desk.store
        self.background.run(lambda: SearchIndex(store.guests()), on_success=self._index_ready)

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        if self.window.current == "search":
            self.search.set_query(self.search._query)

    # -- language and header ---------------------------------------------------------
    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "de" else "de")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.tr = translator(lang)
        for screen in self.window.screens.values():
            screen.retranslate(self.tr)
        header = self.window.header
        header.language_button.setText("English" if lang == "de" else "Deutsch")
        event = self.desk.event
        header.event_name.setText(event.name + (f" · {event.venue}" if event.venue else ""))
        header.event_day.setText(self._day_text())
        self.refresh_boards()

    def _day_text(self) -> str:
        event, today = self.desk.event, self.desk.today()
        locale = QLocale(QLocale.Language.German if self.lang == "de" else QLocale.Language.English)
        pattern = "dddd, d. MMMM yyyy" if self.lang == "de" else "dddd, d MMMM yyyy"
        text = locale.toString(QDate(today.year, today.month, today.day), pattern)
        if today in event.days:
            text += " · " + self.tr("Day {number} of {count}", number=event.days.index(today) + 1,
                                    count=len(event.days))
        return text

    # -- navigation ------------------------------------------------------------------------
    def _idle(self) -> None:
        if self.window.current == "staff":
            self.close_staff()
        else:
            self.go_home()

    def go_home(self) -> None:
        """Back to the welcome screen, forgetting everything the last guest typed or saw."""
        self.pairing.cancel()
        self._contact_timer.stop()
        self._contact_reset.stop()
        self._pending_guest_id = ""
        if self.lang != self.home_lang:  # the next guest is greeted in the kiosk's language again
            self.set_language(self.home_lang)
        for screen in self.window.screens.values():
            if screen.name != "staff":
                screen.reset()
        self.window.show_screen("welcome")

    # -- scans -------------------------------------------------------------------------------
    def on_scan(self, code: str) -> None:
        self.window.poke()
        current = self.window.current
        if current == "contact":
            self._contact_scan(code)
        elif current == "staff" and self.staff is not None:
            self.staff.handle_scan(code)
        elif current != "pin":
            self._show_working()
            self.tasks.run(self.desk.look_up_arrival, code, on_success=self._arrival)

    def check_in_by_id(self, guest_id: str) -> None:
        self._show_working()
        self.tasks.run(self.desk.arrival_by_id, guest_id, on_success=self._arrival)

    def _show_working(self) -> None:
        self.message.show_message("info", self.tr("One moment …"), seconds=15)
        self.window.show_screen("message")

    def _arrival(self, arrival: Arrival) -> None:
        tr = self.tr
        if arrival.reason is not None:
            name = arrival.guest.greeting_name if arrival.guest else ""
            self._show_problem(refusal_message(arrival.reason, tr, name=name))
        elif arrival.earlier is not None:
            self._show_already(arrival)
        elif arrival.first_visit:
            self._pending_guest_id = arrival.guest.id
            self.consent.ask(tr("Welcome, {name}!", name=arrival.guest.greeting_name),
                             self.desk.event.contact_consent_default)
            self.window.show_screen("consent")
        else:
            self._complete(arrival.guest.id, None)

    def _consent_given(self, consent: bool) -> None:
        if self._pending_guest_id:
            self._complete(self._pending_guest_id, consent)
            self._pending_guest_id = ""

    def _complete(self, guest_id: str, consent: bool | None) -> None:
        self.tasks.run(self.desk.complete_check_in, guest_id, consent, on_success=self._checked_in,
                       on_failure=lambda _error: self._show_problem(self.tr("Something went wrong.")))

    def _checked_in(self, outcome) -> None:
        tr = self.tr
        if outcome.status == CheckInStatus.REJECTED:
            self._show_problem(refusal_message(outcome.reason, tr, name=outcome.guest.greeting_name))
            return
        if outcome.status == CheckInStatus.ALREADY_CHECKED_IN:
            self._show_already(Arrival(outcome.guest, earlier=outcome.check_in))
            return
        guest = outcome.guest
        self.feedback.signal("success")
        self.message.show_message("success", tr("Welcome, {name}!", name=guest.greeting_name), guest.full_name,
                                  guest.organization_name, seconds=RESULT_SECONDS)
        self.window.show_screen("message")
        self._print_badge(guest.id)

    def _show_already(self, arrival: Arrival) -> None:
        tr = self.tr
        at = self.desk.event.local_time(arrival.earlier.at).strftime("%H:%M")
        self.feedback.signal("success")
        self.message.show_message(
            "info", tr("Welcome back, {name}!", name=arrival.guest.greeting_name), arrival.guest.full_name,
            tr("You already checked in today at {time}.", time=at),
            tr("Need a new badge? The team at the info desk will print one for you."), "", RESULT_SECONDS)
        self.window.show_screen("message")

    def _show_problem(self, text: str) -> None:
        self.feedback.signal("problem")
        self.message.show_message("error", self.tr("That did not work"), "", text,
                                  self.tr("Please ask the team at the info desk."), "error", RESULT_SECONDS + 3)
        self.window.show_screen("message")

    # -- printing ------------------------------------------------------------------------
    def _print_badge(self, guest_id: str) -> None:
        if self.print_queue is None:
            self.message.set_status(self.tr("Please collect your badge at the info desk."), "")
            return
        self.message.hold()
        self.message.set_status(self.tr("Your badge is being printed …"), "")
        self.printing.run(self.print_queue.print_badge, guest_id, on_success=self._printed,
                          on_failure=lambda _error: self._printed(None))

    def _printed(self, job) -> None:
        if self.window.current != "message":
            return
        if job is not None and job.status == PrintStatus.DONE:
            self.message.set_status(self.tr("Please take your badge from the printer."), "success")
        else:
            self.message.set_status(self.tr("The printer is not ready. Please collect your badge at the "
                                            "info desk."), "warning")
        self.message.start_countdown(RESULT_SECONDS)

    # -- contact exchange ---------------------------------------------------------------------
    def open_contact_mode(self) -> None:
        self.pairing.cancel()
        self.contact.show_first_step()
        self.window.show_screen("contact")

    def _contact_scan(self, code: str) -> None:
        self._contact_reset.stop()
        pair = self.pairing.scan(code, self.clock())
        if pair is None:
            self.tasks.run(self.desk.first_badge_for_contact, code, on_success=self._first_badge)
        else:
            self._contact_timer.stop()
            self.tasks.run(self.desk.exchange_with_totals, *pair, on_success=self._contact_done)

    def _first_badge(self, result) -> None:
        guest, reason = result
        if reason is not None:
            self.pairing.cancel()
            name = guest.greeting_name if guest else ""
            self._contact_result("error", self.tr("Not possible"), refusal_message(reason, self.tr, name=name))
            return
        self.feedback.signal("success")
        self._first_name = guest.first_name or guest.last_name
        self.contact.show_second_step(self._first_name, self.pairing.seconds_left(self.clock()))
        self._contact_timer.start()

    def _contact_tick(self) -> None:
        left = self.pairing.seconds_left(self.clock())
        if left <= 0:
            self._contact_timer.stop()
            self.pairing.cancel()
            self._contact_result("warning", self.tr("Time is up"), self.tr("Please start again with the first badge."))
        else:
            self.contact.show_second_step(self._first_name, left)

    def _contact_done(self, result) -> None:
        outcome, totals = result
        tr = self.tr
        if outcome.status == ContactStatus.REJECTED:
            blocking = outcome.blocking_guest
            self._contact_result("error", tr("Not possible"),
                                 refusal_message(outcome.reason, tr, name=blocking.greeting_name if blocking else ""))
            return
        first, second = outcome.guests
        names = tr("{first} and {second}", first=first.first_name or first.last_name,
                   second=second.first_name or second.last_name)
        count_line = " · ".join(tr.plural("{name}: {count} contact", "{name}: {count} contacts", totals[g.id],
                                          name=g.first_name or g.last_name) for g in outcome.guests)
        if outcome.status == ContactStatus.NEW:
            self._contact_result("success", tr("New contact!"), names, count_line)
            self.refresh_boards()
        else:
            self._contact_result("info", tr("You already know each other"), names, count_line)

    def _contact_result(self, tone: str, headline: str, detail: str, status: str = "") -> None:
        self.feedback.signal("problem" if tone in ("error", "warning") else "success")
        self.contact.show_result(tone, headline, detail, status)
        self._contact_reset.start()

    def _contact_restart(self) -> None:
        if self.window.current == "contact":
            self.contact.show_first_step()

    # -- walk-ins ------------------------------------------------------------------------------
    def register_walk_in(self, entry: dict) -> None:
        self.tasks.run(self.desk.register_walk_in, entry["first_name"], entry["last_name"], entry["organization"],
                       entry["email"], on_success=self._walk_in_registered, on_failure=self._walk_in_failed)

    def _walk_in_registered(self, guest) -> None:
        self.index.add(guest)
        self.tasks.run(self.desk.arrival_of, guest, on_success=self._arrival)  # asks for consent like anyone

    def _walk_in_failed(self, error: BaseException) -> None:
        if isinstance(error, KioskError):
            field = error.details.get("field")
            text = {"name": self.tr("Please enter your name."),
                    "email": self.tr("Please check the e-mail address.")}.get(field)
            self.walk_in.show_problem(text or refusal_message(error.code, self.tr))
        else:
            self.walk_in.show_problem(self.tr("Something went wrong."))

    # -- staff -------------------------------------------------------------------------------------
    def open_staff(self) -> None:
        if self.window.current in ("staff", "pin"):
            return
        self.pin.reset()
        self._show_pin_state()
        self.window.show_screen("pin")

    def _show_pin_state(self) -> None:
        self.tasks.run(self.staff_login.seconds_locked, on_success=self._show_lock)

    def _show_lock(self, seconds: int) -> None:
        if seconds:
            self.pin.show_locked(seconds)
            self._unlock_timer.start(seconds * 1000)
        else:
            self.pin.show_prompt()

    def _pin_entered(self, pin: str) -> None:
        self.tasks.run(self.staff_login.attempt, pin, on_success=self._pin_checked)

    def _pin_checked(self, attempt: PinAttempt) -> None:
        if not attempt.accepted:
            if attempt.seconds_locked:
                self._show_lock(attempt.seconds_locked)
            else:
                self.pin.show_wrong()
            return
        if self._ensure_staff() is None:
            self.go_home()
            return
        self.staff.on_enter()
        self.window.show_screen("staff")

    def _ensure_staff(self):
        if self.staff is None and self._staff_factory is not None:
            self.staff = self._staff_factory()
            self.staff.exit_requested.connect(self.close_staff)
            self.window.add_screen(self.staff)
            self.staff.retranslate(self.tr)
            self.staff.set_portrait(self.window.height() > self.window.width())
        return self.staff

    def close_staff(self) -> None:
        if self.staff is not None:
            self.staff.reset()
        self.tasks.run(self.desk.store.audit, "staff_logout")
        self.desk.reload_event()
        self.welcome.set_walk_ins(self.desk.event.walk_ins_allowed)
        self.reload_index()
        self.go_home()

    # -- live boards -------------------------------------------------------------------------------
    def refresh_boards(self) -> None:
        desk, today = self.desk, self.desk.today()
        self.background.run(lambda: (desk.leaderboard_rows(None, 10), desk.leaderboard_rows(today, 10),
                                     desk.store.programme()), on_success=self._boards_ready)

    def _boards_ready(self, result) -> None:
        overall, today_rows, programme = result
        tr = self.tr
        self.leaderboard.set_rows(overall, today_rows)
        self.welcome.set_leaderboard(
            [(f"{row.rank}.", f"{row.display_name} · {tr.plural('{count} contact', '{count} contacts', row.contacts)}")
             for row in overall[:6]], tr("No contacts yet. Be the first!"))
        event, today = self.desk.event, self.desk.today()
        day_number = event.days.index(today) + 1 if today in event.days else 0
        items = [(item["start"], item.get(self.lang) or item.get("de", "")) for item in programme
                 if item.get("day") == day_number]
        self.welcome.set_programme(items, tr("No programme today."))
