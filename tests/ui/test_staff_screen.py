"""Staff mode, driven through its real widgets: filters, search, selecting a row, inline confirmations,
undo / reprint / approve, printing, settings, scans, shortcuts, reset, both languages and orientations.

Every test checks what the screen shows and what the database holds.
"""

from __future__ import annotations

import ast
import shutil
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QPushButton, QStackedWidget, QTableView,
                               QWidget)
from ui_support import settle_tasks

from kiosk.core.model import PrintStatus
from kiosk.i18n import ASSETS, catalogue, translator
from kiosk.printing import PrintFailure, PrinterInfo, PrintingUnavailable, PrintResult
from kiosk.printing.jobs import PrintQueue
from kiosk.services.desk import FrontDesk
from kiosk.services.staff import StaffDesk
from kiosk.storage import Store
from kiosk.ui.screens.staff import StaffScreen
from kiosk.ui.style import apply_style
from kiosk.ui.tasks import InlineExecutor, Tasks

DAY = date(2024, 5, 14)
DEVICE = "0f0e0d0c-0b0a-4909-8807-060504030299"
STAFF_SOURCES = ("staff.py", "staff_guests.py", "staff_log.py", "staff_pages.py", "staff_parts.py", "staff_settings.py",
                 "staff_audit.py", "staff_batch.py")


def local(hour: int, minute: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute,
                    tzinfo=ZoneInfo("Europe/Berlin")).astimezone(timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class SwitchablePrinter:
    name = "desk-printer"

    def __init__(self) -> None:
        self.offline = False

    def send(self, pdf: bytes, job_id: str, media: str = "") -> PrintResult:
        if self.offline:
            return PrintResult.failed(PrintFailure.QUEUE_DISABLED,
                                      "printer desk-printer is disabled: paper out")
        return PrintResult.done("desk-1")


# -- fixtures -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def staff_template(tmp_path_factory) -> Path:
    from kiosk.demo import create_demo

    path = tmp_path_factory.mktemp("staff-template") / "demo.sqlite3"
    store = Store.open(path, device_id=DEVICE)
    create_demo(store, first_day=DAY)
    store.close()
    return path


@pytest.fixture
def staff_db(tmp_path, staff_template) -> Path:
    path = tmp_path / "staff.sqlite3"
    shutil.copyfile(staff_template, path)
    return path


@pytest.fixture
def store(staff_db):
    store = Store.open(staff_db, device_id=DEVICE)
    yield store
    store.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(local(9, 10))


@pytest.fixture
def front(store, clock) -> FrontDesk:
    return FrontDesk(store, clock=clock)


@pytest.fixture
def pdf_dir(tmp_path) -> Path:
    return tmp_path / "printed"


@pytest.fixture
def printers():
    return [PrinterInfo("badges", "idle", default=True),
            PrinterInfo("office", "disabled", reason="Cover open")]


@pytest.fixture
def staff(store, front, pdf_dir, printers) -> StaffDesk:
    queue = PrintQueue(store, default_printer=f"pdf:{pdf_dir}")
    return StaffDesk(store, front, queue, printers=lambda: printers)


@pytest.fixture
def open_staff(qtbot, qapp, staff):
    """Build the staff screen as the kiosk shows it after the PIN: English, 1920 x 1080, loaded."""
    apply_style(qapp)

    def build(desk: StaffDesk | None = None, tasks: Tasks | None = None, lang: str = "en") -> StaffScreen:
        screen = StaffScreen(desk or staff, tasks or Tasks(InlineExecutor()))
        qtbot.addWidget(screen)
        screen.retranslate(translator(lang))
        screen.resize(1920, 1080)
        screen.show()
        qtbot.waitExposed(screen)
        screen.on_enter()
        settle(screen)
        return screen

    return build


# -- helpers ----------------------------------------------------------------------------------
def settle(screen: StaffScreen, timeout: float = 10.0) -> None:
    settle_tasks((screen.runner,), "staff work", timeout)


def widget(screen, name: str, kind=QPushButton):
    found = screen.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} {name}"
    return found


def tap(qtbot, screen, name: str) -> None:
    button = widget(screen, name)
    assert button.isVisible(), f"{name} is not on the screen"
    assert button.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
    settle(screen)


def table(screen, name: str = "staffGuestTable") -> QTableView:
    return widget(screen, name, QTableView)


def column(view: QTableView, title: str) -> list[str]:
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    index = headers.index(title)
    return [model.index(r, index).data() for r in range(model.rowCount())]


def ids(view: QTableView) -> list[str]:
    return [row.guest_id for row in view.model().rows()]


def cell(view: QTableView, guest_id: str, title: str) -> str:
    return column(view, title)[view.model().position_of(guest_id)]


def click_row(qtbot, screen, guest) -> None:
    """Tap the guest's row (found by id: the demo list has namesakes, as real lists do)."""
    view = table(screen)
    index = view.model().index(view.model().position_of(guest.id), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    settle(screen)


def text(screen, name: str) -> str:
    label = widget(screen, name, QLabel)
    return label.text() if label.isVisible() else ""


def by_ref(store, ref: str):
    return next(g for g in store.guests() if g.external_id == ref)


def check_in(front, clock, guest, hour: int, minute: int) -> None:
    clock.now = local(hour, minute)
    front.check_in_guest(guest)


def audit_rows(path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute("SELECT action, subject, detail FROM audit_row").fetchall()
    finally:
        connection.close()


# -- the guest table ---------------------------------------------------------------------------
def test_staff_mode_opens_on_every_guest_with_todays_numbers(open_staff, store, front, clock):
    for ref, minute in (("NT-0001", 2), ("NT-0002", 5), ("NT-0003", 21)):
        check_in(front, clock, by_ref(store, ref), 9, minute)

    screen = open_staff()

    assert screen.current_page == "guests"
    assert table(screen).model().rowCount() == len(store.guests())
    registered = sum(1 for g in store.guests() if g.registered_for(DAY))
    assert text(screen, "staffSummary") == f"3 of {registered} checked in today"
    assert widget(screen, "staffCount-checked_in", QLabel).text() == "3"
    assert widget(screen, "staffCount-not_yet", QLabel).text() == str(registered - 3)
    assert screen.arrivals.chart.data() == [("09:00", 2), ("09:15", 1)]


def test_filter_buttons_split_the_day_into_arrived_and_not_yet(qtbot, open_staff, store, front, clock):
    early, late = by_ref(store, "NT-0003"), by_ref(store, "NT-0005")
    check_in(front, clock, early, 8, 55)
    check_in(front, clock, late, 9, 40)
    screen = open_staff()

    tap(qtbot, screen, "staffFilter-checked_in")
    assert ids(table(screen)) == [late.id, early.id]
    assert column(table(screen), "Today") == ["✓ 09:40", "✓ 08:55"]
    assert text(screen, "staffGuestCount") == "2 shown"

    tap(qtbot, screen, "staffFilter-not_yet")
    shown = ids(table(screen))
    assert early.id not in shown and late.id not in shown
    assert len(shown) == sum(1 for g in store.guests() if g.registered_for(DAY)) - 2
    assert set(column(table(screen), "Today")) == {"Not yet"}

    tap(qtbot, screen, "staffFilter-all")
    assert table(screen).model().rowCount() == len(store.guests())


def test_typing_in_the_search_field_narrows_the_table_with_german_folding(qtbot, open_staff, store):
    screen = open_staff()
    search = widget(screen, "staffSearch", QLineEdit)

    qtbot.keyClicks(search, "foerster")
    settle(screen)

    expected = sorted(g.full_name for g in store.guests() if g.last_name == "Förster")
    assert sorted(column(table(screen), "Name")) == expected
    assert text(screen, "staffGuestCount") == f"{len(expected)} shown"
    qtbot.keyClicks(search, " breisgau")
    settle(screen)
    organizations = column(table(screen), "Organization")
    assert organizations and set(organizations) == {"Digitalzentrum Breisgau"}


def test_the_touch_keyboard_types_into_the_search(qtbot, open_staff, store):
    screen = open_staff()
    tap(qtbot, screen, "staffKeyboardToggle")
    for key in ("key-G", "key-R", "key-O", "key-ß"):
        tap(qtbot, screen, key)

    assert widget(screen, "staffSearch", QLineEdit).text() == "groß"
    assert {n.split()[-1] for n in column(table(screen), "Name")} == {"Groß"}


# -- corrections, confirmed inline ---------------------------------------------------------------
def test_undo_check_in_asks_inline_then_removes_the_row_and_audits(qtbot, open_staff, store, front, clock,
                                                                    staff_db):
    guest = by_ref(store, "NT-0003")
    check_in(front, clock, guest, 9, 4)
    screen = open_staff()
    tap(qtbot, screen, "staffFilter-checked_in")
    click_row(qtbot, screen, guest)
    assert text(screen, "staffSelectedName") == guest.full_name
    assert widget(screen, "staffApprove").isEnabled() is False

    tap(qtbot, screen, "staffUndo")
    assert text(screen, "staffConfirmQuestion") == f"Undo today's check-in of {guest.full_name} (09:04)?"
    assert store.check_in_of(guest.id, DAY) is not None  # nothing happens before the confirmation

    tap(qtbot, screen, "staffConfirmYes")

    assert store.check_in_of(guest.id, DAY) is None
    assert ("undo_check_in", guest.id, f"{DAY.isoformat()} staff") in audit_rows(staff_db)
    assert ids(table(screen)) == []  # the checked-in filter is now empty
    assert text(screen, "staffFeedback") == f"Check-in of {guest.full_name} undone."
    assert widget(screen, "staffCount-checked_in", QLabel).text() == "0"
    tap(qtbot, screen, "staffFilter-all")
    click_row(qtbot, screen, guest)
    assert cell(table(screen), guest.id, "Today") == "Not yet"
    assert not widget(screen, "staffUndo").isEnabled()


def test_cancel_leaves_the_check_in_alone(qtbot, open_staff, store, front, clock, staff_db):
    guest = by_ref(store, "NT-0005")
    check_in(front, clock, guest, 9, 0)
    screen = open_staff()
    click_row(qtbot, screen, guest)

    tap(qtbot, screen, "staffUndo")
    tap(qtbot, screen, "staffConfirmNo")

    assert not widget(screen, "staffConfirmYes").isVisible()
    assert store.check_in_of(guest.id, DAY) is not None
    assert not [row for row in audit_rows(staff_db) if row[0] == "undo_check_in"]


def test_reprint_writes_the_badge_pdf_and_shows_the_done_job(qtbot, open_staff, store, pdf_dir, staff_db):
    guest = by_ref(store, "NT-0012")
    screen = open_staff()
    click_row(qtbot, screen, guest)

    tap(qtbot, screen, "staffReprint")
    assert text(screen, "staffConfirmQuestion") == f"Print a new badge for {guest.full_name}?"
    tap(qtbot, screen, "staffConfirmYes")

    jobs = store.print_jobs()
    assert [(j.guest_id, j.status) for j in jobs] == [(guest.id, PrintStatus.DONE)]
    assert (pdf_dir / f"badge-{jobs[0].id}.pdf").read_bytes().startswith(b"%PDF")
    assert ("reprint", guest.id, f"job {jobs[0].id}") in audit_rows(staff_db)
    assert text(screen, "staffFeedback") == f"Badge for {guest.full_name} printed."
    tap(qtbot, screen, "staffNav-printing")
    jobs_table = table(screen, "staffJobTable")
    assert column(jobs_table, "Guest") == [guest.full_name]
    assert column(jobs_table, "Status") == ["Printed"]


def test_approving_a_walk_in_clears_the_review_flag(qtbot, open_staff, store, front, staff_db):
    walk_in = front.register_walk_in("Wendelin", "Quappe", "Freies Labor Pfalz", "")
    screen = open_staff()
    assert "1 walk-in to review" in text(screen, "staffSummary")
    tap(qtbot, screen, "staffFilter-walk_ins")
    assert column(table(screen), "Walk-in") == ["To review"]
    click_row(qtbot, screen, walk_in)
    assert not widget(screen, "staffUndo").isEnabled()

    tap(qtbot, screen, "staffApprove")
    tap(qtbot, screen, "staffConfirmYes")

    assert store.needs_review(walk_in.id) is False
    assert ("approve_walk_in", walk_in.id, "") in audit_rows(staff_db)
    assert column(table(screen), "Walk-in") == ["Approved"]
    assert not widget(screen, "staffApprove").isEnabled()
    assert widget(screen, "staffCount-walk_ins_to_review", QLabel).text() == "0"


# -- scans ---------------------------------------------------------------------------------------
def test_a_scanned_badge_selects_its_guest_and_clears_search_and_filter(qtbot, open_staff, store, front):
    guest = by_ref(store, "NT-0150")
    screen = open_staff()
    tap(qtbot, screen, "staffFilter-checked_in")
    qtbot.keyClicks(widget(screen, "staffSearch", QLineEdit), "zzz")
    settle(screen)

    screen.handle_scan(front.badge_token(guest))
    settle(screen)

    assert widget(screen, "staffSearch", QLineEdit).text() == ""
    assert widget(screen, "staffFilter-all").isChecked()
    assert screen.guests.selected_id() == guest.id
    assert text(screen, "staffSelectedName") == guest.full_name
    assert text(screen, "staffFeedback") == f"Scanned: {guest.full_name}"


def test_an_unknown_code_says_so_without_changing_the_table(qtbot, open_staff, store):
    screen = open_staff()
    screen.handle_scan("NOT-A-GUEST-0000")
    settle(screen)

    assert text(screen, "staffFeedback") == "No guest has this code (unknown_code)."
    assert table(screen).model().rowCount() == len(store.guests())


# -- printing, settings, log -------------------------------------------------------------------------
def test_printing_page_lists_printers_and_retries_failed_jobs(qtbot, open_staff, store, front, staff_db,
                                                              printers):
    printer = SwitchablePrinter()
    printer.offline = True
    queue = PrintQueue(store, default_printer="cups:desk-printer", printers=lambda spec: printer)
    guest = by_ref(store, "NT-0007")
    queue.print_badge(guest.id)
    screen = open_staff(StaffDesk(store, front, queue, printers=lambda: printers))

    tap(qtbot, screen, "staffNav-printing")
    assert text(screen, "staffKioskPrinter") == "This kiosk prints to: cups:desk-printer"
    assert column(table(screen, "staffPrinterTable"), "State") == ["Ready", "Stopped"]
    assert column(table(screen, "staffPrinterTable"), "Note") == ["", "Cover open"]
    assert column(table(screen, "staffJobTable"), "Status") == ["Failed"]
    assert "paper out" in column(table(screen, "staffJobTable"), "Reason")[0]
    assert text(screen, "staffFailedCount") == "1 failed"

    printer.offline = False
    tap(qtbot, screen, "staffRetry")

    assert [j.status for j in store.print_jobs()] == [PrintStatus.DONE]
    assert column(table(screen, "staffJobTable"), "Status") == ["Printed"]
    assert text(screen, "staffPrintFeedback") == "1 retried, 1 printed."
    assert not widget(screen, "staffRetry").isEnabled()
    assert ("retry_failed_prints", "", "1 retried, 1 done") in audit_rows(staff_db)


def test_printing_page_says_when_cups_cannot_be_asked(qtbot, open_staff, store, front):
    def no_cups():
        raise PrintingUnavailable(PrintFailure.CUPS_NOT_RUNNING, "the CUPS scheduler is not running")

    screen = open_staff(StaffDesk(store, front, None, printers=no_cups))
    tap(qtbot, screen, "staffNav-printing")

    assert text(screen, "staffPrinterProblem") == "The CUPS print service is not running."
    assert text(screen, "staffKioskPrinter") == "No printer is set up for this kiosk."
    tap(qtbot, screen, "staffNav-guests")
    click_row(qtbot, screen, by_ref(store, "NT-0001"))
    assert not widget(screen, "staffReprint").isEnabled()  # nothing to print with


def test_walk_in_registration_is_switched_in_settings_and_audited(qtbot, open_staff, store, front, staff_db):
    screen = open_staff()
    tap(qtbot, screen, "staffNav-settings")
    assert widget(screen, "staffWalkInsOn").isChecked()
    assert text(screen, "staffWalkInState") == "Walk-in registration is open."

    tap(qtbot, screen, "staffWalkInsOff")

    assert store.event().walk_ins_allowed is False
    assert front.event.walk_ins_allowed is False  # the desk the guest screens use knows at once
    assert text(screen, "staffWalkInState") == "Walk-in registration is closed."
    assert ("set_walk_ins_allowed", "", "off") in audit_rows(staff_db)
    tap(qtbot, screen, "staffNav-log")
    assert column(table(screen, "staffLogTable"), "Action")[0] == "Walk-in registration changed"
    assert column(table(screen, "staffLogTable"), "Detail")[0] == "closed"


def test_log_names_guests_on_screen_while_the_database_keeps_ids(qtbot, open_staff, store, front, clock,
                                                                 staff_db):
    guest = by_ref(store, "NT-0003")
    check_in(front, clock, guest, 9, 0)
    screen = open_staff()
    click_row(qtbot, screen, guest)
    tap(qtbot, screen, "staffUndo")
    tap(qtbot, screen, "staffConfirmYes")

    tap(qtbot, screen, "staffNav-log")

    log = table(screen, "staffLogTable")
    assert (column(log, "Action")[0], column(log, "Guest")[0]) == ("Check-in undone", guest.full_name)
    stored = repr(audit_rows(staff_db))
    assert guest.first_name not in stored and guest.last_name not in stored and "@" not in stored


# -- the screen as a whole ------------------------------------------------------------------------
def test_back_to_the_kiosk_asks_to_leave(qtbot, open_staff):
    screen = open_staff()
    with qtbot.waitSignal(screen.exit_requested, timeout=1000):
        tap(qtbot, screen, "staffBack")


def test_reset_leaves_no_search_filter_selection_or_guest_data(qtbot, open_staff, store, front, clock):
    guest = by_ref(store, "NT-0003")
    check_in(front, clock, guest, 9, 0)
    screen = open_staff()
    tap(qtbot, screen, "staffFilter-checked_in")
    qtbot.keyClicks(widget(screen, "staffSearch", QLineEdit), "forst")
    settle(screen)
    click_row(qtbot, screen, guest)
    tap(qtbot, screen, "staffUndo")
    tap(qtbot, screen, "staffNav-log")

    screen.reset()

    assert screen.current_page == "guests"
    assert widget(screen, "staffSearch", QLineEdit).text() == ""
    assert widget(screen, "staffFilter-all").isChecked()
    assert screen.guests.selected_id() is None
    assert not widget(screen, "staffConfirmYes").isVisible()
    for name in ("staffGuestTable", "staffJobTable", "staffLogTable"):
        assert table(screen, name).model().rowCount() == 0
    assert text(screen, "staffSummary") == "" and text(screen, "staffFeedback") == ""
    assert store.check_in_of(guest.id, DAY) is not None  # the pending undo was dropped, not done


def test_keyboard_shortcuts_for_staff(qtbot, open_staff, store, front, clock):
    guest = by_ref(store, "NT-0003")
    check_in(front, clock, guest, 9, 0)
    screen = open_staff()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow, timeout=2000)

    qtbot.keyClick(screen, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert screen.current_page == "printing"
    qtbot.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = widget(screen, "staffSearch", QLineEdit)
    assert screen.current_page == "guests" and search.hasFocus()
    click_row(qtbot, screen, guest)
    qtbot.keyClick(screen, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert widget(screen, "staffConfirmYes").isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not widget(screen, "staffConfirmYes").isVisible()
    assert store.check_in_of(guest.id, DAY) is not None
    with qtbot.waitSignal(screen.exit_requested, timeout=1000):
        qtbot.keyClick(screen, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_working_state_shows_while_background_work_runs(qtbot, staff):
    gate = threading.Event()
    executor = ThreadPoolExecutor(max_workers=1)
    slow = staff.reload

    def held_reload():
        gate.wait(5)
        slow()

    staff.reload = held_reload
    screen = StaffScreen(staff, Tasks(executor))
    qtbot.addWidget(screen)
    screen.retranslate(translator("en"))
    screen.show()
    try:
        screen.on_enter()
        qtbot.waitUntil(lambda: widget(screen, "staffBusy", QWidget).isVisible(), timeout=2000)
        assert text(screen, "staffBusyLabel") == "Working…"
        gate.set()
        qtbot.waitUntil(lambda: screen.runner.pending == 0 and table(screen).model().rowCount() > 0,
                        timeout=5000)
        assert not widget(screen, "staffBusy", QWidget).isVisible()
    finally:
        gate.set()
        executor.shutdown(wait=True)


def test_german_texts_and_gender_inclusive_words(qtbot, open_staff, store):
    screen = open_staff(lang="de")

    assert widget(screen, "staffNav-guests").text() == "Teilnehmer:innen"
    assert widget(screen, "staffBack").text() == "Zurück zum Kiosk"
    assert "Noch nicht" in set(column(table(screen), "Heute"))
    assert "Teilnehmer:in" in set(column(table(screen), "Kategorie"))
    screen.retranslate(translator("en"))
    assert widget(screen, "staffNav-guests").text() == "Guests"
    assert "Participant" in set(column(table(screen), "Category"))


def _called(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def test_every_staff_text_has_a_german_translation():
    german = catalogue("de")
    used = set()
    for name in STAFF_SOURCES:
        tree = ast.parse((ASSETS.parent / "kiosk" / "ui" / "screens" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in ("tr", "_tr") and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                used.add(node.args[0].value)
    from kiosk.ui.screens.staff_audit import ACTION_WORDS

    used |= set(ACTION_WORDS.values())
    missing = sorted(msgid for msgid in used if msgid not in german)
    assert not missing, missing


def test_a_portrait_window_gets_the_stacked_arrangement_and_everything_fits(qtbot, qapp, staff):
    apply_style(qapp)
    window = QStackedWidget()  # as in the kiosk window: one screen of a stack
    qtbot.addWidget(window)
    screen = StaffScreen(staff, Tasks(InlineExecutor()))
    window.addWidget(screen)
    screen.retranslate(translator("de"))
    window.resize(1920, 1080)
    window.show()
    screen.on_enter()
    settle(screen)
    assert not screen.narrow and widget(screen, "staffScanHint", QLabel).isVisible()

    window.resize(1080, 1920)  # before anyone calls set_portrait: the screen must not hold the window wide
    settle(screen)

    assert (window.width(), screen.width()) == (1080, 1080) and screen.narrow

    def minimum_width() -> int:
        for _ in range(3):  # layout requests travel up one level per event round
            QApplication.processEvents()
        screen.layout().activate()
        return screen.layout().minimumSize().width()

    screen.set_portrait(True)
    for page in ("guests", "printing", "arrivals", "settings", "log"):
        screen.show_page(page)
        assert minimum_width() <= 1080, page
    tap(qtbot, screen, "staffNav-guests")
    tap(qtbot, screen, "staffKeyboardToggle")
    assert minimum_width() <= 1080
