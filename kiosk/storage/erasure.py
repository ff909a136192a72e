"""Erasing one person (right to erasure) and anonymising guests whose days ended (purge).

These are the appliers of the journal's 'forget' and 'purge' changes: they run here when staff
erase or purge and on every other kiosk when the change arrives by sync, and do the same
everywhere, down to the bytes: what they blank or delete is overwritten in the database file
(secure_delete), and once their transaction has committed the write-ahead log is copied into
the database file and emptied (old page images of the person would stay in it otherwise).
Badge PDFs that a 'folder:' or 'pdf:' printer wrote for the guest go with their print jobs.
"""

from __future__ import annotations

import json
import logging
import operator
import time
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime
from functools import reduce

from peewee import Database, Value

from kiosk.core.model import Change
from kiosk.core.printouts import badge_file

from .guest_fields import ORGANIZATION_FIELDS, PERSONAL_FIELDS
from .models import Tables
from .rows import stamp_time

log = logging.getLogger(__name__)

GUEST_FORGOTTEN = "guest_forgotten"
PURGED_KEY_PREFIX = "anonymised:"  # lower case: a ticket key is upper case, so never a scanned code

# The tables that hold personal data, declared once: the guest row (its PERSONAL_FIELDS, and for an
# erasure its ORGANIZATION_FIELDS), the audit log (what staff typed about a guest), the journal's 'guest'
# changes (scrub_journal), and these rows, which name a guest in the columns given. An erasure removes
# them all; a purge removes those in PURGED_ROWS, the others stay for the report's counts.
GUEST_ROWS = {"CheckInRow": ("guest",), "CheckInScanRow": ("guest",),
              "ContactRow": ("guest_low", "guest_high"), "PrintJobRow": ("guest",),
              "AttendanceScanRow": ("guest",), "RoundSeatRow": ("guest",),
              "RoundTickRow": ("from_guest", "to_guest")}
PURGED_ROWS = ("PrintJobRow",)
_WIPE_ATTEMPTS = 20  # a checkpoint running on the Checkpointer's thread makes ours busy for a moment
_WIPE_PAUSE_SECONDS = 0.05
_WIPE_BUSY_TIMEOUT_MS = 200  # a reader that holds on longer: the wipe is tried again after the next commit


# -- forget ---------------------------------------------------------------------------------------
def erase_guest(store, guest_id: str) -> None:
    """Blank every personal field and remove the person's check-ins, contacts, print jobs and badge files.

    The row itself stays, marked forgotten, so that edits still travelling from other
    kiosks cannot bring the person back.
    """
    t = store.tables
    with wiping(store):
        organization = t.GuestRow.select(t.GuestRow.organization).where(t.GuestRow.id == guest_id).scalar()
        t.GuestRow.insert(id=guest_id, ticket_code="", ticket_key=f"~{guest_id}", device_id=store.device_id,
                          created_at=store.now(), updated_at=store.now()).on_conflict_ignore().execute()
        t.GuestRow.update(**dict.fromkeys(PERSONAL_FIELDS, ""), ticket_key=f"~{guest_id}", organization=None,
                          email_key="", days="[]", consent_contacts=False, walk_in=False, needs_review=False,
                          consent_answered=False, needs_attention=False,
                          field_clocks="{}", placeholder=False, forgotten=True, updated_at=store.now()).where(
            t.GuestRow.id == guest_id).execute()
        for table in GUEST_ROWS:
            remove_rows(t, table, [guest_id])
        # What staff typed about the person; the local note of the erasure itself names the id only.
        t.AuditRow.update(subject="", detail="").where(t.AuditRow.subject == guest_id,
                                                       t.AuditRow.action != GUEST_FORGOTTEN).execute()
        # The journal's earlier edits of this person must not keep what the tables no longer hold.
        scrub_journal(store.db, [guest_id], PERSONAL_FIELDS + ORGANIZATION_FIELDS)
        delete_if_orphaned(t, organization)
    store.forget_cached_organizations()


def delete_if_orphaned(t: Tables, organization_id: str | None) -> bool:
    """An organization nobody belongs to any more would still point at the person: it goes."""
    if organization_id is None or t.GuestRow.select().where(
            t.GuestRow.organization == organization_id).exists():
        return False
    return t.OrganizationRow.delete().where(t.OrganizationRow.id == organization_id).execute() > 0


def _naming(t: Tables, table: str, guest_ids: list[str]):
    """SQL: the rows of `table` (one of GUEST_ROWS) that name one of these guests."""
    model = getattr(t, table)
    return reduce(operator.or_, (getattr(model, column).in_(guest_ids) for column in GUEST_ROWS[table]))


def remove_rows(t: Tables, table: str, guest_ids: list[str]) -> int:
    """Delete the rows of `table` (one of GUEST_ROWS) that name these guests; returns how many."""
    if table == "PrintJobRow":  # with the badge files
        return remove_print_jobs(t, _naming(t, table, guest_ids))
    return getattr(t, table).delete().where(_naming(t, table, guest_ids)).execute()


def count_rows(t: Tables, table: str, guest_ids: list[str]) -> int:
    """How many rows of `table` (one of GUEST_ROWS) name these guests."""
    return getattr(t, table).select().where(_naming(t, table, guest_ids)).count()


# -- purge ----------------------------------------------------------------------------------------
def apply_purges(store, changes: list[Change]) -> None:
    """Applier of 'purge' changes ({"before": "YYYY-MM-DD"}): the latest date covers every earlier one,
    and a guest anonymised once stays so, so applying them again or in any order ends the same."""
    latest = max(changes, key=lambda c: (c.payload["before"], c.stamp))
    anonymise_ended(store, date.fromisoformat(latest.payload["before"]), stamp_time(latest.stamp))


def guests_due(t: Tables, before: date) -> list[str]:
    """Ids of the guests with data whose event days all ended before `before` (the registered days,
    or all event days when the registration named none, as for walk-ins)."""
    event_days = _event_days(t)
    GuestRow = t.GuestRow
    ended = [text for (text,) in GuestRow.select(GuestRow.days).distinct().tuples()
             if _last_day(text, event_days) < before]
    if not ended:
        return []
    query = GuestRow.select(GuestRow.id).where(GuestRow.days.in_(ended), ~GuestRow.forgotten, ~GuestRow.placeholder)
    return [guest_id for (guest_id,) in query.tuples()]


def anonymise_ended(store, before: date, when: datetime) -> list[str]:
    """Blank the personal fields of every guest due (see guests_due); organization, kind, category,
    days, walk-in flag, check-ins and contacts stay for the report. Returns the ids."""
    t = store.tables
    ids = guests_due(t, before)
    if not ids:
        return ids
    with wiping(store):
        for table in PURGED_ROWS:
            remove_rows(t, table, ids)
        t.AuditRow.update(detail="").where(t.AuditRow.subject.in_(ids)).execute()
        scrub_journal(store.db, ids, PERSONAL_FIELDS)
        t.GuestRow.update(_anonymised(t.GuestRow, when)).where(t.GuestRow.id.in_(ids)).execute()
    return ids


def _anonymised(GuestRow, when: datetime) -> dict:
    changes = {getattr(GuestRow, field): "" for field in PERSONAL_FIELDS}
    changes.update({GuestRow.email_key: "", GuestRow.ticket_key: Value(PURGED_KEY_PREFIX).concat(GuestRow.id),
                    # needs_review stays: a walk-in's contacts count once staff approve them, before or after purge
                    GuestRow.consent_contacts: False, GuestRow.needs_attention: False,
                    GuestRow.forgotten: True,
                    GuestRow.updated_at: when})
    return changes


def _event_days(t: Tables) -> tuple[date, ...]:
    row = t.EventRow.select(t.EventRow.days).tuples().first()
    return tuple(date.fromisoformat(d) for d in json.loads(row[0])) if row else ()


def _last_day(days_json: str, event_days: Iterable[date]) -> date:
    days = [date.fromisoformat(d) for d in json.loads(days_json)] or list(event_days)
    return max(days, default=date.max)


# -- shared by both ---------------------------------------------------------------------------------
def remove_print_jobs(t: Tables, condition) -> int:
    """Delete the print jobs matching `condition` and the badge PDFs folder and PDF printers wrote for
    them (a hot folder's tool may have taken its file already); returns how many jobs."""
    PrintJobRow = t.PrintJobRow
    jobs = PrintJobRow.select(PrintJobRow.id, PrintJobRow.printer).where(condition).tuples()
    for job_id, printer in jobs:
        path = badge_file(printer, job_id)
        if path is None:
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as error:  # the erasure of the data must not fail for a file; staff see the log
            log.warning("could not remove the badge file of print job %s: %s", job_id, error.strerror)
    return PrintJobRow.delete().where(condition).execute()


def scrub_journal(db: Database, guest_ids: Iterable[str], fields: tuple[str, ...]) -> int:
    """Blank `fields` in the journal's 'guest' changes of these guests; returns how many changes.

    json_replace only touches fields a change carries, so a change keeps its meaning for the
    other fields (a consent edit stays a consent edit) and replays the same on a new kiosk.
    """
    blanks = {"organization_kind": "other"}
    paths = ", ".join(f"'$.fields.{field}', ?" for field in fields)
    cursor = db.execute_sql(
        f"UPDATE change_row SET payload = json_replace(payload, {paths}) "
        "WHERE kind = 'guest' AND json_extract(payload, '$.id') IN (SELECT value FROM json_each(?))",
        [blanks.get(field, "") for field in fields] + [json.dumps(list(guest_ids))])
    return cursor.rowcount


class LogWipe:
    """Copies the write-ahead log into the database file and truncates it, once the erasing transaction
    has committed (called by the Checkpointer after each commit of the thread that erased)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.done = False

    def __call__(self) -> bool:
        """False while it must wait: still inside the transaction, or readers kept the log busy."""
        if self.db.in_transaction():
            return False
        self.done = truncate_log(self.db)
        return self.done


@contextmanager
def wiping(store):
    """Overwrite what the statements inside free, and wipe the log after their transaction commits.
    Yields the LogWipe (its `done` tells whether it has run); nested, the outer one's."""
    db = store.db
    previous = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = 1")
    try:
        yield store.checkpoints.after_commit("erasure", LogWipe(db))
    finally:
        db.execute_sql(f"PRAGMA secure_delete = {int(previous)}")


def truncate_log(db: Database) -> bool:
    """Checkpoint every frame and truncate the -wal file to nothing; False if it stayed busy."""
    timeout = db.execute_sql("PRAGMA busy_timeout").fetchone()[0]
    db.execute_sql(f"PRAGMA busy_timeout = {_WIPE_BUSY_TIMEOUT_MS}")
    try:
        for _ in range(_WIPE_ATTEMPTS):
            busy, _, _ = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            time.sleep(_WIPE_PAUSE_SECONDS)
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(timeout)}")
    log.info("wiping the write-ahead log after an erasure postponed: readers kept it busy")
    return False
