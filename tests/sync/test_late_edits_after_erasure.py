"""An edit of an erased guest that arrives later by sync (made on a kiosk that had not heard of the
erasure yet) keeps its place in the journal, so sequences stay unbroken, but brings nothing of the
person back: not in any table, not in the journal, not in a later `sync export --all`."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from event_scenario import text_cells
from sync_support import DEVICES, enrolled

from kiosk.core.model import Organization
from kiosk.storage import Store
from kiosk.storage.privacy import forget_guest
from kiosk.sync import export_bundle, import_bundle
from kiosk.sync.hub import sync_with_hub

NEW_NAME, NEW_ORGANIZATION = "Geheimrat-Zwölf", "Verborgene Werkstatt GmbH"


def erase_on_a_edit_on_b(a: Store, b: Store) -> str:
    """A erases a guest; B, which has not heard of it, renames them and moves them to a new organization."""
    guest = sorted(a.guests(), key=lambda g: g.id)[0]
    forget_guest(a, guest.id)
    time.sleep(0.003)  # B's edit is later than the erasure
    b.save_guests([replace(guest, last_name=NEW_NAME, organization=Organization(NEW_ORGANIZATION))])
    return guest.id


def traces_in(path: Path) -> list[tuple[str, str, str]]:
    """Every text cell of every table (the journal's payloads among them) naming the edit's values."""
    return [(table, column, value) for table, column, value in text_cells(path)
            if NEW_NAME in value or NEW_ORGANIZATION in value]


def traces_in_files(path: Path) -> list[str]:
    """The same in the bytes of the database and its write-ahead log."""
    data = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
    return [text for text in (NEW_NAME, NEW_ORGANIZATION) if text.encode() in data]


def test_a_late_edit_through_the_journal_is_stored_without_the_person(stores):
    a, b, _ = stores
    erase_on_a_edit_on_b(a, b)

    taken = a.journal.ingest(b.journal.changes_since(a.journal.vector()))

    assert taken == 1 and a.journal.vector()[b.device_id] == b.journal.vector()[b.device_id]
    assert traces_in(Path(a.db.database)) == []
    assert traces_in_files(Path(a.db.database)) == []


def test_a_late_edit_by_bundle_is_not_passed_on_by_export_all(stores, tmp_path):
    a, b, _ = stores
    guest_id = erase_on_a_edit_on_b(a, b)
    export_bundle(b, tmp_path / "from-b.bundle")
    assert import_bundle(a, tmp_path / "from-b.bundle").applied == 1

    export_bundle(a, tmp_path / "all.bundle", everything=True)
    fresh = enrolled(tmp_path / "new-kiosk.sqlite3", DEVICES[4], a)
    import_bundle(fresh, tmp_path / "all.bundle")

    assert traces_in(Path(a.db.database)) == [] and traces_in(Path(fresh.db.database)) == []
    rows = a.journal.rows_between({}, a.journal.vector())  # what `sync export --all` writes
    assert not [row for row in rows if NEW_NAME in row[5] or NEW_ORGANIZATION in row[5]]
    assert fresh.guest(guest_id) is None and fresh.journal.vector() == a.journal.vector()
    fresh.close()


def test_a_kiosk_getting_the_erasure_and_the_late_edit_from_the_hub_keeps_nothing_of_either(stores, hub_dsn):
    a, b, c = stores
    erase_on_a_edit_on_b(a, b)
    sync_with_hub(a, hub_dsn)
    sync_with_hub(b, hub_dsn)

    sync_with_hub(c, hub_dsn)
    sync_with_hub(a, hub_dsn)

    assert traces_in(Path(c.db.database)) == [] and traces_in(Path(a.db.database)) == []
