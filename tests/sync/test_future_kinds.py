"""Sync never blocks on something new: a change of a kind this version does not know is journaled and
passed on, not applied, and the batch around it goes through; once the kiosk is updated (knows the
kind), opening the database applies it, once. Unknown fields in known kinds are ignored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sync_support import EVENT_DAYS, berlin, journal_rows

from kiosk.core.model import CheckIn, ContactExchange
from kiosk.storage import Store, applying
from kiosk.sync import export_bundle, import_bundle
from kiosk.sync.hub import sync_with_hub

FUTURE = "session_attendance"  # a kind a later version might bring


class FutureApplier:
    """What a later version would do with the kind: here, remember every change it was given."""

    def __init__(self) -> None:
        self.applied: list[str] = []

    def __call__(self, store, changes) -> None:
        self.applied += [change.id for change in changes]


@pytest.fixture
def newer_version(monkeypatch):
    """Switch this process to a version that knows FUTURE (and back, with `older()`)."""
    applier = FutureApplier()
    older = list(applying.APPLIERS)
    monkeypatch.setattr(applying, "APPLIERS", [*older, (FUTURE, applier)])
    applier.older = lambda: monkeypatch.setattr(applying, "APPLIERS", older)
    applier.newer = lambda: monkeypatch.setattr(applying, "APPLIERS", [*older, (FUTURE, applier)])
    return applier


def check_in(store: Store, n: int) -> None:
    guest = sorted(store.guests(), key=lambda g: g.id)[n]
    store.add_check_in(CheckIn(guest.id, EVENT_DAYS[0], berlin(EVENT_DAYS[0], 9, n)))


def newer_kiosk_work(store: Store, version: FutureApplier) -> str:
    """A check-in, a change of the new kind, another check-in, made by a kiosk of the newer version;
    returns the new change's id."""
    check_in(store, 1)
    version.newer()
    change = store.journal.record(FUTURE, {"session": "S-7", "guest_id": store.guests()[0].id})
    version.older()
    check_in(store, 2)
    return change.id


def held(store: Store) -> list[tuple]:
    with sqlite3.connect(store.db.database) as raw:
        return raw.execute("SELECT c.id, c.kind FROM held_change_row JOIN change_row AS c USING (origin, seq)"
                           ).fetchall()


def reopen(store: Store) -> Store:
    path, device = Path(store.db.database), store.device_id
    store.close()
    return Store.open(path, device_id=device)


def test_a_change_of_an_unknown_kind_is_kept_and_passed_on_and_the_batch_goes_through(stores, newer_version):
    newer, older, third = stores
    change_id = newer_kiosk_work(newer, newer_version)
    assert newer_version.applied == [change_id]  # the newer kiosk applied it itself

    taken = older.journal.ingest(newer.journal.changes_since(older.journal.vector()))

    assert taken == 3 and older.journal.vector() == newer.journal.vector()
    assert len(older.checked_in_ids()) == 2  # the changes around it were applied
    assert held(older) == [(change_id, FUTURE)]
    third.journal.ingest(older.journal.changes_since(third.journal.vector()))  # passed on as it came
    assert journal_rows(third) == journal_rows(older) == journal_rows(newer)
    assert held(third) == [(change_id, FUTURE)] and newer_version.applied == [change_id]


def test_the_kiosk_updated_later_applies_the_held_change_once(stores, newer_version):
    newer, older, _ = stores
    change_id = newer_kiosk_work(newer, newer_version)
    older.journal.ingest(newer.journal.changes_since(older.journal.vector()))
    older = reopen(older)  # still the old version: nothing to apply yet
    assert held(older) == [(change_id, FUTURE)] and newer_version.applied == [change_id]

    newer_version.newer()  # the kiosk was updated
    older = reopen(older)
    assert newer_version.applied == [change_id, change_id]  # the newer kiosk's own, then this one
    assert held(older) == []
    older = reopen(older)
    assert newer_version.applied == [change_id, change_id]
    older.close()


def test_an_unknown_kind_travels_by_bundle_and_the_import_goes_through(stores, newer_version, tmp_path):
    newer, older, third = stores
    change_id = newer_kiosk_work(newer, newer_version)

    export_bundle(newer, tmp_path / "newer.bundle")
    summary = import_bundle(older, tmp_path / "newer.bundle")
    export_bundle(older, tmp_path / "older.bundle", everything=True)
    import_bundle(third, tmp_path / "older.bundle")

    assert summary.applied == 3 and len(older.checked_in_ids()) == 2
    assert held(older) == held(third) == [(change_id, FUTURE)]
    assert journal_rows(third) == journal_rows(newer)


def test_an_unknown_kind_travels_through_the_hub_and_the_pull_goes_through(stores, newer_version, hub_dsn):
    newer, older, third = stores
    change_id = newer_kiosk_work(newer, newer_version)
    sync_with_hub(newer, hub_dsn)

    assert sync_with_hub(older, hub_dsn).pulled == 3
    check_in(newer, 3)  # the older kiosk is not stuck: later changes keep coming
    sync_with_hub(newer, hub_dsn)
    assert sync_with_hub(older, hub_dsn).pulled == 1
    sync_with_hub(third, hub_dsn)

    assert len(older.checked_in_ids()) == len(third.checked_in_ids()) == 3
    assert held(older) == held(third) == [(change_id, FUTURE)]
    assert journal_rows(older) == journal_rows(third) == journal_rows(newer)


def test_unknown_fields_in_known_kinds_are_ignored(stores):
    """A later version may add fields to any kind: this one applies what it knows of them."""
    newer, older, _ = stores
    first, second = sorted(newer.guests(), key=lambda g: g.id)[:2]
    day, at = EVENT_DAYS[0], berlin(EVENT_DAYS[0], 10)
    extra = {"added_later": {"nested": [1, 2]}}
    newer.journal.record("guest", {"id": first.id, "fields": {"last_name": "Neumann", "pronouns": "sie"},
                                   **extra})
    newer.journal.record("event", {"id": newer.event().id, "venue": "Fruchthalle Nord", "hall": "B", **extra})
    newer.journal.record("check_in", {"id": "11111111-0000-4000-8000-000000000001", "guest_id": first.id,
                                      "day": day.isoformat(), "at": at.isoformat(), "gate": 3, **extra})
    low, high = ContactExchange.pair(first.id, second.id)
    newer.journal.record("contact", {"id": "11111111-0000-4000-8000-000000000002", "low": low, "high": high,
                                     "day": day.isoformat(), "at": at.isoformat(), "rating": 5, **extra})
    newer.journal.record("check_in_undo", {"guest_id": second.id, "day": day.isoformat(), "reason": "x",
                                           **extra})

    older.journal.ingest(newer.journal.changes_since(older.journal.vector()))

    assert older.guest(first.id).last_name == "Neumann" and older.event().venue == "Fruchthalle Nord"
    assert older.check_in_of(first.id, day) is not None
    assert older.contact_between(first.id, second.id) is not None
    assert older.journal.vector() == newer.journal.vector() and held(older) == []


def test_a_kiosk_still_refuses_to_record_a_kind_it_does_not_know(stores):
    """Only received changes are held: recording an unknown kind here is a mistake in this version."""
    store = stores[0]
    before = store.journal.vector()
    with pytest.raises(ValueError, match=FUTURE):
        store.journal.record(FUTURE, {"session": "S-1"})
    assert store.journal.vector() == before
