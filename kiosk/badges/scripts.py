"""Right-to-left names on a PDF page: Arabic letter forms and visual order.

ReportLab draws characters one after another, left to right, each in its isolated form.
An Arabic name drawn that way is unreadable: letters unjoined and in reverse order.
`shape` picks each letter's contextual form (isolated, initial, medial, final, and the
lam-alef ligature) from Unicode's presentation forms, which DejaVu Sans carries in both
weights; `visual` reorders a shaped line for display. Both follow the Unicode rules
(joining from the letters' presentation forms, order from their bidi classes) as far as
names need: no explicit embedding controls, numbers stay left to right.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import chain

_LAM, _TATWEEL, _ALEFS = "\u0644", "\u0640", "\u0622\u0623\u0625\u0627"
_MIRRORED = dict(zip("()[]{}<>«»", ")(][}{><»«"))


@lru_cache(maxsize=None)
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(letter -> {form: glyph}, alef -> {form: lam-alef glyph}) from the Unicode database."""
    forms: dict[str, dict[str, str]] = {}
    lam_alef: dict[str, dict[str, str]] = {}
    for code in chain(range(0xFE70, 0xFF00), range(0xFB50, 0xFE00)):
        tag, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if tag not in ("<isolated>", "<final>", "<initial>", "<medial>"):
            continue
        parts = [chr(int(p, 16)) for p in base.split()]
        if len(parts) == 1:
            forms.setdefault(parts[0], {}).setdefault(tag[1:-1], chr(code))
        elif len(parts) == 2 and parts[0] == _LAM and parts[1] in _ALEFS:
            lam_alef.setdefault(parts[1], {}).setdefault(tag[1:-1], chr(code))
    return forms, lam_alef


def needs_shaping(text: str) -> bool:
    return not text.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def shape(text: str) -> str:
    """`text` with every Arabic letter in its contextual presentation form (logical order kept)."""
    if not needs_shaping(text):
        return text
    forms, lam_alef = _tables()
    out, i = [], 0
    while i < len(text):
        char, after = text[i], _next_letter(text, i)
        joined = _joins_forward(text, i - 1, forms)
        if char == _LAM and after is not None and text[after] in lam_alef:
            ligature = lam_alef[text[after]]
            out.append(ligature["final" if joined else "isolated"] + text[i + 1:after])
            i = after + 1
            continue
        letter = forms.get(char)
        if letter:
            ahead = after is not None and _joins_backward(text[after], forms)
            char = letter.get(_form(letter, joined, ahead), char)
        out.append(char)
        i += 1
    return "".join(out)


def _form(letter: dict[str, str], joined: bool, ahead: bool) -> str:
    """Which form: joined to the letter before (it has a final form), to the one after (it has an initial)."""
    before, after = joined and "final" in letter, ahead and "initial" in letter
    forms = {(True, True): "medial", (True, False): "final", (False, True): "initial"}
    return forms.get((before, after), "isolated")


def _next_letter(text: str, i: int) -> int | None:
    """Index of the next character after `i` that is not a combining mark (harakat are transparent)."""
    for j in range(i + 1, len(text)):
        if unicodedata.category(text[j]) != "Mn":
            return j
    return None


def _joins_forward(text: str, i: int, forms) -> bool:
    """Whether the letter at `i` (skipping marks backwards) connects to the letter after it."""
    while i >= 0 and unicodedata.category(text[i]) == "Mn":
        i -= 1
    return i >= 0 and (text[i] == _TATWEEL or "initial" in forms.get(text[i], {}))


def _joins_backward(char: str, forms) -> bool:
    return char == _TATWEEL or "final" in forms.get(char, {})


def visual(line: str) -> str:
    """One line in display order, left to right: right-to-left runs reversed, the runs reordered."""
    if not needs_shaping(line):
        return line
    classes = _resolved_classes(line)
    base = next(c for c in classes if c in "LR")
    runs: list[tuple[str, str]] = []
    for char, direction in zip(line, classes):
        if runs and runs[-1][1] == direction:
            runs[-1] = (runs[-1][0] + char, direction)
        else:
            runs.append((char, direction))
    shown = [_reversed(text) if direction == "R" else text for text, direction in runs]
    return "".join(reversed(shown) if base == "R" else shown)


def _resolved_classes(line: str) -> list[str]:
    """'L' or 'R' per character: numbers count as L, marks follow their letter, neutrals their neighbours."""
    raw = []
    for char in line:
        bidi = unicodedata.bidirectional(char)
        strong = "R" if bidi in ("R", "AL") else "L" if bidi in ("L", "EN", "AN") else ""
        raw.append(raw[-1] if bidi == "NSM" and raw else strong)
    base = next(c for c in raw if c)
    resolved = []
    for i, strong in enumerate(raw):
        if not strong:
            before = next((c for c in reversed(raw[:i]) if c), base)
            after = next((c for c in raw[i + 1:] if c), base)
            strong = before if before == after else base
        resolved.append(strong)
    return resolved


def _reversed(text: str) -> str:
    """Characters in reverse, each combining mark kept after its letter, brackets mirrored."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.category(char) == "Mn":
            clusters[-1] += char
        else:
            clusters.append(_MIRRORED.get(char, char))
    return "".join(reversed(clusters))
