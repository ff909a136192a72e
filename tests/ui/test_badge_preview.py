"""Before the badge prints the guest sees it: they print it, correct a misspelt name on the touch
keyboard (journaled, marked for staff, printed with the correction), or do nothing and it prints by
itself after a countdown, so nobody in the queue waits."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader
from ui_support import FIRST_DAY, first_visitors

from kiosk.core.model import PrintStatus


def _answered(store):
    """A first-time guest without a title who already answered the consent question: not asked again."""
    guest = next(g for g in first_visitors(store, FIRST_DAY) if not g.title)
    store.set_consent(guest.id, True)
    return store.guest(guest.id)


def printed_text(printed_dir) -> str:
    [pdf] = printed_dir.glob("*.pdf")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def name_review(store, guest_id) -> bool:
    row = store.db.execute_sql("SELECT name_review FROM guest_row WHERE id = ?", (guest_id,)).fetchone()
    return bool(row[0])


def test_the_guest_sees_their_badge_and_prints_it(kiosk, printed_dir):
    guest = _answered(kiosk.store)
    kiosk.scan(guest.ticket_code)

    assert kiosk.current == "badge_preview"
    assert kiosk.text("previewName") == f"{guest.first_name} {guest.last_name}"
    assert not kiosk.find("previewImage").pixmap().isNull()  # the printer's own PDF, drawn off the UI thread
    assert kiosk.store.print_jobs() == []  # nothing printed before the guest has seen it

    kiosk.tap("previewPrint")

    assert kiosk.current == "message"
    assert kiosk.message()["status"] == "Bitte entnehmen Sie Ihr Namensschild am Drucker."
    [job] = kiosk.store.print_jobs()
    assert (job.guest_id, job.status) == (guest.id, PrintStatus.DONE)
    assert guest.last_name in printed_text(printed_dir)
    assert not name_review(kiosk.store, guest.id)


def test_a_misspelt_name_is_corrected_on_the_touch_keyboard_and_printed(kiosk, printed_dir):
    guest = _answered(kiosk.store)
    kiosk.scan(guest.ticket_code)
    kiosk.tap("previewCorrect")
    assert kiosk.find("preview-first_name").text() == guest.first_name  # prefilled
    kiosk.tap("key-clear")  # the last name field is the one chosen
    kiosk.tap_keys("Mustermann-Weiß")

    kiosk.tap("previewSave")

    stored = kiosk.store.guest(guest.id)
    assert (stored.first_name, stored.last_name) == (guest.first_name, "Mustermann-Weiß")
    assert name_review(kiosk.store, guest.id) and not kiosk.store.needs_review(guest.id)
    changes = kiosk.store.db.execute_sql("SELECT payload FROM change_row WHERE kind = 'guest'").fetchall()
    assert any(json.loads(p)["id"] == guest.id and json.loads(p)["fields"].get("name_review")
               for (p,) in changes)
    assert ("name_corrected", guest.id, "") in [row[1:] for row in kiosk.store.audit_log()]
    assert kiosk.current == "message"
    assert kiosk.message()["name"] == f"{guest.first_name} Mustermann-Weiß"
    [job] = kiosk.store.print_jobs()
    assert job.status == PrintStatus.DONE
    assert "Mustermann-Weiß" in printed_text(printed_dir)
    assert guest.last_name not in printed_text(printed_dir)


def test_without_a_tap_the_badge_prints_after_the_countdown(kiosk, qtbot):
    guest = _answered(kiosk.store)
    kiosk.scan(guest.ticket_code)
    preview = kiosk.screen("badge_preview")
    assert preview.countdown.maximum() == 80  # eight seconds, in tenths

    preview._timer.setInterval(1)  # the eight seconds pass
    qtbot.waitUntil(lambda: kiosk.current == "message", timeout=3000)
    kiosk.settle()

    [job] = kiosk.store.print_jobs()
    assert (job.guest_id, job.status) == (guest.id, PrintStatus.DONE)


def test_the_next_guest_scanning_prints_the_badge_left_on_the_preview(kiosk):
    first = _answered(kiosk.store)
    kiosk.scan(first.ticket_code)
    second = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if g.id != first.id)
    kiosk.wait_for_scan_window()

    kiosk.scan(second.ticket_code)

    assert [job.guest_id for job in kiosk.store.print_jobs()] == [first.id]
