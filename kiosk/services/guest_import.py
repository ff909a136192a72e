"""Apply a parsed guest list: update known guests (by external id, then e-mail), add new ones."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.bulk import bulk_work
from kiosk.core.codes import new_ticket_code, ticket_key
from kiosk.core.model import Event, Guest, Organization, OrganizationKind, new_id
from kiosk.core.search import fold
from kiosk.importing import GuestRecord, Notice, Rejection, read_guest_file
from kiosk.services.registration_notes import list_extras
from kiosk.storage import Store

SLICE_ROWS = 500  # guests per slice of bulk work: 10-30 ms each (storage.writer)


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False
    notices: list[Notice] = field(default_factory=list)  # imported lines, with what was done about them

    def as_json(self) -> dict:
        return {"source": self.source, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "dry_run": self.dry_run,
                "rejected": [{"line": r.line, "field": r.field, "reason": r.reason} for r in self.rejected],
                "notices": [{"line": n.line, "field": n.field, "reason": n.reason} for n in self.notices]}


class AmbiguousMatch(LookupError):
    pass


class _Matcher:
    """Finds the stored guest a record refers to, and guards ticket codes against reuse.

    Keys, strongest first: external id, e-mail, ticket code (with the same name), and
    for lists with none of those, name and organization when exactly one guest fits.
    """

    def __init__(self, guests: list[Guest], organizations: list[Organization]) -> None:
        self.by_external_id = {g.external_id: g for g in guests if g.external_id}
        self.by_email = {g.email.casefold(): g for g in guests if g.email}
        self.by_ticket = {ticket_key(g.ticket_code): g for g in guests}
        self.ticket_owner = {key: g.id for key, g in self.by_ticket.items()}
        self.by_name: dict[tuple[str, str, str], list[Guest]] = {}
        for guest in guests:
            if not (guest.external_id or guest.email):
                self.by_name.setdefault(_name_key(guest.first_name, guest.last_name, guest.organization_name),
                                        []).append(guest)
        self.organizations = {org.name: org for org in organizations}

    def match(self, record: GuestRecord) -> Guest | None:
        found = self.by_external_id.get(record.external_id) if record.external_id else None
        if found is None and record.email:
            found = self.by_email.get(record.email.casefold())
        if found is None and record.ticket_code:
            holder = self.by_ticket.get(ticket_key(record.ticket_code))
            # Same code, other name: more likely a typo than a transferred ticket, so it is refused later.
            if holder and _name_key(holder.first_name, holder.last_name, "") == _name_key(
                    record.first_name, record.last_name, ""):
                found = holder
        if found is None and not (record.external_id or record.email or record.ticket_code):
            namesakes = self.by_name.get(_name_key(record.first_name, record.last_name, record.organization), [])
            if len(namesakes) > 1:
                raise AmbiguousMatch("matches several guests of the same name; add an ID or e-mail column")
            found = namesakes[0] if namesakes else None
        return found

    def organization(self, record: GuestRecord) -> Organization | None:
        """An empty kind cell keeps the kind the organization already has."""
        if not record.organization:
            return None
        known = self.organizations.get(record.organization)
        if known is not None and record.organization_kind in (OrganizationKind.OTHER, known.kind):
            return known
        self.organizations[record.organization] = Organization(record.organization, record.organization_kind)
        return self.organizations[record.organization]

    def claim_ticket(self, code: str, guest_id: str) -> bool:
        owner = self.ticket_owner.setdefault(ticket_key(code), guest_id)
        return owner == guest_id

    def fresh_ticket(self, guest_id: str) -> str:
        while self.ticket_owner.setdefault(code := new_ticket_code(), guest_id) != guest_id:
            pass  # a generated code is its own key
        return code


def _name_key(first: str, last: str, organization: str) -> tuple[str, str, str]:
    return fold(first), fold(last), fold(organization)


def _apply_record(record: GuestRecord, known: Guest | None, guest_id: str, event: Event,
                  organization: Organization | None, ticket: str) -> Guest:
    fields = dict(first_name=record.first_name, last_name=record.last_name, title=record.title,
                  external_id=record.external_id, organization=organization, category=record.category,
                  email=record.email, days=record.days, ticket_code=ticket, **list_extras(record, known))
    if known is not None:
        consent = known.consent_contacts if record.consent is None else record.consent
        return replace(known, consent_contacts=consent, **fields)
    consent = event.contact_consent_default if record.consent is None else record.consent
    return Guest(id=guest_id, consent_contacts=consent, **fields)


def import_guests(store: Store, path: Path, dry_run: bool = False) -> ImportReport:
    """Import a guest list: the whole file is read and checked before the first write, so
    ImportFileError leaves the database untouched; then it is written in slices (_write)."""
    with bulk_work():
        return _import_guests(store, path, dry_run)


def _import_guests(store: Store, path: Path, dry_run: bool) -> ImportReport:
    event = store.event()
    parsed = read_guest_file(path, event)
    report = ImportReport(parsed.source, rejected=list(parsed.rejected), dry_run=dry_run,
                          notices=list(parsed.notices))
    matcher = _Matcher(store.guests(), store.organizations())
    added: list[Guest] = []
    changed: list[Guest] = []
    for record in parsed.records:
        try:
            known = matcher.match(record)
        except AmbiguousMatch as error:
            report.rejected.append(Rejection(record.line, str(error), "name"))
            continue
        guest_id = known.id if known else new_id()
        ticket = record.ticket_code
        if not ticket:  # the guest's own code, or a fresh one (both already theirs in the matcher)
            ticket = known.ticket_code if known else matcher.fresh_ticket(guest_id)
        elif not matcher.claim_ticket(ticket, guest_id):
            report.rejected.append(Rejection(record.line, "ticket code already belongs to another guest",
                                             "ticket code"))
            continue
        guest = _apply_record(record, known, guest_id, event, matcher.organization(record), ticket)
        if known is None:
            added.append(guest)
        elif guest != known:
            changed.append(guest)
        else:
            report.unchanged += 1
    report.created, report.updated = len(added), len(changed)
    report.rejected.sort(key=lambda r: r.line)
    if not dry_run:
        _write(store, added, changed)
    return report


def _write(store: Store, added: list[Guest], changed: list[Guest]) -> None:
    """Write in slices of bulk work: a check-in at the door waits for one slice, not the whole list.
    An import cut short keeps the slices written so far; run again, it matches those guests and
    updates them, never adding them twice."""
    added = sorted(added, key=lambda g: g.id)  # each slice a run of keys: fewer pages to write per commit
    with store.bulk():
        for start in range(0, len(added), SLICE_ROWS):
            with store.atomic():
                store.add_guests(added[start:start + SLICE_ROWS])
        for start in range(0, len(changed), SLICE_ROWS):
            with store.atomic():
                store.save_guests(changed[start:start + SLICE_ROWS])
