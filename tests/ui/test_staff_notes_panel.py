"""Staff notes at the moment of scan, driven through the running kiosk (German, 1920 x 1080):
staff set and clear a guest's note and 'needs attention' flag in staff mode's guest panel, the guest
list marks flagged guests in words, a flagged guest who checks in shows in staff mode at once, and
the guest is asked kindly to the info desk without ever seeing the note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView
from ui_support import FIRST_DAY, first_visitors

from kiosk.services.staff_notes import StaffNotes

NOTE = "Rollstuhl: Aufzug zeigen, Presseausweis ansehen"  # typed by QTest: ASCII only
INFO_DESK = "Bitte kommen Sie kurz am Infostand vorbei."


def leave_staff(kiosk) -> None:
    kiosk.tap("staffBack")
    assert kiosk.current != "staff"


def guest_table(kiosk) -> QTableView:
    return kiosk.find("staffGuestTable", QTableView)


def cell(kiosk, guest_id: str, title: str) -> str:
    model = guest_table(kiosk).model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return model.index(model.position_of(guest_id), headers.index(title)).data()


def click_guest(kiosk, guest) -> None:
    """Search the name (set, not typed: QTest types ASCII only), then tap the guest's own row (namesakes
    exist)."""
    kiosk.find("staffSearch", QLineEdit).setText(guest.full_name)
    kiosk.settle()
    kiosk.tap_row("staffGuestTable", guest_table(kiosk).model().position_of(guest.id))
    assert kiosk.text("staffSelectedName") == guest.full_name


def note_field(kiosk) -> QLineEdit:
    return kiosk.find("staffNote", QLineEdit)


def attention(kiosk) -> QPushButton:
    return kiosk.find("staffAttention", QPushButton)


def test_staff_set_a_note_and_flag_and_see_them_again_after_reopening(kiosk):
    first, second = first_visitors(kiosk.store, FIRST_DAY)[:2]
    kiosk.open_staff()
    click_guest(kiosk, first)
    assert note_field(kiosk).text() == "" and not attention(kiosk).isChecked()
    assert cell(kiosk, first.id, "Notiz") == ""

    kiosk.qtbot.keyClicks(note_field(kiosk), NOTE)
    kiosk.tap("staffAttention")
    kiosk.tap("staffNoteSave")

    stored = kiosk.store.guest(first.id)
    assert (stored.note, stored.needs_attention) == (NOTE, True)
    assert kiosk.text("staffFeedback") == f"Notiz für {first.full_name} gespeichert."
    assert cell(kiosk, first.id, "Notiz") == "⚠ Beachten"  # a word, not only a colour
    assert kiosk.text("staffSelectedDetail").startswith("Hinweis beachten · ")

    click_guest(kiosk, second)
    assert note_field(kiosk).text() == "" and not attention(kiosk).isChecked()
    leave_staff(kiosk)
    kiosk.open_staff()
    click_guest(kiosk, first)

    assert note_field(kiosk).text() == NOTE and attention(kiosk).isChecked()
    assert cell(kiosk, first.id, "Notiz") == "⚠ Beachten"


def test_staff_clear_the_flag_and_the_note(kiosk):
    guest = first_visitors(kiosk.store, FIRST_DAY)[3]
    StaffNotes(kiosk.store).save(guest.id, NOTE, True)
    kiosk.open_staff()
    click_guest(kiosk, guest)
    assert note_field(kiosk).text() == NOTE

    kiosk.tap("staffAttention")
    kiosk.tap("staffNoteSave")
    assert cell(kiosk, guest.id, "Notiz") == "Hinweis"  # a note, no longer a flag
    note_field(kiosk).clear()
    kiosk.tap("staffNoteSave")

    stored = kiosk.store.guest(guest.id)
    assert (stored.note, stored.needs_attention) == ("", False)
    assert cell(kiosk, guest.id, "Notiz") == ""
    assert not kiosk.text("staffSelectedDetail").startswith("Hinweis beachten")


def test_the_note_editor_is_off_until_a_guest_is_selected(kiosk):
    kiosk.open_staff()
    assert kiosk.text("staffSelectedName") == "Niemand ausgewählt"
    assert not note_field(kiosk).isEnabled()
    assert not kiosk.find("staffNoteSave", QPushButton).isEnabled()


def test_a_flagged_guest_checked_in_while_staff_mode_is_open_shows_at_once(kiosk):
    guest = first_visitors(kiosk.store, FIRST_DAY)[4]
    StaffNotes(kiosk.store).save(guest.id, NOTE, True)
    kiosk.open_staff()
    assert cell(kiosk, guest.id, "Heute").startswith("Noch nicht")

    # The kiosk's check-in finishing while staff mode is open, as the check-in flow announces it.
    kiosk.desk.check_in_guest(guest)
    kiosk.kiosk.events.checkin_did_complete.emit(guest.id)
    kiosk.settle()

    assert cell(kiosk, guest.id, "Heute") == "✓ 09:10"
    assert cell(kiosk, guest.id, "Notiz") == "⚠ Beachten"
    assert kiosk.text("staffFeedback") == f"{guest.full_name} ist gerade eingecheckt: Hinweis beachten."


def shown_texts(kiosk) -> str:
    return "\n".join(label.text() for label in kiosk.window.findChildren(QLabel) if label.isVisible())


def test_a_flagged_guest_is_asked_to_the_info_desk_and_never_sees_the_note(make_kiosk):
    guest = [None]

    def flag(store):
        guest[0] = first_visitors(store, FIRST_DAY)[0]
        StaffNotes(store).save(guest[0].id, NOTE, True)
        store.set_consent(guest[0].id, True)  # answered on the list: welcomed at once

    kiosk = make_kiosk(prepare=flag)
    kiosk.scan(guest[0].ticket_code)

    # The welcome message's own labels (a badge preview may stand in front of it for a moment).
    assert kiosk.text("messageTitle", "message") == f"Willkommen, {guest[0].greeting_name}!"
    assert INFO_DESK in kiosk.text("messageDetail", "message")
    assert not any("Rollstuhl" in label.text() for label in kiosk.screen("message").findChildren(QLabel))
    assert "Rollstuhl" not in shown_texts(kiosk) and "Presseausweis" not in shown_texts(kiosk)


def test_a_guest_with_a_note_but_no_flag_is_not_sent_to_the_info_desk(make_kiosk):
    guest = [None]

    def note_only(store):
        guest[0] = first_visitors(store, FIRST_DAY)[0]
        StaffNotes(store).save(guest[0].id, NOTE, False)
        store.set_consent(guest[0].id, True)

    kiosk = make_kiosk(prepare=note_only)
    kiosk.scan(guest[0].ticket_code)

    assert kiosk.text("messageTitle", "message") == f"Willkommen, {guest[0].greeting_name}!"
    assert INFO_DESK not in kiosk.text("messageDetail", "message")
    assert "Rollstuhl" not in shown_texts(kiosk)
