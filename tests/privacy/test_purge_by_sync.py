"""purge --before is a journaled 'purge' change: it reaches every kiosk by sync, leaves the same
anonymous counts everywhere and no byte of the purged guests, and ends the same in whatever order
it and edits made elsewhere arrive."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from event_scenario import query, text_cells
from erasure_support import print_badge, second_kiosk, sync, synced_state, traces_in_files

from kiosk.core.model import Category
from kiosk.reports import collect_figures
from kiosk.storage.privacy import anonymised_count, purge_before

PURGE_DATE = date(2023, 10, 26)  # Bodo (24th, 25th), Cleo (25th) and Fritz (24th) are due
PURGED = ("Förster", "Strauß", "Ulbrich")
KEPT = ("Kolbeck", "Yzerman", "Quast")
EDITOR = "33333333-4444-4555-8666-777777777777"
LATE = "44444444-5555-4666-8777-888888888888"


def traces_of(store, ids, last_names) -> tuple[str, ...]:
    """Names, e-mail addresses and ticket codes: what a purge must leave nowhere."""
    guests = [store.guest(ids[last]) for last in last_names]
    return tuple(t for g in guests for t in (g.first_name, g.last_name, g.email, g.ticket_code))


def test_a_purge_reaches_the_other_kiosk_with_its_bytes_and_badges_and_the_same_counts(small, tmp_path):
    b_path = tmp_path / "b" / "kiosk-b.sqlite3"
    b = second_kiosk(small.store, b_path)
    try:
        b.db.execute_sql("PRAGMA secure_delete = 0")  # as most SQLite builds: the purge must switch it on
        purged, kept = traces_of(b, small.ids, PURGED), traces_of(b, small.ids, KEPT)
        badge = print_badge(b, small.ids["Förster"], f"pdf:{tmp_path / 'b-pdfs'}")
        kept_badge = print_badge(b, small.ids["Kolbeck"], f"pdf:{tmp_path / 'b-pdfs'}")
        assert {t for _, t, _ in traces_in_files(b_path, purged)} == set(purged)

        result = purge_before(small.store, PURGE_DATE)
        sync(small.store, b)

        assert result.guests == 3
        assert traces_in_files(b_path, purged) == []  # B still open, right after the sync
        assert {t for _, t, _ in traces_in_files(b_path, kept)} == set(kept)
        assert not badge.exists() and kept_badge.is_file()
        assert collect_figures(b).counts() == collect_figures(small.store).counts()
        assert anonymised_count(b) == 3
    finally:
        b.close()
    assert anonymised_count(small.store) == 3
    assert traces_in_files(b_path, purged) == []
    assert query(b_path, "SELECT COUNT(*) FROM print_job_row") == [(1,)]
    assert query(b_path, "SELECT payload FROM change_row WHERE kind = 'purge'") == [('{"before":"2023-10-26"}',)]


def test_purge_and_a_later_edit_from_another_kiosk_converge_in_any_order(small, tmp_path):
    """A purges; E, not yet told, corrects Bodo's name and e-mail. A gets the edit after its purge,
    E the purge after its edit, C both at once: all three end alike, and nobody keeps the new name."""
    editor = second_kiosk(small.store, tmp_path / "e" / "kiosk-e.sqlite3", EDITOR)
    late = second_kiosk(small.store, tmp_path / "c" / "kiosk-c.sqlite3", LATE)
    kiosks = (small.store, editor, late)
    try:
        purge_before(small.store, PURGE_DATE)
        bodo = editor.guest(small.ids["Förster"])
        editor.save_guests([replace(bodo, first_name="Bodomir", title="Dr.", email="bodomir.foerster@example.org",
                                    category=Category.SPEAKER, consent_contacts=not bodo.consent_contacts)])
        new_name = ("Bodomir", "bodomir.foerster@example.org")

        sync(editor, small.store)  # the edit arrives after the purge
        sync(small.store, editor)  # the purge arrives after the edit
        sync(small.store, late)  # both in one batch
        for source in kiosks:
            for target in kiosks:
                if source is not target:
                    sync(source, target)

        states = [synced_state(k) for k in kiosks]
        assert states[1] == states[0] and states[2] == states[0]
        speakers = [query(k.db.database, "SELECT category, consent_contacts FROM guest_row WHERE id = ?",
                          small.ids["Förster"]) for k in kiosks]
        assert speakers == [[("speaker", int(not bodo.consent_contacts))]] * 3  # what is not personal stays
        for kiosk in kiosks:
            path = kiosk.db.database
            assert not [cell for cell in text_cells(path) for t in new_name + ("Bodo",) if t in cell[2]]
            assert anonymised_count(kiosk) == 3
    finally:
        editor.close()
        late.close()


def test_a_purge_applied_twice_or_after_a_later_one_changes_nothing(small, tmp_path):
    """The latest date covers the earlier; a purge arriving again or late changes nothing."""
    other = second_kiosk(small.store, tmp_path / "o" / "kiosk-o.sqlite3")
    try:
        purge_before(other, date(2023, 10, 25))  # Fritz only
        purge_before(small.store, PURGE_DATE)  # Bodo, Cleo and Fritz
        sync(small.store, other)
        sync(other, small.store)
        sync(small.store, other)

        assert synced_state(other) == synced_state(small.store)
        assert purge_before(small.store, PURGE_DATE).guests == 0
        assert query(small.path, "SELECT COUNT(*) FROM change_row WHERE kind = 'purge'") == [(2,)]
        assert anonymised_count(other) == 3
    finally:
        other.close()
