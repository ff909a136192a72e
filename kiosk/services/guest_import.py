"""Apply a parsed guest list: update known guests (by external id, then e-mail), add new ones."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.core.codes import new_ticket_code, ticket_key
from kiosk.core.model import Event, Guest, Organization, new_id
from kiosk.importing import GuestRecord, Rejection, read_guest_file
from kiosk.storage import Store


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict:
        return {"source": self.source, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "dry_run": self.dry_run,
                "rejected": [{"line": r.line, "field": r.field, "reason": r.reason} for r in self.rejected]}


class _Matcher:
    """Finds the stored guest a record refers to, and guards ticket codes against reuse."""

    def __init__(self, guests: list[Guest]) -> None:
        self.by_external_id = {g.external_id: g for g in guests if g.external_id}
        self.by_email = {g.email.casefold(): g for g in guests if g.email}
        self.ticket_owner = {ticket_key(g.ticket_code): g.id for g in guests}

    def match(self, record: GuestRecord) -> Guest | None:
        found = self.by_external_id.get(record.external_id) if record.external_id else None
        if found is None and record.email:
            found = self.by_email.get(record.email.casefold())
        return found

    def claim_ticket(self, code: str, guest_id: str) -> bool:
        owner = self.ticket_owner.setdefault(ticket_key(code), guest_id)
        return owner == guest_id

    def fresh_ticket(self, guest_id: str) -> str:
        while not self.claim_ticket(code := new_ticket_code(), guest_id):
            pass
        return code


def _apply_record(record: GuestRecord, known: Guest | None, guest_id: str, event: Event,
                  ticket: str) -> Guest:
    organization = Organization(record.organization, record.organization_kind) if record.organization else None
    fields = dict(first_name=record.first_name, last_name=record.last_name, title=record.title,
                  external_id=record.external_id, organization=organization, category=record.category,
                  email=record.email, days=record.days, ticket_code=ticket)
    if known is not None:
        consent = known.consent_contacts if record.consent is None else record.consent
        return replace(known, consent_contacts=consent, **fields)
    consent = event.contact_consent_default if record.consent is None else record.consent
    return Guest(id=guest_id, consent_contacts=consent, **fields)


def import_guests(store: Store, path: Path, dry_run: bool = False) -> ImportReport:
    """Import a guest list in one transaction; ImportFileError leaves the database untouched."""
    event = store.event()
    parsed = read_guest_file(path, event)
    report = ImportReport(parsed.source, rejected=list(parsed.rejected), dry_run=dry_run)
    matcher = _Matcher(store.guests())
    to_save: list[Guest] = []
    for record in parsed.records:
        known = matcher.match(record)
        guest_id = known.id if known else new_id()
        ticket = record.ticket_code or (known.ticket_code if known else matcher.fresh_ticket(guest_id))
        if not matcher.claim_ticket(ticket, guest_id):
            report.rejected.append(Rejection(record.line, "ticket code already belongs to another guest",
                                             "ticket code"))
            continue
        guest = _apply_record(record, known, guest_id, event, ticket)
        if known is None:
            report.created += 1
        elif guest == known:
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        to_save.append(guest)
    report.rejected.sort(key=lambda r: r.line)
    if not dry_run and to_save:
        store.save_guests(to_save)
    return report
