"""One translation entry point for the UI, badges, reports and the CLI.

Message ids are the English text with named placeholders ('{count} contacts');
the JSON files in assets/i18n/<lang>/ map them to each language (one file per
area, so people can work on them apart). English needs no catalogue entry.
A test checks that every id used in the code has a German translation.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    messages: dict[str, str] = {}
    for path in sorted((ASSETS / "i18n" / lang).glob("*.json")):
        messages.update(json.loads(path.read_text(encoding="utf-8")))
    return messages


class Translator:
    """Callable: tr('Welcome, {name}!', name='Dr. Jonas') in the chosen language."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self._messages = catalogue(lang)

    def __call__(self, message_id: str, **values: object) -> str:
        text = self._messages.get(message_id, message_id)
        return text.format(**values) if values else text

    def plural(self, singular_id: str, plural_id: str, count: int, **values: object) -> str:
        """German and English both use the singular for exactly one."""
        return self(singular_id if count == 1 else plural_id, count=count, **values)


def translator(lang: str = DEFAULT_LANGUAGE) -> Translator:
    return Translator(lang)


CATEGORY_LABELS = {
    "participant": "Participant",
    "speaker": "Speaker",
    "press": "Press",
    "staff": "Staff",
    "guest_of_honour": "Guest of honour",
}


def category_label(category: str, tr: Translator) -> str:
    return tr(CATEGORY_LABELS.get(str(category), str(category)))


REFUSAL_MESSAGES = {
    "unknown_code": "This code is not on the guest list.",
    "unknown_guest": "This badge is genuine, but this kiosk does not know the guest yet.",
    "forged_token": "This badge could not be verified.",
    "truncated_token": "The code was only read in part. Please scan again.",
    "foreign_event": "This badge belongs to another event.",
    "not_a_badge": "Please scan a badge: contacts are exchanged with badges only.",
    "not_an_event_day": "There is no event day today.",
    "not_registered_today": "The registration is for other days.",
    "self_contact": "That is the same badge twice. Please scan a second person's badge.",
    "consent_declined": "{name} does not take part in contact exchange.",
    "not_checked_in": "{name} has not checked in yet.",
    "walk_ins_closed": "Registration on site is closed.",
    "invalid_entry": "Please check the entry.",
    "ambiguous_code": "Please see the staff at the info desk: this code could belong to two guests.",
}


def refusal_message(code: str, tr: Translator, **details: object) -> str:
    return tr(REFUSAL_MESSAGES.get(str(code), "The request was refused."), **details)
