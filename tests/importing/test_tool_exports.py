"""pretix, Eventbrite and Indico exports read with their real headers: names, organizations, e-mails, ticket
codes, days and the staff flags of every guest."""

from __future__ import annotations

import pytest
from importing_support import EVENT
from tool_exports import (EVENTBRITE_HEADERS, EVENTBRITE_ROWS, INDICO_HEADERS, INDICO_ROWS, pretix_checkin_rows,
                          pretix_positions_rows, write_csv, write_pretix_checkin_xlsx, write_pretix_csv,
                          write_pretix_order_xlsx)

from kiosk.core.model import Category
from kiosk.importing import read_guest_file

DAY1, DAY2, DAY3 = EVENT.days


def by_name(parsed) -> dict[str, object]:
    return {r.last_name: r for r in parsed.records}


def pretix_checkin_file(tmp_path, lang: str, kind: str):
    if kind == "xlsx":
        return write_pretix_checkin_xlsx(tmp_path / f"netzwerktreffen_checkin_{lang}.xlsx", lang)
    return write_pretix_csv(tmp_path / f"netzwerktreffen_checkin_{lang}.csv", pretix_checkin_rows(lang),
                            semicolons=kind == "semicolon-csv")


def pretix_order_file(tmp_path, lang: str, kind: str):
    if kind == "xlsx":
        return write_pretix_order_xlsx(tmp_path / f"netzwerktreffen_orders_{lang}.xlsx", lang)
    return write_pretix_csv(tmp_path / f"netzwerktreffen_positions_{lang}.csv", pretix_positions_rows(lang),
                            semicolons=kind == "semicolon-csv")


FORMATS = [(lang, kind) for lang in ("de", "en") for kind in ("csv", "semicolon-csv", "xlsx")]


@pytest.mark.parametrize("lang, kind", FORMATS)
def test_a_pretix_check_in_list_imports_names_codes_days_and_flags(tmp_path, lang, kind):
    parsed = read_guest_file(pretix_checkin_file(tmp_path, lang, kind), EVENT)

    assert parsed.rejected == []
    guests = by_name(parsed)
    assert [(r.title, r.first_name, r.last_name) for r in parsed.records] == [
        ("Dr.", "Jana", "Beispiel-Öztürk"), ("", "Jürgen", "Weiß"), ("", "Ayşe", "Kaya"),
        ("Prof.", "Tomasz", "Żelazny"), ("", "Fritz", "Sonnenschein")]  # the last from the combined name only
    assert [r.ticket_code for r in parsed.records] == ["k7wq3ybdtq8xz2mf", "p4c9hm2vyzq7rt3k", "r8d2kx7nyq4wm9tb",
                                                       "r8d2kx7nzq4wm9tb", "w2m8q4hx6c9tjk3p"]
    assert guests["Weiß"].organization == "Mühlenwerk GmbH"
    assert guests["Sonnenschein"].organization == "Sonnenschein & Partner"
    assert [r.days for r in parsed.records] == [(DAY2,), (), (DAY1, DAY2), (), (DAY2,)]
    assert [r.needs_attention for r in parsed.records] == [False, True, False, False, False]
    assert guests["Weiß"].note == "Rollstuhl: Platz in Reihe 1\nBegleitperson kommt mit"
    assert [r.note for r in parsed.records if r.last_name != "Weiß"] == ["", "", "", ""]


@pytest.mark.parametrize("lang, kind", FORMATS)
def test_one_order_for_several_pretix_guests_keeps_every_guest(tmp_path, lang, kind):
    """The check-in list fills in the buyer's e-mail for each ticket without its own: three guests, one address."""
    parsed = read_guest_file(pretix_checkin_file(tmp_path, lang, kind), EVENT)

    guests = by_name(parsed)
    assert guests["Weiß"].email == "einkauf@muehlenwerk.example"
    assert (guests["Kaya"].email, guests["Żelazny"].email) == ("", "")
    shared = [n for n in parsed.notices if n.field == "e-mail"]
    assert [n.line for n in shared] == [guests["Kaya"].line, guests["Żelazny"].line]
    assert all(f"line {guests['Weiß'].line}" in n.reason for n in shared)


@pytest.mark.parametrize("lang, kind", FORMATS)
def test_pretix_codes_that_differ_only_in_y_and_z_are_reported_naming_both_lines(tmp_path, lang, kind):
    parsed = read_guest_file(pretix_checkin_file(tmp_path, lang, kind), EVENT)

    guests = by_name(parsed)
    [notice] = [n for n in parsed.notices if n.field == "ticket code"]
    assert notice.line == guests["Żelazny"].line
    assert f"line {guests['Kaya'].line}" in notice.reason
    assert "r8d2kx7nyq4wm9tb" in notice.reason and "r8d2kx7nzq4wm9tb" in notice.reason
    assert "both were imported" in notice.reason and "refused" in notice.reason


@pytest.mark.parametrize("lang, kind", FORMATS)
def test_a_pretix_order_export_imports_the_attendees_not_the_buyers(tmp_path, lang, kind):
    parsed = read_guest_file(pretix_order_file(tmp_path, lang, kind), EVENT)

    assert [(r.title, r.first_name, r.last_name) for r in parsed.records] == [
        ("Dr.", "Jana", "Beispiel-Öztürk"), ("", "Jürgen", "Weiß"), ("", "Ayşe", "Kaya")]
    assert [r.email for r in parsed.records] == ["jana@example.org", "juergen@example.org", ""]  # attendee's own
    assert [r.organization for r in parsed.records] == ["Digitalzentrum Seeland", "Mühlenwerk GmbH",
                                                        "Mühlenwerk GmbH"]
    assert [r.ticket_code for r in parsed.records] == ["k7wq3ybdtq8xz2mf", "p4c9hm2vyzq7rt3k", "r8d2kx7nyq4wm9tb"]
    assert [r.external_id for r in parsed.records] == ["PSEUDO0X7", "PSEUDO1X7", "PSEUDO2X7"]
    assert [r.days for r in parsed.records] == [(DAY2,), (), (DAY1, DAY2)]
    assert [r.needs_attention for r in parsed.records] == [False, False, False]  # not in this export
    [cancelled] = parsed.rejected
    assert (cancelled.field, cancelled.line) == ("status", 5)
    assert ("storniert" if lang == "de" else "canceled") in cancelled.reason


def test_an_eventbrite_attendee_summary_imports_codes_days_and_categories(tmp_path):
    parsed = read_guest_file(write_csv(tmp_path / "report.csv", [EVENTBRITE_HEADERS, *EVENTBRITE_ROWS]), EVENT)

    assert [(r.title, r.first_name, r.last_name) for r in parsed.records] == [
        ("Dr.", "Ingrid", "Nordmann"), ("", "Ole", "Hansen"), ("", "Siri", "Berg")]  # "Mr." is no title
    assert [r.organization for r in parsed.records] == ["Fjordlys Data AS", "Havbris", "Havbris"]
    assert [r.email for r in parsed.records] == ["ingrid@example.no", "team@havbris.example", ""]
    assert [r.ticket_code for r in parsed.records] == ["8148473111261370011001", "8148473111261370012001",
                                                       "8148473111261370012002"]
    assert [r.external_id for r in parsed.records] == ["9001", "9002", "9003"]
    assert [r.days for r in parsed.records] == [(DAY2,), (), ()]
    assert [r.category for r in parsed.records] == [Category.PARTICIPANT, Category.SPEAKER, Category.PARTICIPANT]
    assert [(r.line, r.field) for r in parsed.rejected] == [(5, "status")]  # Not Attending


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_indico_registrant_export_imports_name_parts_affiliations_and_titles(tmp_path, kind):
    from importing_support import write_xlsx

    rows = [INDICO_HEADERS, *INDICO_ROWS]
    path = write_csv(tmp_path / "registrations.csv", rows) if kind == "csv" else write_xlsx(
        tmp_path / "registrations.xlsx", rows)

    parsed = read_guest_file(path, EVENT)

    assert [(r.title, r.first_name, r.last_name) for r in parsed.records] == [
        ("Prof.", "Maria", "Rossi"), ("", "Jean", "Dupont"), ("Dr", "Anna", "van der Berg")]
    assert [r.organization for r in parsed.records] == ["Istituto di Fisica", "Laboratoire Central",
                                                        "Universiteit Zuid"]
    assert [r.email for r in parsed.records] == ["maria.rossi@example.it", "jean.dupont@example.fr",
                                                 "anna@example.nl"]
    assert [r.external_id for r in parsed.records] == ["17", "18", "19"]
    assert [(r.line, r.field) for r in parsed.rejected] == [(5, "status")]  # Withdrawn


@pytest.mark.parametrize("header, field", [
    ("Name Teilnehmer*in", "full_name"), ("Teilnehmer*innenname: Vorname", "first_name"),
    ("Teilnehmer*innenname: Nachname", "last_name"), ("Teilnehmer*innenname: Titel", "title"),
    ("Name Teilnehmer*in: Vorname", "first_name"), ("Attendee name: Given name", "first_name"),
    ("Attendee name: Family name", "last_name"), ("Secret", "ticket_code"), ("Ticket secret", "ticket_code"),
    ("Attendee #", "external_id"),
    ("Benötigt besondere Behandlung", "needs_attention"), ("Requires special attention", "needs_attention"),
    ("Check-in-Hinweis", "note"), ("Check-in text", "note"), ("Hinweis", "note"), ("Note", "note"),
    ("Notes", "note"), ("Produkt", "product"), ("Ticket Type", "product"), ("Affiliation", "organization"),
    ("E-Mail Teilnehmer*in", "email"), ("Teilnehmer*innen-Firma", "organization"),
    ("Registration state", "status"), ("Attendee Status", "status"),
])
def test_the_tools_headers_are_recognised(header, field):
    from kiosk.importing.columns import field_for_header

    assert field_for_header(header) == field


def test_generic_note_and_attention_columns_are_read(tmp_path):
    from importing_support import write_lines

    path = write_lines(tmp_path / "liste.csv", ["Vorname;Nachname;Hinweis;Achtung",
                                                "Rieke;Altmann;Bitte Presseausweis zeigen;ja",
                                                "Till;Brandt;;nein"])

    records = read_guest_file(path, EVENT).records

    assert [(r.note, r.needs_attention) for r in records] == [("Bitte Presseausweis zeigen", True), ("", False)]


@pytest.mark.parametrize("product, days", [
    ("Tagesticket 25.10.", (DAY2,)), ("Day ticket Oct 25", (DAY2,)), ("3-Tages-Ticket", ()),
    ("Tagesticket 24./25.10.", (DAY1, DAY2)), ("Kombiticket 24.-26.10.2023", (DAY1, DAY2, DAY3)),
    ("Day pass October 26th, 2023", (DAY3,)), ("Tagesticket Tag 2", (DAY2,)), ("Regulär", ()),
    ("Tagesticket 25. Oktober", (DAY2,)), ("Workshop 12.50 EUR", ()),
])
def test_the_days_a_product_names(product, days):
    from kiosk.importing.products import product_days

    assert product_days(product, EVENT) == days


def test_a_product_for_a_day_the_event_does_not_have_rejects_the_row(tmp_path):
    from importing_support import write_lines

    path = write_lines(tmp_path / "p.csv", ["Vorname;Nachname;Produkt", "Ina;Roth;Tagesticket 27.10.",
                                            "Jan;Sell;Tagesticket 26.10."])

    parsed = read_guest_file(path, EVENT)

    assert [(r.last_name, r.days) for r in parsed.records] == [("Sell", (DAY3,))]
    assert [(r.line, r.field) for r in parsed.rejected] == [(2, "days")]
    assert "2023-10-27" in parsed.rejected[0].reason
