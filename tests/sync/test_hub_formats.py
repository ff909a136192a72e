"""A hub of the previous sealed format ("sealed/1": the sealed bytes as base64 text) is converted in
place to "sealed/2" (the same bytes as bytea) by the first kiosk that meets it: nothing is lost, every
row still opens only where it was sealed, and a hub that cannot be converted is left as it was."""

from __future__ import annotations

import binascii

import psycopg2
import pytest
from hub_support import DEVICE_B, assert_converged, canonical, check_in, first_kiosk, kiosk_from_bundle, pool

from kiosk.sync.hub import HUB_FORMAT, HubUnavailable, sync_with_hub

_OLD_SCHEMA = ("CREATE TABLE change_row (id varchar(36) NOT NULL, origin varchar(36) NOT NULL, "
               "seq integer NOT NULL, stamp varchar(255) NOT NULL, kind varchar(255) NOT NULL, "
               "payload text NOT NULL, PRIMARY KEY (origin, seq))",
               "CREATE TABLE hub_info (key varchar(255) PRIMARY KEY, value text NOT NULL)")


def _sql(dsn: str, statement: str, params: tuple = ()) -> list[tuple]:
    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def _as_base64_hub(dsn: str, event_id: str) -> list[tuple]:
    """Turn a hub into what the previous version left: payload "v1:" + base64 of the sealed bytes, as
    that version's Sealer wrote it (binascii, no line breaks). Returns the rows as sealed/2 held them."""
    rows = [(*row[:5], bytes(row[5])) for row in
            _sql(dsn, "SELECT id, origin, seq, stamp, kind, payload FROM change_row ORDER BY origin, seq")]
    _sql(dsn, "DROP TABLE change_row, hub_info")
    for statement in _OLD_SCHEMA:
        _sql(dsn, statement)
    for *clear, box in rows:
        _sql(dsn, "INSERT INTO change_row VALUES (%s, %s, %s, %s, %s, %s)",
             (*clear, "v1:" + binascii.b2a_base64(box, newline=False).decode()))
    _sql(dsn, "INSERT INTO hub_info VALUES ('format', 'sealed/1'), ('event_id', %s)", (event_id,))
    return rows


def _payload_type(dsn: str) -> str:
    return _sql(dsn, "SELECT data_type FROM information_schema.columns "
                     "WHERE table_name = 'change_row' AND column_name = 'payload'")[0][0]


def _format(dsn: str) -> str:
    return _sql(dsn, "SELECT value FROM hub_info WHERE key = 'format'")[0][0]


def test_a_base64_hub_is_converted_in_place_and_its_changes_still_open(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", DEVICE_B)
    first, second, third = pool(b, 3)
    check_in(b, first)
    check_in(b, second)
    sync_with_hub(b.store, hub_dsn)
    before = _as_base64_hub(hub_dsn, a.store.event().id)
    assert _payload_type(hub_dsn) == "text" and _format(hub_dsn) == "sealed/1"

    assert sync_with_hub(a.store, hub_dsn).pulled == 2  # B's check-ins, sealed by B, opened at A
    assert _payload_type(hub_dsn) == "bytea" and _format(hub_dsn) == HUB_FORMAT == "sealed/2"
    after = _sql(hub_dsn, "SELECT id, origin, seq, stamp, kind, payload FROM change_row ORDER BY origin, seq")
    assert [(*row[:5], bytes(row[5])) for row in after] == before  # the same sealed bytes, none re-sealed
    check_in(b, third)
    assert sync_with_hub(b.store, hub_dsn).pushed == 1
    sync_with_hub(a.store, hub_dsn)
    assert_converged(a, b)


def test_an_empty_hub_left_by_an_older_version_takes_the_sealed_bytes(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    for statement in _OLD_SCHEMA:
        _sql(hub_dsn, statement)
    _sql(hub_dsn, "INSERT INTO hub_info VALUES ('format', 'sealed/1')")
    total = sum(a.store.journal.vector().values())
    assert sync_with_hub(a.store, hub_dsn).pushed == total
    assert _payload_type(hub_dsn) == "bytea" and _format(hub_dsn) == HUB_FORMAT


def test_a_base64_hub_that_cannot_be_converted_is_refused_and_left_as_it_was(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", DEVICE_B)
    check_in(b, pool(b, 1)[0])
    sync_with_hub(b.store, hub_dsn)
    _as_base64_hub(hub_dsn, a.store.event().id)
    _sql(hub_dsn, "UPDATE change_row SET payload = 'v1:not*base64' WHERE seq = 1")
    held = _sql(hub_dsn, "SELECT * FROM change_row ORDER BY origin, seq")
    before = canonical(a.store)
    with pytest.raises(HubUnavailable, match="format sealed/1 that cannot be converted"):
        sync_with_hub(a.store, hub_dsn)
    assert canonical(a.store) == before
    assert _sql(hub_dsn, "SELECT * FROM change_row ORDER BY origin, seq") == held
    assert _payload_type(hub_dsn) == "text" and _format(hub_dsn) == "sealed/1"
