"""Which guests carry a staff flag or note: one narrow query, so staff mode can mark them in a list
of 100,000 guests without reading every guest again."""

from __future__ import annotations


def noted_guests(store) -> dict[str, bool]:
    """guest id -> needs attention, for every guest (not erased) with a flag or a note."""
    GuestRow = store.tables.GuestRow
    query = (GuestRow.select(GuestRow.id, GuestRow.needs_attention)
             .where(~GuestRow.placeholder, ~GuestRow.forgotten,
                    GuestRow.needs_attention | (GuestRow.note != "")))
    return {guest_id: bool(flag) for guest_id, flag in query.tuples()}
