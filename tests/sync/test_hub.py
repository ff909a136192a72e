"""Three kiosks syncing through a real PostgreSQL hub end with the same data, in any order."""

from __future__ import annotations

import random
import time
from dataclasses import replace

import psycopg2
import pytest
from hub_support import (DEVICE_A, Kiosk, assert_converged, canonical, check_in, contact, edit, first_kiosk,
                         hub_rows, kiosk_from_bundle, leaderboard, pool, sync_all, three_kiosks)

from kiosk.core.model import Organization
from kiosk.services.desk import FrontDesk
from kiosk.services.setup import create_event
from kiosk.storage import NotEnrolled, ReplicaCollision, Store
from kiosk.sync import double_entries
from kiosk.sync.hub import Hub, HubUnavailable, hub_peer, sync_with_hub
from kiosk.sync.service import sealer as event_sealer


def test_three_kiosks_converge_through_the_hub(tmp_path, hub_dsn):
    a, b, c = three_kiosks(tmp_path)
    g = pool(a)
    today = a.desk.today()

    # Round 1: every kiosk works alone.
    for i in range(10):
        check_in(a, g[i])
    for pair in ((0, 1), (1, 2), (2, 3), (3, 4), (0, 4)):
        contact(a, g[pair[0]], g[pair[1]])
    for i in range(5, 15):
        check_in(b, g[i])  # 5..9 were checked in at A too: double entries, not errors
    for pair in ((5, 10), (10, 11), (6, 7)):
        contact(b, g[pair[0]], g[pair[1]])
    walk_in = b.desk.register_walk_in("Wanda", "Zugereist", "Gründerzentrum Pfalz", "wanda@example.org")
    check_in(b, walk_in)
    contact(b, walk_in, g[10])
    for i in (15, 16, 17, 18, 19, 0):
        check_in(c, g[i])
    contact(c, g[15], g[16])
    edit(a, g[1].id, organization="Digitalzentrum Neustadt", organization_kind="digital_centre")
    edit(c, g[1].id, last_name="Umbenannt")
    b.store.set_consent(g[2].id, False)  # withdrawn after A recorded contacts with them
    first = sync_all(hub_dsn, b, a, c)
    assert [r.pulled for r in first][0] == 0 and first[1].pulled > 0 and first[2].pulled > 0

    # Round 2: concurrent work on what each kiosk knows now.
    a.desk.undo_check_in(g[3].id, today, "wrong badge")
    for kiosk in (a, c):
        check_in(kiosk, g[20])
        check_in(kiosk, g[21])
    earliest = contact(a, g[20], g[21])
    time.sleep(0.003)
    later = contact(c, g[20], g[21])  # the same pair at another kiosk, later: only the earliest counts
    second_walk_in = b.desk.register_walk_in("Jörg", "Spätkommer", "", "")
    check_in(b, second_walk_in)
    sync_all(hub_dsn, b, c)
    contact(c, c.store.guest(second_walk_in.id), g[15])  # C pushes this before A has the walk-in
    a.store.forget_guest(g[19].id)
    edit(a, g[1].id, first_name="Erste")
    edit(c, g[1].id, first_name="Zweite")  # later: wins
    sync_all(hub_dsn, c, a, b)
    sync_all(hub_dsn, a, b, c, a, b)

    dump = assert_converged(a, b, c)
    guests = {row[0]: row for row in dump["guest_row"]}
    assert guests[g[1].id][5:7] == ("Zweite", "Umbenannt")
    assert a.store.guest(g[1].id).organization_name == "Digitalzentrum Neustadt"
    assert not a.store.guest(g[2].id).consent_contacts
    assert guests[g[19].id][15] == 1 and a.store.guest(g[19].id) is None  # forgotten everywhere
    assert not any(row[14] for row in dump["guest_row"])  # every placeholder resolved
    for walker in (walk_in, second_walk_in):
        assert c.store.guest(walker.id).walk_in and a.store.guest(walker.id).ticket_code == walker.ticket_code

    checked = {g[i].id for i in [*range(20), 20, 21] if i not in (3, 19)} | {walk_in.id, second_walk_in.id}
    assert {row[1] for row in dump["check_in_row"]} == checked  # one per guest and day, none lost
    assert len(dump["check_in_row"]) == len(checked)
    pairs = {(0, 1), (1, 2), (2, 3), (3, 4), (0, 4), (5, 10), (10, 11), (6, 7), (15, 16), (20, 21)}
    expected = {tuple(sorted((g[x].id, g[y].id))) for x, y in pairs}
    expected |= {tuple(sorted((walk_in.id, g[10].id))), tuple(sorted((second_walk_in.id, g[15].id)))}
    assert {(row[1], row[2]) for row in dump["contact_row"]} == expected
    kept = next(row for row in dump["contact_row"] if {row[1], row[2]} == {g[20].id, g[21].id})
    assert kept[0] == earliest.id != later.id
    doubles = {(d["guest_id"], d["kiosks"]) for d in double_entries(b.store)}
    assert {(g[i].id, 2) for i in (0, 5, 6, 7, 8, 9, 20, 21)} <= doubles
    board = dict((row[4], row[3]) for row in leaderboard(a))
    # g[10] met 5, 11 and a walk-in whom staff have not approved yet: that one does not count
    assert board[g[10].id] == 2 and g[2].id not in board
    assert all(k.store.journal.pending_count(hub_peer(hub_dsn)) == 0 for k in (a, b, c))


@pytest.mark.parametrize("seed", [3, 11, 2024])
def test_random_work_and_sync_orders_converge(tmp_path, hub_dsn, seed):
    rng = random.Random(seed)
    kiosks = three_kiosks(tmp_path)
    guests = pool(kiosks[0], 30)
    for _ in range(4):
        for kiosk in kiosks:
            for _ in range(rng.randint(3, 12)):
                _random_step(rng, kiosk, guests)
        order = rng.sample(kiosks, rng.randint(1, 3))
        sync_all(hub_dsn, *order)
    sync_all(hub_dsn, *kiosks, *kiosks)
    dump = assert_converged(*kiosks)
    assert len({(row[1], row[2]) for row in dump["check_in_row"]}) == len(dump["check_in_row"])
    assert len({(row[1], row[2]) for row in dump["contact_row"]}) == len(dump["contact_row"])


def _random_step(rng: random.Random, kiosk: Kiosk, guests: list) -> None:
    guest, other = rng.sample(guests, 2)
    action = rng.random()
    if action < 0.4:
        kiosk.desk.check_in(kiosk.token(guest))
    elif action < 0.75:
        kiosk.desk.exchange_contact(kiosk.token(guest), kiosk.token(other))
    elif action < 0.85:
        kiosk.store.set_consent(guest.id, rng.random() < 0.7)
    elif action < 0.95:
        edit(kiosk, guest.id, last_name=f"{guest.last_name}-{kiosk.name}{rng.randint(1, 9)}")
    else:
        kiosk.desk.undo_check_in(guest.id, kiosk.desk.today())


def test_a_new_kiosk_is_set_up_from_the_hub_alone(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    sync_with_hub(a.store, hub_dsn)
    store = Store.open(tmp_path / "new.sqlite3", device_id="dddddddd-0000-4000-8000-00000000000d")
    with pytest.raises(NotEnrolled):
        sync_with_hub(store, hub_dsn)
    assert store.journal.vector() == {}
    store.enrol(a.store.event_keys())
    result = sync_with_hub(store, hub_dsn)
    assert result.pulled == sum(a.store.journal.vector().values()) and result.pushed == 0
    assert canonical(store)["guest_row"] == canonical(a.store)["guest_row"]
    assert FrontDesk(store).event.id == a.desk.event.id


def test_the_hub_schema_is_the_journal_model(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    result = sync_with_hub(a.store, hub_dsn)
    assert result.as_json()["pushed"] == result.pushed == sum(a.store.journal.vector().values())
    connection = psycopg2.connect(hub_dsn)
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'change_row'")
        columns = {f.column_name for f in a.store.tables.ChangeRow._meta.sorted_fields}
        assert {name for (name,) in cursor.fetchall()} == columns
        cursor.execute("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                       "AND a.attnum = ANY(i.indkey) "
                       "WHERE i.indrelid = 'change_row'::regclass AND i.indisprimary")
        assert {name for (name,) in cursor.fetchall()} == {"origin", "seq"}
    connection.close()
    assert a.store.tables.ChangeRow._meta.database is a.store.db  # the kiosk's own model was never re-bound


def test_resending_a_batch_changes_nothing(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", "cccccccc-0000-4000-8000-00000000000b")
    for guest in pool(b, 5):
        check_in(b, guest)
    sync_with_hub(b.store, hub_dsn)
    total = hub_rows(hub_dsn)
    with Hub.connect(hub_dsn) as hub:
        batch = hub.fetch(b.store.device_id, 0, 1000)
        assert len(batch) == 5
        assert hub.push(batch) == 0 and hub.push(batch[2:]) == 0
        hub.db.execute_sql("DELETE FROM change_row WHERE origin = %s AND seq > 3", (b.store.device_id,))
        assert hub.push(batch) == 2  # a batch half on the hub: only the missing half is added
        assert hub.fetch(b.store.device_id, 0, 1000) == batch
    assert hub_rows(hub_dsn) == total

    before = canonical(a.store)
    sync_with_hub(a.store, hub_dsn)
    once = canonical(a.store)
    assert once != before
    assert a.store.journal.ingest_rows(event_sealer(a.store).open_rows(batch)) == 0  # the same batch again
    assert canonical(a.store) == once
    assert sync_with_hub(a.store, hub_dsn).as_json() | {"seconds": 0} == {
        "hub": hub_peer(hub_dsn), "pushed": 0, "pulled": 0, "seconds": 0}


def test_a_push_interrupted_inside_a_batch_resumes(tmp_path, hub_dsn, monkeypatch):
    import kiosk.sync.hub as hub_module

    a = first_kiosk(tmp_path)
    total = sum(a.store.journal.vector().values())
    real_sealed, calls = hub_module._sealed, []

    def failing_sealed(seal, rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise ConnectionResetError("network gone while sending a batch")
        return real_sealed(seal, rows)

    monkeypatch.setattr(hub_module, "_sealed", failing_sealed)
    with pytest.raises(ConnectionResetError):
        sync_with_hub(a.store, hub_dsn, batch_size=100)
    assert hub_rows(hub_dsn) == 200  # two whole batches; the third was rolled back
    monkeypatch.undo()
    peer = hub_peer(hub_dsn)
    assert a.store.journal.pending_count(peer) == total  # nothing confirmed by a sync that failed
    assert sync_with_hub(a.store, hub_dsn, batch_size=100).pushed == total - 200
    assert hub_rows(hub_dsn) == total and a.store.journal.pending_count(peer) == 0


def test_a_pull_interrupted_between_batches_resumes(tmp_path, hub_dsn, monkeypatch):
    a, b, c = three_kiosks(tmp_path)
    for guest in pool(a, 30):
        check_in(a, guest)
    for kiosk in (a, b):
        sync_with_hub(kiosk.store, hub_dsn)
    journal, calls = c.store.journal, []
    real_ingest = journal.ingest

    def failing_ingest(changes):
        calls.append(len(changes))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the kiosk was switched off
        return real_ingest(changes)

    monkeypatch.setattr(journal, "ingest", failing_ingest)
    with pytest.raises(KeyboardInterrupt):
        sync_with_hub(c.store, hub_dsn, batch_size=10)
    monkeypatch.undo()
    assert sync_with_hub(c.store, hub_dsn, batch_size=10).pulled == 30 - 10
    sync_all(hub_dsn, a, b)
    assert_converged(a, b, c)


def test_a_hub_of_another_event_is_refused(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    sync_with_hub(a.store, hub_dsn)
    other = Store.open(tmp_path / "other.sqlite3", device_id="eeeeeeee-0000-4000-8000-00000000000e")
    create_event(other, "Anderes Treffen", "Rathaus", a.desk.event.days)
    before = hub_rows(hub_dsn)
    with pytest.raises(HubUnavailable, match="another event"):
        sync_with_hub(other, hub_dsn)
    assert hub_rows(hub_dsn) == before and other.guest_count() == 0


def test_a_copied_database_does_not_overwrite_the_original_on_the_hub(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    sync_with_hub(a.store, hub_dsn)
    a.store.close()
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes((tmp_path / "kiosk-a.sqlite3").read_bytes())
    original = Store.open(tmp_path / "kiosk-a.sqlite3", device_id=DEVICE_A)
    twin = Store.open(copy, device_id=DEVICE_A)  # the same id on two machines: must not lose either's work
    guest = sorted(original.guests(), key=lambda g: g.id)[0]
    original.set_consent(guest.id, False)
    twin.save_guests([replace(guest, organization=Organization("Zwilling GmbH"))])
    sync_with_hub(original, hub_dsn)
    with pytest.raises(ReplicaCollision, match="same replica"):
        sync_with_hub(twin, hub_dsn)


def test_the_session_server_is_postgresql_15(postgres_dsn):
    connection = psycopg2.connect(postgres_dsn)
    with connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) // 10000 >= 15
    connection.close()


def test_any_text_travels_unchanged(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", "cccccccc-0000-4000-8000-00000000000b")
    guest = pool(a, 1)[0]
    awkward = 'Back\\slash "Zitat"\tTab\nZeile\r\\N \u00e9\u0301 \U0001f600 \\.'
    edit(a, guest.id, last_name=awkward, title="\\N")
    sync_all(hub_dsn, a, b)
    assert b.store.guest(guest.id).last_name == awkward and b.store.guest(guest.id).title == "\\N"
    assert canonical(a.store)["change_row"] == canonical(b.store)["change_row"]


def test_rows_with_tabs_newlines_and_backslashes_in_any_column_and_any_payload_bytes_round_trip(hub_dsn):
    rows = [(f"id\t{n}\\", "origin\nwith\rbreaks", n, "0001.00000.dev\\N", "kind\t\u00e9",
             bytes(range(256)) + b"\\.\n\\N" * n) for n in range(1, 4)]
    with Hub.connect(hub_dsn) as hub:
        hub.prepare("an-event")
        assert hub.push(rows) == 3 and hub.push(rows) == 0
        assert hub.fetch("origin\nwith\rbreaks", 0, 10) == rows
        assert hub.vector() == {"origin\nwith\rbreaks": 3}


def test_a_database_rebuilt_on_the_same_machine_takes_its_own_changes_back(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", "cccccccc-0000-4000-8000-00000000000b")
    check_in(a, pool(a, 1)[0])
    sync_with_hub(a.store, hub_dsn)
    total = sum(a.store.journal.vector().values())
    a.store.close()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"kiosk-a.sqlite3{suffix}").unlink(missing_ok=True)  # the disk was replaced
    store = Store.open(tmp_path / "kiosk-a.sqlite3", device_id=DEVICE_A)
    store.enrol(b.store.event_keys())
    assert sync_with_hub(store, hub_dsn).pulled == total
    rebuilt = Kiosk("A", store, FrontDesk(store))
    check_in(rebuilt, pool(rebuilt, 2)[1])  # numbered after the changes it took back
    assert store.journal.vector()[DEVICE_A] == total + 1
    assert sync_with_hub(store, hub_dsn).pushed == 1
    sync_with_hub(b.store, hub_dsn)
    assert_converged(rebuilt, b)
