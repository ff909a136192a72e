"""Door mode, driven through the running kiosk (German, 1920 x 1080): staff choose a session in staff
mode's programme page, the kiosk shows the door screen; badges scanned there are counted once, with the
guest's name and "n von m"; a full room refuses politely; the kiosk stays in door mode after the idle
timeout and after staff mode; staff undo an attendance from the attendee list and end door mode."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QTableView
from ui_support import FIRST_DAY

from kiosk.core.programme import Session, SessionKind
from kiosk.storage import programme as stored

QUIZ_ID = "9b1f5c2e-0d4a-4c8e-9a61-3f2b7d5e8c10"


def start_door_mode(kiosk, session_id: str) -> None:
    kiosk.open_staff("programme")
    position = kiosk.find("programmeTable", QTableView).model().position_of(session_id)
    kiosk.tap_row("programmeTable", position)
    kiosk.tap("programmeDoor")
    assert kiosk.current == "door"


def small_quiz(store) -> None:
    stored.save_session(store, Session(QUIZ_ID, FIRST_DAY, time(11), time(12), "Pubquiz-Vorrunde",
                                       "Pub quiz heat", "Kleiner Saal", SessionKind.QUIZ, 2))


def door(kiosk) -> dict[str, str]:
    names = ("doorSessionTitle", "doorSessionDetail", "doorHeadline", "doorGuestName", "doorDetail",
             "doorCount", "doorCountDetail")
    return {name[4:]: kiosk.shown_text(name) for name in names}


def guests(kiosk, count: int) -> list:
    return sorted(kiosk.store.guests(), key=lambda g: g.external_id)[:count]


def test_a_badge_at_the_door_is_counted_once_with_name_and_places(make_kiosk):
    kiosk = make_kiosk()
    speed = next(s for s in stored.sessions(kiosk.store, FIRST_DAY) if s.kind == SessionKind.SPEED_NETWORKING)
    start_door_mode(kiosk, speed.id)
    shown = door(kiosk)
    assert (shown["SessionTitle"], shown["Count"]) == ("Speed-Networking der Zentren", "0 von 40")
    assert shown["SessionDetail"] == "13:00–14:30 · Galerie"
    assert shown["Headline"] == "Bitte scannen Sie Ihr Namensschild"
    anna = guests(kiosk, 1)[0]
    kiosk.scan(kiosk.desk.badge_token(anna))
    shown = door(kiosk)
    assert (shown["Headline"], shown["GuestName"]) == ("Herzlich willkommen!", anna.greeting_name)
    assert shown["Count"] == "1 von 40"
    assert shown["CountDetail"] == "Noch 39 Plätze frei"
    assert stored.present(kiosk.store, speed.id)[0].guest_id == anna.id
    kiosk.wait_for_scan_window()
    kiosk.scan(anna.ticket_code)
    shown = door(kiosk)
    assert (shown["Headline"], shown["GuestName"]) == ("Sie sind schon da", anna.greeting_name)
    assert shown["Count"] == "1 von 40"
    assert shown["Detail"].startswith("Sie wurden um 09:10 gezählt")
    assert stored.present_count(kiosk.store, speed.id) == 1


def test_a_full_room_refuses_politely_and_counts_nobody_more(make_kiosk):
    kiosk = make_kiosk(prepare=small_quiz)
    start_door_mode(kiosk, QUIZ_ID)
    first, second, third = guests(kiosk, 3)
    for guest in (first, second):
        kiosk.scan(kiosk.desk.badge_token(guest))
        kiosk.wait_for_scan_window()
    assert door(kiosk)["Count"] == "2 von 2" and door(kiosk)["CountDetail"] == "Der Raum ist voll."
    kiosk.scan(kiosk.desk.badge_token(third))
    shown = door(kiosk)
    assert shown["Headline"] == "Dieser Raum ist leider voll" and shown["GuestName"] == third.greeting_name
    assert "Alle 2 Plätze sind belegt" in shown["Detail"]
    assert stored.present_count(kiosk.store, QUIZ_ID) == 2
    unknown = "NOTONTHELIST"
    kiosk.wait_for_scan_window()
    kiosk.scan(unknown)
    assert door(kiosk)["Detail"] == "Dieser Code steht nicht auf der Gästeliste."


def test_door_mode_stays_after_the_idle_timeout_and_staff_mode(make_kiosk):
    kiosk = make_kiosk(prepare=small_quiz)
    start_door_mode(kiosk, QUIZ_ID)
    kiosk.scan(kiosk.desk.badge_token(guests(kiosk, 1)[0]))
    assert door(kiosk)["Headline"] == "Herzlich willkommen!"
    kiosk.window.idle_timeout.emit()
    kiosk.settle()
    assert kiosk.current == "door" and door(kiosk)["Headline"] == "Bitte scannen Sie Ihr Namensschild"
    assert door(kiosk)["GuestName"] == "" and door(kiosk)["Count"] == "1 von 2"
    kiosk.open_staff("programme")
    assert kiosk.shown_text("programmeDoorStatus") == "Dieser Kiosk ist im Türmodus für: Pubquiz-Vorrunde"
    kiosk.tap("staffBack")
    assert kiosk.current == "door"


def test_staff_undo_an_attendance_and_end_door_mode(make_kiosk):
    kiosk = make_kiosk(prepare=small_quiz)
    start_door_mode(kiosk, QUIZ_ID)
    first, second = guests(kiosk, 2)
    for guest in (first, second):
        kiosk.clock.advance(minutes=1)
        kiosk.scan(kiosk.desk.badge_token(guest))
        kiosk.wait_for_scan_window()
    kiosk.open_staff("programme")
    table = kiosk.find("programmeTable", QTableView)
    position = table.model().position_of(QUIZ_ID)
    assert table.model().index(position, 3).data() == "2 von 2"
    kiosk.tap_row("programmeTable", position)
    kiosk.tap("programmeAttendees")
    attendees = kiosk.find("attendeesTable", QTableView).model()
    names = [attendees.index(r, 1).data() for r in range(attendees.rowCount())]
    assert names == [first.full_name, second.full_name]
    kiosk.tap_row("attendeesTable", 0)
    kiosk.tap("attendeesUndo")
    assert first.full_name in kiosk.text("programmeConfirmQuestion")
    kiosk.tap("programmeConfirmYes")
    assert [a.guest_id for a in stored.present(kiosk.store, QUIZ_ID)] == [second.id]
    assert attendees.rowCount() == 1 and table.model().index(position, 3).data() == "1 von 2"
    assert kiosk.store.audit_log(1)[0][1] == "undo_attendance"
    kiosk.tap("staffBack")
    assert kiosk.current == "door" and door(kiosk)["Count"] == "1 von 2"
    kiosk.open_staff("programme")
    kiosk.tap("programmeEndDoor")
    kiosk.tap("staffBack")
    assert kiosk.current == "welcome"
    kiosk.scan(kiosk.desk.badge_token(first))  # a scan on the welcome screen checks in again, as before
    assert stored.present_count(kiosk.store, QUIZ_ID) == 1


def test_the_door_speaks_english_after_the_language_button(make_kiosk):
    kiosk = make_kiosk(prepare=small_quiz)
    start_door_mode(kiosk, QUIZ_ID)
    kiosk.tap("languageButton", screen="header")
    assert door(kiosk)["SessionTitle"] == "Pub quiz heat" and door(kiosk)["Count"] == "0 of 2"
    kiosk.scan(kiosk.desk.badge_token(guests(kiosk, 1)[0]))
    assert door(kiosk)["Headline"] == "Welcome!" and door(kiosk)["CountDetail"] == "1 place left"
