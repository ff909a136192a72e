"""Programme files as people write them: German or English headers, CSV in the usual encodings and
delimiters or XLSX with real time cells, and bad rows reported with file, line and field."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from importing_support import EVENT, write_lines, write_xlsx

from kiosk.core.programme import SessionKind
from kiosk.importing import ImportFileError
from kiosk.importing.programme import parse_time, read_programme_file

DAY1, DAY2, _ = EVENT.days


def read(path):
    return read_programme_file(path, EVENT)


def test_a_german_csv_with_semicolons_in_windows_1252(tmp_path):
    path = write_lines(tmp_path / "programm.csv", [
        "Tag;Beginn;Ende;Titel;Titel (EN);Raum;Art;Kapazität",
        "24.10.2023;13:00;14:30;Speed-Networking der Zentren;Speed networking;Galerie;Speeddating;40",
        "Tag 1;19:00;23:00;Abendessen mit Pubquiz;Pub quiz dinner;Brauhaus;Quiz;120",
        "25.10.;9.30;11 Uhr;Vortrag: KI im Mittelstand;;Großer Saal;Vortrag;",
        "Tag 2;11:00;11:30;Kaffeepause;;Foyer;Pause;",
    ], encoding="cp1252")
    parsed = read(path)
    assert parsed.rejected == []
    sessions = [s for _, s in parsed.sessions]
    assert [(s.day, s.start, s.end, s.kind, s.capacity) for s in sessions] == [
        (DAY1, time(13), time(14, 30), SessionKind.SPEED_NETWORKING, 40),
        (DAY1, time(19), time(23), SessionKind.QUIZ, 120),
        (DAY2, time(9, 30), time(11), SessionKind.TALK, None),
        (DAY2, time(11), time(11, 30), SessionKind.BREAK, None)]
    assert sessions[0].title_en == "Speed networking" and sessions[2].room == "Großer Saal"
    assert len({s.id for s in sessions}) == 4


def test_english_headers_a_time_range_column_and_commas(tmp_path):
    path = write_lines(tmp_path / "programme.csv", [
        "Date,Time,Title,title_en,Room,Kind,Capacity",
        "2023-10-25,16:00–17:00,Speeddating Runde 2,Speed dating round 2,Gallery,Speed-Networking,40",
        "2023-10-25,19:00 - 22:00,Abendessen,Dinner,Hall,Dinner,",
    ])
    sessions = [s for _, s in read(path).sessions]
    assert [(s.start, s.end, s.kind) for s in sessions] == [
        (time(16), time(17), SessionKind.SPEED_NETWORKING), (time(19), time(22), SessionKind.DINNER)]


def test_without_a_kind_column_the_title_suggests_one(tmp_path):
    path = write_lines(tmp_path / "p.csv", ["Datum;Start;End;Titel", "Tag 3;09:00;09:30;Netzwerkpause",
                                            "Tag 3;09:30;11:00;Förderinitiativen im Gespräch"])
    assert [s.kind for _, s in read(path).sessions] == [SessionKind.BREAK, SessionKind.OTHER]


def test_bad_rows_are_rejected_with_line_and_field_and_the_others_read(tmp_path):
    path = write_lines(tmp_path / "programm.csv", [
        "Tag;Beginn;Ende;Titel;Art;Kapazität",
        "Tag 1;13:00;14:30;Gut;Vortrag;",
        "Tag 9;13:00;14:30;Kein Tag;Vortrag;",
        "Tag 1;14:30;14:00;Rückwärts;Vortrag;",
        "Tag 1;25:00;26:00;Zu spät;Vortrag;",
        "Tag 1;15:00;16:00;Tanz;Ballett;",
        "Tag 1;15:00;16:00;Viele;Vortrag;viele",
        "Tag 1;15:00;16:00;;Vortrag;",
        "Tag 1;13:00;14:30;Gut;Vortrag;",
        ";13:00;14:30;Ohne Tag;Vortrag;",
        "Tag 1;16:00;17:00;Null Plätze;Vortrag;0",
    ])
    parsed = read(path)
    assert [title for _, s in parsed.sessions for title in [s.title_de]] == ["Gut"]
    assert [(r.line, r.field) for r in parsed.rejected] == [
        (3, "day"), (4, "end"), (5, "start"), (6, "kind"), (7, "capacity"), (8, "title"), (9, "title"),
        (10, "day"), (11, "capacity")]
    assert "names no day of the event" in parsed.rejected[0].reason
    assert "line 2" in parsed.rejected[6].reason
    assert "Vortrag, Speed-Networking" in parsed.rejected[3].reason


def test_a_file_without_the_needed_columns_is_refused_naming_them(tmp_path):
    path = write_lines(tmp_path / "falsch.csv", ["Name;Raum", "Vortrag;Saal"])
    with pytest.raises(ImportFileError) as refused:
        read(path)
    message = str(refused.value)
    assert message.startswith("falsch.csv, line 1: no Tag/Datum") and "Beginn" in message
    assert "found: Name, Raum" in message


def test_an_xlsx_with_date_and_time_cells(tmp_path):
    path = write_xlsx(tmp_path / "programm.xlsx", [
        ["Tag", "Beginn", "Ende", "Titel", "Titel (EN)", "Raum", "Art", "Kapazität"],
        [datetime(2023, 10, 24), time(13, 0), time(14, 30), "Speed-Networking", "Speed networking", "Galerie",
         "Speed-Networking", 40],
        ["Tag 2", "19:00", "23:00", "Abendessen mit Pubquiz", "", "Brauhaus", "Abendessen", 120],
        ["Tag 2", "kaputt", "23:00", "Fehler", "", "", "", ""],
    ], sheet_title="Programm")
    parsed = read(path)
    assert [(s.day, s.start, s.end, s.capacity) for _, s in parsed.sessions] == [
        (DAY1, time(13), time(14, 30), 40), (DAY2, time(19), time(23), 120)]
    assert [(r.line, r.field) for r in parsed.rejected] == [(4, "start")]


@pytest.mark.parametrize("text, expected", [
    ("9:00", time(9)), ("09:30", time(9, 30)), ("9.45", time(9, 45)), ("14 Uhr", time(14)),
    ("09:00:00", time(9)),
    ("0.5625", time(13, 30)),
])
def test_times_as_people_and_spreadsheets_write_them(text, expected):
    assert parse_time(text, "start") == expected
