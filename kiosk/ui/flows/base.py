"""What every flow is and what the guest flows share."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from kiosk.ui.events import KioskEvents
from kiosk.ui.feedback import Feedback
from kiosk.ui.flows.messages import GuestMessages
from kiosk.ui.shell import GuestScreens, Language
from kiosk.ui.tasks import Tasks
from kiosk.ui.widgets.common import Screen
from kiosk.ui.window import KioskWindow


class Flow(QObject):
    """The router hands a flow the scans made while one of its screens is showing (the check-in
    flow takes the rest) and calls reset() whenever the kiosk goes home."""

    done = Signal()  # the flow is over: back to the welcome screen

    def owns(self, screen: Screen | None) -> bool:
        return False

    def handle_scan(self, code: str) -> None:
        """A code scanned in this flow's mode."""

    def reset(self) -> None:
        """Forget the guest this flow was serving."""

    def home_screen(self) -> Screen | None:
        """The screen the kiosk goes home to while this flow holds it (door mode); None: the welcome screen."""
        return None


@dataclass(frozen=True)
class FlowKit:
    """What the guest flows share: the window and its screens, the database worker, the language,
    the sounds, the message screen and the app-wide events."""

    window: KioskWindow
    screens: GuestScreens
    tasks: Tasks
    language: Language
    feedback: Feedback
    messages: GuestMessages
    events: KioskEvents

    @property
    def tr(self):
        return self.language.tr

    def show(self, screen: Screen) -> None:
        self.window.show_screen(screen)
