"""kiosk import-guests | search | guests | token"""

from __future__ import annotations

import sqlite3

from cli_support import GUEST_LIST, event_days, write_guest_list

from kiosk.core.codes import verify_badge_token


def dump(db) -> dict[str, list]:
    connection = sqlite3.connect(db)
    try:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


def test_import_json_reports_created_updated_and_rejected_lines(kiosk, event_db, tmp_path):
    path = write_guest_list(tmp_path / "v2.csv", [
        *GUEST_LIST[:2],
        GUEST_LIST[2].replace("Forstamt Hügelland", "Forstamt Talgrund"),  # line 3: update
        "K-6;;;Leerwerk;;leer@example.org;;;",                             # line 4: no name
        "K-7;Edgar;Ulmen;;;edgar(at)example.org;;;",                       # line 5: bad e-mail
        "K-8;Fenja;Vosskuhl;;;fenja@example.org;;;",                       # line 6: new
    ])

    result = kiosk("--db", event_db, "import-guests", path, "--json")

    assert result.code == 0, result.err
    payload = result.json
    assert (payload["created"], payload["updated"]) == (1, 1)
    assert [r["line"] for r in payload["rejected"]] == [4, 5]
    assert all(r["reason"] for r in payload["rejected"])
    assert len(kiosk("--db", event_db, "guests", "--json").json) == 6


def test_reimporting_the_same_file_creates_nothing(kiosk, event_db, tmp_path):
    before = len(kiosk("--db", event_db, "guests", "--json").json)

    result = kiosk("--db", event_db, "import-guests", write_guest_list(tmp_path / "same.csv"), "--json")

    assert (result.json["created"], result.json["updated"], result.json["rejected"]) == (0, 0, [])
    assert len(kiosk("--db", event_db, "guests", "--json").json) == before == 5


def test_dry_run_reports_and_writes_nothing(kiosk, event_db, tmp_path):
    before = dump(event_db)
    path = write_guest_list(tmp_path / "v2.csv", [*GUEST_LIST, "K-9;Gunnar;Wiebking;;;g@example.org;;;"])

    result = kiosk("--db", event_db, "import-guests", path, "--dry-run", "--json")

    assert result.code == 0
    assert result.json["created"] == 1
    assert dump(event_db) == before
    text = kiosk("--db", event_db, "import-guests", path, "--dry-run")
    assert "dry run" in text.out


def test_text_output_lists_rejected_lines(kiosk, event_db, tmp_path):
    path = write_guest_list(tmp_path / "bad.csv", [GUEST_LIST[0], "K-6;;;Leerwerk;;leer@example.org;;;"])
    result = kiosk("--db", event_db, "import-guests", path)
    assert "line 2:" in result.out


def test_unreadable_file_fails_with_one_line_and_changes_nothing(kiosk, event_db, tmp_path):
    before = dump(event_db)
    path = tmp_path / "bild.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")

    result = kiosk("--db", event_db, "import-guests", path, "--json")

    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert "nothing imported" in result.err
    assert result.out == ""
    assert dump(event_db) == before


def test_import_into_a_missing_database_fails_cleanly(kiosk, tmp_path):
    result = kiosk("--db", tmp_path / "nope.sqlite3", "import-guests", write_guest_list(tmp_path / "g.csv"))
    assert result.code == 1
    assert "no database" in result.err
    assert not (tmp_path / "nope.sqlite3").exists()


def test_search_json_lists_id_name_and_organization(kiosk, event_db, ids):
    for query in ("forster", "foerster", "för", "Bod"):
        hits = kiosk("--db", event_db, "search", query, "--json").json
        assert hits[0] == {"id": ids["Förster"], "name": "Bodo Förster",
                           "organization": "Forstamt Hügelland"}
    strauss = kiosk("--db", event_db, "search", "strauss", "--json").json
    assert [h["name"] for h in strauss] == ["Cleo Strauß"]
    assert kiosk("--db", event_db, "search", "xylophon", "--json").json == []


def test_search_by_organization_and_several_words(kiosk, event_db):
    saalkreis = kiosk("--db", event_db, "search", "digitalz saal", "--json").json
    assert sorted(h["name"] for h in saalkreis) == ["Amrei Kolbeck", "Dario Yzerman"]
    assert [h["name"] for h in kiosk("--db", event_db, "search", "amrei digital", "--json").json] == [
        "Amrei Kolbeck"]


def test_guests_json_lists_every_guest(kiosk, event_db):
    guests = kiosk("--db", event_db, "guests", "--json").json

    assert len(guests) == 5
    assert all(set(g) >= {"id", "name", "organization", "category"} for g in guests)
    by_name = {g["name"]: g for g in guests}
    assert by_name["Bodo Förster"]["category"] == "speaker"
    assert by_name["Cleo Strauß"]["category"] == "press"
    assert by_name["Madonnina"]["organization"] == ""


def test_token_prints_a_verifiable_badge_token(kiosk, event_db, ids):
    result = kiosk("--db", event_db, "token", ids["Kolbeck"])

    assert result.code == 0
    token = result.out.strip()
    assert "\n" not in token
    row = sqlite3.connect(event_db).execute("SELECT event_id, secret FROM event_key").fetchone()
    assert verify_badge_token(bytes.fromhex(row[1]), row[0], token).guest_id == ids["Kolbeck"]


def test_token_of_an_unknown_guest_fails(kiosk, event_db):
    result = kiosk("--db", event_db, "token", "00000000-0000-4000-8000-000000000000")
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1


def test_event_days_fixture_matches_stats(kiosk, event_db):
    assert kiosk("--db", event_db, "stats", "--json").json["days"] == [d.isoformat() for d in event_days()]


def test_guests_with_codes_shows_staff_the_ticket_codes(kiosk, event_db, ids):
    plain = kiosk("--db", event_db, "guests", "--json").json
    coded = kiosk("--db", event_db, "guests", "--with-codes", "--json").json
    assert all("ticket_code" not in g for g in plain)
    codes = {g["id"]: g["ticket_code"] for g in coded}
    stored = dict(sqlite3.connect(event_db).execute("SELECT id, ticket_code FROM guest_row").fetchall())
    assert codes[ids["Kolbeck"]] == stored[ids["Kolbeck"]] and all(codes.values())
    text = kiosk("--db", event_db, "guests", "--with-codes").out
    assert stored[ids["Kolbeck"]] in text


def test_import_reports_what_it_repaired_by_line(kiosk, event_db, tmp_path):
    """A UTF-8 list with one line saved as Windows-1252: imported right, and the line named."""
    path = tmp_path / "gemischt.csv"
    path.write_bytes("Vorname;Nachname;E-Mail\n".encode() + "Jürgen;Weiß;jw@example.org\n".encode()
                     + "Jörg;Süß;js@example.org\n".encode("cp1252"))
    result = kiosk("--db", event_db, "import-guests", path, "--json")
    assert result.code == 0, result.err
    assert [n["line"] for n in result.json["notices"]] == [3]
    names = {g["name"] for g in kiosk("--db", event_db, "guests", "--json").json}
    assert {"Jürgen Weiß", "Jörg Süß"} <= names
    text = kiosk("--db", event_db, "import-guests", path, "--dry-run").out
    assert "1 notice (dry run" in text and "line 3: note: " in text
