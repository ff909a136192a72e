"""Privacy: erase one guest (right to erasure); purge personal data after the retention period.

forget_guest(store, guest_id)
    The erasure itself is a 'forget' change in the journal (Store.forget_guest), applied by
    storage.erasure.erase_guest here now and on every other kiosk when they sync: the guest row
    stays as an empty row marked forgotten (so edits still travelling cannot bring the person
    back) and the person's check-ins, contacts and print jobs are removed. Removed, not kept as
    anonymous counts: every kiosk must end up with the same data, and a contact row is a fact
    about two people. The report's counts drop by that person's rows. This module then removes
    what the erasure leaves behind on this kiosk:
      - the person's data in the journal's earlier 'guest' changes (names, e-mail, ticket code);
      - what staff typed about them in the audit log (blanked before the erasure drops the subject);
      - their organization, when nobody else belongs to it;
      - the old values in the database file (secure_delete, then a WAL checkpoint).
    One local audit entry 'guest_forgotten' names the guest id only; the journal's forget change
    is the tombstone that travels.

purge_before(store, before)
    Guests whose event days all ended before `before` lose every personal field, in their row
    and in the journal. Organization, kind, category, registered days, walk-in flag, check-ins
    and contacts stay, so the report's counts do not change. Purged rows are marked forgotten too
    (no kiosk list shows them, sync cannot refill them); the ticket key 'anonymised:<id>' tells
    them from erased rows, which no longer count at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from peewee import Database, Value, fn

from .models import (AuditRow, ChangeRow, CheckInRow, ContactRow, EventRow, GuestRow, OrganizationRow,
                     PrintJobRow)

PURGED_KEY_PREFIX = "anonymised:"  # lower case: a ticket key is upper case, so never a scanned code
GUEST_FORGOTTEN = "guest_forgotten"
PERSONAL_DATA_PURGED = "personal_data_purged"
PERSONAL_FIELDS = ("external_id", "ticket_code", "title", "first_name", "last_name", "email")
ORGANIZATION_FIELDS = ("organization", "organization_kind")


def is_purged(model=GuestRow):
    """SQL: anonymised by purge_before (still counts in the report)."""
    return model.forgotten & (fn.substr(model.ticket_key, 1, len(PURGED_KEY_PREFIX)) == PURGED_KEY_PREFIX)


def counts_in_report(model=GuestRow):
    """SQL: a guest the report counts: everyone but the erased."""
    return ~model.forgotten | is_purged(model)


def nameable(model=GuestRow):
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
    """Erase one person on this kiosk and, through the journal, on every kiosk that syncs."""
    store.activate()
    row = (GuestRow.select(GuestRow.organization).where(GuestRow.id == guest_id, ~GuestRow.placeholder)
           .tuples().first())
    if row is None:
        return ForgetResult(guest_id, found=False)
    if guest_id in forgotten_ids(store):
        return ForgetResult(guest_id, found=True)  # erased before: nothing left to do
    with _secure_delete(store.db) as wiped:
        with store.atomic():
            removed = _rows_of(guest_id)
            audit = (AuditRow.update(subject="", detail="")
                     .where(AuditRow.subject == guest_id, AuditRow.action != GUEST_FORGOTTEN).execute())
            store.forget_guest(guest_id)
            scrubbed = scrub_journal(store.db, [guest_id], PERSONAL_FIELDS + ORGANIZATION_FIELDS)
            orphaned = _delete_if_orphaned(row[0])
            store.audit(GUEST_FORGOTTEN, guest_id)
    store.forget_cached_organizations()
    return ForgetResult(guest_id, True, *removed, audit, scrubbed, orphaned, wiped())


def forgotten_ids(store) -> set[str]:
    """Guest ids the journal holds an erasure for (made here or received by sync)."""
    cursor = store.db.execute_sql(
        f"SELECT json_extract(payload, '$.guest_id') FROM {ChangeRow._meta.table_name} WHERE kind = 'forget'")
    return {guest_id for (guest_id,) in cursor.fetchall()}


def purge_before(store, before: date, dry_run: bool = False) -> PurgeResult:
    """Anonymise every guest whose event days all ended before `before` (the registered days,
    or all event days when the registration named none, as for walk-ins)."""
    store.activate()
    event_days = _event_days()
    ended = [text for (text,) in GuestRow.select(GuestRow.days).distinct().tuples()
             if _last_day(text, event_days) < before]
    due = GuestRow.select(GuestRow.id).where(GuestRow.days.in_(ended), ~GuestRow.forgotten, ~GuestRow.placeholder)
    count = due.count() if ended else 0
    if dry_run or not count:
        return PurgeResult(before, count, dry_run=dry_run)
    with _secure_delete(store.db) as wiped:
        with store.atomic():
            ids = [guest_id for (guest_id,) in due.tuples()]
            jobs = PrintJobRow.delete().where(PrintJobRow.guest.in_(due)).execute()
            AuditRow.update(detail="").where(AuditRow.subject.in_(due)).execute()
            scrubbed = scrub_journal(store.db, ids, PERSONAL_FIELDS)
            GuestRow.update(_purged()).where(GuestRow.id.in_(due)).execute()
            store.audit(PERSONAL_DATA_PURGED, "", f"before {before.isoformat()}: {count} guests")
    return PurgeResult(before, count, jobs, scrubbed, wiped=wiped())


def scrub_journal(db: Database, guest_ids: Iterable[str], fields: tuple[str, ...]) -> int:
    """Blank `fields` in the journal's 'guest' changes of these guests; returns how many changes.

    json_replace only touches fields a change carries, so a change keeps its meaning for the
    other fields (a consent edit stays a consent edit) and replays the same on a new kiosk.
    """
    blanks = {"organization_kind": "other"}
    paths = ", ".join(f"'$.fields.{field}', ?" for field in fields)
    cursor = db.execute_sql(
        f"UPDATE {ChangeRow._meta.table_name} SET payload = json_replace(payload, {paths}) "
        "WHERE kind = 'guest' AND json_extract(payload, '$.id') IN (SELECT value FROM json_each(?))",
        [blanks.get(field, "") for field in fields] + [json.dumps(list(guest_ids))])
    return cursor.rowcount


def anonymised_count() -> int:
    return GuestRow.select().where(is_purged(GuestRow)).count()


def _rows_of(guest_id: str) -> tuple[int, int, int]:
    """(check-ins, contacts, print jobs) the erasure is about to remove."""
    in_contact = (ContactRow.guest_low == guest_id) | (ContactRow.guest_high == guest_id)
    return (CheckInRow.select().where(CheckInRow.guest == guest_id).count(),
            ContactRow.select().where(in_contact).count(),
            PrintJobRow.select().where(PrintJobRow.guest == guest_id).count())


def _delete_if_orphaned(organization_id: str | None) -> bool:
    if organization_id is None or GuestRow.select().where(GuestRow.organization == organization_id).exists():
        return False
    return OrganizationRow.delete().where(OrganizationRow.id == organization_id).execute() > 0


def _purged() -> dict:
    from kiosk.core.model import utc_now

    changes = {getattr(GuestRow, field): "" for field in PERSONAL_FIELDS}
    changes.update({GuestRow.email_key: "", GuestRow.ticket_key: Value(PURGED_KEY_PREFIX).concat(GuestRow.id),
                    GuestRow.consent_contacts: False, GuestRow.needs_review: False, GuestRow.forgotten: True,
                    GuestRow.updated_at: utc_now()})
    return changes


def _event_days() -> tuple[date, ...]:
    row = EventRow.select(EventRow.days).tuples().first()
    return tuple(date.fromisoformat(d) for d in json.loads(row[0])) if row else ()


def _last_day(days_json: str, event_days: Iterable[date]) -> date:
    days = [date.fromisoformat(d) for d in json.loads(days_json)] or list(event_days)
    return max(days, default=date.max)


@contextmanager
def _secure_delete(db: Database):
    """Overwrite freed space while inside; afterwards checkpoint the WAL. Yields 'did that work?'."""
    previous = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = 1")
    outcome = {"wiped": False}
    try:
        yield lambda: outcome["wiped"]
    finally:
        db.execute_sql(f"PRAGMA secure_delete = {int(previous)}")
    if not db.in_transaction():
        busy, _, _ = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        outcome["wiped"] = busy == 0
