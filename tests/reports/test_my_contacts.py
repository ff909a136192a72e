"""A guest's own contacts: vCard or CSV, names and organizations of those who agreed to share only."""

from __future__ import annotations

import csv

import pytest

from kiosk.reports import UnknownGuest, my_contacts, write_my_contacts
from kiosk.reports.contacts import Card, vcard
from kiosk.reports.style import Locale


def cards_in(text: str) -> list[dict[str, str]]:
    unfolded = text.replace("\r\n ", "")
    cards, card = [], {}
    for line in unfolded.split("\r\n"):
        if line == "BEGIN:VCARD":
            card = {}
        elif line == "END:VCARD":
            cards.append(card)
        elif line:
            key, value = line.split(":", 1)
            card[key] = value
    return cards


def test_vcards_hold_name_organization_and_where_you_met(small, tmp_path):
    found = write_my_contacts(small.store, small.ids["Kolbeck"], tmp_path / "amrei.vcf", lang="en")
    text = (tmp_path / "amrei.vcf").read_bytes().decode("utf-8")

    cards = cards_in(text)
    assert [c["FN"] for c in cards] == ["Bodo Förster", "Edda Quast", "Cleo Strauß", "Greta Wendel"]
    assert cards[0] == {"VERSION": "3.0", "N": "Förster;Bodo;;;", "FN": "Bodo Förster",
                        "ORG": "Digitalzentrum Saalkreis",
                        "NOTE": "Met at Testtreffen on Tuesday\\, 24 October 2023"}
    assert (len(found.cards), found.withheld) == (4, 0)


def test_no_email_ever_leaves_with_a_contact(small, tmp_path):
    write_my_contacts(small.store, small.ids["Quast"], tmp_path / "edda.vcf")
    write_my_contacts(small.store, small.ids["Quast"], tmp_path / "edda.csv")

    for name in ("edda.vcf", "edda.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "@" not in text and "EMAIL" not in text and "TEL" not in text


def test_a_contact_who_withdrew_consent_is_left_out(small):
    small.store.set_consent(small.ids["Förster"], False)

    found = my_contacts(small.store, small.ids["Kolbeck"])

    assert [c.last_name for c in found.cards] == ["Quast", "Strauß", "Wendel"]
    assert found.withheld == 1


def test_csv_of_my_contacts_for_german_excel(small, tmp_path):
    write_my_contacts(small.store, small.ids["Wendel"], tmp_path / "greta.csv", lang="de", excel_de=True)

    raw = (tmp_path / "greta.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows == [["Titel", "Vorname", "Nachname", "Organisation", "Kennengelernt am"],
                    ["", "Amrei", "Kolbeck", "Digitalzentrum Saalkreis", "2023-10-25"],
                    ["", "Edda", "Quast", "Forschungsinstitut Moorbach", "2023-10-26"]]


def test_vcard_escapes_and_folds_long_lines_without_splitting_characters():
    card = Card("Prof. Dr.", "Ännchen", "Müller-Lüdenscheidt; Erbin, a. D.", "Ä" * 60 + " GmbH",
                __import__("datetime").date(2023, 10, 24))

    text = vcard(card, Locale("de"), "Netzwerktreffen")

    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = cards_in(text)[0]
    assert unfolded["N"] == "Müller-Lüdenscheidt\\; Erbin\\, a. D.;Ännchen;;Prof. Dr.;"
    assert unfolded["ORG"] == "Ä" * 60 + " GmbH"


def test_unknown_or_forgotten_guest_has_no_contacts(small):
    from kiosk.storage.privacy import forget_guest

    with pytest.raises(UnknownGuest):
        my_contacts(small.store, "00000000-0000-4000-8000-000000000000")
    forget_guest(small.store, small.ids["Quast"])
    with pytest.raises(UnknownGuest):
        my_contacts(small.store, small.ids["Quast"])
    assert "Quast" not in [c.last_name for c in my_contacts(small.store, small.ids["Kolbeck"]).cards]
