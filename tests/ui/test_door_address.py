"""Forms of address: the German texts say 'Sie' throughout, and a guest with a title is greeted by
their full name, never by title and first name ('Dr. Sophie')."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtWidgets import QLabel
from ui_support import FIRST_DAY, first_visitors

from kiosk.i18n import ASSETS

# 'du' and 'ihr' addressing one or several people, in all their forms ('Ihr' as the polite 'your' is fine)
INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|euch|euer|eur\w+)\b", re.IGNORECASE)
IHR_AS_YOU = re.compile(r"\bihr\s+(seid|habt|kennt|könnt|wollt|müsst|dürft|sollt|werdet|\w+t)\b", re.IGNORECASE)
IHR_WORDS_THAT_END_IN_T = {"gast", "gegenüber", "eintritt", "ticket", "recht", "objekt", "konzept", "projekt"}


def informal_words(text: str) -> list[str]:
    found = [m.group(0) for m in INFORMAL.finditer(text)]
    found += [m.group(0) for m in IHR_AS_YOU.finditer(text) if m.group(1).lower() not in IHR_WORDS_THAT_END_IN_T]
    return found


def test_the_word_list_finds_informal_address():
    assert informal_words("Ihr kennt euch schon") == ["euch", "Ihr kennt"]
    assert informal_words("Hast du dein Namensschild?") == ["du", "dein"]
    assert informal_words("Ihr Namensschild wird gedruckt. Jetzt scannt Ihr Gegenüber.") == []


def test_no_german_text_says_du_or_ihr():
    found = {}
    for path in sorted((Path(ASSETS) / "i18n" / "de").glob("*.json")):
        for english, german in json.loads(path.read_text(encoding="utf-8")).items():
            if informal_words(german):
                found[f"{path.name}: {english}"] = german
    assert found == {}


def titled_guest(store):
    return next(g for g in first_visitors(store, FIRST_DAY) if g.title and g.first_name and g.last_name)


def shown_texts(kiosk) -> list[str]:
    return [w.text() for w in kiosk.screen().findChildren(QLabel) if w.isVisible()]


def test_a_guest_with_a_title_is_welcomed_by_full_name(kiosk):
    guest = titled_guest(kiosk.store)
    full = f"{guest.title} {guest.first_name} {guest.last_name}"

    kiosk.scan(guest.ticket_code)

    texts = shown_texts(kiosk)
    assert f"Willkommen, {full}!" in texts
    assert not any(f"{guest.title} {guest.first_name}!" in text for text in texts)
