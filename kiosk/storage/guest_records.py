"""The Store's guests and organizations: read as domain objects, written as journal changes."""

from __future__ import annotations

from typing import Iterable

from kiosk.core.model import Guest, Organization, OrganizationKind

from .guest_fields import READ_COLUMNS, fields_of_guest, guest_from_tuple
from .rows import id_list


class GuestRecords:
    """Part of Store (see store.py): expects its `tables`, `journal` and a `_organizations` cache."""

    _organizations: dict[str, Organization] | None

    # -- organizations -------------------------------------------------------
    def _organization_map(self) -> dict[str, Organization]:
        if self._organizations is None:
            self._organizations = {row.id: Organization(row.name, OrganizationKind(row.kind))
                                   for row in self.tables.OrganizationRow.select()}
        return self._organizations

    def forget_cached_organizations(self) -> None:
        self._organizations = None

    def organizations(self) -> list[Organization]:
        return sorted(self._organization_map().values(), key=lambda o: o.name)

    # -- guests --------------------------------------------------------------
    def _select_guests(self, *conditions) -> list[Guest]:
        # Tuples, not model instances: building 100,000 peewee models takes seconds.
        GuestRow = self.tables.GuestRow
        columns = [getattr(GuestRow, name) for name in READ_COLUMNS]
        query = GuestRow.select(*columns).where(~GuestRow.placeholder, ~GuestRow.forgotten, *conditions)
        organizations = self._organization_map()
        return [guest_from_tuple(values, organizations) for values in query.tuples()]

    def guest(self, guest_id: str) -> Guest | None:
        found = self._select_guests(self.tables.GuestRow.id == guest_id)
        return found[0] if found else None

    def guest_by_ticket(self, keys: Iterable[str]) -> Guest | None:
        for key in keys:
            found = self._select_guests(self.tables.GuestRow.ticket_key == key)
            if found:
                return found[0]
        return None

    def guests(self) -> list[Guest]:
        """Every guest, in no particular order (callers sort as they show them)."""
        return self._select_guests()

    def guest_count(self) -> int:
        GuestRow = self.tables.GuestRow
        return GuestRow.select().where(~GuestRow.placeholder, ~GuestRow.forgotten).count()

    def ticket_keys(self) -> set[str]:
        GuestRow = self.tables.GuestRow
        return {key for (key,) in GuestRow.select(GuestRow.ticket_key).tuples()}

    def needs_review(self, guest_id: str) -> bool:
        GuestRow = self.tables.GuestRow
        return GuestRow.select().where(GuestRow.id == guest_id, GuestRow.needs_review).exists()

    def review_ids(self) -> set[str]:
        """Guests (walk-ins) that staff have not approved yet."""
        GuestRow = self.tables.GuestRow
        query = GuestRow.select(GuestRow.id).where(GuestRow.needs_review, ~GuestRow.forgotten)
        return {g for (g,) in query.tuples()}

    def set_needs_review(self, guest_id: str, flag: bool) -> None:
        self._edit_guest(guest_id, needs_review=flag)

    def add_guests(self, guests: Iterable[Guest]) -> None:
        """Record guests this database does not hold yet: every field is new, nothing to compare."""
        self.journal.record_many("guest", ({"id": g.id, "fields": fields_of_guest(g)} for g in guests))

    def save_guests(self, guests: Iterable[Guest], needs_review: bool | None = None) -> None:
        """Record new guests, and for known ones only the fields that differ: an edit must not
        overwrite, with its stale values, fields another kiosk changed meanwhile."""
        guests = list(guests)
        known = self._select_guests(self.tables.GuestRow.id.in_(id_list(g.id for g in guests)))
        stored = {g.id: g for g in known}
        payloads = []
        for guest in guests:
            fields = fields_of_guest(guest)
            before = stored.get(guest.id)
            if before is not None:
                old = fields_of_guest(before)
                fields = {name: value for name, value in fields.items() if old[name] != value}
            if needs_review is not None:
                fields["needs_review"] = needs_review
            if fields:
                payloads.append({"id": guest.id, "fields": fields})
        self.journal.record_many("guest", payloads)

    def _edit_guest(self, guest_id: str, **fields) -> None:
        self.journal.record("guest", {"id": guest_id, "fields": fields})

    def set_consent(self, guest_id: str, consent: bool) -> None:
        """The guest's own answer (at a kiosk, or told to staff): they are not asked again."""
        self._edit_guest(guest_id, consent_contacts=consent, consent_answered=True)

    def consent_not_given(self, guest_id: str) -> None:
        """A guest checked in without answering: the event's pre-ticked default is no consent. Not an
        answer either, so the next check-in asks again."""
        self._edit_guest(guest_id, consent_contacts=False)

    def set_note(self, guest_id: str, note: str, needs_attention: bool) -> None:
        self._edit_guest(guest_id, note=note, needs_attention=needs_attention)

    def forget_guest(self, guest_id: str) -> None:
        """Erase a person here and, through sync, on every other kiosk."""
        self.journal.record("forget", {"guest_id": guest_id})
