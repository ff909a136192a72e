"""Sync writes in small slices of bulk work (a check-in at the door waits for one slice at most):
a bundle import and a hub pull cut into slices of seven changes end with the same data."""

from __future__ import annotations

import pytest
from hub_support import assert_converged, check_in, first_kiosk, kiosk_from_bundle, pool, sync_all
from sync_support import DEVICES, dump, journal_rows, open_kiosk

import kiosk.sync.hub as hub
import kiosk.sync.service as service
from kiosk.storage import writer
from kiosk.sync import export_bundle, import_bundle
from kiosk.sync.hub import sync_with_hub

SLICE = 7


@pytest.fixture
def small_slices(monkeypatch):
    """Slices of seven, each committed: the way a busy door cuts bulk work."""
    monkeypatch.setattr(service, "SLICE_CHANGES", SLICE)
    monkeypatch.setattr(hub, "SLICE_CHANGES", SLICE)
    monkeypatch.setattr(writer, "COMMIT_AFTER_SECONDS", 0)


def counted_ingests(store, monkeypatch) -> list[int]:
    sizes, real = [], store.journal.ingest

    def ingest(changes):
        sizes.append(len(changes))
        return real(changes)

    monkeypatch.setattr(store.journal, "ingest", ingest)
    return sizes


def test_a_bundle_imported_in_slices_gives_the_same_data(k1, tmp_path, small_slices, monkeypatch):
    export_bundle(k1.store, tmp_path / "all.bundle", everything=True)
    new = open_kiosk(tmp_path / "new.sqlite3", DEVICES[4], "new")
    try:
        new.store.enrol(k1.store.event_keys())
        sizes = counted_ingests(new.store, monkeypatch)
        summary = import_bundle(new.store, tmp_path / "all.bundle")
        assert summary.applied == 321 and max(sizes) == SLICE and sum(sizes) == 321  # event, 20 sessions, 300 guests
        assert dump(new.store) == dump(k1.store)
        assert journal_rows(new.store) == journal_rows(k1.store)
        assert new.store.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        new.store.close()


def test_a_hub_pull_applied_in_slices_converges(tmp_path, hub_dsn, small_slices, monkeypatch):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "b", "bbbbbbbb-0000-4000-8000-00000000000b")
    for guest in pool(a, 30):
        check_in(a, guest)
    sync_with_hub(a.store, hub_dsn)
    sizes = counted_ingests(b.store, monkeypatch)
    result = sync_with_hub(b.store, hub_dsn, batch_size=20)
    assert result.pulled == 30 and max(sizes) == SLICE and sum(sizes) >= 30
    sync_all(hub_dsn, a, b)
    assert_converged(a, b)
