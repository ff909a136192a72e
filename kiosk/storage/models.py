"""peewee models. Every synced row carries a global id, its origin device and a creation time.

The classes here declare the tables and are bound to no database: a Store queries through its own
set of them, made by `bind(db)`, so no query of one store can reach another store's file, whichever
thread runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timezone

from peewee import (BooleanField, CharField, CompositeKey, Database, DateField, Field, ForeignKeyField,
                    IntegerField, Model, TextField)


class UtcDateTimeField(Field):
    """An aware datetime stored as UTC ISO-8601 text, which sorts in time order."""

    field_type = "TEXT"

    def db_value(self, value: datetime | str | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):  # as journal payloads carry it
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            raise ValueError("naive datetime; the kiosk stores aware UTC times only")
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def python_value(self, value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class BaseModel(Model):
    class Meta:
        legacy_table_names = False


class SyncedModel(BaseModel):
    id = CharField(primary_key=True, max_length=36)
    device_id = CharField(max_length=36)
    created_at = UtcDateTimeField()


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class EventRow(SyncedModel):
    name = TextField()
    venue = TextField()
    timezone = CharField(default="Europe/Berlin")
    days = TextField()  # JSON list of ISO dates
    secret = CharField(default="")  # no longer used: the key stays in event_key (storage/keys.py)
    walk_ins_allowed = BooleanField(default=False)
    contact_consent_default = BooleanField(default=True)
    staff_pin_hash = TextField(default="")  # no longer used: see storage/keys.py
    programme = TextField(default="[]")  # JSON list of {day, start, end, de, en}
    field_clocks = TextField(default="{}")  # JSON {field: hybrid clock}, for merging edits


class OrganizationRow(SyncedModel):
    name = TextField(unique=True)
    kind = CharField(default="other")
    first_stamp = CharField(default="")  # the earliest change naming it: sets device_id and created_at
    kind_stamp = CharField(default="")  # the latest change giving it a kind


class GuestRow(SyncedModel):
    external_id = CharField(default="")
    ticket_code = TextField()
    ticket_key = TextField(unique=True)
    title = TextField(default="")
    first_name = TextField(default="")
    last_name = TextField(default="")
    organization = ForeignKeyField(OrganizationRow, null=True, column_name="organization_id",
                                   on_delete="SET NULL")
    category = CharField(default="participant")
    email = TextField(default="")
    email_key = TextField(default="")
    days = TextField(default="[]")
    consent_contacts = BooleanField(default=True)
    walk_in = BooleanField(default=False)
    needs_review = BooleanField(default=False)
    consent_answered = BooleanField(default=False)  # consent_contacts is an answer, not the event's default
    needs_attention = BooleanField(default=False)  # staff want to see the guest at the info desk
    note = TextField(default="")  # for staff at check-in; personal data (erasure and purge blank it)
    name_review = BooleanField(default=False)  # the guest corrected their name at the kiosk: staff check it
    updated_at = UtcDateTimeField()
    field_clocks = TextField(default="{}")  # JSON {field or '*': hybrid clock}, for merging edits
    placeholder = BooleanField(default=False)  # named by a synced check-in/contact before its data came
    forgotten = BooleanField(default=False)  # erased on request; later edits must not bring data back
    first_stamp = CharField(default="")  # the earliest change about this guest: sets device_id and created_at


class CheckInRow(SyncedModel):
    guest = ForeignKeyField(GuestRow, column_name="guest_id", on_delete="CASCADE", index=False)  # (guest, day) serves
    day = DateField()
    at = UtcDateTimeField()

    class Meta:
        indexes = ((("guest", "day"), True), (("day", "at"), False))


class CheckInScanRow(SyncedModel):
    """Every check-in scan from every kiosk; CheckInRow holds the one that counts."""

    guest = ForeignKeyField(GuestRow, column_name="guest_id", on_delete="CASCADE", index=False)  # (guest, day) serves
    day = DateField()
    at = UtcDateTimeField()
    stamp = CharField()  # hybrid clock of the scan

    class Meta:
        indexes = ((("guest", "day"), False),)


class CheckInUndoRow(BaseModel):
    """Staff undid a guest's check-in for a day: scans made before `stamp` no longer count."""

    guest_id = CharField(max_length=36)
    day = DateField()
    stamp = CharField()

    class Meta:
        primary_key = CompositeKey("guest_id", "day")


class ContactRow(SyncedModel):
    guest_low = ForeignKeyField(GuestRow, column_name="guest_low_id", on_delete="CASCADE",
                                index=False)  # (guest_low, guest_high) serves
    guest_high = ForeignKeyField(GuestRow, column_name="guest_high_id", on_delete="CASCADE",
                                 index=True)
    day = DateField(index=True)
    at = UtcDateTimeField()
    source = CharField(default="scan")  # "scan": two badges at the kiosk; "rounds": mutual ticks of tablemates

    class Meta:
        indexes = ((("guest_low", "guest_high"), True),)


class PrintJobRow(SyncedModel):
    guest = ForeignKeyField(GuestRow, column_name="guest_id", on_delete="CASCADE")
    layout = CharField()
    printer = CharField(default="")
    status = CharField(default="queued", index=True)
    reason = TextField(default="")
    attempts = IntegerField(default=0)
    updated_at = UtcDateTimeField()


class AuditRow(SyncedModel):
    action = CharField()
    subject = CharField(default="")  # a guest id, never a name
    detail = TextField(default="")


class ChangeRow(BaseModel):
    """The change journal: every change to synced data, from this kiosk or received."""

    id = CharField(max_length=36)  # global id of the change, for tracing
    origin = CharField(max_length=36)  # the device that made the change
    seq = IntegerField()  # per origin: 1, 2, 3 ...
    stamp = CharField()  # hybrid clock
    kind = CharField()
    payload = TextField()  # JSON

    class Meta:
        # Clustered by (origin, seq): appending a device's changes is a write at the end of the tree.
        primary_key = CompositeKey("origin", "seq")
        without_rowid = True


class SyncPeerRow(BaseModel):
    """What a hub or peer kiosk is known to hold: the highest sequence per origin."""

    peer = CharField()
    origin = CharField(max_length=36)
    seq = IntegerField()

    class Meta:
        primary_key = CompositeKey("peer", "origin")


class HeldChangeRow(BaseModel):
    """A received change of a kind this version cannot apply yet: stored in the journal (and passed on
    by sync) but not applied. Store.open applies it once an updated kiosk knows its kind."""

    origin = CharField(max_length=36)
    seq = IntegerField()

    class Meta:
        primary_key = CompositeKey("origin", "seq")
        without_rowid = True


class SessionRow(SyncedModel):
    """A programme session (core.programme.Session). The latest change wins the whole row ('stamp'); a
    deleted session keeps its id and stamp only, so an older edit arriving later cannot revive it."""

    day = DateField(null=True)
    start = CharField(default="")  # local "HH:MM"
    end = CharField(default="")
    title_de = TextField(default="")
    title_en = TextField(default="")
    room = TextField(default="")
    kind = CharField(default="other")
    capacity = IntegerField(null=True)
    deleted = BooleanField(default=False)
    stamp = CharField()  # hybrid clock of the change that wrote the row

    class Meta:
        indexes = ((("day", "start"), False),)


class AttendanceScanRow(SyncedModel):
    """Every attendance scan from every kiosk; per guest and session the earliest one after the last
    undo counts (storage.programme reads it so)."""

    session_id = CharField(max_length=36)
    guest = ForeignKeyField(GuestRow, column_name="guest_id", on_delete="CASCADE")
    at = UtcDateTimeField()
    stamp = CharField()

    class Meta:
        indexes = ((("session_id", "guest"), False),)


class AttendanceUndoRow(BaseModel):
    """Staff undid a guest's attendance of a session: scans made before `stamp` no longer count."""

    guest_id = CharField(max_length=36)
    session_id = CharField(max_length=36)
    stamp = CharField()

    class Meta:
        primary_key = CompositeKey("guest_id", "session_id")


class RoundPlanRow(BaseModel):
    """A session's round plan (speed networking) or quiz teams: the latest plan wins (stamp); its seats
    are in round_seat_row. storage.rounds_applier states the rules."""

    session_id = CharField(primary_key=True, max_length=36)
    kind = CharField(default="rounds")  # "rounds" or "quiz"
    table_size = IntegerField()
    remainder = CharField(default="smaller")
    rounds = IntegerField()
    minutes = IntegerField()
    source = CharField(default="attendance")  # who was planned: "attendance" or "check_ins"
    details = TextField(default="{}")  # JSON: hosts, table names, the planner's figures
    stamp = CharField()
    device_id = CharField(max_length=36)
    created_at = UtcDateTimeField()


class RoundSeatRow(BaseModel):
    """Who sits at which table in which round: the latest plan's seating, except in started rounds,
    which keep the seating their start carried."""

    session_id = CharField(max_length=36)
    round_no = IntegerField()
    guest = ForeignKeyField(GuestRow, column_name="guest_id", on_delete="CASCADE")
    table_no = IntegerField()  # the table's place in the round (0-based), for the order of sheets
    label = CharField()

    class Meta:
        primary_key = CompositeKey("session_id", "round_no", "guest")


class RoundStartRow(BaseModel):
    """Staff started a round: the earliest start (started_at, stamp) per round counts."""

    session_id = CharField(max_length=36)
    round_no = IntegerField()
    started_at = UtcDateTimeField()
    stamp = CharField()
    device_id = CharField(max_length=36)

    class Meta:
        primary_key = CompositeKey("session_id", "round_no")


class RoundTickRow(BaseModel):
    """A guest ticked a tablemate they exchanged contacts with (grow-only; erasure removes a guest's)."""

    session_id = CharField(max_length=36)
    from_guest = ForeignKeyField(GuestRow, column_name="from_guest_id", on_delete="CASCADE", index=False)
    to_guest = ForeignKeyField(GuestRow, column_name="to_guest_id", on_delete="CASCADE")
    at = UtcDateTimeField()
    day = DateField()
    stamp = CharField()
    device_id = CharField(max_length=36)

    class Meta:
        primary_key = CompositeKey("session_id", "from_guest", "to_guest")
        indexes = ((("from_guest", "session_id"), False),)


class EventKeyRow(BaseModel):
    """The event's key material, kept on this kiosk only (storage/keys.py): no sync reads this table."""

    event_id = CharField(primary_key=True, max_length=36)
    secret = TextField()  # hex
    staff_pin_hash = TextField(default="")
    enrolled_at = UtcDateTimeField()

    class Meta:
        table_name = "event_key"


@dataclass(frozen=True)
class Tables:
    """Every model, bound to one database. In dependency order: a model after those it refers to."""

    Setting: type[Setting]
    EventRow: type[EventRow]
    OrganizationRow: type[OrganizationRow]
    GuestRow: type[GuestRow]
    CheckInRow: type[CheckInRow]
    CheckInScanRow: type[CheckInScanRow]
    CheckInUndoRow: type[CheckInUndoRow]
    ContactRow: type[ContactRow]
    PrintJobRow: type[PrintJobRow]
    AuditRow: type[AuditRow]
    ChangeRow: type[ChangeRow]
    SyncPeerRow: type[SyncPeerRow]
    HeldChangeRow: type[HeldChangeRow]
    EventKeyRow: type[EventKeyRow]
    SessionRow: type[SessionRow]
    AttendanceScanRow: type[AttendanceScanRow]
    AttendanceUndoRow: type[AttendanceUndoRow]
    RoundPlanRow: type[RoundPlanRow]
    RoundSeatRow: type[RoundSeatRow]
    RoundStartRow: type[RoundStartRow]
    RoundTickRow: type[RoundTickRow]

    def all(self) -> list[type[Model]]:
        return [getattr(self, f.name) for f in fields(self)]


ALL_MODELS = [Setting, EventRow, OrganizationRow, GuestRow, CheckInRow, CheckInScanRow, CheckInUndoRow,
              ContactRow, PrintJobRow, AuditRow, ChangeRow, SyncPeerRow, HeldChangeRow, EventKeyRow,
              SessionRow, AttendanceScanRow, AttendanceUndoRow, RoundPlanRow, RoundSeatRow, RoundStartRow,
              RoundTickRow]


def bind(db: Database) -> Tables:
    """A set of the models bound to `db` (subclasses, their references to each other bound alike):
    made once per Store, it costs nothing per query."""
    bound: dict[str, type[Model]] = {}
    for template in ALL_MODELS:
        bound[template.__name__] = bound_copy(template, db, bound)
    return Tables(**bound)


def bound_copy(template: type[Model], db: Database, bound: dict[str, type[Model]] | None = None,
               **options) -> type[Model]:
    """`template` bound to `db`; its foreign keys point at the copies in `bound`. `options`: Meta options."""
    meta = {"database": db, "table_name": template._meta.table_name,
            "without_rowid": template._meta.without_rowid, **options}
    attrs = {"__module__": __name__, "Meta": type("Meta", (), meta)}
    for key in template._meta.refs:
        copy = ForeignKeyField(bound[key.rel_model.__name__], column_name=key.column_name, null=key.null,
                               index=key.index, on_delete=key.on_delete, backref="+")
        copy._order, copy._sort_key = key._order, key._sort_key  # peewee orders columns by creation
        attrs[key.name] = copy
    return type(template.__name__, (template,), attrs)
