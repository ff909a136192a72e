"""The one door to the database: domain objects in, domain objects out.

Each Store queries through its own set of models (models.bind): two stores in one process, on any
threads, never reach each other's file.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from peewee import DatabaseError, SqliteDatabase, fn

from kiosk.core.model import CheckIn, ContactExchange, Event, PrintJob, PrintStatus, new_id, utc_now

from . import keys, migrations, replica
from .checkpoint import Checkpointer
from .guest_fields import days_from_json
from .guest_records import GuestRecords
from .journal import Journal
from .models import Tables, UtcDateTimeField, bind
from .writer import WriterDatabase

# 64 MiB of page cache: random UUID keys make big imports cache-hungry. No cache spill: a bulk
# transaction keeps its dirty pages in memory instead of writing them to the WAL twice
# (100,000 imported guests: 2.0 s instead of 3.9 s for the guest rows). No automatic
# checkpoint inside commits: the Checkpointer does it on a thread of its own.
PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal", "busy_timeout": 5000,
           "cache_size": -65536, "cache_spill": 0, "wal_autocheckpoint": 0}


def _utc_text(moment: datetime) -> str:
    return UtcDateTimeField().db_value(moment)


class NotADatabase(RuntimeError):
    """The file exists but is not an SQLite database the kiosk can use."""


# SQLite's words when the file is sound but its disk refuses: a full or read-only disk cannot even
# take the write-ahead log, and calling the database damaged would have staff replace a good file.
_DISK_TROUBLE = ("disk i/o error", "database or disk is full", "readonly", "read-only", "unable to open")


def _unusable(path: Path, error: Exception) -> str:
    if any(words in str(error).lower() for words in _DISK_TROUBLE):
        return (f"cannot open {path}: {error}; is its disk full or read-only? "
                "The database itself was not changed")
    return f"{path} is not a kiosk database ({error})"


class NoEvent(LookupError):
    """The database holds no event yet."""


class NotEnrolled(NoEvent):
    """The kiosk lacks the event's key: it must be enrolled from a kiosk that has it."""


class Store(GuestRecords):
    def __init__(self, db: SqliteDatabase, device_id: str, tables: Tables | None = None) -> None:
        self.db = db
        self.tables = tables or bind(db)
        self.checkpoints = Checkpointer(Path(db.database))
        self.device_id = device_id
        self._organizations = None  # by row id (GuestRecords)
        self.journal = Journal(self)

    @classmethod
    def open(cls, path: str | Path, device_id: str | None = None) -> "Store":
        """Open (or make) a kiosk database. It writes as its own replica (storage.replica): a copied
        file takes a new id here, before its first write. `device_id` fixes the id instead (tests)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = WriterDatabase(str(path), pragmas=PRAGMAS)
        try:
            db.connect(reuse_if_open=True)
            migrations.migrate(db)
        except DatabaseError as error:
            db.close()
            raise NotADatabase(_unusable(path, error)) from None
        tables = bind(db)
        store = cls(db, replica.settle(tables, path, device_id), tables)
        store.journal.apply_held()
        return store

    def close(self) -> None:
        self.checkpoints.close()
        self.db.close()  # the last connection to close copies what is left of the log

    def atomic(self) -> AbstractContextManager:
        """A write transaction through this process's one writer (storage.writer): interactive,
        so it goes before bulk work, unless opened inside bulk(). Nested, it is a savepoint."""
        return self.db.writing()

    def bulk(self) -> AbstractContextManager:
        """Bulk work (imports, sync): the outermost atomic() blocks this thread opens inside are slices
        of one transaction, committed when an interactive writer waits, every 0.25 s and at the end
        (storage.writer). Keep each slice well under 100 ms, and wait for nothing but the database
        inside (no network: the door would wait too)."""
        return self.db.bulk_work()

    def snapshot(self) -> AbstractContextManager:
        """A read transaction: one consistent view of the data while others keep writing."""
        return self.db.atomic()

    @staticmethod
    def now() -> datetime:
        return utc_now()

    def _stamp(self) -> dict:
        return {"device_id": self.device_id, "created_at": utc_now()}

    # -- event -------------------------------------------------------------
    def has_event(self) -> bool:
        return self.tables.EventRow.select().exists()

    def event(self) -> Event:
        row = self.tables.EventRow.select().first()
        if row is None:
            raise NoEvent("this database holds no event yet; create one with 'kiosk event create' or 'kiosk demo'")
        held = self.event_keys()
        if held is None or held.event_id != row.id:
            raise NotEnrolled("this kiosk holds the event's data but not its key; enrol it with 'kiosk enrol import'")
        return Event(id=row.id, name=row.name, venue=row.venue, days=days_from_json(row.days),
                     secret=held.secret, timezone=row.timezone, walk_ins_allowed=row.walk_ins_allowed,
                     contact_consent_default=row.contact_consent_default)

    def event_keys(self) -> keys.EventKeys | None:
        """The event's secret and staff PIN hash: kept here, never journaled, never synced."""
        return keys.event_keys(self.tables)

    def enrol(self, event_keys: keys.EventKeys) -> None:
        """Take an event's keys (from an enrolment file); a kiosk serves one event."""
        held = self.event_keys()
        if held is not None and held.event_id != event_keys.event_id:
            raise ValueError("this kiosk already belongs to another event; use a new database for this one")
        with self.atomic():
            keys.keep_event_keys(self.tables, event_keys, utc_now())

    def create_event(self, event: Event, programme: list[dict] | None = None) -> None:
        with self.atomic():
            keys.keep_event_keys(self.tables, keys.EventKeys(event.id, event.secret), utc_now())
            self.journal.record("event", {
                "id": event.id, "name": event.name, "venue": event.venue, "timezone": event.timezone,
                "days": [d.isoformat() for d in event.days], "walk_ins_allowed": event.walk_ins_allowed,
                "contact_consent_default": event.contact_consent_default, "programme": programme or []})

    def update_event_settings(self, **settings: bool) -> None:
        allowed = {"walk_ins_allowed", "contact_consent_default"}
        if not settings.keys() <= allowed:
            raise ValueError(f"unknown event settings: {sorted(settings.keys() - allowed)}")
        self.journal.record("event", {"id": self.event().id, **settings})

    def programme(self) -> list[dict]:
        EventRow = self.tables.EventRow
        row = EventRow.select(EventRow.programme).first()
        return json.loads(row.programme) if row else []

    def staff_pin_hash(self) -> str:
        held = self.event_keys()
        return held.staff_pin_hash if held else ""

    def set_staff_pin_hash(self, pin_hash: str) -> None:
        keys.set_staff_pin_hash(self.tables, self.event().id, pin_hash)

    def pin_lockout(self) -> tuple[int, float]:
        return keys.pin_lockout(self.tables)

    def keep_pin_lockout(self, failures: int, locked_until: float) -> None:
        keys.keep_pin_lockout(self.tables, failures, locked_until)

    def kiosk_settings(self, prefix: str) -> dict[str, str]:
        """This kiosk's own settings named `prefix`...: the Setting table is never synced."""
        Setting = self.tables.Setting
        rows = Setting.select(Setting.key, Setting.value).where(Setting.key.startswith(prefix)).tuples()
        return {key[len(prefix):]: value for key, value in rows}

    def keep_kiosk_settings(self, prefix: str, values: dict[str, str]) -> None:
        with self.atomic():
            for name, value in values.items():
                self.tables.Setting.replace(key=prefix + name, value=value).execute()

    # -- check-ins -------------------------------------------------------------
    @staticmethod
    def _to_check_in(row) -> CheckIn:
        return CheckIn(guest_id=row.guest_id, day=row.day, at=row.at, id=row.id)

    def check_in_of(self, guest_id: str, day: date) -> CheckIn | None:
        CheckInRow = self.tables.CheckInRow
        row = CheckInRow.get_or_none(CheckInRow.guest == guest_id, CheckInRow.day == day)
        return self._to_check_in(row) if row else None

    def add_check_in(self, check_in: CheckIn) -> None:
        self.journal.record("check_in", {"id": check_in.id, "guest_id": check_in.guest_id,
                                         "day": check_in.day.isoformat(), "at": _utc_text(check_in.at)})

    def remove_check_in(self, guest_id: str, day: date) -> bool:
        """Staff undo: the guest's check-ins of that day made so far no longer count."""
        if self.check_in_of(guest_id, day) is None:
            return False
        self.journal.record("check_in_undo", {"guest_id": guest_id, "day": day.isoformat()})
        return True

    def check_ins(self, day: date | None = None) -> list[CheckIn]:
        CheckInRow = self.tables.CheckInRow
        query = CheckInRow.select().order_by(CheckInRow.at)
        if day is not None:
            query = query.where(CheckInRow.day == day)
        return [self._to_check_in(row) for row in query]

    def checked_in_ids(self, day: date | None = None, among: Iterable[str] | None = None) -> set[str]:
        CheckInRow = self.tables.CheckInRow
        query = CheckInRow.select(CheckInRow.guest).distinct()
        if day is not None:
            query = query.where(CheckInRow.day == day)
        if among is not None:
            query = query.where(CheckInRow.guest.in_(list(among)))
        return {guest_id for (guest_id,) in query.tuples()}

    def check_in_counts(self) -> dict[date, int]:
        CheckInRow = self.tables.CheckInRow
        query = (CheckInRow.select(CheckInRow.day, fn.COUNT(CheckInRow.id))
                 .group_by(CheckInRow.day).tuples())
        return {day: count for day, count in query}

    # -- contacts --------------------------------------------------------------
    @staticmethod
    def _to_contact(row) -> ContactExchange:
        return ContactExchange(row.guest_low_id, row.guest_high_id, row.at, row.day, row.id)

    def contact_between(self, a: str, b: str) -> ContactExchange | None:
        low, high = ContactExchange.pair(a, b)
        ContactRow = self.tables.ContactRow
        row = ContactRow.get_or_none(ContactRow.guest_low == low, ContactRow.guest_high == high)
        return self._to_contact(row) if row else None

    def add_contact(self, exchange: ContactExchange) -> None:
        self.journal.record("contact", {"id": exchange.id, "low": exchange.guest_low, "high": exchange.guest_high,
                                        "day": exchange.day.isoformat(), "at": _utc_text(exchange.at)})

    def contacts(self, day: date | None = None) -> list[ContactExchange]:
        ContactRow = self.tables.ContactRow
        query = ContactRow.select().order_by(ContactRow.at)
        if day is not None:
            query = query.where(ContactRow.day == day)
        return [self._to_contact(row) for row in query]

    def contact_count(self, guest_id: str) -> int:
        ContactRow = self.tables.ContactRow
        return ContactRow.select().where(
            (ContactRow.guest_low == guest_id) | (ContactRow.guest_high == guest_id)).count()

    # -- sync ------------------------------------------------------------------------
    def sync_peers(self) -> list[str]:
        SyncPeerRow, Setting = self.tables.SyncPeerRow, self.tables.Setting
        return sorted({peer for (peer,) in SyncPeerRow.select(SyncPeerRow.peer).distinct().tuples()}
                      | {row.key[len("last_sync:"):] for row in Setting.select().where(
                          Setting.key.startswith("last_sync:"))})

    def mark_synced(self, peer: str, when: datetime) -> None:
        self.tables.Setting.replace(key=f"last_sync:{peer}", value=when.isoformat()).execute()

    def last_synced(self, peer: str) -> datetime | None:
        Setting = self.tables.Setting
        row = Setting.get_or_none(Setting.key == f"last_sync:{peer}")
        return datetime.fromisoformat(row.value) if row else None

    def check_ins_at_several_kiosks(self) -> list[dict]:
        """Guest-days scanned at more than one kiosk (one badge used twice before the kiosks synced)."""
        CheckInScanRow = self.tables.CheckInScanRow
        query = (CheckInScanRow.select(CheckInScanRow.guest, CheckInScanRow.day,
                                       fn.COUNT(fn.DISTINCT(CheckInScanRow.device_id)).alias("kiosks"))
                 .group_by(CheckInScanRow.guest, CheckInScanRow.day)
                 .having(fn.COUNT(fn.DISTINCT(CheckInScanRow.device_id)) > 1).tuples())
        return [{"guest_id": guest_id, "day": day.isoformat() if hasattr(day, "isoformat") else day, "kiosks": n}
                for guest_id, day, n in query]

    # -- print jobs --------------------------------------------------------------
    @staticmethod
    def _to_print_job(row) -> PrintJob:
        return PrintJob(id=row.id, guest_id=row.guest_id, layout=row.layout, printer=row.printer,
                        status=PrintStatus(row.status), reason=row.reason, attempts=row.attempts,
                        created_at=row.created_at, updated_at=row.updated_at)

    def add_print_job(self, guest_id: str, layout: str, printer: str = "") -> PrintJob:
        row = self.tables.PrintJobRow.create(id=new_id(), guest=guest_id, layout=layout, printer=printer,
                                 updated_at=utc_now(), **self._stamp())
        return self._to_print_job(row)

    def update_print_job(self, job_id: str, status: PrintStatus | str, reason: str = "") -> None:
        PrintJobRow = self.tables.PrintJobRow
        changes = {"status": str(status), "reason": reason, "updated_at": utc_now()}
        if str(status) == PrintStatus.PRINTING:
            changes["attempts"] = PrintJobRow.attempts + 1
        PrintJobRow.update(**changes).where(PrintJobRow.id == job_id).execute()

    def print_job(self, job_id: str) -> PrintJob | None:
        PrintJobRow = self.tables.PrintJobRow
        row = PrintJobRow.get_or_none(PrintJobRow.id == job_id)
        return self._to_print_job(row) if row else None

    def print_jobs(self, status: PrintStatus | str | None = None) -> list[PrintJob]:
        PrintJobRow = self.tables.PrintJobRow
        query = PrintJobRow.select().order_by(PrintJobRow.created_at.desc())
        if status is not None:
            query = query.where(PrintJobRow.status == str(status))
        return [self._to_print_job(row) for row in query]

    # -- audit -------------------------------------------------------------------
    def audit(self, action: str, subject: str = "", detail: str = "") -> None:
        self.tables.AuditRow.create(id=new_id(), action=action, subject=subject, detail=detail, **self._stamp())

    def audit_log(self, limit: int = 200) -> list[tuple[datetime, str, str, str]]:
        AuditRow = self.tables.AuditRow
        query = (AuditRow.select(AuditRow.created_at, AuditRow.action, AuditRow.subject, AuditRow.detail)
                 .order_by(AuditRow.created_at.desc()).limit(limit).tuples())
        return list(query)

