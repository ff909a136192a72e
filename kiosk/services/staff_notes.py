"""Staff notes: the 'needs attention' flag and the note staff see when a guest arrives.

Plain Python (no Qt). A note is personal data for staff eyes only: it is journaled (so it syncs
and erasure blanks it) and the audit row says that a note changed, never what it says.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.storage.guest_notes import noted_guests

NOTE_SET = "staff_note_set"  # the audit word (the staff log translates it)
NOTE_LIMIT = 500  # a hint for the desk, not a file: longer text is a typing accident


class UnknownGuest(LookupError):
    """No guest (or an erased one) has this id."""


@dataclass(frozen=True)
class GuestNote:
    guest_id: str
    note: str
    needs_attention: bool


class StaffNotes:
    def __init__(self, store) -> None:
        self.store = store

    def note_of(self, guest_id: str) -> GuestNote:
        guest = self.store.guest(guest_id)
        if guest is None:
            raise UnknownGuest(guest_id)
        return GuestNote(guest.id, guest.note, guest.needs_attention)

    def save(self, guest_id: str, note: str, needs_attention: bool) -> GuestNote:
        """Set both at once (the flag and the note are one decision at the desk), with its audit row."""
        self.note_of(guest_id)
        note = " ".join(note.split())[:NOTE_LIMIT]  # one line: the list and the panel show one line
        with self.store.atomic():
            self.store.set_note(guest_id, note, needs_attention)
            self.store.audit(NOTE_SET, guest_id)  # never the text: the log is not for personal data
        return GuestNote(guest_id, note, needs_attention)

    def clear(self, guest_id: str) -> GuestNote:
        return self.save(guest_id, "", False)

    def marks(self) -> dict[str, bool]:
        """guest id -> needs attention, for the guests with a flag or a note."""
        return noted_guests(self.store)
