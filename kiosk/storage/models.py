"""peewee models. Every synced row carries a global id, its origin device and a creation time."""

from __future__ import annotations

from datetime import datetime, timezone

from peewee import (BooleanField, CharField, CompositeKey, DatabaseProxy, DateField, Field, ForeignKeyField,
                    IntegerField, Model, TextField)

database = DatabaseProxy()


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
        database = database
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


ALL_MODELS = [Setting, EventRow, OrganizationRow, GuestRow, CheckInRow, CheckInScanRow, CheckInUndoRow,
              ContactRow, PrintJobRow, AuditRow, ChangeRow, SyncPeerRow]


class HeldChangeRow(BaseModel):
    """A received change of a kind this version cannot apply yet: stored in the journal (and passed on
    by sync) but not applied. Store.open applies it once an updated kiosk knows its kind."""

    origin = CharField(max_length=36)
    seq = IntegerField()

    class Meta:
        primary_key = CompositeKey("origin", "seq")
        without_rowid = True


ALL_MODELS.append(HeldChangeRow)
