"""A guest's fields, declared once: what a journal 'guest' change carries, what each field is, and the
guest_row columns that hold them.

A field is a value a guest change sets (`organization` is the organization's name); a column is what
guest_row stores (`organization_id`, and the `ticket_key` and `email_key` derived from their fields).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import date
from functools import lru_cache

from kiosk.core.codes import ticket_key
from kiosk.core.merge import field_clock
from kiosk.core.model import Category, Guest, Organization

PERSONAL, ORGANIZATION, FLAG, OTHER = "personal", "organization", "flag", "other"

# In this order: the merge clocks of a guest are compacted along it (compact_clocks). Personal data is
# blanked by an erasure and a purge; the organization fields by an erasure only; flags are stored as 0/1.
FIELDS = {"external_id": PERSONAL, "ticket_code": PERSONAL, "title": PERSONAL, "first_name": PERSONAL,
          "last_name": PERSONAL, "organization": ORGANIZATION, "organization_kind": ORGANIZATION,
          "category": OTHER, "email": PERSONAL, "days": OTHER, "consent_contacts": FLAG, "walk_in": FLAG,
          "needs_review": FLAG, "consent_answered": FLAG, "needs_attention": FLAG, "note": PERSONAL,
          "name_review": FLAG}

GUEST_FIELDS = tuple(FIELDS)
PERSONAL_FIELDS = tuple(f for f, what in FIELDS.items() if what == PERSONAL)
ORGANIZATION_FIELDS = tuple(f for f, what in FIELDS.items() if what == ORGANIZATION)
FLAG_FIELDS = tuple(f for f, what in FIELDS.items() if what == FLAG)

# The columns that follow from the field values (see field_columns), then the bookkeeping.
FIELD_COLUMNS = ("external_id", "ticket_code", "ticket_key", "title", "first_name", "last_name",
                 "organization_id", "category", "email", "email_key", "days", "consent_contacts", "walk_in",
                 "needs_review", "consent_answered", "needs_attention", "note", "name_review")
ROW_COLUMNS = ("id", *FIELD_COLUMNS, "field_clocks", "placeholder", "forgotten", "first_stamp", "device_id",
               "created_at", "updated_at")

# What a Guest object is read from (see guest_from_tuple); `organization` is the organization's row id.
READ_COLUMNS = ("id", "first_name", "last_name", "ticket_code", "title", "organization", "category", "email",
                "external_id", "days", "consent_contacts", "walk_in", "consent_answered", "needs_attention",
                "note")

ORGANIZATION_NAMESPACE = uuid.UUID("6f1c4b52-3f0e-4b7e-9a55-0f3c1d2e8a10")


@lru_cache(maxsize=4096)
def organization_id(name: str) -> str:
    """The same organization gets the same id on every kiosk."""
    return str(uuid.uuid5(ORGANIZATION_NAMESPACE, name))


def fields_of_guest(g: Guest) -> dict:
    """A Guest as the journal's field values (all but the staff flags needs_review and name_review,
    which no Guest carries)."""
    organization = g.organization
    return {"external_id": g.external_id, "ticket_code": g.ticket_code, "title": g.title,
            "first_name": g.first_name, "last_name": g.last_name,
            "organization": organization.name if organization else "",
            "organization_kind": str(organization.kind) if organization else "other",
            "category": str(g.category), "email": g.email, "days": list(_iso_days(g.days)),
            "consent_contacts": g.consent_contacts, "walk_in": g.walk_in,
            "consent_answered": g.consent_answered, "needs_attention": g.needs_attention, "note": g.note}


def fields_of_row(row: dict) -> dict:
    """A stored row (ROW_COLUMNS, with its organization's name and kind) as field values, for merging."""
    fields = {f: row.get(f) for f in GUEST_FIELDS if f in row}
    fields["days"] = json.loads(row["days"]) if isinstance(row["days"], str) else row["days"]
    for flag in FLAG_FIELDS:
        fields[flag] = bool(fields[flag])
    fields["organization"] = row.get("_organization", "")
    fields["organization_kind"] = row.get("_organization_kind", "other")
    return fields


def field_columns(value, no_ticket_key: str) -> tuple:
    """The values of FIELD_COLUMNS from field values (`value` looks a field up; missing fields are blank)."""
    ticket = value("ticket_code") or ""
    organization = value("organization") or ""
    email = value("email") or ""
    return (value("external_id") or "", ticket, ticket_key(ticket) if ticket else no_ticket_key,
            value("title") or "", value("first_name") or "", value("last_name") or "",
            organization_id(organization) if organization else None, value("category") or "participant", email,
            email.strip().casefold(), _days_json(tuple(value("days") or ())),
            _flag(value("consent_contacts", True)), _flag(value("walk_in", False)),
            _flag(value("needs_review", False)), _flag(value("consent_answered", False)),
            _flag(value("needs_attention", False)), value("note") or "",
            _flag(value("name_review", False)))


def guest_from_tuple(values: tuple, organizations: dict[str, Organization]) -> Guest:
    """A Guest from the values of READ_COLUMNS."""
    (gid, first, last, ticket, title, org_id, category, email, external_id, days, consent, walk_in,
     answered, attention, note) = values
    return Guest(id=gid, first_name=first, last_name=last, ticket_code=ticket, title=title,
                 organization=organizations.get(org_id), category=Category(category), email=email,
                 external_id=external_id, days=days_from_json(days), consent_contacts=bool(consent),
                 walk_in=bool(walk_in), consent_answered=bool(answered), needs_attention=bool(attention),
                 note=note)


def compact_clocks(clocks: dict) -> dict:
    """The most common clock as '*', only the others by name: 100,000 guests need not carry 16 clocks
    each (a guest row of 1.3 kB becomes 0.4 kB, and writing 100,000 rows a quarter faster)."""
    spelled = {f: field_clock(clocks, f) for f in GUEST_FIELDS}
    common = Counter(spelled.values()).most_common(1)[0][0]
    return {"*": common, **{f: stamp for f, stamp in spelled.items() if stamp != common}}


def _flag(value) -> int:
    """Flags go to SQLite as 0 and 1: a bool is an int subclass, and the sqlite3 module looks for an
    adapter for every value that is not exactly an int (2.6 µs each; 500,000 for 100,000 guests)."""
    return 1 if value else 0


@lru_cache(maxsize=1024)
def _days_json(days: tuple[str, ...]) -> str:
    return json.dumps(list(days))


@lru_cache(maxsize=1024)  # a guest list has a handful of distinct day sets
def _iso_days(days: tuple[date, ...]) -> tuple[str, ...]:
    return tuple(d.isoformat() for d in days)


@lru_cache(maxsize=1024)  # a list of 100,000 guests has a handful of distinct day sets
def days_from_json(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in json.loads(text))
