"""The one door to the database: domain objects in, domain objects out."""

from __future__ import annotations

import functools
import inspect
import json
from contextlib import AbstractContextManager
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from peewee import DatabaseError, SqliteDatabase, fn

from kiosk.core.model import (Category, CheckIn, ContactExchange, Event, Guest, Organization,
                              OrganizationKind, PrintJob, PrintStatus, new_id, utc_now)

from . import keys, migrations, replica
from .applying import id_list as _id_list
from .checkpoint import Checkpointer
from .journal import Journal
from .models import (AuditRow, CheckInRow, ContactRow, EventRow, GuestRow, OrganizationRow,
                     CheckInScanRow, PrintJobRow, Setting, SyncPeerRow, UtcDateTimeField, database)

# 64 MiB of page cache: random UUID keys make big imports cache-hungry. No cache spill: a bulk
# transaction keeps its dirty pages in memory instead of writing them to the WAL twice
# (100,000 imported guests: 2.0 s instead of 3.9 s for the guest rows). No automatic
# checkpoint inside commits: the Checkpointer does it on a thread of its own.
PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal", "busy_timeout": 5000,
           "cache_size": -65536, "cache_spill": 0, "wal_autocheckpoint": 0}


def _guest_fields(g: Guest) -> dict:
    """A guest as the journal's field values."""
    organization = g.organization
    return {"external_id": g.external_id, "ticket_code": g.ticket_code, "title": g.title,
            "first_name": g.first_name, "last_name": g.last_name,
            "organization": organization.name if organization else "",
            "organization_kind": str(organization.kind) if organization else "other",
            "category": str(g.category), "email": g.email, "days": list(_iso_days(g.days)),
            "consent_contacts": g.consent_contacts, "walk_in": g.walk_in}


@lru_cache(maxsize=1024)  # a guest list has a handful of distinct day sets
def _iso_days(days: tuple[date, ...]) -> tuple[str, ...]:
    return tuple(d.isoformat() for d in days)


def _utc_text(moment: datetime) -> str:
    return UtcDateTimeField().db_value(moment)


class NotADatabase(RuntimeError):
    """The file exists but is not an SQLite database the kiosk can use."""


class NoEvent(LookupError):
    """The database holds no event yet."""


class NotEnrolled(NoEvent):
    """The kiosk lacks the event's key: it must be enrolled from a kiosk that has it."""


def _days_to_json(days: Iterable[date]) -> str:
    return json.dumps([d.isoformat() for d in days])


@lru_cache(maxsize=1024)  # a list of 100,000 guests has a handful of distinct day sets
def _days_from_json(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in json.loads(text))


_GUEST_COLUMNS = (GuestRow.id, GuestRow.first_name, GuestRow.last_name, GuestRow.ticket_code, GuestRow.title,
                  GuestRow.organization, GuestRow.category, GuestRow.email, GuestRow.external_id,
                  GuestRow.days, GuestRow.consent_contacts, GuestRow.walk_in)


def _guest_from_tuple(values: tuple, organizations: dict[str, Organization]) -> Guest:
    (gid, first, last, ticket, title, org_id, category, email, external_id, days, consent, walk_in) = values
    return Guest(id=gid, first_name=first, last_name=last, ticket_code=ticket, title=title,
                 organization=organizations.get(org_id), category=Category(category), email=email,
                 external_id=external_id, days=_days_from_json(days), consent_contacts=bool(consent),
                 walk_in=bool(walk_in))


class Store:
    def __init__(self, db: SqliteDatabase, device_id: str) -> None:
        self.db = db
        self.checkpoints = Checkpointer(Path(db.database))
        self.device_id = device_id
        self._organizations: dict[str, Organization] | None = None  # by row id
        self.journal = Journal(self)

    @classmethod
    def open(cls, path: str | Path, device_id: str | None = None) -> "Store":
        """Open (or make) a kiosk database. It writes as its own replica (storage.replica): a copied
        file takes a new id here, before its first write. `device_id` fixes the id instead (tests)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = SqliteDatabase(str(path), pragmas=PRAGMAS)
        database.initialize(db)
        try:
            db.connect(reuse_if_open=True)
            migrations.migrate(db)
        except DatabaseError as error:
            db.close()
            raise NotADatabase(f"{path} is not a kiosk database ({error})") from None
        store = cls(db, replica.settle(db, path, device_id))
        store.journal.apply_held()
        return store

    def activate(self) -> None:
        """Point the models at this store's database (several stores can live in one process)."""
        if database.obj is not self.db:
            database.initialize(self.db)

    def close(self) -> None:
        self.checkpoints.close()
        self.db.close()  # the last connection to close copies what is left of the log

    def atomic(self) -> AbstractContextManager:
        """A write transaction. It takes the write lock before its first read (BEGIN IMMEDIATE): one
        that read first and found another writer (the hub sync) busy would have to fail once that
        writer commits, its snapshot stale. Nested, it is a savepoint."""
        return self.db.atomic("IMMEDIATE")

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
        return EventRow.select().exists()

    def event(self) -> Event:
        row = EventRow.select().first()
        if row is None:
            raise NoEvent("this database holds no event yet; create one with 'kiosk event create' or 'kiosk demo'")
        held = self.event_keys()
        if held is None or held.event_id != row.id:
            raise NotEnrolled("this kiosk holds the event's data but not its key; enrol it with 'kiosk enrol import'")
        return Event(id=row.id, name=row.name, venue=row.venue, days=_days_from_json(row.days),
                     secret=held.secret, timezone=row.timezone, walk_ins_allowed=row.walk_ins_allowed,
                     contact_consent_default=row.contact_consent_default)

    def event_keys(self) -> keys.EventKeys | None:
        """The event's secret and staff PIN hash: kept here, never journaled, never synced."""
        return keys.event_keys()

    def enrol(self, event_keys: keys.EventKeys) -> None:
        """Take an event's keys (from an enrolment file); a kiosk serves one event."""
        held = self.event_keys()
        if held is not None and held.event_id != event_keys.event_id:
            raise ValueError("this kiosk already belongs to another event; use a new database for this one")
        with self.atomic():
            keys.keep_event_keys(event_keys, utc_now())

    def create_event(self, event: Event, programme: list[dict] | None = None) -> None:
        with self.atomic():
            keys.keep_event_keys(keys.EventKeys(event.id, event.secret), utc_now())
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
        row = EventRow.select(EventRow.programme).first()
        return json.loads(row.programme) if row else []

    def staff_pin_hash(self) -> str:
        held = self.event_keys()
        return held.staff_pin_hash if held else ""

    def set_staff_pin_hash(self, pin_hash: str) -> None:
        keys.set_staff_pin_hash(self.event().id, pin_hash)

    def pin_lockout(self) -> tuple[int, float]:
        return keys.pin_lockout()

    def keep_pin_lockout(self, failures: int, locked_until: float) -> None:
        keys.keep_pin_lockout(failures, locked_until)

    # -- organizations -------------------------------------------------------
    def _organization_map(self) -> dict[str, Organization]:
        if self._organizations is None:
            self._organizations = {row.id: Organization(row.name, OrganizationKind(row.kind))
                                   for row in OrganizationRow.select()}
        return self._organizations

    def forget_cached_organizations(self) -> None:
        self._organizations = None

    def organizations(self) -> list[Organization]:
        return sorted(self._organization_map().values(), key=lambda o: o.name)

    # -- guests --------------------------------------------------------------
    def _select_guests(self, *conditions) -> list[Guest]:
        # Tuples, not model instances: building 100,000 peewee models takes seconds.
        query = GuestRow.select(*_GUEST_COLUMNS).where(~GuestRow.placeholder, ~GuestRow.forgotten, *conditions)
        organizations = self._organization_map()
        return [_guest_from_tuple(values, organizations) for values in query.tuples()]

    def guest(self, guest_id: str) -> Guest | None:
        found = self._select_guests(GuestRow.id == guest_id)
        return found[0] if found else None

    def guest_by_ticket(self, keys: Iterable[str]) -> Guest | None:
        for key in keys:
            found = self._select_guests(GuestRow.ticket_key == key)
            if found:
                return found[0]
        return None

    def guests(self) -> list[Guest]:
        """Every guest, in no particular order (callers sort as they show them)."""
        return self._select_guests()

    def guest_count(self) -> int:
        return GuestRow.select().where(~GuestRow.placeholder, ~GuestRow.forgotten).count()

    def ticket_keys(self) -> set[str]:
        return {key for (key,) in GuestRow.select(GuestRow.ticket_key).tuples()}

    def needs_review(self, guest_id: str) -> bool:
        return GuestRow.select().where(GuestRow.id == guest_id, GuestRow.needs_review).exists()

    def review_ids(self) -> set[str]:
        """Guests (walk-ins) that staff have not approved yet."""
        return {g for (g,) in GuestRow.select(GuestRow.id).where(GuestRow.needs_review, ~GuestRow.forgotten).tuples()}

    def set_needs_review(self, guest_id: str, flag: bool) -> None:
        self._edit_guest(guest_id, needs_review=flag)

    def add_guests(self, guests: Iterable[Guest]) -> None:
        """Record guests this database does not hold yet: every field is new, nothing to compare."""
        self.journal.record_many("guest", ({"id": g.id, "fields": _guest_fields(g)} for g in guests))

    def save_guests(self, guests: Iterable[Guest], needs_review: bool | None = None) -> None:
        """Record new guests, and for known ones only the fields that differ: an edit must not
        overwrite, with its stale values, fields another kiosk changed meanwhile."""
        guests = list(guests)
        stored = {g.id: g for g in self._select_guests(GuestRow.id.in_(_id_list(g.id for g in guests)))}
        payloads = []
        for guest in guests:
            fields = _guest_fields(guest)
            before = stored.get(guest.id)
            if before is not None:
                old = _guest_fields(before)
                fields = {name: value for name, value in fields.items() if old[name] != value}
            if needs_review is not None:
                fields["needs_review"] = needs_review
            if fields:
                payloads.append({"id": guest.id, "fields": fields})
        self.journal.record_many("guest", payloads)

    def _edit_guest(self, guest_id: str, **fields) -> None:
        self.journal.record("guest", {"id": guest_id, "fields": fields})

    def set_consent(self, guest_id: str, consent: bool) -> None:
        self._edit_guest(guest_id, consent_contacts=consent)

    # -- check-ins -------------------------------------------------------------
    @staticmethod
    def _to_check_in(row: CheckInRow) -> CheckIn:
        return CheckIn(guest_id=row.guest_id, day=row.day, at=row.at, id=row.id)

    def check_in_of(self, guest_id: str, day: date) -> CheckIn | None:
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
        query = CheckInRow.select().order_by(CheckInRow.at)
        if day is not None:
            query = query.where(CheckInRow.day == day)
        return [self._to_check_in(row) for row in query]

    def checked_in_ids(self, day: date | None = None, among: Iterable[str] | None = None) -> set[str]:
        query = CheckInRow.select(CheckInRow.guest).distinct()
        if day is not None:
            query = query.where(CheckInRow.day == day)
        if among is not None:
            query = query.where(CheckInRow.guest.in_(list(among)))
        return {guest_id for (guest_id,) in query.tuples()}

    def check_in_counts(self) -> dict[date, int]:
        query = (CheckInRow.select(CheckInRow.day, fn.COUNT(CheckInRow.id))
                 .group_by(CheckInRow.day).tuples())
        return {day: count for day, count in query}

    # -- contacts --------------------------------------------------------------
    @staticmethod
    def _to_contact(row: ContactRow) -> ContactExchange:
        return ContactExchange(row.guest_low_id, row.guest_high_id, row.at, row.day, row.id)

    def contact_between(self, a: str, b: str) -> ContactExchange | None:
        low, high = ContactExchange.pair(a, b)
        row = ContactRow.get_or_none(ContactRow.guest_low == low, ContactRow.guest_high == high)
        return self._to_contact(row) if row else None

    def add_contact(self, exchange: ContactExchange) -> None:
        self.journal.record("contact", {"id": exchange.id, "low": exchange.guest_low, "high": exchange.guest_high,
                                        "day": exchange.day.isoformat(), "at": _utc_text(exchange.at)})

    def forget_guest(self, guest_id: str) -> None:
        """Erase a person here and, through sync, on every other kiosk."""
        self.journal.record("forget", {"guest_id": guest_id})

    def contacts(self, day: date | None = None) -> list[ContactExchange]:
        query = ContactRow.select().order_by(ContactRow.at)
        if day is not None:
            query = query.where(ContactRow.day == day)
        return [self._to_contact(row) for row in query]

    def contact_count(self, guest_id: str) -> int:
        return ContactRow.select().where(
            (ContactRow.guest_low == guest_id) | (ContactRow.guest_high == guest_id)).count()

    # -- sync ------------------------------------------------------------------------
    def sync_peers(self) -> list[str]:
        return sorted({peer for (peer,) in SyncPeerRow.select(SyncPeerRow.peer).distinct().tuples()}
                      | {row.key[len("last_sync:"):] for row in Setting.select().where(
                          Setting.key.startswith("last_sync:"))})

    def mark_synced(self, peer: str, when: datetime) -> None:
        Setting.replace(key=f"last_sync:{peer}", value=when.isoformat()).execute()

    def last_synced(self, peer: str) -> datetime | None:
        row = Setting.get_or_none(Setting.key == f"last_sync:{peer}")
        return datetime.fromisoformat(row.value) if row else None

    def check_ins_at_several_kiosks(self) -> list[dict]:
        """Guest-days scanned at more than one kiosk (one badge used twice before the kiosks synced)."""
        query = (CheckInScanRow.select(CheckInScanRow.guest, CheckInScanRow.day,
                                       fn.COUNT(fn.DISTINCT(CheckInScanRow.device_id)).alias("kiosks"))
                 .group_by(CheckInScanRow.guest, CheckInScanRow.day)
                 .having(fn.COUNT(fn.DISTINCT(CheckInScanRow.device_id)) > 1).tuples())
        return [{"guest_id": guest_id, "day": day.isoformat() if hasattr(day, "isoformat") else day, "kiosks": n}
                for guest_id, day, n in query]

    # -- print jobs --------------------------------------------------------------
    @staticmethod
    def _to_print_job(row: PrintJobRow) -> PrintJob:
        return PrintJob(id=row.id, guest_id=row.guest_id, layout=row.layout, printer=row.printer,
                        status=PrintStatus(row.status), reason=row.reason, attempts=row.attempts,
                        created_at=row.created_at, updated_at=row.updated_at)

    def add_print_job(self, guest_id: str, layout: str, printer: str = "") -> PrintJob:
        row = PrintJobRow.create(id=new_id(), guest=guest_id, layout=layout, printer=printer,
                                 updated_at=utc_now(), **self._stamp())
        return self._to_print_job(row)

    def update_print_job(self, job_id: str, status: PrintStatus | str, reason: str = "") -> None:
        changes = {"status": str(status), "reason": reason, "updated_at": utc_now()}
        if str(status) == PrintStatus.PRINTING:
            changes["attempts"] = PrintJobRow.attempts + 1
        PrintJobRow.update(**changes).where(PrintJobRow.id == job_id).execute()

    def print_job(self, job_id: str) -> PrintJob | None:
        row = PrintJobRow.get_or_none(PrintJobRow.id == job_id)
        return self._to_print_job(row) if row else None

    def print_jobs(self, status: PrintStatus | str | None = None) -> list[PrintJob]:
        query = PrintJobRow.select().order_by(PrintJobRow.created_at.desc())
        if status is not None:
            query = query.where(PrintJobRow.status == str(status))
        return [self._to_print_job(row) for row in query]

    # -- audit -------------------------------------------------------------------
    def audit(self, action: str, subject: str = "", detail: str = "") -> None:
        AuditRow.create(id=new_id(), action=action, subject=subject, detail=detail, **self._stamp())

    def audit_log(self, limit: int = 200) -> list[tuple[datetime, str, str, str]]:
        query = (AuditRow.select(AuditRow.created_at, AuditRow.action, AuditRow.subject, AuditRow.detail)
                 .order_by(AuditRow.created_at.desc()).limit(limit).tuples())
        return list(query)


def _bound(method):
    @functools.wraps(method)
    def run_on_this_database(self, *args, **kwargs):
        self.activate()
        return method(self, *args, **kwargs)
    return run_on_this_database


# The models reach the database through one proxy; each Store method first points it at
# its own file, so kiosks in a sync test (one thread) can share a process safely.
for _name, _member in list(vars(Store).items()):
    if inspect.isfunction(_member) and not _name.startswith("__") and _name != "activate":
        setattr(Store, _name, _bound(_member))
