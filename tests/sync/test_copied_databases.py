"""A kiosk database copied as a file (a second kiosk set up by copying the first one's file, or a
fleet cloned from one disk image) is a replica of its own: every check-in made on either survives
syncing by bundle and through the hub. Two databases that write as one replica anyway are refused."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sync_support import DEVICES, EVENT_DAYS, berlin, make_first_kiosk

from kiosk.cli import run
from kiosk.core.model import CheckIn
from kiosk.storage import ReplicaCollision, Store
from kiosk.sync import export_bundle, import_bundle
from kiosk.sync.hub import sync_with_hub


@pytest.fixture
def original_and_copy(tmp_path):
    """The demo kiosk's database and a copy of the closed file, both opened as the kiosk opens them."""
    original, copy = tmp_path / "kiosk.sqlite3", tmp_path / "copy.sqlite3"
    make_first_kiosk(original, DEVICES[0]).close()
    shutil.copyfile(original, copy)
    stores = Store.open(original), Store.open(copy)
    yield stores
    for store in stores:
        store.close()


def check_in(store: Store, guest_ids: list[str]) -> None:
    day = EVENT_DAYS[0]
    for n, guest_id in enumerate(guest_ids):
        store.add_check_in(CheckIn(guest_id, day, berlin(day, 9, n // 60, n % 60)))


def ninety_check_ins(first: Store, second: Store) -> None:
    ids = sorted(g.id for g in first.guests())
    check_in(first, ids[:45])
    check_in(second, ids[45:90])


def test_the_copy_writes_as_a_new_replica(original_and_copy):
    first, copy = original_and_copy
    assert first.device_id == DEVICES[0] and copy.device_id != DEVICES[0]


def test_every_check_in_survives_syncing_a_database_and_its_copy_by_bundle(original_and_copy, tmp_path):
    first, copy = original_and_copy
    ninety_check_ins(first, copy)

    export_bundle(first, tmp_path / "first.bundle")
    import_bundle(copy, tmp_path / "first.bundle")
    export_bundle(copy, tmp_path / "copy.bundle")
    import_bundle(first, tmp_path / "copy.bundle")

    assert len(first.checked_in_ids()) == len(copy.checked_in_ids()) == 90


def test_every_check_in_survives_syncing_a_database_and_its_copy_through_the_hub(original_and_copy, hub_dsn):
    first, copy = original_and_copy
    ninety_check_ins(first, copy)

    for store in (first, copy, first):
        sync_with_hub(store, hub_dsn)

    assert len(first.checked_in_ids()) == len(copy.checked_in_ids()) == 90


def test_a_bundle_from_a_database_writing_as_the_same_replica_is_refused_and_changes_nothing(tmp_path):
    """Forced: a copy opened with its original's id (as only tests and tools can) is a clone that escaped
    detection. Its bundle numbers another check-in like one this kiosk made: refused, not half-merged."""
    path, twin_path = tmp_path / "kiosk.sqlite3", tmp_path / "twin.sqlite3"
    make_first_kiosk(path, DEVICES[0]).close()
    shutil.copyfile(path, twin_path)
    first, twin = Store.open(path, device_id=DEVICES[0]), Store.open(twin_path, device_id=DEVICES[0])
    ids = sorted(g.id for g in first.guests())
    check_in(first, ids[:1])
    check_in(twin, ids[1:2])
    export_bundle(twin, tmp_path / "twin.bundle", everything=True)
    before = table_rows(path)

    with pytest.raises(ReplicaCollision, match="None of the colliding changes was stored"):
        import_bundle(first, tmp_path / "twin.bundle")

    assert table_rows(path) == before
    first.close()
    twin.close()


def table_rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as raw:
        tables = [name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(raw.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = run(list(argv))
    return code, out.getvalue()


def test_two_databases_on_one_machine_have_their_own_ids(tmp_path):
    """One KIOSK_HOME (the fixture's), two --db paths."""
    ids = []
    for name in ("hall.sqlite3", "foyer.sqlite3"):
        assert cli("--db", str(tmp_path / name), "demo")[0] == 0
        code, out = cli("--db", str(tmp_path / name), "sync", "status", "--json")
        assert code == 0
        ids.append(json.loads(out)["device_id"])
    assert ids[0] != ids[1]
    again = cli("--db", str(tmp_path / "hall.sqlite3"), "sync", "status", "--json")[1]
    assert json.loads(again)["device_id"] == ids[0]
