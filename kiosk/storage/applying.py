"""Apply journal changes to the tables the kiosk reads, following the merge rules in core.merge.

Batches are applied kind by kind with bulk reads and writes; every rule gives the
same result in any order, so kiosks that apply the same changes hold the same data.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timezone
from functools import lru_cache
from operator import itemgetter
from typing import Iterable

from peewee import SQL

from kiosk.core.codes import ticket_key
from kiosk.core.merge import counting_scan, field_clock, merge_fields
from kiosk.core.model import Change

from .models import CheckInRow, CheckInScanRow, CheckInUndoRow, EventRow, UtcDateTimeField

ORGANIZATION_NAMESPACE = uuid.UUID("6f1c4b52-3f0e-4b7e-9a55-0f3c1d2e8a10")
GUEST_FIELDS = ("external_id", "ticket_code", "title", "first_name", "last_name", "organization",
                "organization_kind", "category", "email", "days", "consent_contacts", "walk_in", "needs_review")
# The secret and the staff PIN hash are not among them: changes from an older kiosk that still carry
# them are applied without them (those stay local, storage/keys.py).
EVENT_FIELDS = ("name", "venue", "timezone", "days", "walk_ins_allowed", "contact_consent_default", "programme")


@lru_cache(maxsize=4096)
def organization_id(name: str) -> str:
    """The same organization gets the same id on every kiosk."""
    return str(uuid.uuid5(ORGANIZATION_NAMESPACE, name))


def apply_changes(store, changes: list[Change]) -> list[Change]:
    """Apply the changes of every kind this version knows; returns the others, not applied (a newer
    kiosk made them: the journal holds them until this one is updated)."""
    by_kind: dict[str, list[Change]] = {}
    for change in changes:
        by_kind.setdefault(change.kind, []).append(change)
    for kind, applier in APPLIERS:
        if kind in by_kind:
            applier(store, by_kind.pop(kind))
    return [change for kind_changes in by_kind.values() for change in kind_changes]


def known_kinds() -> list[str]:
    return [kind for kind, _ in APPLIERS]


def compact_clocks(clocks: dict) -> dict:
    """The most common clock as '*', only the others by name: 100,000 guests need not carry 13 clocks
    each (a guest row of 1.3 kB becomes 0.4 kB, and writing 100,000 rows a quarter faster)."""
    spelled = {f: field_clock(clocks, f) for f in GUEST_FIELDS}
    common = Counter(spelled.values()).most_common(1)[0][0]
    return {"*": common, **{f: stamp for f, stamp in spelled.items() if stamp != common}}


# -- event -------------------------------------------------------------------------------------
def _apply_event(store, changes: list[Change]) -> None:
    for change in sorted(changes, key=lambda c: c.stamp):
        fields = {k: v for k, v in change.payload.items() if k in EVENT_FIELDS}
        row = EventRow.get_or_none()
        if row is None:
            EventRow.create(id=change.payload["id"], device_id=change.origin, created_at=_stamp_time(change),
                            field_clocks=json.dumps({k: change.stamp for k in fields}), **_event_columns(fields))
            continue
        if row.id != change.payload["id"]:
            raise ValueError("change belongs to another event")
        current = {k: getattr(row, k) for k in EVENT_FIELDS}
        values, clocks, changed = merge_fields(current, json.loads(row.field_clocks), _event_columns(fields),
                                               change.stamp)
        if changed:
            EventRow.update(field_clocks=json.dumps(clocks), **values).where(EventRow.id == row.id).execute()


def _event_columns(fields: dict) -> dict:
    columns = dict(fields)
    for name in ("days", "programme"):
        if name in columns and not isinstance(columns[name], str):
            columns[name] = json.dumps(columns[name], ensure_ascii=False)
    return columns


def _stamp_time(change: Change) -> datetime:
    return _millis_time(change.stamp[:16])


@lru_cache(maxsize=4096)  # a batch shares a handful of milliseconds
def _millis_time(millis: str) -> datetime:
    return datetime.fromtimestamp(int(millis) / 1000, timezone.utc)


def _stamp_text(stamp: str) -> str:
    """The moment of a clock stamp, as a time column stores it."""
    return _millis_text(stamp[:16])


@lru_cache(maxsize=4096)
def _millis_text(millis: str) -> str:
    return UtcDateTimeField().db_value(_millis_time(millis))


# -- guests -------------------------------------------------------------------------------------
# The columns that follow from a guest's field values (see _field_columns), then the bookkeeping.
_FIELD_COLUMNS = ("external_id", "ticket_code", "ticket_key", "title", "first_name", "last_name", "organization_id",
                  "category", "email", "email_key", "days", "consent_contacts", "walk_in", "needs_review")
_GUEST_COLUMNS = ("id", *_FIELD_COLUMNS, "field_clocks", "placeholder", "forgotten", "first_stamp", "device_id",
                  "created_at", "updated_at")
_guest_values = itemgetter(*_GUEST_COLUMNS)  # a row dict as the tuple _insert takes
_SELECT_GUESTS = (f"SELECT {', '.join(_GUEST_COLUMNS)} FROM guest_row "
                  "WHERE id IN (SELECT value FROM json_each(?))")


def _load_guests(store, ids: list[str]) -> dict[str, dict]:
    """Stored guests as raw column values (times stay text, as _upsert writes them back)."""
    organizations = {oid: (name, kind) for oid, name, kind in
                     store.db.execute_sql("SELECT id, name, kind FROM organization_row").fetchall()}
    found = {}
    for values in store.db.execute_sql(_SELECT_GUESTS, (json.dumps(ids),)).fetchall():
        row = dict(zip(_GUEST_COLUMNS, values))
        row["_organization"], row["_organization_kind"] = organizations.get(row["organization_id"], ("", "other"))
        found[row["id"]] = row
    return found


def id_list(ids: Iterable[str]):
    """Any number of ids as one SQL parameter (IN lists are capped at ~32,000 variables)."""
    return SQL("(SELECT value FROM json_each(?))", [json.dumps(list(ids))])


def _apply_guests(store, changes: list[Change]) -> None:
    mentions = Counter(c.payload["id"] for c in changes)
    rows = _load_guests(store, list(mentions))
    forgotten = {guest_id: row for guest_id, row in rows.items() if row["forgotten"]}
    if forgotten:
        _scrub_late_edits(store, forgotten)
        changes = _without_what_erasure_removed(changes, forgotten)
    # A guest first heard of, once in the batch (every guest of an import), needs no merging:
    # their row comes straight from the change.
    first_heard, to_merge = [], []
    for change in changes:
        guest_id = change.payload["id"]
        (first_heard if mentions[guest_id] == 1 and guest_id not in rows else to_merge).append(change)
    stored = set(rows)
    dirty: set[str] = set()
    for change in sorted(to_merge, key=lambda c: c.stamp):
        guest_id = change.payload["id"]
        fields = change.payload["fields"]
        known = rows.get(guest_id)
        if known is None:
            rows[guest_id] = _new_guest(change)
            dirty.add(guest_id)
            continue
        values, clocks, changed = merge_fields(_guest_fields(known), json.loads(known["field_clocks"]), fields,
                                               change.stamp)
        if not changed and known["first_stamp"] and known["first_stamp"] <= change.stamp:
            continue
        row = _guest_row(known, values, json.dumps(compact_clocks(clocks)), _stamp_text(change.stamp))
        if not row["first_stamp"] or change.stamp < row["first_stamp"]:
            # Whoever registered the guest first is their origin, on every kiosk alike.
            row.update(first_stamp=change.stamp, device_id=change.origin, created_at=_stamp_text(change.stamp))
        rows[guest_id] = row
        dirty.add(guest_id)
    _save_organizations(store, changes)
    # New guests take a plain INSERT, in key order: an upsert costs a third more per row.
    _insert(store, "guest_row", _GUEST_COLUMNS,
            sorted([*map(_first_row, first_heard), *(_guest_values(rows[i]) for i in dirty - stored)]))
    _upsert(store, "guest_row", _GUEST_COLUMNS, [rows[i] for i in mentions if i in dirty and i in stored],
            keep=("forgotten",))
    store.forget_cached_organizations()


def _without_what_erasure_removed(changes: list[Change], forgotten: dict[str, dict]) -> list[Change]:
    """Late edits of erased guests go; those of purged (anonymised) guests keep their other fields, as
    on a kiosk that took the edit before the purge: both end alike whatever the order."""
    from .erasure import PERSONAL_FIELDS, PURGED_KEY_PREFIX

    kept = []
    for change in changes:
        row = forgotten.get(change.payload["id"])
        if row is None:
            kept.append(change)
        elif row["ticket_key"].startswith(PURGED_KEY_PREFIX):
            fields = {k: v for k, v in change.payload["fields"].items() if k not in PERSONAL_FIELDS}
            kept.append(replace(change, payload={**change.payload, "fields": fields}, payload_text=""))
    return kept


def _scrub_late_edits(store, forgotten: dict[str, dict]) -> None:
    """Edits of guests erased (or anonymised) here that were still travelling, made where the erasure
    had not arrived yet: the journal keeps them, so every origin's sequence stays unbroken for sync,
    but without what the erasure (or the purge) removed; the tables take nothing of them, not even
    the organization they name."""
    from .erasure import ORGANIZATION_FIELDS, PERSONAL_FIELDS, PURGED_KEY_PREFIX, scrub_journal, wiping

    purged = {g for g, row in forgotten.items() if row["ticket_key"].startswith(PURGED_KEY_PREFIX)}
    erased = forgotten.keys() - purged
    with wiping(store):  # the old bytes are overwritten, as the erasure overwrites them
        for ids, fields in ((erased, PERSONAL_FIELDS + ORGANIZATION_FIELDS), (purged, PERSONAL_FIELDS)):
            if ids:
                scrub_journal(store.db, ids, fields)


def _first_row(change: Change) -> tuple:
    """The row of a guest first heard of, in _GUEST_COLUMNS order: every field given wins, at the
    change's clock; the others stay blank and unclocked."""
    guest_id, fields = change.payload["id"], change.payload["fields"]
    stamp = change.stamp
    when = _stamp_text(stamp)
    clocks = _clocks_template(tuple(fields)).replace(_STAMP, stamp)
    return (guest_id, *_field_columns(fields.get, f"~{guest_id}"), clocks, 0, 0, stamp, change.origin,
            when, when)


def _new_guest(change: Change) -> dict:
    fields = change.payload["fields"]
    return {**dict(zip(_GUEST_COLUMNS, _first_row(change))), "_organization": fields.get("organization") or "",
            "_organization_kind": fields.get("organization_kind") or "other"}


def _field_columns(value, no_ticket_key: str) -> tuple:
    """The values of _FIELD_COLUMNS from field values (`value` looks a field up; missing fields are blank)."""
    ticket = value("ticket_code") or ""
    organization = value("organization") or ""
    email = value("email") or ""
    return (value("external_id") or "", ticket, ticket_key(ticket) if ticket else no_ticket_key,
            value("title") or "", value("first_name") or "", value("last_name") or "",
            organization_id(organization) if organization else None, value("category") or "participant", email,
            email.strip().casefold(), _days_json(tuple(value("days") or ())),
            _flag(value("consent_contacts", True)), _flag(value("walk_in", False)),
            _flag(value("needs_review", False)))


def _flag(value) -> int:
    """Flags go to SQLite as 0 and 1: a bool is an int subclass, and the sqlite3 module looks for an
    adapter for every value that is not exactly an int (2.6 µs each; 500,000 for 100,000 guests)."""
    return 1 if value else 0


_STAMP = "@STAMP@"  # stamps are digits, dots and a device uuid: put in JSON as they are


@lru_cache(maxsize=256)  # an import gives every guest the same fields
def _clocks_template(fields: tuple[str, ...]) -> str:
    """The clocks of a guest first heard of: the given fields at the change's stamp, the others unset."""
    return json.dumps(compact_clocks(dict.fromkeys(fields, _STAMP)))


def _placeholder_row(guest_id: str, change: Change) -> tuple:
    """A guest a check-in or contact names before their own data came: every field blank and unclocked."""
    when = _stamp_text(change.stamp)
    return (guest_id, *_field_columns({}.get, f"~{guest_id}"), "{}", 1, 0, "", change.origin, when, when)


def _guest_fields(row: dict) -> dict:
    fields = {f: row.get(f) for f in GUEST_FIELDS if f in row}
    fields["days"] = json.loads(row["days"]) if isinstance(row["days"], str) else row["days"]
    for flag in ("consent_contacts", "walk_in", "needs_review"):
        fields[flag] = bool(fields[flag])
    fields["organization"] = row.get("_organization", "")
    fields["organization_kind"] = row.get("_organization_kind", "other")
    return fields


def _guest_row(row: dict, values: dict, clocks: str, when: str) -> dict:
    return {**row, **dict(zip(_FIELD_COLUMNS, _field_columns(values.get, row["ticket_key"]))),
            "_organization": values.get("organization") or "",
            "_organization_kind": values.get("organization_kind") or "other",
            "field_clocks": clocks, "placeholder": 0, "updated_at": when}


@lru_cache(maxsize=1024)
def _days_json(days: tuple[str, ...]) -> str:
    return json.dumps(list(days))


_ORGANIZATION_COLUMNS = ("id", "name", "kind", "first_stamp", "kind_stamp", "device_id", "created_at")


def _save_organizations(store, changes: list[Change]) -> None:
    """Every organization any guest change names, whether or not that change won its field: the
    earliest naming sets its origin, the latest kind given (other than 'other') sets its kind."""
    named: dict[str, dict] = {}
    for change in changes:
        fields = change.payload["fields"]
        name = fields.get("organization")
        if not name:
            continue
        stamp = change.stamp
        entry = named.get(name)
        if entry is None:
            entry = named[name] = {"first": (stamp, change.origin), "kind": ("", "other")}
        elif stamp < entry["first"][0]:  # stamps end in their device id: equal stamps are one change
            entry["first"] = (stamp, change.origin)
        kind = fields.get("organization_kind") or "other"
        if kind != "other" and stamp > entry["kind"][0]:
            entry["kind"] = (stamp, kind)
    if not named:
        return
    cursor = store.db.execute_sql(f"SELECT {', '.join(_ORGANIZATION_COLUMNS)} FROM organization_row "
                                  "WHERE name IN (SELECT value FROM json_each(?))", (json.dumps(list(named)),))
    existing = {values[1]: dict(zip(_ORGANIZATION_COLUMNS, values)) for values in cursor.fetchall()}
    rows = []
    for name, entry in named.items():
        row = existing.get(name) or {"id": organization_id(name), "name": name, "kind": "other", "first_stamp": "",
                                     "kind_stamp": "", "device_id": "", "created_at": None}
        before = dict(row)
        first_stamp, origin = entry["first"]
        if not row["first_stamp"] or first_stamp < row["first_stamp"]:
            row.update(first_stamp=first_stamp, device_id=origin, created_at=_stamp_text(first_stamp))
        kind_stamp, kind = entry["kind"]
        if kind_stamp > row["kind_stamp"]:
            row.update(kind=kind, kind_stamp=kind_stamp)
        if row != before:
            rows.append(row)
    _upsert(store, "organization_row", _ORGANIZATION_COLUMNS, rows)


def _insert(store, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows as tuples of column values, in `columns` order."""
    if rows:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        store.db.cursor().executemany(sql, rows)


def _upsert(store, table: str, columns: tuple[str, ...], rows: list[dict], keep: tuple[str, ...] = ()) -> None:
    """One prepared INSERT ... ON CONFLICT(id) DO UPDATE for many rows (peewee builds SQL per row: too slow).
    Rows hold column values as stored: times as UTC text (see _stamp_text)."""
    if not rows:
        return
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id" and c not in keep)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
           f"ON CONFLICT(id) {action}")
    store.db.cursor().executemany(sql, map(itemgetter(*columns), rows))


# Only the unusual come back to Python: guests with no row yet (forgotten is NULL) and erased ones.
_MISSING_OR_FORGOTTEN = """
SELECT j.value, g.forgotten FROM json_each(?) AS j LEFT JOIN guest_row AS g ON g.id = j.value
WHERE g.id IS NULL OR g.forgotten
"""


def _known_guests(store, guest_ids: set[str], changes: list[Change]) -> set[str]:
    """Make sure every named guest has a row (a placeholder until their own data arrives);
    returns the ids of those who were erased, whose records must not come back."""
    # In key order: the look-ups then walk the index from left to right instead of jumping around.
    unusual = store.db.execute_sql(_MISSING_OR_FORGOTTEN, (json.dumps(sorted(guest_ids)),)).fetchall()
    missing = sorted(gid for gid, forgotten in unusual if forgotten is None)
    if missing:
        _insert(store, "guest_row", _GUEST_COLUMNS, [_placeholder_row(gid, changes[0]) for gid in missing])
    return {gid for gid, forgotten in unusual if forgotten}


# -- check-ins ----------------------------------------------------------------------------------
_COUNT_NEW_SCANS = """
INSERT INTO check_in_row (id, guest_id, day, at, device_id, created_at)
SELECT s.id, s.guest_id, s.day, s.at, s.device_id, s.created_at
FROM check_in_scan_row s LEFT JOIN check_in_undo_row u ON u.guest_id = s.guest_id AND u.day = s.day
WHERE s.id IN (SELECT value FROM json_each(?)) AND (u.stamp IS NULL OR s.stamp > u.stamp)
ORDER BY s.at, s.id
ON CONFLICT(guest_id, day) DO UPDATE SET id = excluded.id, at = excluded.at, device_id = excluded.device_id,
    created_at = excluded.created_at
WHERE (excluded.at, excluded.id) < (check_in_row.at, check_in_row.id)
"""


def _apply_check_ins(store, changes: list[Change]) -> None:
    gone = _known_guests(store, {c.payload["guest_id"] for c in changes}, changes)
    rows = [(c.payload["id"], c.payload["guest_id"], c.payload["day"], c.payload["at"], c.stamp, c.origin,
             c.payload["at"]) for c in changes if c.payload["guest_id"] not in gone]
    rows.sort(key=itemgetter(1, 2))  # in (guest, day) index order: neighbouring writes share pages
    store.db.cursor().executemany(
        "INSERT OR IGNORE INTO check_in_scan_row (id, guest_id, day, at, stamp, device_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    # A new scan can only make a guest-day's counting scan earlier; undos take the full recount below.
    store.db.execute_sql(_COUNT_NEW_SCANS, (json.dumps(sorted(r[0] for r in rows)),))


def _apply_undos(store, changes: list[Change]) -> None:
    for change in changes:
        guest_id, day = change.payload["guest_id"], change.payload["day"]
        current = CheckInUndoRow.get_or_none(CheckInUndoRow.guest_id == guest_id, CheckInUndoRow.day == day)
        if current is None or change.stamp > current.stamp:
            CheckInUndoRow.replace(guest_id=guest_id, day=day, stamp=change.stamp).execute()
    _recount(store, {(c.payload["guest_id"], c.payload["day"]) for c in changes})


def _recount(store, guest_days: set[tuple[str, str]]) -> None:
    """Make CheckInRow hold, per guest and day, the scan that counts."""
    for guest_id, day in guest_days:
        day_value = date.fromisoformat(day) if isinstance(day, str) else day
        undo = CheckInUndoRow.get_or_none(CheckInUndoRow.guest_id == guest_id, CheckInUndoRow.day == day_value)
        scans = list(CheckInScanRow.select(CheckInScanRow.at, CheckInScanRow.id, CheckInScanRow.stamp,
                                           CheckInScanRow.device_id)
                     .where(CheckInScanRow.guest == guest_id, CheckInScanRow.day == day_value).tuples())
        best = counting_scan(((at, sid, stamp) for at, sid, stamp, _ in scans), undo.stamp if undo else "")
        current = CheckInRow.get_or_none(CheckInRow.guest == guest_id, CheckInRow.day == day_value)
        if best is not None and current is not None and current.id == best[1]:
            continue
        CheckInRow.delete().where(CheckInRow.guest == guest_id, CheckInRow.day == day_value).execute()
        if best is not None:
            device = next(d for at, sid, stamp, d in scans if sid == best[1])
            CheckInRow.insert(id=best[1], guest=guest_id, day=day_value, at=best[0], device_id=device,
                              created_at=best[0]).execute()


# -- contacts ------------------------------------------------------------------------------------
_KEEP_EARLIEST_CONTACT = """
INSERT INTO contact_row (id, guest_low_id, guest_high_id, day, at, device_id, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO NOTHING
ON CONFLICT(guest_low_id, guest_high_id) DO UPDATE SET id = excluded.id, day = excluded.day, at = excluded.at,
    device_id = excluded.device_id, created_at = excluded.created_at
WHERE (excluded.at, excluded.id) < (contact_row.at, contact_row.id)
"""


def _apply_contacts(store, changes: list[Change]) -> None:
    gone = _known_guests(store, {c.payload[k] for c in changes for k in ("low", "high")}, changes)
    rows = [(p["id"], p["low"], p["high"], p["day"], p["at"], c.origin, p["at"])
            for c in changes for p in (c.payload,) if not (gone and {p["low"], p["high"]} & gone)]
    rows.sort(key=itemgetter(1, 2))  # in pair index order (the earliest-wins rule does not care about order)
    store.db.cursor().executemany(_KEEP_EARLIEST_CONTACT, rows)


def _apply_forgets(store, changes: list[Change]) -> None:
    from . import erasure

    for change in changes:
        erasure.erase_guest(store, change.payload["guest_id"])


from .erasure import apply_purges  # noqa: E402  (erasure imports nothing from here)

APPLIERS = [("event", _apply_event), ("guest", _apply_guests), ("forget", _apply_forgets),
            ("check_in", _apply_check_ins), ("check_in_undo", _apply_undos), ("contact", _apply_contacts),
            ("purge", apply_purges)]
