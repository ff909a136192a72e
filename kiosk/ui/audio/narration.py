"""The narrator reads each guest screen aloud when it appears (while speech output is on): what
the screen says, in the guest's language, from the screen's own texts, plus which buttons it
offers. Outcomes (a check-in, a refusal, a new contact) the flows say themselves through
Feedback.say; the narrator waits a moment before reading, so a screen that only flashes by
('One moment …') or whose outcome a flow has just said is not read over it.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.ui.audio.speech import Speech
from kiosk.ui.audio.switch import TOGGLE_KEY
from kiosk.ui.feedback import Feedback
from kiosk.ui.widgets.common import Screen

READ_AFTER_MS = 300  # longer than a quick result takes, short enough to feel immediate
SEARCH_PAUSE_MS = 700  # the result count is read once the guest pauses typing
FOCUS_AFTER_MS = 100  # a screen change that moves the focus comes within this


def _choice(tr, first, second) -> str:
    return tr("Tap “{first}” or “{second}”.", first=first.text(), second=second.text())


def welcome(screen, tr) -> list[str]:
    buttons = [b.text() for b in (screen.search_button, screen.contact_button, screen.leaderboard_button,
                                  screen.tables_button, screen.walk_in_button) if not b.isHidden()]
    return [screen.hero.text(), screen.instruction.text(), screen.scan_hint.text(), screen.or_label.text(),
            tr("Buttons: {names}.", names=", ".join(buttons))]


def search(screen, tr) -> list[str]:
    if screen.pages.currentIndex() == 1:
        return [screen.confirm_title.text(), screen.confirm_name.text(), screen.confirm_org.text(),
                _choice(tr, screen.yes_button, screen.no_button)]
    return [screen.title.text(), *search_results(screen, tr)]


def search_results(screen, tr) -> list[str]:
    """What was typed (or how to begin), how many names were found, and the first five of them."""
    names = [b.name_label.text() for b in screen.result_buttons if not b.isHidden()][:5]
    return [screen.query_label.text(), screen.hint.text(), ", ".join(names)]


def consent(screen, tr) -> list[str]:
    return [screen.greeting.text(), screen.notice.text(), screen.question.text(), screen.explanation.text(),
            _choice(tr, screen.yes_button, screen.no_button)]


def badge_preview(screen, tr) -> list[str]:
    if screen.pages.currentIndex() == 1:
        return [screen.form_title.text(), tr("Type on the keyboard, then tap “{button}”.",
                                              button=screen.save_button.text())]
    return [tr("Welcome, {name}.", name=screen.name_label.text()), screen.title.text(),
            _choice(tr, screen.print_button, screen.correct_button)]


def message(screen, tr) -> list[str]:
    name = screen.name_label.text()
    return [screen.title.text(), "" if name in screen.title.text() else name, screen.detail.text(),
            screen.status.text()]


def contact(screen, tr) -> list[str]:
    return [screen.title.text(), screen.step.text(), screen.headline.text(), screen.detail.text(),
            screen.status.text(), screen.info.text()]


def leaderboard(screen, tr) -> list[str]:
    tie_rule = "" if screen.tie_rule.isHidden() else screen.tie_rule.text()
    return [screen.title.text(), screen.champion.text(), tie_rule]


def walk_in(screen, tr) -> list[str]:
    fields = ", ".join(screen.captions[field].text() for field in screen.inputs)
    return [screen.title.text(), tr("Please fill in: {fields}.", fields=fields),
            tr("Then tap “{button}”.", button=screen.submit_button.text())]


def pin(screen, tr) -> list[str]:
    return [screen.title.text(), screen.status.text()]


READERS: dict[str, Callable[[Screen, object], list[str]]] = {
    "welcome": welcome, "search": search, "consent": consent, "badge_preview": badge_preview,
    "message": message, "contact": contact, "leaderboard": leaderboard, "walk_in": walk_in, "pin": pin,
    "tables_search": search,
}


def _own_reading(screen, tr) -> list[str]:
    """A screen that reads itself (screens.tables, screens.ticks): its spoken(tr)."""
    spoken = getattr(screen, "spoken", None)
    return spoken(tr) if spoken else []


class Narrator(QObject):
    def __init__(self, window, screens, preview, feedback: Feedback, speech: Speech, language,
                 events) -> None:
        super().__init__(window)
        self.window, self.feedback, self.speech, self.language = window, feedback, speech, language
        self._mark = 0
        self._read = QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self._read.timeout.connect(self._read_screen)
        self._results = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._results.timeout.connect(self._read_results)
        self._focus: tuple[QWidget, int] | None = None
        self._focus_read = QTimer(self, singleShot=True, interval=FOCUS_AFTER_MS)
        self._focus_read.timeout.connect(self._read_focus)
        window.stack.currentChanged.connect(self.screen_changed)
        events.language_did_change.connect(self.screen_changed)
        for pages in (screens.search.pages, preview.pages):
            pages.currentChanged.connect(self.screen_changed)  # the search's 'is this you?', the name form
        keyboard = screens.search.keyboard
        for typing in (keyboard.typed, keyboard.backspace, keyboard.cleared):
            typing.connect(self._results.start)
        speech.toggled.connect(self._switched)
        window.idle_timer.timeout.connect(self._read_idle_warning)  # after the window has shown it
        QApplication.instance().focusChanged.connect(self._focused)

    @property
    def pending(self) -> bool:
        """A reading is still to come (the screen's, or the search results')."""
        return self._read.isActive() or self._results.isActive() or self._focus_read.isActive()

    def screen_text(self) -> list[str]:
        screen = self.window.current_screen
        reader = READERS.get(screen.name, _own_reading) if screen is not None else None
        return reader(screen, self.language.tr) if reader else []

    def screen_changed(self) -> None:
        if self.speech.enabled:
            self._mark = self.speech.said
            self._read.start()
            self._focus_read.stop()

    def _read_screen(self) -> None:
        if self.speech.said == self._mark:  # no flow has said anything since the screen appeared
            self.feedback.say(*self.screen_text())

    def _read_results(self) -> None:
        screen = self.window.current_screen
        if screen is not None and screen.name == "search" and screen.pages.currentIndex() == 0:
            self.feedback.say(*search_results(screen, self.language.tr))

    def _read_idle_warning(self) -> None:
        warning = self.window.idle_warning
        if self.speech.enabled and warning is not None and warning.isVisible():
            self.feedback.say(warning.title.text(), warning.detail.text(), warning.hint.text())

    def _focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A keyboard user moved to a control: its name is said, unless a screen is about to be
        read (a screen that appears moves the focus too; its reading says more)."""
        if self.speech.enabled and new is not None and new.window() is self.window:
            self._focus = (new, self.speech.said)
            self._focus_read.start()

    def _read_focus(self) -> None:
        (new, mark), self._focus = self._focus, None
        if self._read.isActive() or self.speech.said != mark or not new.hasFocus():
            return  # a screen or a message was or is about to be said: it says more
        name = new.accessibleName() or (new.text() if isinstance(new, QAbstractButton) else "")
        if name:
            self.feedback.say(name)

    def _switched(self, on: bool) -> None:
        if on:
            tr = self.language.tr
            self.feedback.say(tr("Speech output is on. Switch it off with {key} or the speaker button at "
                                 "the top right.", key=TOGGLE_KEY), *self.screen_text())
