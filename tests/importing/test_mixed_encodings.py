"""Lists whose text went through the wrong encoding: repaired and reported line by line, never stored as
mojibake."""

from __future__ import annotations

from importing_support import EVENT, write_xlsx

from kiosk.importing import read_guest_file


def names(parsed) -> list[tuple[str, str]]:
    return [(r.first_name, r.last_name) for r in parsed.records]


def test_a_utf8_file_with_some_windows_1252_lines_reads_every_line_right(tmp_path):
    path = tmp_path / "zusammenkopiert.csv"
    path.write_bytes(b"Vorname;Nachname;Firma\r\n"
                     + "Jürgen;Weiß;Mühlenwerk\r\n".encode("utf-8")
                     + "Änne;Öztürk;Bäckerei Süß\r\n".encode("cp1252")  # pasted from a Windows-1252 file
                     + "Łucja;Dąbrowska;Ogród\r\n".encode("utf-8")
                     + "Sören;Groß;Straßenbau\r\n".encode("cp1252"))

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Jürgen", "Weiß"), ("Änne", "Öztürk"), ("Łucja", "Dąbrowska"), ("Sören", "Groß")]
    assert parsed.records[1].organization == "Bäckerei Süß"
    assert [(n.line, n.field) for n in parsed.notices] == [(3, "encoding"), (5, "encoding")]
    assert "Windows-1252" in parsed.notices[0].reason and "'Änne'" in parsed.notices[0].reason


def test_text_converted_to_utf8_twice_is_turned_back_and_reported(tmp_path):
    twice = "Jürgen;Weiß;Bäckerei „Süß“ – Nord\n".encode("utf-8").decode("cp1252").encode("utf-8")
    path = tmp_path / "doppelt.csv"
    path.write_bytes("Vorname;Nachname;Firma\nAnna;Kühn;Werk\n".encode("utf-8") + twice)

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Anna", "Kühn"), ("Jürgen", "Weiß")]
    assert parsed.records[1].organization == "Bäckerei „Süß“ – Nord"
    [notice] = parsed.notices
    assert (notice.line, notice.field) == (3, "encoding")
    assert "'JÃ¼rgen' read as 'Jürgen'" in notice.reason


def test_twice_encoded_polish_and_turkish_letters_are_repaired_too(tmp_path):
    path = tmp_path / "pl.csv"
    path.write_bytes("First name,Last name\n".encode() + "Żaneta,Kılıç\n".encode("utf-8").decode("latin-1")
                     .encode("utf-8"))

    assert names(read_guest_file(path, EVENT)) == [("Żaneta", "Kılıç")]


def test_mojibake_in_an_xlsx_cell_is_repaired_and_reported(tmp_path):
    path = write_xlsx(tmp_path / "liste.xlsx", [["Vorname", "Nachname"], ["Ã„nne", "MÃ¼ller"], ["Till", "Roth"]])

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Änne", "Müller"), ("Till", "Roth")]
    assert [n.line for n in parsed.notices] == [2]


def test_a_row_whose_letter_was_lost_is_rejected_rather_than_stored(tmp_path):
    path = tmp_path / "verloren.csv"
    path.write_bytes("Vorname;Nachname\nJ\ufffdrgen;Weiß\nAnna;Kühn\n".encode("utf-8"))

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Anna", "Kühn")]
    assert [(r.line, r.field) for r in parsed.rejected] == [(2, "encoding")]


def test_genuine_text_that_merely_looks_odd_is_left_alone(tmp_path):
    path = tmp_path / "echt.csv"
    path.write_bytes("Vorname;Nachname;Firma\nJOSÉ’S;Ærø;Ål & Co\nSão;Ç;Åbo°\n".encode("utf-8"))

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("JOSÉ’S", "Ærø"), ("São", "Ç")]
    assert [r.organization for r in parsed.records] == ["Ål & Co", "Åbo°"]
    assert parsed.notices == []


def test_a_plain_windows_1252_file_is_read_without_a_notice(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("Vorname;Nachname\r\nJörg;Weißbäcker\r\n".encode("cp1252"))

    parsed = read_guest_file(path, EVENT)

    assert names(parsed) == [("Jörg", "Weißbäcker")] and parsed.notices == []
