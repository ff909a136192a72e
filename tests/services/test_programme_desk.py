"""The programme desk on a real database: sessions saved, edited and removed through the journal,
attendance once per guest and session, capacity, staff undo, erasure, and an older database's programme."""

from __future__ import annotations

import json
from datetime import time

import pytest
from services_support import EVENT_DAYS, berlin

from kiosk.core.programme import AttendanceRefusal, AttendStatus, InvalidSession, Session, SessionKind
from kiosk.services.programme import ProgrammeDesk
from kiosk.storage import programme as stored
from kiosk.storage.privacy import forget_guest, purge_before


@pytest.fixture
def programme(desk) -> ProgrammeDesk:
    return ProgrammeDesk(desk)


def speed_networking(capacity: int | None = 2, day=EVENT_DAYS[0]) -> Session:
    return Session("", day, time(13), time(14, 30), "Speed-Networking", "Speed networking", "Galerie",
                   SessionKind.SPEED_NETWORKING, capacity)


def kinds(store) -> list[str]:
    return [kind for (kind,) in store.db.execute_sql("SELECT kind FROM change_row ORDER BY seq").fetchall()]


def test_a_saved_session_gets_an_id_is_journaled_and_reads_back(programme, store):
    saved = programme.save(speed_networking())
    assert saved.id and programme.session(saved.id) == saved
    assert programme.sessions(EVENT_DAYS[0]) == [saved] and programme.sessions(EVENT_DAYS[1]) == []
    assert kinds(store)[-1] == "session"


def test_an_edit_replaces_the_session_and_a_removal_hides_it(programme, store):
    saved = programme.save(speed_networking())
    edited = programme.save(Session(saved.id, saved.day, time(13, 15), time(14, 30), "Speeddating", "",
                                    "Saal 2", SessionKind.SPEED_NETWORKING, 30))
    assert programme.sessions() == [edited]
    assert programme.remove(saved.id) and programme.sessions() == []
    assert not programme.remove(saved.id)
    assert kinds(store)[-1] == "session_delete"
    assert store.db.execute_sql("SELECT deleted, title_de FROM session_row").fetchall() == [(1, "")]


def test_an_invalid_session_is_refused_and_nothing_is_written(programme, store):
    before = kinds(store)
    with pytest.raises(InvalidSession) as refused:
        programme.save(speed_networking(capacity=0))
    assert refused.value.field == "capacity" and kinds(store) == before


def test_attendance_counts_once_and_a_full_room_refuses(programme, desk, clock, add_guest):
    session = programme.save(speed_networking(capacity=2))
    anna, bodo, cleo = (add_guest(n, "Kolbeck") for n in ("Anna", "Bodo", "Cleo"))
    first = programme.attend(session.id, desk.badge_token(anna))
    assert (first.status, first.present, first.guest.id) == (AttendStatus.RECORDED, 1, anna.id)
    clock.set(berlin(EVENT_DAYS[0], 9, 15))  # arrival order is by time (scans in one instant go by id)
    again = programme.attend(session.id, anna.ticket_code)
    assert (again.status, again.present) == (AttendStatus.ALREADY_HERE, 1)
    assert again.attendance.at == first.attendance.at
    assert programme.attend(session.id, desk.badge_token(bodo)).present == 2
    full = programme.attend(session.id, desk.badge_token(cleo))
    assert (full.status, full.reason, full.present) == (AttendStatus.REJECTED, AttendanceRefusal.SESSION_FULL,
                                                        2)
    assert programme.present_guest_ids(session.id) == [anna.id, bodo.id]
    assert [a.guest.first_name for a in programme.attendees(session.id)] == ["Anna", "Bodo"]


def test_unknown_codes_and_sessions_are_refused(programme, add_guest):
    session = programme.save(speed_networking())
    assert programme.attend(session.id, "NOTACODE").reason == "unknown_code"
    assert programme.attend("no-such-session", add_guest("Anna", "K").ticket_code).reason == \
        AttendanceRefusal.UNKNOWN_SESSION


def test_a_session_of_another_day_takes_no_attendance(programme, add_guest):
    session = programme.save(speed_networking(day=EVENT_DAYS[1]))
    outcome = programme.attend(session.id, add_guest("Anna", "K").ticket_code)
    assert outcome.reason == AttendanceRefusal.NOT_SESSION_DAY


def test_staff_undo_frees_the_place_and_a_later_scan_counts_again(programme, desk, clock, add_guest):
    session = programme.save(speed_networking(capacity=1))
    anna, bodo = add_guest("Anna", "K"), add_guest("Bodo", "K")
    programme.attend(session.id, anna.ticket_code)
    assert programme.undo(session.id, anna.id) and not programme.undo(session.id, anna.id)
    assert programme.present_count(session.id) == 0
    assert programme.attend(session.id, bodo.ticket_code).status == AttendStatus.RECORDED
    clock.set(berlin(EVENT_DAYS[0], 13, 20))
    programme.undo(session.id, bodo.id)
    back = programme.attend(session.id, anna.ticket_code)
    assert back.status == AttendStatus.RECORDED and back.attendance.at == berlin(EVENT_DAYS[0], 13, 20)
    assert programme.present_guest_ids(session.id) == [anna.id]


def test_the_attendance_table_counts_per_session(programme, add_guest):
    a = programme.save(speed_networking())
    b = programme.save(Session("", EVENT_DAYS[0], time(19), time(23), "Abendessen mit Pubquiz", "",
                               "Brauhaus", SessionKind.QUIZ, 120))
    for name in ("Anna", "Bodo"):
        programme.attend(b.id, add_guest(name, "K").ticket_code)
    assert [(row.session.id, row.attended) for row in programme.attendance_table()] == [(a.id, 0), (b.id, 2)]


def test_erasure_removes_a_guests_attendance_and_purge_keeps_the_counts(programme, store, add_guest):
    session = programme.save(speed_networking(capacity=None))
    anna = add_guest("Anna", "K", days=(EVENT_DAYS[0],))
    bodo = add_guest("Bodo", "K", days=(EVENT_DAYS[0],))
    for guest in (anna, bodo):
        programme.attend(session.id, guest.ticket_code)
    forget_guest(store, anna.id)
    assert programme.present_guest_ids(session.id) == [bodo.id]
    assert store.db.execute_sql("SELECT COUNT(*) FROM attendance_scan_row WHERE guest_id = ?",
                                (anna.id,)).fetchone() == (0,)
    purge_before(store, EVENT_DAYS[1])
    assert programme.present_count(session.id) == 1 and programme.attendees(session.id) == []


def test_an_older_databases_programme_reads_as_sessions_and_is_adopted_on_the_first_edit(programme, store):
    old = [{"day": 1, "start": "13:00", "end": "14:30", "de": "Speeddating der Zentren",
            "en": "Speed-dating"},
           {"day": 2, "start": "19:00", "end": "23:00", "de": "Abendessen mit Pubquiz",
            "en": "Pub quiz dinner"}]
    store.db.execute_sql("UPDATE event_row SET programme = ?", (json.dumps(old),))
    legacy = programme.sessions()
    assert [(s.title_de, s.kind) for s in legacy] == [
        ("Speeddating der Zentren", SessionKind.SPEED_NETWORKING),
        ("Abendessen mit Pubquiz", SessionKind.QUIZ)]
    assert programme.desk.programme(EVENT_DAYS[1]) == legacy[1:]
    added = programme.save(speed_networking())
    expected = sorted([*legacy, added], key=lambda s: (s.day, s.start, s.title_de))
    assert programme.sessions() == stored.stored_sessions(store) == expected
    assert kinds(store)[-3:] == ["session", "session", "session"]


def test_importing_the_same_sessions_again_updates_them(programme):
    first = [speed_networking(), Session("", EVENT_DAYS[1], time(9), time(10), "Kaffee", "", "Foyer")]
    assert programme.import_sessions(first) == (2, 0)
    again = [speed_networking(capacity=30), first[1]]
    assert programme.import_sessions(again) == (0, 2)
    assert [s.capacity for s in programme.sessions()] == [30, None]
