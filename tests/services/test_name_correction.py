"""A guest corrects their misspelt name on the badge preview: one journaled guest change, a flag for
staff to check the name (not the walk-in review flag), and an audit line that names nobody."""

from __future__ import annotations

import json

import pytest

from kiosk.core.refusals import KioskError, Refusal


def _guest_changes(store, guest_id):
    rows = store.db.execute_sql("SELECT payload FROM change_row WHERE kind = 'guest'").fetchall()
    return [p["fields"] for p in map(json.loads, (r[0] for r in rows)) if p["id"] == guest_id]


def _name_review(store, guest_id) -> bool:
    return bool(store.db.execute_sql("SELECT name_review FROM guest_row WHERE id = ?", (guest_id,)).fetchone()[0])


def test_the_corrected_name_is_stored_journaled_and_marked_for_staff(desk, store, add_guest):
    guest = add_guest("Jürgen", "Muller")
    assert not _name_review(store, guest.id)
    corrected = desk.correct_name(guest.id, " Jürgen ", "Müller", "Dr.")
    stored = store.guest(guest.id)
    assert (stored.title, stored.first_name, stored.last_name) == ("Dr.", "Jürgen", "Müller")
    assert corrected == stored
    assert _name_review(store, guest.id)
    assert not store.needs_review(guest.id)  # the correction holds no contacts back
    assert _guest_changes(store, guest.id)[-1] == {"first_name": "Jürgen", "last_name": "Müller",
                                                   "title": "Dr.", "name_review": True}
    [(_, action, subject, detail)] = [row for row in store.audit_log() if row[1] == "name_corrected"]
    assert (subject, detail) == (guest.id, "")


def test_a_later_edit_of_the_guest_keeps_the_name_flag(desk, store, add_guest):
    guest = add_guest("Anna", "Schmit")
    desk.correct_name(guest.id, "Anna", "Schmidt")
    desk.record_consent(guest.id, False)
    assert _name_review(store, guest.id)


def test_a_name_cannot_be_corrected_to_nothing(desk, store, add_guest):
    guest = add_guest("Anna", "Schmidt")
    with pytest.raises(KioskError) as error:
        desk.correct_name(guest.id, " ", "")
    assert error.value.code == Refusal.INVALID_ENTRY
    assert store.guest(guest.id).last_name == "Schmidt" and not _name_review(store, guest.id)
