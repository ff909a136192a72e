"""A staff note and its 'needs attention' flag set on one kiosk reach the others by sync, and so
does clearing them: the guest is told at whichever kiosk they scan."""

from __future__ import annotations

from sync_support import sync_pair

from kiosk.services.staff_notes import StaffNotes

NOTE = "Rollstuhl: bitte den Aufzug zeigen"


def test_a_note_and_its_flag_travel_by_sync_and_so_does_clearing_them(k1, k2):
    guest = next(g for g in k1.store.guests() if not g.needs_attention and not g.note)
    StaffNotes(k1.store).save(guest.id, NOTE, True)

    assert sync_pair(k1.store, k2.store) > 0

    arrived = k2.store.guest(guest.id)
    assert (arrived.note, arrived.needs_attention) == (NOTE, True)
    assert StaffNotes(k2.store).marks()[guest.id] is True

    StaffNotes(k2.store).clear(guest.id)
    sync_pair(k2.store, k1.store)

    back = k1.store.guest(guest.id)
    assert (back.note, back.needs_attention) == ("", False)
    assert guest.id not in StaffNotes(k1.store).marks()
