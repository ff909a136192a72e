"""`kiosk programme ...`, `kiosk attend` and `kiosk attendance`: the programme from the shell."""

from __future__ import annotations

from cli_support import event_days

PROGRAMME = [
    "Tag;Beginn;Ende;Titel;Titel (EN);Raum;Art;Kapazität",
    "Tag 1;13:00;14:30;Speed-Networking;Speed networking;Galerie;Speeddating;2",
    "Tag 1;19:00;23:00;Abendessen mit Pubquiz;Pub quiz dinner;Brauhaus;Quiz;120",
    "Tag 2;09:00;09:30;Kaffee;Coffee;Foyer;Pause;",
    "Tag 7;09:00;09:30;Zu spät;;Foyer;Pause;",
]


def write_programme(tmp_path, lines=PROGRAMME):
    path = tmp_path / "programm.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def session_ids(kiosk, db) -> dict[str, str]:
    return {s["title_de"]: s["id"] for s in kiosk("--db", db, "programme", "list", "--json").json}


def test_import_reports_bad_rows_with_file_line_and_field_and_again_updates(kiosk, event_db, tmp_path):
    path = write_programme(tmp_path)
    dry = kiosk("--db", event_db, "programme", "import", path, "--dry-run")
    assert dry.code == 0 and "3 added, 0 updated, 1 rejected (dry run" in dry.out
    assert kiosk("--db", event_db, "programme", "list", "--json").json == []
    first = kiosk("--db", event_db, "programme", "import", path)
    assert "programm.csv: 3 added, 0 updated, 1 rejected" in first.out
    assert "programm.csv, line 5, day: 'Tag 7' names no day of the event" in first.out
    again = kiosk("--db", event_db, "programme", "import", path, "--json")
    assert (again.json["added"], again.json["updated"]) == (0, 3)
    assert again.json["rejected"] == [{"line": 5, "field": "day",
                                       "reason": "'Tag 7' names no day of the event (it has 3)"}]


def test_an_unreadable_file_changes_nothing(kiosk, event_db, tmp_path):
    missing = kiosk("--db", event_db, "programme", "import", tmp_path / "fehlt.csv")
    assert missing.code == 1 and "fehlt.csv: cannot open file" in missing.err
    assert "nothing imported" in missing.err
    columns = kiosk("--db", event_db, "programme", "import", write_programme(tmp_path, ["Name;Raum", "a;b"]))
    assert columns.code == 1 and "no Tag/Datum (Day/Date)" in columns.err


def test_list_by_day_add_edit_remove(kiosk, event_db, tmp_path):
    kiosk("--db", event_db, "programme", "import", write_programme(tmp_path))
    day2 = kiosk("--db", event_db, "programme", "list", "--day", event_days()[1].isoformat(), "--json").json
    assert [s["title_de"] for s in day2] == ["Kaffee"]
    added = kiosk("--db", event_db, "programme", "add", "--day", "Tag 3", "--start", "10:00", "--end",
                  "11:00", "--title", "Abschluss", "--kind", "Vortrag", "--capacity", "250", "--json")
    assert added.code == 0 and added.json["kind"] == "talk"
    assert added.json["day"] == event_days()[2].isoformat()
    edited = kiosk("--db", event_db, "programme", "edit", added.json["id"], "--room", "Saal", "--no-capacity",
                   "--json")
    shown = edited.json
    assert (shown["room"], shown["capacity"], shown["title_de"]) == ("Saal", None, "Abschluss")
    assert "Abschluss (talk, Saal)" in kiosk("--db", event_db, "programme", "list", "--day", "Tag 3").out
    assert kiosk("--db", event_db, "programme", "remove", added.json["id"]).code == 0
    assert "Abschluss" not in session_ids(kiosk, event_db)
    gone = kiosk("--db", event_db, "programme", "remove", added.json["id"])
    assert gone.code == 1 and "no session with id" in gone.err


def test_bad_options_are_one_line_naming_the_option(kiosk, event_db):
    def add(*extra):
        return kiosk("--db", event_db, "programme", "add", "--day", "Tag 1", "--title", "X", *extra)

    backwards = add("--start", "10:00", "--end", "09:00").err
    assert "--end: the end (09:00) is not after the start (10:00)" in backwards
    assert "--start: '25:99' is not a time" in add("--start", "25:99", "--end", "09:00").err
    ballet = add("--start", "9:00", "--end", "10:00", "--kind", "Ballett").err
    assert "--kind: unknown kind 'Ballett'" in ballet
    assert "--capacity: the capacity must be between 1" in add("--start", "9:00", "--end", "10:00",
                                                              "--capacity", "0").err


def test_attend_once_refuse_when_full_undo_and_list(kiosk, event_db, ids, tmp_path):
    kiosk("--db", event_db, "programme", "import", write_programme(tmp_path))
    session = session_ids(kiosk, event_db)["Speed-Networking"]
    first = kiosk("--db", event_db, "attend", session, ids["Kolbeck"], "--json")
    assert (first.code, first.json["status"]) == (0, "recorded")
    assert (first.json["present"], first.json["capacity"]) == (1, 2)
    again = kiosk("--db", event_db, "attend", session, "AK-0001")
    assert again.code == 0 and again.out.startswith("already here: Amrei Kolbeck (1 of 2)")
    token = kiosk("--db", event_db, "token", ids["Förster"]).out.strip()
    assert kiosk("--db", event_db, "attend", session, token).out.startswith("attends: Bodo Förster (2 of 2)")
    full = kiosk("--db", event_db, "attend", session, "CS-0003", "--json")
    assert (full.code, full.json["reason"], full.json["message"]) == (1, "session_full", "the room is full")
    listed = kiosk("--db", event_db, "attendance", session, "--json").json
    assert [a["name"] for a in listed["attendees"]] == ["Amrei Kolbeck", "Bodo Förster"]
    undone = kiosk("--db", event_db, "attend", "--undo", session, "AK-0001")
    assert undone.code == 0 and undone.out.strip() == "attendance undone"
    assert kiosk("--db", event_db, "attend", "--undo", session, "AK-0001").code == 1
    assert kiosk("--db", event_db, "attend", session, "CS-0003").code == 0
    attendees = kiosk("--db", event_db, "attendance", session, "--json").json["attendees"]
    assert [a["name"] for a in attendees] == ["Bodo Förster", "Cleo Strauß"]


def test_attend_refuses_unknown_codes_and_sessions(kiosk, event_db, tmp_path):
    kiosk("--db", event_db, "programme", "import", write_programme(tmp_path))
    session = session_ids(kiosk, event_db)["Speed-Networking"]
    unknown = kiosk("--db", event_db, "attend", session, "NOSUCHCODE")
    assert unknown.code == 1 and "This code is not on the guest list." in unknown.out
    assert "no session with id nope" in kiosk("--db", event_db, "attend", "nope", "AK-0001").err
    later = kiosk("--db", event_db, "attend", session_ids(kiosk, event_db)["Kaffee"], "AK-0001", "--json")
    assert later.json["reason"] == "not_session_day"
