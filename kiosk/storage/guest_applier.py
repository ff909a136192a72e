"""The applier of journal 'guest' changes, and the placeholder rows of guests that check-ins and
contacts name before the guest's own data came (storage.applying describes the rules)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from operator import itemgetter

from kiosk.core.merge import merge_fields
from kiosk.core.model import Change

from .erasure import PURGED_KEY_PREFIX, scrub_journal, wiping
from .guest_fields import (FIELD_COLUMNS, ORGANIZATION_FIELDS, PERSONAL_FIELDS, ROW_COLUMNS, compact_clocks,
                           field_columns, fields_of_row, organization_id)
from .rows import insert_rows, stamp_text, upsert_rows

_row_values = itemgetter(*ROW_COLUMNS)  # a row dict as the tuple insert_rows takes
_SELECT_GUESTS = (f"SELECT {', '.join(ROW_COLUMNS)} FROM guest_row "
                  "WHERE id IN (SELECT value FROM json_each(?))")


def _load_guests(store, ids: list[str]) -> dict[str, dict]:
    """Stored guests as raw column values (times stay text, as upsert_rows writes them back)."""
    organizations = {oid: (name, kind) for oid, name, kind in
                     store.db.execute_sql("SELECT id, name, kind FROM organization_row").fetchall()}
    found = {}
    for values in store.db.execute_sql(_SELECT_GUESTS, (json.dumps(ids),)).fetchall():
        row = dict(zip(ROW_COLUMNS, values))
        row["_organization"], row["_organization_kind"] = organizations.get(row["organization_id"], ("", "other"))
        found[row["id"]] = row
    return found


def apply_guests(store, changes: list[Change]) -> None:
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
    dirty = _merge(rows, to_merge)
    _save_organizations(store, changes)
    # New guests take a plain INSERT, in key order: an upsert costs a third more per row.
    insert_rows(store.db, "guest_row", ROW_COLUMNS,
                sorted([*map(_first_row, first_heard), *(_row_values(rows[i]) for i in dirty - stored)]))
    upsert_rows(store.db, "guest_row", ROW_COLUMNS, [rows[i] for i in mentions if i in dirty and i in stored],
                keep=("forgotten",))
    store.forget_cached_organizations()


def _merge(rows: dict[str, dict], changes: list[Change]) -> set[str]:
    """Merge the changes into `rows` (by guest id), in clock order; returns the ids of the rows changed."""
    dirty: set[str] = set()
    for change in sorted(changes, key=lambda c: c.stamp):
        guest_id = change.payload["id"]
        fields = change.payload["fields"]
        known = rows.get(guest_id)
        if known is None:
            rows[guest_id] = _new_guest(change)
            dirty.add(guest_id)
            continue
        values, clocks, changed = merge_fields(fields_of_row(known), json.loads(known["field_clocks"]), fields,
                                               change.stamp)
        if not changed and known["first_stamp"] and known["first_stamp"] <= change.stamp:
            continue
        row = _guest_row(known, values, json.dumps(compact_clocks(clocks)), stamp_text(change.stamp))
        if not row["first_stamp"] or change.stamp < row["first_stamp"]:
            # Whoever registered the guest first is their origin, on every kiosk alike.
            row.update(first_stamp=change.stamp, device_id=change.origin, created_at=stamp_text(change.stamp))
        rows[guest_id] = row
        dirty.add(guest_id)
    return dirty


def _without_what_erasure_removed(changes: list[Change], forgotten: dict[str, dict]) -> list[Change]:
    """Late edits of erased guests go; those of purged (anonymised) guests keep their other fields, as
    on a kiosk that took the edit before the purge: both end alike whatever the order."""
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
    purged = {g for g, row in forgotten.items() if row["ticket_key"].startswith(PURGED_KEY_PREFIX)}
    erased = forgotten.keys() - purged
    with wiping(store):  # the old bytes are overwritten, as the erasure overwrites them
        for ids, fields in ((erased, PERSONAL_FIELDS + ORGANIZATION_FIELDS), (purged, PERSONAL_FIELDS)):
            if ids:
                scrub_journal(store.db, ids, fields)


def _first_row(change: Change) -> tuple:
    """The row of a guest first heard of, in ROW_COLUMNS order: every field given wins, at the
    change's clock; the others stay blank and unclocked."""
    guest_id, fields = change.payload["id"], change.payload["fields"]
    stamp = change.stamp
    when = stamp_text(stamp)
    clocks = _clocks_template(tuple(fields)).replace(_STAMP, stamp)
    return (guest_id, *field_columns(fields.get, f"~{guest_id}"), clocks, 0, 0, stamp, change.origin,
            when, when)


def _new_guest(change: Change) -> dict:
    fields = change.payload["fields"]
    return {**dict(zip(ROW_COLUMNS, _first_row(change))), "_organization": fields.get("organization") or "",
            "_organization_kind": fields.get("organization_kind") or "other"}


_STAMP = "@STAMP@"  # stamps are digits, dots and a device uuid: put in JSON as they are


@lru_cache(maxsize=256)  # an import gives every guest the same fields
def _clocks_template(fields: tuple[str, ...]) -> str:
    """The clocks of a guest first heard of: the given fields at the change's stamp, the others unset."""
    return json.dumps(compact_clocks(dict.fromkeys(fields, _STAMP)))


def _placeholder_row(guest_id: str, change: Change) -> tuple:
    """A guest a check-in or contact names before their own data came: every field blank and unclocked."""
    when = stamp_text(change.stamp)
    return (guest_id, *field_columns({}.get, f"~{guest_id}"), "{}", 1, 0, "", change.origin, when, when)


def _guest_row(row: dict, values: dict, clocks: str, when: str) -> dict:
    return {**row, **dict(zip(FIELD_COLUMNS, field_columns(values.get, row["ticket_key"]))),
            "_organization": values.get("organization") or "",
            "_organization_kind": values.get("organization_kind") or "other",
            "field_clocks": clocks, "placeholder": 0, "updated_at": when}


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
            row.update(first_stamp=first_stamp, device_id=origin, created_at=stamp_text(first_stamp))
        kind_stamp, kind = entry["kind"]
        if kind_stamp > row["kind_stamp"]:
            row.update(kind=kind, kind_stamp=kind_stamp)
        if row != before:
            rows.append(row)
    upsert_rows(store.db, "organization_row", _ORGANIZATION_COLUMNS, rows)


# Only the unusual come back to Python: guests with no row yet (forgotten is NULL) and erased ones.
_MISSING_OR_FORGOTTEN = """
SELECT j.value, g.forgotten FROM json_each(?) AS j LEFT JOIN guest_row AS g ON g.id = j.value
WHERE g.id IS NULL OR g.forgotten
"""


def known_guests(store, guest_ids: set[str], changes: list[Change]) -> set[str]:
    """Make sure every named guest has a row (a placeholder until their own data arrives);
    returns the ids of those who were erased, whose records must not come back."""
    # In key order: the look-ups then walk the index from left to right instead of jumping around.
    unusual = store.db.execute_sql(_MISSING_OR_FORGOTTEN, (json.dumps(sorted(guest_ids)),)).fetchall()
    missing = sorted(gid for gid, forgotten in unusual if forgotten is None)
    if missing:
        insert_rows(store.db, "guest_row", ROW_COLUMNS, [_placeholder_row(gid, changes[0]) for gid in missing])
    return {gid for gid, forgotten in unusual if forgotten}
