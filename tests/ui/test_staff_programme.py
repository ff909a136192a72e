"""Staff mode's programme page, driven through the running kiosk (German, 1920 x 1080): a new session
typed on the touch keyboard, a refusal naming what is wrong, an edit, and a removal after a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView
from ui_support import FIRST_DAY

from kiosk.core.programme import SessionKind
from kiosk.storage import programme as stored


def type_into(kiosk, field: str, text: str) -> None:
    """Tap the field, then the form keyboard's keys (named session-key-...)."""
    line = kiosk.find(f"session-{field}", QLineEdit)
    kiosk.qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    line.clear()
    for position, char in enumerate(text):
        if position and char.isupper():
            kiosk.tap("sessionShift", settle=False)
        name = "key-space" if char == " " else f"key-{char if char == 'ß' else char.upper()}"
        kiosk.tap(f"session-{name}", settle=False)
    kiosk.settle()


def test_a_new_session_typed_on_the_touch_keyboard_is_saved(make_kiosk):
    kiosk = make_kiosk()
    kiosk.open_staff("programme")
    kiosk.tap("programmeNew")
    kiosk.tap("sessionKeyboardToggle")
    kiosk.tap("sessionDay-" + FIRST_DAY.isoformat())
    kiosk.tap("sessionKind-quiz")
    type_into(kiosk, "title_de", "Quizrunde am Abend")
    type_into(kiosk, "start", "16.00")
    type_into(kiosk, "end", "15.30")
    type_into(kiosk, "capacity", "24")
    kiosk.tap("sessionSave")
    assert kiosk.shown_text("sessionProblem") == "Das Ende muss nach dem Beginn liegen."
    assert not [s for s in stored.sessions(kiosk.store) if s.title_de == "Quizrunde am Abend"]
    type_into(kiosk, "end", "17.00")
    kiosk.tap("sessionSave")
    saved = next(s for s in stored.sessions(kiosk.store) if s.title_de == "Quizrunde am Abend")
    assert (saved.day, f"{saved.start:%H:%M}", f"{saved.end:%H:%M}", saved.kind, saved.capacity) == (
        FIRST_DAY, "16:00", "17:00", SessionKind.QUIZ, 24)
    assert kiosk.shown_text("programmeFeedback") == "Gespeichert: Quizrunde am Abend"
    table = kiosk.find("programmeTable", QTableView)
    assert table.model().index(table.currentIndex().row(), 1).data() == "Quizrunde am Abend · Quiz"


def test_an_edit_and_a_removal_after_confirmation(make_kiosk):
    kiosk = make_kiosk()
    target = next(s for s in stored.sessions(kiosk.store, FIRST_DAY) if s.kind == SessionKind.QUIZ)
    kiosk.open_staff("programme")
    table = kiosk.find("programmeTable", QTableView)
    kiosk.tap_row("programmeTable", table.model().position_of(target.id))
    kiosk.tap("programmeEdit")
    assert kiosk.find("session-title_de", QLineEdit).text() == target.title_de
    kiosk.tap("sessionKeyboardToggle")
    type_into(kiosk, "capacity", "80")
    kiosk.tap("sessionSave")
    assert stored.session(kiosk.store, target.id).capacity == 80
    kiosk.tap("programmeRemove")
    assert target.title_de in kiosk.text("programmeConfirmQuestion")
    kiosk.tap("programmeConfirmYes")
    assert stored.session(kiosk.store, target.id) is None
    assert table.model().position_of(target.id) is None
