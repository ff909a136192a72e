"""Consent on the first check-in: take part in contact exchange and the leaderboard, in plain words."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import Screen, button, card, label


class ConsentScreen(Screen):
    name = "consent"
    decided = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = self.outer = QVBoxLayout(self)
        outer.setContentsMargins(120, 60, 120, 60)
        frame, layout = card()
        layout.setContentsMargins(72, 56, 72, 56)
        self.greeting = label("title")
        self.greeting.setObjectName("consentGreeting")
        self.notice = label("body")  # 'please stop by the info desk', for a guest staff want to see
        self.notice.setObjectName("consentNotice")
        self.question = label("hero")
        self.explanation = label("body")
        self.privacy = label("muted")
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        self.yes_button = button("primary", on_click=lambda: self.decided.emit(True))
        self.yes_button.setObjectName("consentYes")
        self.no_button = button("secondary", on_click=lambda: self.decided.emit(False))
        self.no_button.setObjectName("consentNo")
        buttons.addWidget(self.no_button)
        buttons.addWidget(self.yes_button)
        layout.addStretch(1)
        for widget in (self.greeting, self.notice, self.question, self.explanation, self.privacy):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)
        outer.addWidget(frame)

    def set_portrait(self, portrait: bool) -> None:
        """Narrow: the card takes the width (a guest's name in large text needs it)."""
        side = 48 if portrait else 120
        self.outer.setContentsMargins(side, 60, side, 60)

    def ask(self, greeting: str, default_yes: bool, notice: str = "") -> None:
        """The guest is checked in already: this only asks. `default_yes` is the event's pre-ticked
        choice, shown as the prominent button; it is no answer until tapped."""
        self.greeting.setText(greeting)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        # The event's default is the prominent choice; the other is one tap away, never hidden.
        self.yes_button.setProperty("role", "primary" if default_yes else "secondary")
        self.no_button.setProperty("role", "secondary" if default_yes else "primary")
        for widget in (self.yes_button, self.no_button):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def reset(self) -> None:
        self.greeting.clear()
        self.notice.clear()

    def retranslate(self, tr) -> None:
        self.question.setText(tr("Join the networking?"))
        self.explanation.setText(tr(
            "At the kiosk, two guests can scan their badges to save that they met. Whoever makes the most "
            "new contacts becomes networking champion. The leaderboard shows your first name, the initial "
            "of your last name and your organization."))
        self.privacy.setText(tr("You can change your mind at any time at the info desk."))
        self.yes_button.setText(tr("Yes, I'm in"))
        self.no_button.setText(tr("No, thanks"))
