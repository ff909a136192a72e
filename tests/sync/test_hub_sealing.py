"""The hub is a blind relay: a copy of its database shows no name, e-mail, secret or PIN hash, and
rows it did not get from a kiosk of the event (moved, altered, foreign, or from an older unsealed
version) are refused without changing the kiosk."""

from __future__ import annotations

import psycopg2
import pytest
from hub_support import DEVICE_B, canonical, check_in, contact, first_kiosk, kiosk_from_bundle, pool

from kiosk.sync.hub import Hub, HubUnavailable, sync_with_hub
from kiosk.sync.sealing import SEALED_KIND, Sealer


def hub_table(dsn: str) -> list[tuple]:
    connection = psycopg2.connect(dsn)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, origin, seq, stamp, kind, payload FROM change_row ORDER BY origin, seq")
            return cursor.fetchall()
    finally:
        connection.close()


def hub_dump(dsn: str) -> bytes:
    """Every value of every table of the hub database, bytes as they are and the rest as UTF-8 text: what
    someone with a copy of it can read."""
    connection = psycopg2.connect(dsn)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            tables = [name for (name,) in cursor.fetchall()]
            values = []
            for table in tables:
                cursor.execute(f'SELECT * FROM "{table}"')
                values += [bytes(v) if isinstance(v, memoryview) else str(v).encode()
                           for row in cursor.fetchall() for v in row]
            return b"\n".join(values)
    finally:
        connection.close()


def test_a_copy_of_the_hub_shows_no_personal_data_secret_or_pin_hash(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", DEVICE_B)
    first, second = pool(b, 2)
    check_in(b, first)
    check_in(b, second)
    contact(b, first, second)
    for kiosk in (b, a):
        sync_with_hub(kiosk.store, hub_dsn)
    dump = hub_dump(hub_dsn)
    guests = a.store.guests()
    personal = {g.last_name for g in guests if len(g.last_name) > 4} | {g.email for g in guests if g.email}
    assert len(personal) > 200
    assert [p for p in personal if p.encode() in dump] == []
    keys = a.store.event_keys()
    assert keys.secret not in dump and keys.secret.hex().encode() not in dump
    assert keys.staff_pin_hash.encode() not in dump
    assert b"secret" not in dump and b"staff_pin_hash" not in dump
    rows = hub_table(hub_dsn)
    assert {row[4] for row in rows} == {SEALED_KIND}
    assert all(isinstance(row[5], memoryview) for row in rows)  # bytea: the dump holds the payload's bytes
    assert canonical(a.store) == canonical(b.store)  # and the kiosks still converge through it


def _sync_refused(kiosk, dsn: str, phrase: str) -> None:
    before = canonical(kiosk.store)
    with pytest.raises(HubUnavailable, match=phrase):
        sync_with_hub(kiosk.store, dsn)
    assert canonical(kiosk.store) == before


def test_a_payload_moved_to_another_row_is_refused(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", DEVICE_B)
    first, second = pool(b, 2)
    check_in(b, first)
    check_in(b, second)
    sync_with_hub(b.store, hub_dsn)
    rows = [r for r in hub_table(hub_dsn) if r[1] == DEVICE_B]
    connection = psycopg2.connect(hub_dsn)
    with connection, connection.cursor() as cursor:  # the hub's operator swaps two check-ins
        cursor.execute("UPDATE change_row SET payload = %s WHERE origin = %s AND seq = 1", (rows[1][5], DEVICE_B))
        cursor.execute("UPDATE change_row SET payload = %s WHERE origin = %s AND seq = 2", (rows[0][5], DEVICE_B))
    connection.close()
    _sync_refused(a, hub_dsn, "not this event's")


def test_rows_sealed_with_another_key_are_refused(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    sync_with_hub(a.store, hub_dsn)
    forger = Sealer(a.store.event().id, b"z" * 32)
    row = ("11111111-0000-4000-8000-000000000001", DEVICE_B, 1, "0001700000000000.00000." + DEVICE_B, "forget",
           '{"guest_id":"%s"}' % pool(a, 1)[0].id)
    with Hub.connect(hub_dsn) as hub:
        hub.prepare(a.store.event().id)
        hub.push(forger.seal_rows([row]))
    _sync_refused(a, hub_dsn, "not this event's")
    assert a.store.guest(pool(a, 1)[0].id) is not None


def test_a_hub_with_unsealed_rows_of_an_older_version_is_refused(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    connection = psycopg2.connect(hub_dsn)
    with connection, connection.cursor() as cursor:  # what the previous version left on the hub
        cursor.execute("CREATE TABLE change_row (id varchar(36) NOT NULL, origin varchar(36) NOT NULL, "
                       "seq integer NOT NULL, stamp varchar(255) NOT NULL, kind varchar(255) NOT NULL, "
                       "payload text NOT NULL, PRIMARY KEY (origin, seq))")
        cursor.execute("CREATE TABLE hub_info (key varchar(255) PRIMARY KEY, value text NOT NULL)")
        cursor.execute("INSERT INTO change_row VALUES ('x', %s, 1, 's', 'guest', '{}')", (DEVICE_B,))
    connection.close()
    _sync_refused(a, hub_dsn, "older kiosk version")
    assert len(hub_table(hub_dsn)) == 1  # nothing was pushed
