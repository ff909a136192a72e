"""The kiosk learns of news through its app-wide events, never by polling: a sync finishing on the
syncer's thread refreshes the boards and the name search, midnight moves the header on. Scan
sources are handed to the router and share one repeat filter."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal
from ui_support import FIRST_DAY, first_visitors

from kiosk.ui.screens.welcome import ROTATE_MS


def networkers(kiosk, count: int) -> list:
    chosen, names = [], set()
    for guest in first_visitors(kiosk.store, FIRST_DAY):
        if guest.consent_contacts and guest.first_name and guest.first_name not in names:
            chosen.append(guest)
            names.add(guest.first_name)
    for guest in chosen[:count]:
        kiosk.desk.check_in_guest(guest)
    return chosen[:count]


def sync_finishes_elsewhere(kiosk) -> None:
    worker = threading.Thread(target=kiosk.kiosk.events.sync_finished)
    worker.start()
    worker.join()
    kiosk.settle()


def test_nothing_polls_the_database_on_a_timer(kiosk):
    running = [t for t in kiosk.window.findChildren(QTimer) if t.isActive() and not t.isSingleShot()]
    assert {t.interval() for t in running} == {ROTATE_MS}  # the welcome card turning its pages, no reading


def test_contacts_a_sync_brings_reach_the_leaderboard_when_it_finishes(kiosk):
    anna, *others = networkers(kiosk, 4)
    kiosk.tap("leaderboardButton")
    before = kiosk.text("championBanner")
    for other in others:  # as if another kiosk had recorded them and the hub handed them over
        kiosk.desk.exchange_contact(kiosk.desk.badge_token(anna), kiosk.desk.badge_token(other))
    kiosk.settle()
    assert kiosk.text("championBanner") == before

    sync_finishes_elsewhere(kiosk)

    public = f"{anna.first_name} {anna.last_name[0]}."
    assert kiosk.text("championBanner") == (f"★ Netzwerkchampion: {public}, {anna.organization_name} – "
                                            "3 Kontakte")


def test_the_name_search_finds_a_guest_a_sync_brings(kiosk):
    kiosk.desk.register_walk_in("Zeno", "Quastenberg", "", "")  # written by another kiosk, say
    kiosk.tap("searchButton")
    kiosk.tap_keys("quasten")
    assert kiosk.text("searchHint") == "Kein Name gefunden. Bitte wenden Sie sich an das Team am Infostand."

    sync_finishes_elsewhere(kiosk)

    assert kiosk.find("result-0").text() == "Zeno Quastenberg"  # the guest typing sees it at once


def test_midnight_moves_the_header_to_the_next_event_day(kiosk):
    assert kiosk.kiosk.day_watch.ms_to_next_day() == ((14 * 60 + 50) * 60 + 1) * 1000  # from 09:10
    kiosk.clock.advance(days=1)
    kiosk.kiosk.events.day_did_change.emit()
    kiosk.settle()
    assert kiosk.window.header.event_day.text() == "Mittwoch, 15. Mai 2024 · Tag 2 von 3"


def test_check_ins_and_contacts_are_announced(kiosk, qtbot):
    anna, jonas = networkers(kiosk, 2)
    guest = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts)
    events = kiosk.kiosk.events
    with qtbot.waitSignal(events.checkin_did_complete, timeout=1000) as checked_in:
        kiosk.scan(guest.ticket_code)  # checked in at the scan: the consent question follows
    assert checked_in.args == [guest.id]
    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()
    kiosk.tap("messageDone")
    kiosk.tap("contactButton")
    kiosk.scan(kiosk.desk.badge_token(anna))
    with qtbot.waitSignal(events.contact_did_record, timeout=1000):
        kiosk.scan(kiosk.desk.badge_token(jonas))


class Camera(QObject):
    """A second scan source, as a camera reading QR codes will be."""

    scanned = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.running = False

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


def test_a_second_scan_source_goes_through_the_same_router_and_repeat_filter(kiosk):
    guest = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts)
    camera = Camera()
    kiosk.kiosk.router.add_source(camera)
    kiosk.kiosk.router.start()
    assert camera.running

    camera.scanned.emit(guest.ticket_code)
    kiosk.settle()
    assert kiosk.current == "consent"
    kiosk.scan(guest.ticket_code)  # the scanner reads the same invitation a moment later: one arrival

    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.text("consentGreeting") == f"Willkommen, {guest.greeting_name}!"
    kiosk.kiosk.router.stop()
    assert not camera.running
