"""A guest list is written in slices (a check-in waits for one slice, not the whole list): an import
killed half-way keeps whole slices, and running it again ends with exactly the listed guests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from services_support import write_text

from kiosk.services import guest_import
from kiosk.services.guest_import import import_guests
from kiosk.storage import writer

ROOT = Path(__file__).resolve().parents[2]
DEVICE = "11111111-2222-4333-8444-555555555555"  # the store fixture's
HEADER = "Vorname;Nachname;Organisation;Tage"
SLICE = 10

# The child imports in slices of ten, committing each, and is killed (no clean-up runs) while the
# third slice's rows are written but not committed.
KILLED_IMPORT = f"""
import os, sys
from pathlib import Path
from kiosk.services import guest_import
from kiosk.storage import Store, writer
writer.COMMIT_AFTER_SECONDS = 0
guest_import.SLICE_ROWS = {SLICE}
store = Store.open(sys.argv[1], device_id="{DEVICE}")
real_add, calls = store.add_guests, []
def add_then_die(guests):
    real_add(guests)
    calls.append(len(guests))
    if len(calls) == 3:
        os._exit(9)
store.add_guests = add_then_die
guest_import.import_guests(store, Path(sys.argv[2]))
"""


def names_only_list(tmp_path: Path, rows: int, organization: str = "Zentrum") -> Path:
    """No ID, e-mail or ticket column: guests are matched by name and organization, the weakest key."""
    lines = [HEADER] + [f"Vorname{n};Nachname{n};{organization} {n % 3};Tag 1" for n in range(rows)]
    return write_text(tmp_path / "liste.csv", lines)


def by_name(store) -> dict[str, object]:
    store.forget_cached_organizations()  # another process added organizations
    return {g.first_name: g for g in store.guests()}


def test_an_import_killed_half_way_and_run_again_ends_with_exactly_the_listed_guests(store, db_path, tmp_path):
    listed = names_only_list(tmp_path, 35)
    killed = subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(db_path), str(listed)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == 9, killed.stderr
    after_kill = by_name(store)
    assert len(after_kill) == 2 * SLICE  # two whole slices; the third was never committed

    report = import_guests(store, listed)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (15, 0, 20, [])
    guests = by_name(store)
    assert sorted(guests) == sorted(f"Vorname{n}" for n in range(35))
    assert all(guests[name].id == g.id and guests[name].ticket_code == g.ticket_code
               for name, g in after_kill.items())  # updated in place, not added again


def test_updates_are_written_in_slices_too(store, tmp_path, monkeypatch):
    monkeypatch.setattr(guest_import, "SLICE_ROWS", SLICE)
    monkeypatch.setattr(writer, "COMMIT_AFTER_SECONDS", 0)
    import_guests(store, names_only_list(tmp_path, 35))
    first = by_name(store)
    moved = write_text(tmp_path / "neu.csv", [HEADER] + [
        f"Vorname{n};Nachname{n};Zentrum {n % 3};Tag 1, Tag 2" for n in range(35)])

    report = import_guests(store, moved)

    assert (report.created, report.updated, report.unchanged) == (0, 35, 0)
    guests = by_name(store)
    assert {name: g.id for name, g in guests.items()} == {name: g.id for name, g in first.items()}
    assert all(len(g.days) == 2 for g in guests.values())
