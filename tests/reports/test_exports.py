"""Staff exports: they round-trip through CSV and XLSX, open in German Excel, and never carry a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from event_scenario import DAYS, query

from kiosk.core.codes import new_ticket_code
from kiosk.core.model import Guest, Organization, new_id
from kiosk.reports import ExportError, export, neutralise

DANGEROUS = ["=HYPERLINK(\"http://example.org/x\",\"klick\")", "+49 631 000000", "-1+1", "@SUM(A1:A2)",
             "\tEingerückt", "\rZeile"]


def read_csv(path: Path, excel_de: bool = False) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == excel_de
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";" if excel_de else ","))


def read_xlsx(path: Path) -> list[list]:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def as_text(rows: list[list]) -> list[list[str]]:
    return [[str(v) for v in row] for row in rows]


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_prefixes_what_a_spreadsheet_would_run(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Anna", "", "Dr. =", "1-2", "a@b.example", 42, None])
def test_neutralise_leaves_harmless_values(value):
    assert neutralise(value) == value


def test_guest_export_round_trips_through_csv_and_xlsx(small, tmp_path):
    for name, excel_de in (("guests.csv", False), ("gaeste.csv", True), ("guests.xlsx", False)):
        rows = export(small.store, "guests", tmp_path / name, excel_de=excel_de, lang="en")
        assert rows == 7
    csv_rows = read_csv(tmp_path / "guests.csv")
    assert csv_rows == read_csv(tmp_path / "gaeste.csv", excel_de=True)
    assert as_text(read_xlsx(tmp_path / "guests.xlsx")) == csv_rows
    header, *body = csv_rows
    assert header[:5] == ["ID", "External ID", "Title", "First name", "Last name"]
    assert header[-4:] == [f"Check-in {d.isoformat()}" for d in DAYS] + ["Days attended"]
    by_last = {row[4]: dict(zip(header, row)) for row in body}
    assert [row[4] for row in body] == ["Förster", "Kolbeck", "Quast", "Strauß", "Ulbrich", "Wendel", "Yzerman"]
    amrei = by_last["Kolbeck"]
    assert (amrei["ID"], amrei["E-mail"], amrei["Organization kind"]) == (
        small.ids["Kolbeck"], "amrei@example.org", "Digital centre")
    assert [amrei[f"Check-in {d.isoformat()}"] for d in DAYS] == ["09:02", "08:50", "09:00"]
    assert amrei["Days attended"] == "3" and amrei["Registered days"] == "all days"
    assert by_last["Ulbrich"]["Days attended"] == "0" and by_last["Ulbrich"]["Organization"] == ""
    assert (by_last["Yzerman"]["Contact exchange"], by_last["Wendel"]["Walk-in"]) == ("no", "yes")


def test_check_in_export_lists_every_check_in_in_time_order(small, tmp_path):
    export(small.store, "check-ins", tmp_path / "check-ins.xlsx", lang="en")
    header, *body = read_xlsx(tmp_path / "check-ins.xlsx")

    assert header == ["Day", "Time", "ID", "Name", "Organization", "Category", "Walk-in"]
    assert len(body) == query(small.path, "SELECT COUNT(*) FROM check_in_row")[0][0] == 10
    assert body[0] == ["2023-10-24", "09:02:00", small.ids["Kolbeck"], "Amrei Kolbeck", "Digitalzentrum Saalkreis",
                       "Participant", "no"]
    assert [(row[0], row[1]) for row in body] == sorted((row[0], row[1]) for row in body)


def test_contact_export_hides_guests_who_withdrew_consent(small, tmp_path):
    small.store.set_consent(small.ids["Strauß"], False)

    export(small.store, "contacts", tmp_path / "contacts.csv", lang="en")
    header, *body = read_csv(tmp_path / "contacts.csv")

    assert header == ["Day", "Time", "ID A", "Guest A", "Organization A", "ID B", "Guest B", "Organization B"]
    assert len(body) == 7
    text = "\n".join(",".join(row) for row in body)
    assert "Cleo" not in text and small.ids["Strauß"] not in text and "Pfälzer Rundschau" not in text
    assert text.count("(not shared)") == 2
    assert any({"Amrei Kolbeck", "Bodo Förster"} <= set(row) for row in body)


def test_every_text_cell_that_looks_like_a_formula_is_neutralised(small, tmp_path):
    evil = Guest(id=new_id(), first_name=DANGEROUS[0], last_name=DANGEROUS[2], ticket_code=new_ticket_code(),
                 title=DANGEROUS[4], organization=Organization(DANGEROUS[1]), email=DANGEROUS[3],
                 external_id=DANGEROUS[5])
    small.store.save_guests([evil])

    export(small.store, "guests", tmp_path / "guests.csv", excel_de=True, lang="en")
    export(small.store, "guests", tmp_path / "guests.xlsx", lang="en")

    for rows in (read_csv(tmp_path / "guests.csv", excel_de=True), as_text(read_xlsx(tmp_path / "guests.xlsx"))):
        header, *body = rows
        row = next(dict(zip(header, r)) for r in body if r[0] == evil.id)
        assert row["First name"] == "'" + DANGEROUS[0]
        assert row["Last name"] == "'" + DANGEROUS[2]
        assert row["Organization"] == "'" + DANGEROUS[1]
        assert row["E-mail"] == "'" + DANGEROUS[3]
        assert row["Title"] == "'" + DANGEROUS[4]
        assert row["External ID"].startswith("'\r") or row["External ID"].startswith("'\n")
        for cells in body:
            assert not any(str(c).startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


def test_german_headers_and_words(small, tmp_path):
    export(small.store, "guests", tmp_path / "gaeste.csv", excel_de=True, lang="de")
    header, *body = read_csv(tmp_path / "gaeste.csv", excel_de=True)

    assert header[:5] == ["ID", "Externe ID", "Titel", "Vorname", "Nachname"]
    assert {row[10] for row in body} == {"ja", "nein"}


def test_demo_exports_have_a_row_for_every_database_row(demo, tmp_path):
    for what, table in (("guests", "guest_row"), ("check-ins", "check_in_row"), ("contacts", "contact_row")):
        rows = export(demo.store, what, tmp_path / f"{what}.csv", excel_de=True)
        assert rows == query(demo.path, f"SELECT COUNT(*) FROM {table}")[0][0]
        assert len(read_csv(tmp_path / f"{what}.csv", excel_de=True)) == rows + 1


def test_unknown_export_or_file_type_is_refused(small, tmp_path):
    with pytest.raises(ExportError):
        export(small.store, "badges", tmp_path / "x.csv")
    with pytest.raises(ExportError):
        export(small.store, "guests", tmp_path / "x.ods")
