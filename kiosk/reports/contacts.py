"""A guest's own contacts to take home, as vCard (.vcf) or CSV.

Agreeing to contact exchange means agreeing to share name and organization
with the people one meets, so that is all a contact card holds. The guest list
has no separate 'share my e-mail' consent, so e-mail addresses are never shared.
Contacts who withdrew their consent since, or were anonymised, are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.storage import listings

from .exports import ExportError, Sheet, write_sheet
from .style import Locale


class UnknownGuest(LookupError):
    pass


@dataclass(frozen=True)
class Card:
    title: str
    first_name: str
    last_name: str
    organization: str
    met_on: date


@dataclass(frozen=True)
class MyContacts:
    guest_id: str
    cards: tuple[Card, ...]
    withheld: int  # contacts who did not (or no longer) agree to share their details

    def as_json(self) -> dict:
        return {"guest_id": self.guest_id, "contacts": len(self.cards), "withheld": self.withheld}


def my_contacts(store, guest_id: str) -> MyContacts:
    if not listings.is_known(store, guest_id):
        raise UnknownGuest(f"no guest with id {guest_id}")
    cards, withheld = [], 0
    for day, _at, _gid, shareable, _anonymised, _placeholder, title, first, last, org in (
            listings.contacts_of(store, guest_id)):
        if shareable:
            cards.append(Card(title, first, last, org, date.fromisoformat(str(day))))
        else:
            withheld += 1
    return MyContacts(guest_id, tuple(cards), withheld)


def write_my_contacts(store, guest_id: str, path: Path, lang: str = "de", excel_de: bool = False) -> MyContacts:
    found = my_contacts(store, guest_id)
    suffix = Path(path).suffix.lower()
    loc = Locale(lang)
    if suffix == ".vcf":
        event = store.event().name
        Path(path).write_bytes("".join(vcard(c, loc, event) for c in found.cards).encode("utf-8"))
    elif suffix == ".csv":
        header = [loc.tr("Title"), loc.tr("First name"), loc.tr("Last name"), loc.tr("Organization"),
                  loc.tr("Met on")]
        rows = ([c.title, c.first_name, c.last_name, c.organization, c.met_on.isoformat()] for c in found.cards)
        write_sheet(Sheet(loc.tr("Contacts"), header, rows), Path(path), excel_de)
    else:
        raise ExportError(f"{path}: write .vcf or .csv")
    return found


def vcard(card: Card, loc: Locale, event_name: str) -> str:
    """One vCard 3.0: name, organization and where you met; lines folded at 75 octets."""
    full = " ".join(p for p in (card.title, card.first_name, card.last_name) if p)
    lines = ["BEGIN:VCARD", "VERSION:3.0",
             f"N:{_esc(card.last_name)};{_esc(card.first_name)};;{_esc(card.title)};",
             f"FN:{_esc(full)}"]
    if card.organization:
        lines.append(f"ORG:{_esc(card.organization)}")
    note = loc.tr("Met at {event} on {day}", event=event_name, day=loc.day_long(card.met_on))
    lines += [f"NOTE:{_esc(note)}", "END:VCARD"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _esc(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str, limit: int = 75) -> str:
    """RFC 6350 line folding: at most 75 octets a line, never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)
