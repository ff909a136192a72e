"""German is complete: every message the code shows has a translation with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

from kiosk.i18n import CATEGORY_LABELS, REFUSAL_MESSAGES, catalogue

ROOT = Path(__file__).resolve().parents[1]
_LITERAL = r'"(?:[^"\\]|\\.)*"'
_CALL = re.compile(rf'(?:\b|_)tr(?:\.plural)?\(\s*((?:{_LITERAL}\s*,?\s*)+)')


def message_ids() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "kiosk").rglob("*.py"):
        for call in _CALL.finditer(path.read_text(encoding="utf-8")):
            # adjacent literals are one string; literals separated by a comma are two ids (plural forms)
            for group in re.split(rf"(?<=\")\s*,\s*(?=\")", call.group(1).strip().rstrip(",")):
                parts = re.findall(_LITERAL, group)
                found.add("".join(eval(part) for part in parts))  # noqa: S307 - our own string literals
    return found | set(REFUSAL_MESSAGES.values()) | set(CATEGORY_LABELS.values())


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_extractor_finds_the_messages_of_the_screens():
    ids = message_ids()
    assert "Search my name" in ids and "{count} contact" in ids and "{count} contacts" in ids
    assert len(ids) > 150


def test_every_message_has_a_german_translation():
    german = catalogue("de")
    missing = sorted(i for i in message_ids() if i not in german)
    assert not missing, missing


def test_translations_keep_their_placeholders():
    wrong = {msgid: text for msgid, text in catalogue("de").items() if placeholders(msgid) != placeholders(text)}
    assert not wrong, wrong
