"""Importing a guest list into the database: one transaction, no duplicates, nothing on failure."""

from __future__ import annotations

import sqlite3
import uuid
import zipfile
from pathlib import Path

import peewee
import pytest
from services_support import EVENT_DAYS, snapshot, write_text

from kiosk.core.codes import TICKET_ALPHABET, TICKET_LENGTH
from kiosk.importing import ImportFileError
from kiosk.services.guest_import import import_guests
from kiosk.storage import Store

DAY1, DAY2, DAY3 = EVENT_DAYS

GERMAN_HEADER = "Teilnehmer-ID;Titel;Vorname;Nachname;Firma;Kategorie;E-Mail;Tage;Ticket;Kontaktaustausch"
GERMAN_ROWS = [
    "R-001;Dr.;Jörg;Größwang;Müller & Söhne Digitalwerk;Referent:in;joerg.groesswang@example.org;"
    "24.10.2023, 25.10.2023;TK-AAA-001;ja",
    "R-002;;Änne;Übelacker;Institut für Äquivalenz;Teilnehmer:in;aenne@example.org;Tag 2;;nein",
    "R-003;;;Ößmann;Ökowerk Süd;Presse;oessmann@example.org;2023-10-26;TK-AAA-003;",
]


def guest_rows(db_path: Path) -> list[sqlite3.Row]:
    connection = sqlite3.connect(str(db_path))
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute("SELECT g.*, o.name AS org_name FROM guest_row g "
                                  "LEFT JOIN organization_row o ON o.id = g.organization_id "
                                  "ORDER BY g.external_id, g.email").fetchall()
    finally:
        connection.close()


def german_excel_file(tmp_path: Path, rows=GERMAN_ROWS, name="anmeldungen.csv") -> Path:
    return write_text(tmp_path / name, [GERMAN_HEADER, *rows], encoding="cp1252", newline="\r\n")


def test_windows_1252_semicolon_file_with_umlauts_is_imported_correctly(store, db_path, tmp_path):
    report = import_guests(store, german_excel_file(tmp_path))

    assert (report.created, report.updated, report.rejected) == (3, 0, [])
    rows = guest_rows(db_path)
    assert [(r["title"], r["first_name"], r["last_name"], r["org_name"]) for r in rows] == [
        ("Dr.", "Jörg", "Größwang", "Müller & Söhne Digitalwerk"),
        ("", "Änne", "Übelacker", "Institut für Äquivalenz"),
        ("", "", "Ößmann", "Ökowerk Süd"),
    ]
    assert [r["category"] for r in rows] == ["speaker", "participant", "press"]
    assert [r["days"] for r in rows] == ['["2023-10-24", "2023-10-25"]', '["2023-10-25"]', '["2023-10-26"]']
    assert [bool(r["consent_contacts"]) for r in rows] == [True, False, True]


def test_ticket_codes_from_the_file_are_kept_and_missing_ones_generated(store, tmp_path):
    import_guests(store, german_excel_file(tmp_path))

    by_external = {g.external_id: g for g in store.guests()}
    assert by_external["R-001"].ticket_code == "TK-AAA-001"
    assert by_external["R-003"].ticket_code == "TK-AAA-003"
    generated = by_external["R-002"].ticket_code
    assert len(generated) == TICKET_LENGTH and set(generated) <= set(TICKET_ALPHABET)


def test_rejected_rows_are_reported_with_lines_while_valid_rows_are_imported(store, tmp_path):
    path = write_text(tmp_path / "mixed.csv", [
        "Vorname,Nachname,E-Mail,Tage",
        "Gunhild,Ostermeier,gunhild@example.org,2023-10-24",     # line 2: fine
        ",,nobody@example.org,2023-10-24",                        # line 3: no name
        "Hajo,Peltzer,hajo(at)example.org,",                      # line 4: invalid e-mail
        "Irmela,Quast,irmela@example.org,2023-11-02",             # line 5: not an event day
        "Gunda,Ostermeier,GUNHILD@example.org,",                  # line 6: duplicate e-mail of line 2
        "Kasimir,,kasimir@example.org,Tag 3",                     # line 7: fine, single name
    ])

    report = import_guests(store, path)

    assert report.created == 2
    assert [r.line for r in report.rejected] == [3, 4, 5, 6]
    reasons = [r.reason for r in report.rejected]
    assert "no name" in reasons[0]
    assert "hajo(at)example.org" in reasons[1] and "e-mail" in reasons[1]
    assert "2023-11-02" in reasons[2]
    assert "duplicate" in reasons[3] and "line 2" in reasons[3]
    assert sorted(g.first_name for g in store.guests()) == ["Gunhild", "Kasimir"]
    assert report.as_json()["rejected"][0] == {"line": 3, "field": "name", "reason": reasons[0]}


def test_reimporting_the_same_file_creates_no_duplicates(store, db_path, tmp_path):
    path = german_excel_file(tmp_path)
    import_guests(store, path)
    before = snapshot(db_path)

    again = import_guests(store, path)

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, [])
    assert store.guest_count() == 3
    assert snapshot(db_path)["guest_row"] == before["guest_row"]
    assert len(snapshot(db_path)["organization_row"]) == 3


def test_reimporting_an_updated_file_updates_guests_matched_by_external_id(store, db_path, tmp_path):
    import_guests(store, german_excel_file(tmp_path))
    original = {g.external_id: g for g in store.guests()}
    rows_before = {r["id"]: r for r in guest_rows(db_path)}
    updated_rows = [
        GERMAN_ROWS[0].replace("Größwang", "Größwang-Ebel").replace("joerg.groesswang@", "j.ebel@"),
        GERMAN_ROWS[1],
        GERMAN_ROWS[2].replace("2023-10-26", "Tag 1, Tag 3"),
        "R-004;;Lotte;Brinkhorst;Ökowerk Süd;;lotte@example.org;;;",
    ]

    report = import_guests(store, german_excel_file(tmp_path, updated_rows, "anmeldungen-v2.csv"))

    assert (report.created, report.updated, report.unchanged) == (1, 2, 1)
    assert store.guest_count() == 4
    now = {g.external_id: g for g in store.guests()}
    assert now["R-001"].id == original["R-001"].id
    assert now["R-001"].last_name == "Größwang-Ebel"
    assert now["R-001"].email == "j.ebel@example.org"
    assert now["R-001"].ticket_code == "TK-AAA-001"
    assert now["R-002"].ticket_code == original["R-002"].ticket_code  # generated once, kept
    assert now["R-003"].days == (DAY1, DAY3)
    for row in guest_rows(db_path):
        if row["id"] in rows_before:  # an update keeps where and when the guest was created
            assert row["device_id"] == rows_before[row["id"]]["device_id"]
            assert row["created_at"] == rows_before[row["id"]]["created_at"]


def test_without_external_ids_guests_are_matched_by_email_ignoring_case(store, tmp_path):
    first = write_text(tmp_path / "v1.csv", ["First name,Last name,Email,Company",
                                              "Mats,Oldewurtel,mats@example.org,Hafenwerk",
                                              "Nele,Pirschel,nele@example.org,Hafenwerk"])
    second = write_text(tmp_path / "v2.csv", ["First name,Last name,Email,Company",
                                               "Mats,Oldewurtel,MATS@Example.org,Deichlabor",
                                               "Nele,Pirschel-Kamp,nele@example.org,Hafenwerk"])
    import_guests(store, first)
    ids = {g.email.casefold(): g.id for g in store.guests()}

    report = import_guests(store, second)

    assert (report.created, report.updated) == (0, 2)
    assert {g.email.casefold(): g.id for g in store.guests()} == ids
    assert {g.last_name: g.organization_name for g in store.guests()} == {
        "Oldewurtel": "Deichlabor", "Pirschel-Kamp": "Hafenwerk"}


def test_external_id_wins_over_email_when_both_could_match(store, tmp_path):
    import_guests(store, write_text(tmp_path / "v1.csv", [
        "ID;Vorname;Nachname;E-Mail", "A-1;Olaf;Sternkopf;olaf@example.org",
        "A-2;Petra;Wendeling;petra@example.org"]))
    ids = {g.external_id: g.id for g in store.guests()}

    # A-1 now uses the e-mail address that A-2 used before
    report = import_guests(store, write_text(tmp_path / "v2.csv", [
        "ID;Vorname;Nachname;E-Mail", "A-1;Olaf;Sternkopf;petra@example.org"]))

    assert (report.created, report.updated) == (0, 1)
    assert store.guest(ids["A-1"]).email == "petra@example.org"
    assert store.guest(ids["A-2"]).last_name == "Wendeling"
    assert store.guest_count() == 2


def test_reimporting_a_list_keyed_only_by_ticket_codes_recognises_the_guests(store, tmp_path):
    # No external id, no e-mail: the ticket code from the registration system still names the guest.
    path = write_text(tmp_path / "tickets.csv", ["Vorname;Nachname;Ticket",
                                                  "Rune;Alting;QX-1", "Silja;Bramstedt;QX-2"])
    import_guests(store, path)

    again = import_guests(store, path)

    assert again.rejected == []
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert store.guest_count() == 2


def test_reimporting_a_list_of_names_only_does_not_duplicate_anyone(store, tmp_path):
    # A hand-made list (names and organization, nothing else) imported twice must not double the guests.
    path = write_text(tmp_path / "handliste.csv", ["Vorname;Nachname;Firma",
                                                    "Tjark;Oltmanns;Hafenwerk", "Wencke;Poppinga;Deichlabor"])
    import_guests(store, path)

    again = import_guests(store, path)

    assert again.created == 0
    assert store.guest_count() == 2


def test_reimporting_the_same_file_reports_no_phantom_updates(store, tmp_path):
    # The organization kind is given on one row only; the identical file changes nothing the second time.
    path = write_text(tmp_path / "arten.csv", ["ID;Vorname;Nachname;Organisation;Organisationsart",
                                                "1;Ada;Brenner;Amt für Wege;Ministerium",
                                                "2;Bea;Carstens;Amt für Wege;"])
    import_guests(store, path)

    again = import_guests(store, path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_ticket_code_that_belongs_to_another_guest_is_rejected(store, tmp_path):
    import_guests(store, write_text(tmp_path / "v1.csv", ["Vorname;Nachname;Ticket", "Rune;Alting;QX-1"]))

    report = import_guests(store, write_text(tmp_path / "v2.csv", [
        "Vorname;Nachname;Ticket", "Silja;Bramstedt;qx-1", "Tamo;Cordes;QX-2"]))

    assert report.created == 1
    assert [(r.line, "ticket code" in r.reason) for r in report.rejected] == [(2, True)]
    assert store.guest_count() == 2


def test_dry_run_reports_but_writes_nothing(store, db_path, tmp_path):
    import_guests(store, german_excel_file(tmp_path))
    before = snapshot(db_path)
    changes_before = store.db.connection().total_changes
    rows = [GERMAN_ROWS[0].replace("Jörg", "Jörgen"),    # line 2: an update
            "R-009;;Ulla;Deesberg;;;ulla@example.org;;;",  # line 3: a new guest
            "R-010;;;;;;;;;ja"]                           # line 4: no name

    report = import_guests(store, german_excel_file(tmp_path, rows, "v2.csv"), dry_run=True)

    assert report.dry_run is True
    assert (report.created, report.updated) == (1, 1)
    assert [r.line for r in report.rejected] == [4]
    assert store.db.connection().total_changes == changes_before
    assert snapshot(db_path) == before


def test_guests_without_a_consent_column_get_the_event_default(store, tmp_path):
    store.update_event_settings(contact_consent_default=False)
    import_guests(store, write_text(tmp_path / "g.csv", [
        "Vorname;Nachname;Kontaktaustausch", "Vera;Eschrich;", "Willi;Falkner;ja"]))

    consent = {g.first_name: g.consent_contacts for g in store.guests()}

    assert consent == {"Vera": False, "Willi": True}


def _binary(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


def _dos_encoded(path: Path) -> Path:  # code page 437: 'ü' is 0x81, which Windows-1252 leaves undefined
    path.write_bytes("Vorname;Nachname\nJürgen;Übelhör\n".encode("cp437"))
    return path


def _old_excel(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


def _not_a_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x17" * 300)
    return path


def _zip_without_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "Gästeliste folgt")
    return path


def _workbook_with_broken_xml(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><<<kaputt")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"\r\n  \r\n")
    return path


def _no_name_column(path: Path) -> Path:
    return write_text(path, ["Firma;E-Mail", "Hafenwerk;a@example.org"])


def _utf16_without_bom(path: Path) -> Path:
    path.write_bytes("Vorname\tNachname\r\nJörg\tÖhl\r\n".encode("utf-16-le"))
    return path


UNREADABLE = {
    "binary.csv": _binary, "dos437.csv": _dos_encoded, "old.xls": _old_excel, "truncated.xlsx": _not_a_zip,
    "nonworkbook.xlsx": _zip_without_workbook, "brokenxml.xlsx": _workbook_with_broken_xml,
    "empty.csv": _empty, "noname.csv": _no_name_column, "utf16nobom.txt": _utf16_without_bom,
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_a_file_that_cannot_be_read_changes_nothing(store, db_path, tmp_path, name):
    import_guests(store, german_excel_file(tmp_path))
    before = snapshot(db_path)
    changes_before = store.db.connection().total_changes
    path = UNREADABLE[name](tmp_path / name)

    with pytest.raises(ImportFileError) as raised:
        import_guests(store, path)

    assert name in str(raised.value)
    assert store.db.connection().total_changes == changes_before
    assert snapshot(db_path) == before


def test_a_missing_file_changes_nothing(store, db_path, tmp_path):
    before = snapshot(db_path)
    with pytest.raises(ImportFileError):
        import_guests(store, tmp_path / "gibt-es-nicht.csv")
    assert snapshot(db_path) == before


def test_an_import_that_fails_while_writing_leaves_nothing_behind(store, db_path, tmp_path):
    # Every user action is one transaction: when the database refuses the last guest of the list
    # (here by a trigger standing in for a full disk), no guest and no organization remains.
    store.db.execute_sql("CREATE TRIGGER refuse_last BEFORE INSERT ON guest_row "
                         "WHEN NEW.last_name = 'Ößmann' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    before = snapshot(db_path)

    with pytest.raises((peewee.PeeweeException, sqlite3.Error)):
        import_guests(store, german_excel_file(tmp_path))

    after = snapshot(db_path)
    assert after["guest_row"] == before["guest_row"] == []
    assert after["organization_row"] == before["organization_row"] == []


def test_synced_guest_rows_carry_uuid_device_and_creation_time(store, db_path, tmp_path):
    import_guests(store, german_excel_file(tmp_path))

    for row in guest_rows(db_path):
        assert str(uuid.UUID(row["id"])) == row["id"]
        assert row["device_id"] == store.device_id
        assert row["created_at"].endswith("+00:00")


def test_reopening_the_database_keeps_the_imported_guests(store, db_path, tmp_path):
    import_guests(store, german_excel_file(tmp_path))
    store.close()
    reopened = Store.open(db_path)
    try:
        assert reopened.guest_count() == 3
    finally:
        reopened.close()
