"""kiosk note: staff set, change and clear a guest's note and 'needs attention' flag from the shell."""

from __future__ import annotations

from kiosk.storage import Store


def stored(db, guest_id: str) -> tuple[str, bool]:
    store = Store.open(db)
    try:
        guest = store.guest(guest_id)
        return guest.note, guest.needs_attention
    finally:
        store.close()


def test_note_with_attention_is_stored_and_printed(kiosk, event_db, ids):
    guest_id = next(iter(ids.values()))
    result = kiosk("--db", event_db, "note", guest_id, "Bringt  die Urkunde mit", "--attention", "--json")

    assert result.code == 0, result.err
    assert result.json == {"id": guest_id, "note": "Bringt die Urkunde mit", "needs_attention": True}
    assert stored(event_db, guest_id) == ("Bringt die Urkunde mit", True)


def test_a_flag_alone_keeps_the_note_and_text_alone_keeps_the_flag(kiosk, event_db, ids):
    guest_id = next(iter(ids.values()))
    kiosk("--db", event_db, "note", guest_id, "Presse", "--attention")

    assert kiosk("--db", event_db, "note", guest_id, "--no-attention").code == 0
    assert stored(event_db, guest_id) == ("Presse", False)
    text = kiosk("--db", event_db, "note", guest_id, "Presseausweis zeigen")
    assert text.code == 0 and "Presseausweis zeigen" in text.out
    assert stored(event_db, guest_id) == ("Presseausweis zeigen", False)


def test_clear_removes_note_and_flag(kiosk, event_db, ids):
    guest_id = next(iter(ids.values()))
    kiosk("--db", event_db, "note", guest_id, "VIP", "--attention")

    result = kiosk("--db", event_db, "note", guest_id, "--clear", "--json")

    assert result.code == 0, result.err
    assert result.json["note"] == "" and result.json["needs_attention"] is False
    assert stored(event_db, guest_id) == ("", False)


def test_an_unknown_guest_is_one_line_and_changes_nothing(kiosk, event_db):
    result = kiosk("--db", event_db, "note", "no-such-guest", "Hallo", "--attention")

    assert result.code == 1
    assert result.err == "kiosk: error: no guest with id no-such-guest\n"
    assert result.out == ""


def test_clear_with_text_is_refused(kiosk, event_db, ids):
    guest_id = next(iter(ids.values()))
    result = kiosk("--db", event_db, "note", guest_id, "Hallo", "--clear")

    assert result.code == 1 and result.err.count("\n") == 1 and "--clear" in result.err
    assert stored(event_db, guest_id) == ("", False)
