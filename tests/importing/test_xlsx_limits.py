"""Hostile XLSX files are refused in bounded memory with one line naming the file and the limit;
real workbooks (shared strings, rich text, date styles, the 1904 calendar) still read as before.

The bombs run through the real command line in a child process whose peak memory is read from
the kernel (wait4's rusage); an address-space limit makes a reader without bounds fail fast
instead of taking the machine's memory."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from importing_support import EVENT, write_xlsx
from xlsx_files import SHEET_PART, declare_size, inline, repeated, write_workbook

from kiosk.importing import ImportFileError, read_guest_file
from kiosk.importing.xlsx import MAX_COLUMNS, MAX_ROWS

REPO = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 400
ADDRESS_SPACE_LIMIT = 3 << 30
SECONDS_LIMIT = 120

# One cell per row and a dimension claiming all 16,384 columns: readers that pad rows to the
# dimension (openpyxl's read-only mode) build 16,384 cells for each of these rows.
BOMB_ROW = "<row>" + inline("x") + "</row>"
WHOLE_SHEET = "A1:XFD1048576"


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def import_in_child(tmp_path: Path, workbook: Path) -> tuple[int, str, int]:
    """(exit code, stderr, peak RSS in MB) of `kiosk import-guests workbook` in a new process."""
    from kiosk.cli import run

    db = tmp_path / "kiosk.sqlite3"
    if not db.exists():
        assert run(["--db", str(db), "event", "create", "--name", "Test", "--days", "2023-10-24"]) == 0
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "main.py", "--db", str(db), "import-guests", str(workbook), "--json"], cwd=REPO,
            stdout=subprocess.DEVNULL, stderr=stderr,
            preexec_fn=_limit_address_space)  # noqa: PLW1509 - set in the child before it runs
    deadline = threading.Timer(SECONDS_LIMIT, process.kill)  # a reader without bounds is slow too
    deadline.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, whatever ran before it
    finally:
        deadline.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, errors.read_text(), usage.ru_maxrss // 1024


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = write_workbook(tmp_path / "anmeldungen.xlsx", repeated(BOMB_ROW, 12_000_000), dimension=WHOLE_SHEET)
    assert bomb.stat().st_size < 2_000_000  # 1.7 MB of zip, 560 MB of XML

    code, stderr, peak = import_in_child(tmp_path, bomb)

    assert code == 1
    line = one_line(stderr)
    assert line.startswith("kiosk: error: anmeldungen.xlsx: xl/worksheets/sheet1.xml would inflate ")
    assert "at most 200 is accepted" in line and line.endswith("(nothing imported)")
    assert peak < PEAK_LIMIT_MB


def test_a_zip_that_understates_its_sizes_is_read_no_further_than_it_declares(tmp_path):
    liar = write_workbook(tmp_path / "liste.xlsx", repeated(BOMB_ROW, 12_000_000), dimension=WHOLE_SHEET)
    compressed = zipfile.ZipFile(liar).getinfo(SHEET_PART).compress_size
    declare_size(liar, SHEET_PART, 5 * compressed)  # passes the ratio check; holds 100 times more

    code, stderr, peak = import_in_child(tmp_path, liar)

    assert code == 1
    assert one_line(stderr) == ("kiosk: error: liste.xlsx: not a readable XLSX workbook (Bad CRC-32 for file "
                                "'xl/worksheets/sheet1.xml') (nothing imported)")
    assert peak < PEAK_LIMIT_MB


def test_a_sheet_with_too_many_rows_is_refused_naming_the_limit(tmp_path):
    rows = (f'<row r="{n}">{inline(f"Gast {n}", f"A{n}")}{inline(f"Nachname {n}", f"B{n}")}</row>'
            for n in range(1, MAX_ROWS + 3))
    workbook = write_workbook(tmp_path / "riesig.xlsx", rows)

    code, stderr, peak = import_in_child(tmp_path, workbook)

    assert code == 1
    assert one_line(stderr) == (f"kiosk: error: riesig.xlsx: the sheet has more than {MAX_ROWS:,} rows; "
                                f"at most {MAX_ROWS:,} are accepted (nothing imported)")
    assert peak < PEAK_LIMIT_MB


def test_a_value_beyond_the_last_accepted_column_is_refused(tmp_path):
    far = "GS"  # column 201
    assert MAX_COLUMNS == 200
    workbook = write_workbook(tmp_path / "breit.xlsx", [
        ("<row>" + inline("Vorname") + inline("Nachname") + "</row>"),
        ('<row r="2">' + inline("Anna", "A2") + inline("Muster", "B2") + inline("x", f"{far}2") + "</row>")])

    with pytest.raises(ImportFileError) as refused:
        read_guest_file(workbook, EVENT)

    assert str(refused.value) == ("breit.xlsx: row 2 has a value in column 201; at most 200 columns are "
                                  "accepted")


def test_empty_styled_cells_far_to_the_right_are_no_reason_to_refuse(tmp_path):
    workbook = write_workbook(tmp_path / "formatiert.xlsx", [
        ("<row>" + inline("Vorname") + inline("Nachname") + '<c r="XFD1" s="0"/></row>'),
        ("<row>" + inline("Anna") + inline("Muster") + '<c r="XFD2" s="0"><v></v></c></row>')])

    parsed = read_guest_file(workbook, EVENT)

    assert [(r.first_name, r.last_name) for r in parsed.records] == [("Anna", "Muster")]


STYLES = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
# The fifth is rich text in runs, with a phonetic reading that Excel does not show.
SHARED = ["<si><t>Vorname</t></si>", "<si><t>Nachname</t></si>", "<si><t>Tage</t></si>",
          "<si><t>Aktiv</t></si>",
          ("<si><r><t>Gö</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">rge </t></r>"
           "<rPh sb=\"0\" eb=\"1\"><t>GOERGE</t></rPh></si>"),
          "<si><t>Überall</t></si>"]


@pytest.mark.parametrize("date1904, serial", [(False, 45224), (True, 43762)])
def test_shared_strings_rich_text_dates_numbers_and_booleans_as_excel_saves_them(tmp_path, date1904, serial):
    header = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
              '<c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>Nummer</t></is></c></row>')
    third = (f'<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" s="1"><v>{serial}</v>'
             '</c><c r="D3" t="b"><v>1</v></c><c r="E3"><v>1.5E3</v></c></row>')
    fourth = (f'<row r="4"><c r="A4" t="str"><f>A3</f><v>Ilka</v></c><c r="C4" s="2"><v>{serial + 1}</v></c>'
              '<c r="E4"><v>0.25</v></c></row>')
    workbook = write_workbook(tmp_path / "excel.xlsx", [header, third, fourth],
                              shared_strings=SHARED, styles=STYLES, date1904=date1904)

    from kiosk.importing.reading import read_table

    table = read_table(workbook)

    assert table.headers == ["Vorname", "Nachname", "Tage", "Aktiv", "Nummer"]
    assert table.rows == [(3, ["Görge ", "Überall", "2023-10-25", "True", "1500"]),
                          (4, ["Ilka", "", "2023-10-26", "", "0.25"])]


def test_the_xml_may_not_declare_entities(tmp_path):
    workbook = write_workbook(tmp_path / "lol.xlsx", ["<row>" + inline("x") + "</row>"])
    data = zipfile.ZipFile(workbook).read(SHEET_PART).decode()
    laughs = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    rebuilt = tmp_path / "rebuilt.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            text = source.read(info)
            if info.filename == SHEET_PART:
                text = (laughs + data.split("?>", 1)[1].replace("<t>x</t>", "<t>&b;</t>")).encode()
            target.writestr(info.filename, text)

    with pytest.raises(ImportFileError, match="declares a document type"):
        read_guest_file(rebuilt, EVENT)


def test_a_real_ten_thousand_row_workbook_still_imports(tmp_path):
    rows = [["Teilnehmer-ID", "Vorname", "Nachname", "Organisation", "E-Mail", "Tage"]]
    rows += [[f"T-{n}", f"Vorname{n}", f"Nachname{n}", f"Organisation {n % 40}", f"gast{n}@example.org",
              "Tag 1"] for n in range(10_000)]
    workbook = write_xlsx(tmp_path / "anmeldungen.xlsx", rows)
    shutil.copy(workbook, tmp_path / "copy.xlsx")

    code, stderr, peak = import_in_child(tmp_path, workbook)

    assert code == 0, stderr
    assert peak < PEAK_LIMIT_MB
    parsed = read_guest_file(tmp_path / "copy.xlsx", EVENT)
    assert len(parsed.records) == 10_000 and not parsed.rejected
    assert parsed.records[-1].email == "gast9999@example.org" and parsed.records[-1].line == 10_001
