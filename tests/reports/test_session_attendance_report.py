"""The report's attendance per session: every session but empty breaks, with day, start, room, capacity
and how many were counted at its door, in German and English."""

from __future__ import annotations

from datetime import time

from event_scenario import DAYS, Clock, berlin, pdf_text

from kiosk.core.programme import Session, SessionKind
from kiosk.reports import collect_figures, report_pdf
from kiosk.reports.attendance import collect_sessions
from kiosk.services.desk import FrontDesk
from kiosk.services.programme import ProgrammeDesk


def programme_with_attendance(store, ids: dict[str, str]) -> None:
    programme = ProgrammeDesk(FrontDesk(store, clock=Clock(berlin(DAYS[0], 13, 5))))
    speed = programme.save(Session("", DAYS[0], time(13), time(14, 30), "Speed-Networking",
                                   "Speed networking", "Galerie", SessionKind.SPEED_NETWORKING, 4))
    programme.save(Session("", DAYS[0], time(14, 30), time(15), "Kaffeepause", "Coffee break", "Foyer",
                           SessionKind.BREAK))
    programme.save(Session("", DAYS[1], time(19), time(23), "Abendessen mit Pubquiz", "Pub quiz dinner",
                           "Brauhaus", SessionKind.QUIZ))
    for name in ("Kolbeck", "Quast", "Förster"):
        programme.attend_guest(speed.id, store.guest(ids[name]))


def test_the_sessions_are_collected_with_their_attendance_and_empty_breaks_left_out(small):
    programme_with_attendance(small.store, small.ids)
    lines = collect_sessions(small.store)
    assert [(line.title_de, line.capacity, line.attended) for line in lines] == [
        ("Speed-Networking", 4, 3), ("Abendessen mit Pubquiz", None, 0)]
    assert [line.title_de for line in collect_sessions(small.store, DAYS[1])] == ["Abendessen mit Pubquiz"]
    assert collect_figures(small.store).sessions == lines


def test_the_report_has_a_table_of_attendance_per_session(small):
    programme_with_attendance(small.store, small.ids)
    english = pdf_text(report_pdf(small.store, lang="en"))
    assert "Attendance per session" in english
    assert "Session Day Start Room Capacity Attended" in english
    assert "Speed networking Tue 24 Oct 13:00 Galerie 4 3 (75.0%)" in english
    assert "Pub quiz dinner" in english and "Coffee break" not in english
    german = pdf_text(report_pdf(small.store, lang="de"))
    assert "Teilnahme je Programmpunkt" in german
    assert "Programmpunkt Tag Beginn Raum Kapazität Teilgenommen" in german
    assert "Galerie 4 3 (75,0 %)" in german


def test_without_a_programme_the_section_says_so(small):
    assert "No programme sessions." in pdf_text(report_pdf(small.store, lang="en"))
