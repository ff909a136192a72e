"""An erasure received by sync wipes the person as completely as on the kiosk that made it: not in the
database file, not in its write-ahead log, no badge PDF left in a folder or PDF printer's directory,
no print job; on the originating kiosk as well.

Kiosk B's connection runs with secure_delete off, the default of most SQLite builds (Debian's turns it
on): the erasure must switch it on itself, not rely on how SQLite was built.
"""

from __future__ import annotations

import pytest
from event_scenario import DAYS, query
from erasure_support import (QUIRINUS_TRACES, add_quirinus, check_in_and_meet, print_badge, second_kiosk, sync,
                             traces_in_files)

from kiosk.storage.privacy import forget_guest


@pytest.fixture
def pair(small, tmp_path):
    """Quirinus registered on A, checked in, met someone and had a badge printed on both kiosks."""
    quirinus = add_quirinus(small.store)
    b_path = tmp_path / "b" / "kiosk-b.sqlite3"
    b = second_kiosk(small.store, b_path)
    b.db.execute_sql("PRAGMA secure_delete = 0")
    check_in_and_meet(small.store, quirinus, small.ids["Kolbeck"], DAYS[0])
    check_in_and_meet(b, b.guest(quirinus.id), small.ids["Quast"], DAYS[1])
    (tmp_path / "hot-folder").mkdir()  # a hot folder must exist already (a PDF printer makes its own)
    badges = {"a": print_badge(small.store, quirinus.id, f"folder:{tmp_path / 'hot-folder'}"),
              "b": print_badge(b, quirinus.id, f"pdf:{tmp_path / 'b-pdfs'}")}
    sync(b, small.store)
    sync(small.store, b)
    yield small, b, b_path, quirinus, badges
    b.close()


def test_the_receiving_kiosk_keeps_no_byte_of_the_person_while_open_and_after_closing(pair):
    small, b, b_path, quirinus, _ = pair
    assert traces_in_files(b_path, QUIRINUS_TRACES)  # the search finds them before: it can tell

    forget_guest(small.store, quirinus.id)
    applied = sync(small.store, b)

    assert applied >= 1
    assert traces_in_files(b_path, QUIRINUS_TRACES) == []  # right after the sync returned, B still open
    b.close()
    assert traces_in_files(b_path, QUIRINUS_TRACES) == []
    assert query(b_path, "SELECT COUNT(*) FROM check_in_row WHERE guest_id = ?", quirinus.id) == [(0,)]
    assert query(b_path, "SELECT COUNT(*) FROM contact_row WHERE ? IN (guest_low_id, guest_high_id)",
                 quirinus.id) == [(0,)]


def test_the_originating_kiosk_keeps_no_byte_of_the_person(pair):
    small, _, _, quirinus, _ = pair
    assert traces_in_files(small.path, QUIRINUS_TRACES)

    result = forget_guest(small.store, quirinus.id)

    assert result.wiped and result.print_jobs_removed == 1
    assert traces_in_files(small.path, QUIRINUS_TRACES) == []


def test_badge_files_and_print_jobs_go_on_both_kiosks(pair):
    small, b, b_path, quirinus, badges = pair
    assert badges["a"].is_file() and badges["b"].is_file()
    other = print_badge(small.store, small.ids["Kolbeck"], f"folder:{badges['a'].parent}")

    forget_guest(small.store, quirinus.id)
    assert not badges["a"].exists() and badges["b"].exists()  # B has not heard of it yet
    sync(small.store, b)

    assert not badges["b"].exists()
    assert other.is_file()  # someone else's badge stays
    for path in (small.path, b_path):
        assert query(path, "SELECT COUNT(*) FROM print_job_row WHERE guest_id = ?", quirinus.id) == [(0,)]
    assert query(small.path, "SELECT COUNT(*) FROM print_job_row") == [(1,)]


def test_an_erasure_arriving_with_the_guest_in_one_batch_leaves_nothing_either(small, tmp_path):
    """A kiosk set up after the erasure gets the person's registration and erasure together."""
    quirinus = add_quirinus(small.store)
    check_in_and_meet(small.store, quirinus, small.ids["Kolbeck"], DAYS[0])
    forget_guest(small.store, quirinus.id)

    late_path = tmp_path / "late" / "kiosk-c.sqlite3"
    late = second_kiosk(small.store, late_path)
    try:
        assert traces_in_files(late_path, QUIRINUS_TRACES) == []
    finally:
        late.close()
    assert traces_in_files(late_path, QUIRINUS_TRACES) == []
