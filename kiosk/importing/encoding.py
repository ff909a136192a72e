"""Text that went through the wrong encoding on its way to us, found and repaired line by line.

Two things happen to guest lists that travel between Excel, mail and registration tools:
- lines pasted from a Windows-1252 file into a UTF-8 one: the file as a whole is no valid UTF-8, and read
  as Windows-1252 its UTF-8 lines would turn into mojibake ("JÃ¼rgen"). Each line is read in the encoding
  it is valid in.
- text converted to UTF-8 twice: valid UTF-8 that holds "Ã¼" where "ü" was meant. Such runs are turned back
  into the letters they stand for.
Every repair is reported with its line; a letter that was lost for good (the replacement character "�")
cannot be repaired, and its row is rejected so that no mojibake is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LOST = "\ufffd"


@dataclass(frozen=True)
class Notice:
    """Something the import did about a line, and why; the line itself is imported."""

    line: int
    reason: str
    field: str = ""


def _byte_map() -> dict[str, int]:
    """Each character a UTF-8 lead or continuation byte becomes when read as Windows-1252 or Latin-1."""
    shown = {chr(byte): byte for byte in range(0x80, 0x100)}  # Latin-1, and Windows-1252 from 0xA0 on
    for byte in range(0x80, 0xA0):
        try:
            shown[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            pass  # one of the five bytes Windows-1252 leaves undefined: Latin-1 above covers it
    return shown


_BYTE_OF = _byte_map()
_CONTINUATION = "".join(re.escape(char) for char, byte in _BYTE_OF.items() if 0x80 <= byte < 0xC0)
# Leads of two-byte letters up to U+017F (all of Latin-1 and Latin Extended-A: ä, é, ł, ş, ž ...) and of
# three-byte punctuation (– ’ „ €). Wider leads would "repair" genuine text such as "É’".
_TWICE_ENCODED = re.compile(f"(?:[\u00c2-\u00c5][{_CONTINUATION}]|\u00e2[{_CONTINUATION}]{{2}})+")
_SUSPECT = re.compile(f"[\u00c2-\u00c5\u00e2][{_CONTINUATION}]")


def decode_lines(data: bytes) -> tuple[str, str, list[Notice]]:
    """Text, encoding name and notices for a file that is neither UTF-8 nor Windows-1252 as a whole:
    each line in the one it is valid in. UnicodeDecodeError (with .start) when a line is in neither."""
    lines, notices, utf8_letters = [], [], False
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
            utf8_letters = utf8_letters or not raw.isascii()
        except UnicodeDecodeError:
            line = _windows_1252(raw, offset)
            notices.append(Notice(number, f"Windows-1252 in a UTF-8 file: read as Windows-1252 ({_sample(line)})",
                                  "encoding"))
        lines.append(line)
        offset += len(raw) + 1
    if not utf8_letters:  # a plain Windows-1252 file, as German Excel saves it: nothing to report
        return "\n".join(lines), "cp1252", []
    return "\n".join(lines), "utf-8+cp1252", notices


def _windows_1252(raw: bytes, offset: int) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnicodeDecodeError("cp1252", b"", offset + error.start, offset + error.end, error.reason) from None


_SCAN_STEP = 1 << 18  # one regex call holds the GIL: a quarter MiB at a time, so a check-in never waits long


def suspect(text: str) -> bool:
    """Whether the text may hold twice-encoded letters or lost ones (lists seldom do)."""
    if LOST in text:
        return True
    return any(_SUSPECT.search(text, start, start + _SCAN_STEP + 1) for start in range(0, len(text), _SCAN_STEP))


def repair_rows(rows: list[tuple[int, list[str]]]) -> tuple[list[tuple[int, list[str]]], list[Notice], set[int]]:
    """Rows with twice-encoded text turned back, a notice per repaired row, and the rows (by line) that hold a
    lost letter."""
    repaired, notices, lost = [], [], set()
    for line, cells in rows:
        fixed = [_TWICE_ENCODED.sub(_undo, cell) for cell in cells]
        if fixed != cells:
            changed = next(f"'{old}' read as '{new}'" for old, new in zip(cells, fixed) if old != new)
            notices.append(Notice(line, f"text had been converted to UTF-8 twice: {changed}", "encoding"))
        if any(LOST in cell for cell in fixed):
            lost.add(line)
        repaired.append((line, fixed))
    return repaired, notices, lost


def _undo(match: re.Match) -> str:
    try:
        return bytes(_BYTE_OF[char] for char in match.group()).decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _sample(line: str) -> str:
    words = [word for word in re.split(r"[\s,;\t]+", line) if not word.isascii()]
    return ", ".join(f"'{word}'" for word in words[:3])
