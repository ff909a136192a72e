"""Privacy: erase one guest (right to erasure); purge personal data after the retention period.

Both are changes in the journal, so they reach every kiosk by sync and are applied the same way
on each (storage.erasure holds the appliers): what they remove is overwritten in the database
file and the write-ahead log is emptied after them, and the badge PDFs that folder and PDF
printers wrote for the guests are deleted with their print jobs.

forget_guest(store, guest_id)
    A 'forget' change (Store.forget_guest), applied by erasure.erase_guest: the guest row stays as
    an empty row marked forgotten (so edits still travelling cannot bring the person back); the
    person's check-ins, contacts and print jobs are removed. Removed, not kept as anonymous counts:
    every kiosk must end up with the same data, and a contact row is a fact about two people. The
    report's counts drop by that person's rows. Also removed: the person's data in the journal's
    earlier 'guest' changes, what staff typed about them in the audit log, and their organization
    when nobody else belongs to it. One local audit entry 'guest_forgotten' names the guest id only;
    the journal's forget change is the tombstone that travels.

purge_before(store, before)
    A 'purge' change {"before": date}, applied by erasure.apply_purges: guests whose event days all
    ended before the date lose every personal field, in their row and in the journal. Organization,
    kind, category, registered days, walk-in flag, check-ins and contacts stay, so the report's
    counts do not change. Purged rows are marked forgotten too (no kiosk list shows them, sync
    cannot refill them); the ticket key 'anonymised:<id>' tells them from erased rows, which no
    longer count at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import fn

from .erasure import GUEST_FORGOTTEN, PURGED_KEY_PREFIX, count_rows, guests_due, scrub_journal, wiping
from .guest_fields import ORGANIZATION_FIELDS, PERSONAL_FIELDS
from .models import Tables

__all__ = ["GUEST_FORGOTTEN", "ORGANIZATION_FIELDS", "PERSONAL_DATA_PURGED", "PERSONAL_FIELDS", "ForgetResult",
           "PurgeResult", "anonymised_count", "counts_in_report", "forget_guest", "forgotten_ids", "is_purged",
           "nameable", "purge_before", "scrub_journal"]

PERSONAL_DATA_PURGED = "personal_data_purged"


def is_purged(model):
    """SQL: anonymised by purge_before (still counts in the report); `model`: a guest table or its alias."""
    return model.forgotten & (fn.substr(model.ticket_key, 1, len(PURGED_KEY_PREFIX)) == PURGED_KEY_PREFIX)


def counts_in_report(model):
    """SQL: a guest the report counts: everyone but the erased."""
    return ~model.forgotten | is_purged(model)


def nameable(model):
    """SQL: a guest who may be named to others: agreed to contact exchange, data known, not anonymised."""
    return model.consent_contacts & ~model.forgotten & ~model.placeholder


@dataclass(frozen=True)
class ForgetResult:
    guest_id: str
    found: bool
    check_ins_removed: int = 0
    contacts_removed: int = 0
    print_jobs_removed: int = 0
    audit_rows_cleared: int = 0
    journal_entries_scrubbed: int = 0
    organization_removed: bool = False
    wiped: bool = False  # the WAL was checkpointed: the old values are gone from the files too

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PurgeResult:
    before: date
    guests: int
    print_jobs_removed: int = 0
    journal_entries_scrubbed: int = 0
    dry_run: bool = False
    wiped: bool = False

    def as_json(self) -> dict:
        return {**self.__dict__, "before": self.before.isoformat()}


def forget_guest(store, guest_id: str) -> ForgetResult:
    """Erase one person on this kiosk and, through the journal, on every kiosk that syncs
    (the 'forget' change's applier, erasure.erase_guest, does the erasing, here as everywhere)."""
    t = store.tables
    GuestRow = t.GuestRow
    row = (GuestRow.select(GuestRow.organization).where(GuestRow.id == guest_id, ~GuestRow.placeholder)
           .tuples().first())
    if row is None:
        return ForgetResult(guest_id, found=False)
    if guest_id in forgotten_ids(store):
        return ForgetResult(guest_id, found=True)  # erased before: nothing left to do
    with wiping(store) as wipe:
        with store.atomic():
            removed = [count_rows(t, name, [guest_id]) for name in ("CheckInRow", "ContactRow", "PrintJobRow")]
            audit = t.AuditRow.select().where(t.AuditRow.subject == guest_id,
                                              t.AuditRow.action != GUEST_FORGOTTEN).count()
            scrubbed = _journal_entries_of(t, [guest_id])
            store.forget_guest(guest_id)
            orphaned = row[0] is not None and not t.OrganizationRow.select().where(
                t.OrganizationRow.id == row[0]).exists()
            store.audit(GUEST_FORGOTTEN, guest_id)
    store.checkpoints.request()  # runs the wipe now that the erasure has committed
    return ForgetResult(guest_id, True, *removed, audit, scrubbed, orphaned, wipe.done)


def forgotten_ids(store) -> set[str]:
    """Guest ids the journal holds an erasure for (made here or received by sync)."""
    cursor = store.db.execute_sql(
        "SELECT json_extract(payload, '$.guest_id') FROM change_row WHERE kind = 'forget'")
    return {guest_id for (guest_id,) in cursor.fetchall()}


def purge_before(store, before: date, dry_run: bool = False) -> PurgeResult:
    """Anonymise every guest whose event days all ended before `before`, here and, as a 'purge' change
    in the journal, on every kiosk that syncs (its applier is erasure.apply_purges)."""
    t = store.tables
    if dry_run:
        return PurgeResult(before, len(guests_due(t, before)), dry_run=True)
    if not guests_due(t, before) and _purged_since(t, before):
        return PurgeResult(before, 0)  # nothing to do here, and the other kiosks have been told
    with wiping(store) as wipe:
        with store.atomic():
            ids = guests_due(t, before)
            jobs = count_rows(t, "PrintJobRow", ids)
            scrubbed = _journal_entries_of(t, ids)
            store.journal.record("purge", {"before": before.isoformat()})
            store.audit(PERSONAL_DATA_PURGED, "", f"before {before.isoformat()}: {len(ids)} guests")
    store.checkpoints.request()
    return PurgeResult(before, len(ids), jobs, scrubbed, wiped=wipe.done)


def _purged_since(t: Tables, before: date) -> bool:
    """Whether the journal already holds a purge that covers `before`."""
    ChangeRow = t.ChangeRow
    return ChangeRow.select().where(ChangeRow.kind == "purge",
                                    fn.json_extract(ChangeRow.payload, "$.before") >= before.isoformat()).exists()


def anonymised_count(store) -> int:
    return store.tables.GuestRow.select().where(is_purged(store.tables.GuestRow)).count()


def _journal_entries_of(t: Tables, guest_ids: list[str]) -> int:
    """How many of the journal's 'guest' changes are about these guests (the ones an erasure scrubs)."""
    return t.ChangeRow.select().where(t.ChangeRow.kind == "guest",
                                      fn.json_extract(t.ChangeRow.payload, "$.id").in_(guest_ids)).count()
