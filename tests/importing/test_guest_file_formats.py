"""Reading guest lists as registration tools and German Excel save them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from importing_support import EVENT, write_excel_unicode_text, write_lines, write_xlsx

from kiosk.core.model import Category, OrganizationKind
from kiosk.importing import ImportFileError, read_guest_file
from kiosk.importing.reading import read_table

DAY1, DAY2, DAY3 = EVENT.days


def names(parsed) -> list[tuple[str, str]]:
    return [(r.first_name, r.last_name) for r in parsed.records]


def test_windows_1252_semicolon_file_from_german_excel(tmp_path):
    path = write_lines(tmp_path / "Teilnehmerliste.csv", [
        "Vorname;Nachname;Organisation;E-Mail;Tage",
        "Jörg;Weißbäcker;Bäckerei & Söhne, Kärnten;joerg@example.org;24.10.2023",
        "Änne;Öztürk-Üllner;Straßenbau AG;aenne@example.org;25.10.2023",
    ], encoding="cp1252", newline="\r\n")

    parsed = read_guest_file(path, EVENT)
    table = read_table(path)

    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert parsed.rejected == []
    assert names(parsed) == [("Jörg", "Weißbäcker"), ("Änne", "Öztürk-Üllner")]
    assert parsed.records[0].organization == "Bäckerei & Söhne, Kärnten"


def test_utf8_with_bom_and_english_headers(tmp_path):
    path = write_lines(tmp_path / "export.csv", [
        "First Name,Last Name,Company,Email Address,Title,Role,Days,Ticket Code",
        "Zoë,Ångström,\"Nordlicht Labs, Inc.\",zoe@example.com,Dr.,Speaker,2023-10-24,NL-0001",
    ], bom=b"\xef\xbb\xbf", newline="\r\n")

    parsed = read_guest_file(path, EVENT)

    assert parsed.rejected == []
    record = parsed.records[0]
    assert (record.first_name, record.last_name, record.title) == ("Zoë", "Ångström", "Dr.")
    assert record.organization == "Nordlicht Labs, Inc."
    assert record.email == "zoe@example.com"
    assert record.category == Category.SPEAKER
    assert record.days == (DAY1,)
    assert record.ticket_code == "NL-0001"


def test_utf8_without_bom_is_not_mistaken_for_windows_1252(tmp_path):
    path = write_lines(tmp_path / "utf8.csv", ["Vorname;Nachname", "Łucja;Dąbrowska-Groß"])

    parsed = read_guest_file(path, EVENT)

    assert read_table(path).encoding == "utf-8"
    assert names(parsed) == [("Łucja", "Dąbrowska-Groß")]


def test_excel_unicode_text_utf16_tab_file(tmp_path):
    path = write_excel_unicode_text(tmp_path / "Gäste.txt", [
        "Titel\tVorname\tNachname\tFirma\tKategorie\tTage",
        "Prof. Dr.\tHeiðrún\tÞórsdóttir\t\"Institut für Eis, Feuer\"\tReferentin\tTag 1, Tag 2",
        "\tSøren\tÆrlig\tPresseklub Süd\tPresse\t26.10.2023",
    ])

    parsed = read_guest_file(path, EVENT)
    table = read_table(path)

    assert table.delimiter == "\t"
    assert table.headers[0] == "Titel"  # no byte order mark glued to the first header
    assert parsed.rejected == []
    assert names(parsed) == [("Heiðrún", "Þórsdóttir"), ("Søren", "Ærlig")]
    assert parsed.records[0].title == "Prof. Dr."
    assert parsed.records[0].organization == "Institut für Eis, Feuer"
    assert parsed.records[0].days == (DAY1, DAY2)
    assert [r.category for r in parsed.records] == [Category.SPEAKER, Category.PRESS]


def test_tab_separated_utf8(tmp_path):
    path = write_lines(tmp_path / "liste.tsv", ["Vorname\tNachname\tE-Mail",
                                                "Rieke\tAltmann\trieke@example.org"])
    assert names(read_guest_file(path, EVENT)) == [("Rieke", "Altmann")]


def test_xlsx_with_real_date_cells_numbers_and_a_blank_first_row(tmp_path):
    path = write_xlsx(tmp_path / "Anmeldungen.xlsx", [
        [None, None, None],
        ["Teilnehmernummer", "Vorname", "Nachname", "Firma", "Tage", "Ticket", "E-Mail"],
        [4711, "Görge", "Überall", "Mühlenwerk", datetime(2023, 10, 25), 1234567890, "goerge@example.org"],
        [4712, "", "", "Mühlenwerk", "Tag 1", None, None],
        [4713, "Ilka", "", None, date(2023, 10, 26), "IK-1", "ilka@example.org"],
    ])

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Görge", "Überall"), ("Ilka", "")]
    first = parsed.records[0]
    assert first.external_id == "4711"
    assert first.ticket_code == "1234567890"
    assert first.days == (DAY2,)
    assert first.line == 3
    assert parsed.records[1].days == (DAY3,)
    assert [(r.line, r.field) for r in parsed.rejected] == [(4, "name")]


def test_xlsx_with_english_headers(tmp_path):
    path = write_xlsx(tmp_path / "registrations.xlsx", [
        ["Registration ID", "First name", "Last name", "Organization", "Category", "Email", "Days"],
        ["EV-1", "Amaru", "Quispe", "Andes Data Hub", "Participant", "amaru@example.net",
         "2023-10-24, 2023-10-26"],
    ])

    record = read_guest_file(path, EVENT).records[0]

    assert (record.external_id, record.first_name, record.last_name) == ("EV-1", "Amaru", "Quispe")
    assert record.organization == "Andes Data Hub"
    assert record.days == (DAY1, DAY3)


@pytest.mark.parametrize("header, field", [
    ("Vorname", "first_name"), ("First name", "first_name"), ("FIRST_NAME", "first_name"),
    ("Nachname", "last_name"), ("Last Name", "last_name"), ("Familienname", "last_name"),
    ("Organisation", "organization"), ("Firma", "organization"), ("Company", "organization"),
    ("E-Mail", "email"), ("E-Mail-Adresse", "email"), ("Email", "email"),
    ("Titel", "title"), ("Title", "title"),
    ("Kategorie", "category"), ("Rolle", "category"), ("Role", "category"),
    ("Tage", "days"), ("Days", "days"),
    ("Ticket", "ticket_code"), ("Code", "ticket_code"), ("Ticket-Code", "ticket_code"),
    ("Teilnehmer-ID", "external_id"), ("Registration ID", "external_id"),
])
def test_german_and_english_header_names_are_recognised(header, field):
    from kiosk.importing.columns import field_for_header

    assert field_for_header(header) == field


def test_a_file_without_any_name_column_cannot_be_read(tmp_path):
    path = write_lines(tmp_path / "ohne-namen.csv", ["Firma;E-Mail", "Werk;a@example.org"])
    with pytest.raises(ImportFileError, match="name"):
        read_guest_file(path, EVENT)


@pytest.mark.parametrize("cell, expected", [
    ("2023-10-25", (DAY2,)),
    ("24.10.2023", (DAY1,)),
    ("26.10.23", (DAY3,)),
    ("25.10.", (DAY2,)),
    ("Tag 2", (DAY2,)),
    ("tag 3", (DAY3,)),
    ("Day 1", (DAY1,)),
    ("Tag 1, Tag 3", (DAY1, DAY3)),
    ("26.10.2023; 24.10.2023", (DAY1, DAY3)),
    ("2023-10-24 2023-10-25", (DAY1, DAY2)),
    ("24.10.2023 25.10.2023", (DAY1, DAY2)),
    ("2023-10-26|2023-10-25", (DAY2, DAY3)),
    ("24.10.2023\n25.10.2023", (DAY1, DAY2)),
    ("Tag 2, 25.10.2023, 2023-10-25", (DAY2,)),
    ("", ()),
    ("alle", ()),
])
def test_days_in_iso_german_and_day_number_form(cell, expected):
    from kiosk.importing.parsing import parse_days

    assert parse_days(cell, EVENT) == expected


@pytest.mark.parametrize("cell", ["2023-10-27", "23.10.2023", "Tag 4", "Tag 0", "31.02.2023", "morgen"])
def test_days_outside_the_event_or_unreadable_reject_the_row(tmp_path, cell):
    path = write_lines(tmp_path / "tage.csv", ["Vorname;Nachname;Tage", "Ina;Roth;" + cell, "Jan;Sell;Tag 1"])

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Jan", "Sell")]
    assert [(r.line, r.field) for r in parsed.rejected] == [(2, "days")]
    assert cell.split(".")[0] in parsed.rejected[0].reason or "day" in parsed.rejected[0].reason


def test_single_names_are_fine_but_no_name_at_all_is_rejected(tmp_path):
    path = write_lines(tmp_path / "namen.csv", [
        "Vorname;Nachname;E-Mail",
        "Madonnina;;m@example.org",
        ";Kvothe;k@example.org",
        " ; ;leer@example.org",
    ])

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Madonnina", ""), ("", "Kvothe")]
    assert [(r.line, r.field) for r in parsed.rejected] == [(4, "name")]


def test_a_full_name_column_is_split_into_first_and_last_name(tmp_path):
    path = write_lines(tmp_path / "name.csv", ["Name;Firma", "Anna Lena Vogelsang;Werk", "Pelé;Club"])
    assert names(read_guest_file(path, EVENT)) == [("Anna Lena", "Vogelsang"), ("", "Pelé")]


def test_rejected_rows_carry_their_file_line_even_after_multi_line_cells(tmp_path):
    path = write_lines(tmp_path / "mehrzeilig.csv", [
        "Vorname;Nachname;Organisation;E-Mail",        # line 1
        'Edda;Kornblum;"Institut für Moore',            # line 2: a cell over three lines
        'Abteilung Torf',                               # line 3
        'Standort Nord";edda@example.org',              # line 4
        "Falk;Ruhland;Werk;falk-at-example.org",        # line 5: invalid e-mail
        "",                                             # line 6: blank, skipped
        ';;"Ohne',                                      # line 7: no name, cell over two lines
        'Namen";x@example.org',                         # line 8
        "Gesa;Tiedje;Werk;gesa@example.org",            # line 9
    ])

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Edda", "Kornblum"), ("Gesa", "Tiedje")]
    assert parsed.records[0].organization == "Institut für Moore\nAbteilung Torf\nStandort Nord"
    assert [r.line for r in parsed.records] == [2, 9]
    assert [(r.line, r.field) for r in parsed.rejected] == [(5, "email"), (7, "name")]


@pytest.mark.parametrize("email", ["gesa.example.org", "gesa@example", "ge sa@example.org", "a@b@example.org",
                                   "gesa@example.org; falk@example.org"])
def test_invalid_email_addresses_are_rejected(tmp_path, email):
    path = write_lines(tmp_path / "mail.csv", ["Vorname\tNachname\tE-Mail", f"Gesa\tTiedje\t{email}"])

    parsed = read_guest_file(path, EVENT)

    assert parsed.records == []
    assert [(r.line, r.field) for r in parsed.rejected] == [(2, "email")]
    assert email in parsed.rejected[0].reason


def test_duplicates_in_the_file_are_rejected_with_the_first_line(tmp_path):
    path = write_lines(tmp_path / "doppelt.csv", [
        "ID;Vorname;Nachname;E-Mail;Ticket",
        "7;Hella;Brandt;hella@example.org;T-1",
        "8;Ilse;Cramer;ilse@example.org;T-2",
        "7;Hella;Brandt-Neu;hella2@example.org;T-3",   # same external id as line 2
        "9;Hella;Brandt;HELLA@example.org;T-4",        # same e-mail as line 2 (case differs)
        "10;Jost;Dähn;jost@example.org;t-2",           # same ticket code as line 3
    ])

    parsed = read_guest_file(path, EVENT)

    assert [r.line for r in parsed.records] == [2, 3]
    assert [r.line for r in parsed.rejected] == [4, 5, 6]
    assert all("duplicate" in r.reason for r in parsed.rejected)
    assert ["line 2" in parsed.rejected[0].reason, "line 2" in parsed.rejected[1].reason,
            "line 3" in parsed.rejected[2].reason] == [True, True, True]


@pytest.mark.parametrize("word, category", [
    ("Teilnehmer:in", Category.PARTICIPANT), ("", Category.PARTICIPANT), ("Referentin", Category.SPEAKER),
    ("Speaker", Category.SPEAKER), ("Presse", Category.PRESS), ("press", Category.PRESS),
    ("Team", Category.STAFF), ("Staff", Category.STAFF), ("Ehrengast", Category.GUEST_OF_HONOUR),
])
def test_categories_in_german_and_english(tmp_path, word, category):
    path = write_lines(tmp_path / "kat.csv", ["Vorname;Nachname;Kategorie", f"Ada;Brenner;{word}"])
    assert read_guest_file(path, EVENT).records[0].category == category


def test_unknown_category_and_unclear_consent_reject_the_row(tmp_path):
    path = write_lines(tmp_path / "kat.csv", [
        "Vorname;Nachname;Kategorie;Kontaktaustausch",
        "Ada;Brenner;Astronaut;ja",
        "Bea;Carstens;;vielleicht",
        "Cord;Deppe;;nein",
        "Dora;Eggert;;",
    ])

    parsed = read_guest_file(path, EVENT)

    assert [(r.line, r.field) for r in parsed.rejected] == [(2, "category"), (3, "consent")]
    assert [(r.first_name, r.consent) for r in parsed.records] == [("Cord", False), ("Dora", None)]


def test_organization_kinds_are_read(tmp_path):
    path = write_lines(tmp_path / "org.csv", [
        "Vorname;Nachname;Organisation;Organisationsart",
        "Ada;Brenner;Digitalzentrum Seeland;Zentrum",
        "Bea;Carstens;Bundesministerium für Dinge;Ministerium",
        "Cord;Deppe;Projektträger Nord;Projektträger",
        "Dora;Eggert;Institut für Sand;Forschung",
        "Enno;Fahl;EDIH Küste;Partner",
        "Fee;Gabler;Wattenbote;Presse",
        "Gero;Hagen;Orga-Team;Team",
        "Hinz;Iven;Irgendwas;",
    ])

    kinds = [r.organization_kind for r in read_guest_file(path, EVENT).records]

    assert kinds == [OrganizationKind.DIGITAL_CENTRE, OrganizationKind.MINISTRY,
                     OrganizationKind.PROJECT_AGENCY, OrganizationKind.RESEARCH, OrganizationKind.PARTNER_HUB,
                     OrganizationKind.PRESS, OrganizationKind.STAFF, OrganizationKind.OTHER]


@pytest.mark.parametrize("content, fragment", [
    (b"Vorname;Nachname\nA;B\n\x00\x01\x02", "binary"),
    ("Vorname;Nachname\nJürgen;Übel\n".encode("cp437"), "line 2"),
    (b"", "empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "xls"),
])
def test_unreadable_files_raise_a_one_line_reason(tmp_path, content, fragment):
    path = tmp_path / "kaputt.csv"
    path.write_bytes(content)

    with pytest.raises(ImportFileError) as raised:
        read_guest_file(path, EVENT)

    message = str(raised.value)
    assert "kaputt.csv" in message and fragment in message
    assert "\n" not in message


def test_short_rows_read_their_missing_cells_as_empty(tmp_path):
    """Excel drops trailing empty cells of a row; the columns a row lacks are empty, not shifted."""
    path = write_lines(tmp_path / "kurz.csv", [
        "Vorname;Nachname;Organisation;E-Mail;Tage;Kategorie",
        "Wiebke;Hollander;Werkstatt Nord;wiebke@example.org;24.10.2023;Presse",
        "Lorenz;Tietjen;Hafenamt",
        "Ottilie",
    ])

    records = read_guest_file(path, EVENT).records

    assert [(r.first_name, r.last_name, r.organization, r.email, r.days, r.category) for r in records] == [
        ("Wiebke", "Hollander", "Werkstatt Nord", "wiebke@example.org", (DAY1,), Category.PRESS),
        ("Lorenz", "Tietjen", "Hafenamt", "", (), Category.PARTICIPANT),
        ("Ottilie", "", "", "", (), Category.PARTICIPANT),
    ]
    assert [r.line for r in records] == [2, 3, 4]
