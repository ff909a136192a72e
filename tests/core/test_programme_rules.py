"""The programme's rules without storage: what a valid session is, and who may attend."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from kiosk.core.programme import (Attendance, AttendanceRefusal, AttendStatus, InvalidSession, Session,
                                  SessionKind, check_session, decide_attendance, guess_kind, kind_for_word,
                                  kind_of, session_problems, sessions_from_legacy)

DAYS = (date(2023, 10, 24), date(2023, 10, 25))
NOW = datetime(2023, 10, 24, 11, 0, tzinfo=timezone.utc)


def a_session(**changes) -> Session:
    values = dict(id="s-1", day=DAYS[0], start=time(13), end=time(14, 30), title_de="Speed-Networking",
                  title_en="Speed networking", room="Galerie", kind=SessionKind.SPEED_NETWORKING, capacity=40)
    values.update(changes)
    return Session(**values)


def test_a_valid_session_is_trimmed_and_kept():
    checked = check_session(a_session(title_de="  Vortrag  ", room=" Saal "), DAYS)
    assert (checked.title_de, checked.room) == ("Vortrag", "Saal")


@pytest.mark.parametrize("changes, field", [
    ({"title_de": " ", "title_en": ""}, "title"),
    ({"title_de": "x" * 201}, "title"),
    ({"day": date(2023, 10, 27)}, "day"),
    ({"end": time(13)}, "end"),
    ({"end": time(12)}, "end"),
    ({"capacity": 0}, "capacity"),
    ({"capacity": 100_001}, "capacity"),
    ({"room": "r" * 101}, "room"),
    ({"id": ""}, "id"),
])
def test_a_session_that_breaks_a_rule_is_refused_with_its_field(changes, field):
    with pytest.raises(InvalidSession) as refused:
        check_session(a_session(**changes), DAYS)
    assert refused.value.field == field
    assert refused.value.code == "invalid_entry"


def test_every_broken_rule_is_listed():
    problems = session_problems(a_session(title_de="", title_en="", end=time(12), capacity=-1), DAYS)
    assert [p.field for p in problems] == ["title", "end", "capacity"]


def test_an_english_title_alone_is_enough_and_each_language_falls_back():
    session = check_session(a_session(title_de="", title_en="Keynote"), DAYS)
    assert session.title("de") == "Keynote" and session.title("en") == "Keynote"
    assert a_session().title("en") == "Speed networking" and a_session().title("de") == "Speed-Networking"


def test_a_session_travels_as_a_dict_and_back():
    session = a_session(capacity=None)
    assert Session.from_dict(session.to_dict()) == session
    assert session.to_dict()["start"] == "13:00" and session.time_text == "13:00–14:30"


@pytest.mark.parametrize("word, kind", [
    ("Vortrag", SessionKind.TALK), ("Speeddating", SessionKind.SPEED_NETWORKING),
    ("Speed-Networking", SessionKind.SPEED_NETWORKING), ("Quiz", SessionKind.QUIZ),
    ("Pause", SessionKind.BREAK),
    ("Abendessen", SessionKind.DINNER), ("Dinner", SessionKind.DINNER), ("Sonstiges", SessionKind.OTHER),
    ("speed_networking", SessionKind.SPEED_NETWORKING), ("Tanz", None),
])
def test_kind_words_in_german_and_english(word, kind):
    assert kind_for_word(word) == kind


def test_a_kind_from_a_newer_kiosk_reads_as_other():
    assert kind_of("workshop") == SessionKind.OTHER and kind_of("quiz") == SessionKind.QUIZ


# -- attendance ------------------------------------------------------------------------------------
def test_the_first_scan_is_recorded_and_counts_one_more():
    outcome = decide_attendance(a_session(), "g1", DAYS[0], None, 38, NOW)
    assert outcome.status == AttendStatus.RECORDED and outcome.present == 39
    attendance = outcome.attendance
    assert (attendance.session_id, attendance.guest_id, attendance.at) == ("s-1", "g1", NOW)


def test_a_second_scan_is_already_here_even_when_the_room_is_full():
    earlier = Attendance("s-1", "g1", NOW)
    outcome = decide_attendance(a_session(), "g1", DAYS[0], earlier, 40, NOW)
    assert outcome.status == AttendStatus.ALREADY_HERE and outcome.attendance is earlier


def test_a_full_room_refuses_politely():
    outcome = decide_attendance(a_session(capacity=40), "g2", DAYS[0], None, 40, NOW)
    assert (outcome.status, outcome.reason, outcome.present) == (AttendStatus.REJECTED,
                                                                 AttendanceRefusal.SESSION_FULL, 40)


def test_without_a_capacity_nobody_is_turned_away():
    outcome = decide_attendance(a_session(capacity=None), "g", DAYS[0], None, 10_000, NOW)
    assert outcome.status == AttendStatus.RECORDED


def test_a_session_of_another_day_takes_no_attendance():
    outcome = decide_attendance(a_session(), "g1", DAYS[1], None, 0, NOW)
    assert outcome.reason == AttendanceRefusal.NOT_SESSION_DAY


# -- the old programme -------------------------------------------------------------------------------
def test_an_old_programme_reads_as_sessions_with_the_same_ids_everywhere():
    items = [{"day": 2, "start": "19:00", "end": "23:00", "de": "Abendessen mit Pubquiz", "en": "Dinner"},
             {"day": 1, "start": "13:00", "end": "14:30", "de": "Speeddating der Zentren", "en": ""},
             {"day": 9, "start": "10:00", "de": "nirgends"}]
    first = sessions_from_legacy(items, "event-1", DAYS)
    assert [(s.day, s.start, s.kind) for s in first] == [(DAYS[0], time(13), SessionKind.SPEED_NETWORKING),
                                                        (DAYS[1], time(19), SessionKind.QUIZ)]
    assert sessions_from_legacy(items, "event-1", DAYS) == first
    assert {s.id for s in sessions_from_legacy(items, "event-2", DAYS)}.isdisjoint({s.id for s in first})


@pytest.mark.parametrize("title, kind", [
    ("Impulse: KI im Mittelstand", SessionKind.TALK), ("Netzwerkpause", SessionKind.BREAK),
    ("Abendessen der Zentren", SessionKind.DINNER), ("Werkstätten in kleinen Gruppen", SessionKind.OTHER),
])
def test_an_old_title_suggests_its_kind(title, kind):
    assert guess_kind(title) == kind
