"""A staff note is for staff eyes: never on the guest's badge, never in the audit log, and gone from
the database file once the guest is forgotten."""

from __future__ import annotations

from erasure_support import print_badge, traces_in_files
from pypdf import PdfReader

from kiosk.services.staff_notes import NOTE_SET, StaffNotes
from kiosk.storage.privacy import forget_guest

NOTE = "Hörgerät Zwiebelturm"  # a string found nowhere else in the small event


def pdf_words(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_badge_of_a_guest_with_a_note_does_not_show_it(small, tmp_path):
    guest_id = small.ids["Quast"]
    StaffNotes(small.store).save(guest_id, NOTE, True)

    text = pdf_words(print_badge(small.store, guest_id, f"pdf:{tmp_path}"))

    assert "Quast" in text  # the extraction works: the name is there
    assert "Hörgerät" not in text and "Zwiebelturm" not in text


def test_the_audit_log_says_a_note_changed_but_not_what_it_says(small):
    guest_id = small.ids["Quast"]
    StaffNotes(small.store).save(guest_id, NOTE, True)

    [entry] = [row for row in small.store.audit_log() if row[1] == NOTE_SET]
    assert entry[2] == guest_id
    assert "Zwiebelturm" not in repr(small.store.audit_log())


def test_forget_leaves_the_note_nowhere_in_the_database_files(small):
    guest_id = small.ids["Quast"]
    StaffNotes(small.store).save(guest_id, NOTE, True)
    small.store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert traces_in_files(small.path, ("Zwiebelturm",))  # the search finds it before

    forget_guest(small.store, guest_id)

    assert traces_in_files(small.path, ("Zwiebelturm", "Hörgerät")) == []
    assert guest_id not in StaffNotes(small.store).marks()
