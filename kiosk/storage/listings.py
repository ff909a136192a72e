"""Row streams for exports and a guest's contacts: raw SQLite tuples, no model objects.

Days come as 'YYYY-MM-DD' and times as UTC ISO text, exactly as stored: a
million contacts stream through without a datetime or model per row.

Each guest appears with flags: 'shareable' (agreed to contact exchange, known, not
anonymised), 'anonymised' (erased or purged) and 'placeholder' (named by a synced
check-in or contact before their own data arrived). Callers show names of
shareable guests only to other guests (contacts export, my-contacts); the staff
guest list leaves anonymised guests and placeholders out. Each function reads the database of the
Store it is given.
"""

from __future__ import annotations

from collections.abc import Iterator

from peewee import JOIN, Case, fn

from .privacy import nameable

GUEST_COLUMNS = ("id", "external_id", "title", "first_name", "last_name", "organization", "organization_kind",
                 "category", "email", "days", "consent_contacts", "walk_in", "check_ins")
PERSON = ("id", "shareable", "anonymised", "placeholder", "title", "first_name", "last_name", "organization")


def _person(guest, organization) -> list:
    return [guest.id, Case(None, [(nameable(guest), 1)], 0), guest.forgotten, guest.placeholder,
            guest.title, guest.first_name, guest.last_name, fn.COALESCE(organization.name, "")]


def guests(store) -> Iterator[tuple]:
    """GUEST_COLUMNS per guest not anonymised; check_ins is 'day=at day=at' (UTC ISO times) or None."""
    t = store.tables
    CheckInRow, GuestRow, OrganizationRow = t.CheckInRow, t.GuestRow, t.OrganizationRow
    check_ins = (CheckInRow.select(fn.group_concat(CheckInRow.day.concat("=").concat(CheckInRow.at), " "))
                 .where(CheckInRow.guest == GuestRow.id))
    query = (GuestRow.select(GuestRow.id, GuestRow.external_id, GuestRow.title, GuestRow.first_name,
                             GuestRow.last_name, fn.COALESCE(OrganizationRow.name, ""),
                             fn.COALESCE(OrganizationRow.kind, ""), GuestRow.category, GuestRow.email,
                             GuestRow.days, GuestRow.consent_contacts, GuestRow.walk_in, check_ins)
             .join(OrganizationRow, JOIN.LEFT_OUTER, on=(GuestRow.organization == OrganizationRow.id))
             .where(~GuestRow.forgotten, ~GuestRow.placeholder))
    return _raw(query)


def check_ins(store) -> Iterator[tuple]:
    """(day, at, *PERSON, category, walk_in) in time order."""
    t = store.tables
    CheckInRow, GuestRow, OrganizationRow = t.CheckInRow, t.GuestRow, t.OrganizationRow
    query = (CheckInRow.select(CheckInRow.day, CheckInRow.at, *_person(GuestRow, OrganizationRow),
                               GuestRow.category, GuestRow.walk_in)
             .join(GuestRow, on=(CheckInRow.guest == GuestRow.id))
             .join(OrganizationRow, JOIN.LEFT_OUTER, on=(GuestRow.organization == OrganizationRow.id))
             .order_by(CheckInRow.day, CheckInRow.at))  # the (day, at) index: no sorting
    return _raw(query)


def contacts(store) -> Iterator[tuple]:
    """(day, at, *PERSON of one guest, *PERSON of the other) in time order."""
    t = store.tables
    GuestRow, OrganizationRow, ContactRow = t.GuestRow, t.OrganizationRow, t.ContactRow
    low, high = GuestRow.alias("low"), GuestRow.alias("high")
    low_org, high_org = OrganizationRow.alias("low_org"), OrganizationRow.alias("high_org")
    query = (ContactRow.select(ContactRow.day, ContactRow.at, *_person(low, low_org), *_person(high, high_org))
             .join(low, on=(ContactRow.guest_low == low.id))
             .join(low_org, JOIN.LEFT_OUTER, on=(low.organization == low_org.id))
             .switch(ContactRow)
             .join(high, on=(ContactRow.guest_high == high.id))
             .join(high_org, JOIN.LEFT_OUTER, on=(high.organization == high_org.id))
             .order_by(ContactRow.day, ContactRow.at))  # sorted a day at a time, along the day index
    return _raw(query)


def contacts_of(store, guest_id: str) -> list[tuple]:
    """(day, at, *PERSON of the other guest) for every contact `guest_id` made, in time order."""
    t = store.tables
    GuestRow, ContactRow, OrganizationRow = t.GuestRow, t.ContactRow, t.OrganizationRow
    other = GuestRow.alias("other")
    other_id = Case(None, [(ContactRow.guest_low == guest_id, ContactRow.guest_high)], ContactRow.guest_low)
    query = (ContactRow.select(ContactRow.day, ContactRow.at, *_person(other, OrganizationRow))
             .join(other, on=(other.id == other_id))
             .join(OrganizationRow, JOIN.LEFT_OUTER, on=(other.organization == OrganizationRow.id))
             .where((ContactRow.guest_low == guest_id) | (ContactRow.guest_high == guest_id))
             .order_by(ContactRow.day, ContactRow.at))
    return list(_raw(query))


def is_known(store, guest_id: str) -> bool:
    """A guest with data: not erased, purged or a placeholder."""
    GuestRow = store.tables.GuestRow
    return GuestRow.select().where(GuestRow.id == guest_id, ~GuestRow.forgotten, ~GuestRow.placeholder).exists()


def _raw(query) -> Iterator[tuple]:
    """The query's rows as SQLite returns them, without peewee's per-value conversion."""
    return iter(query.model._meta.database.execute(query))
