"""The kiosk window: a header, one screen at a time, idle reset, and kiosk-mode locks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import Screen, button, label
from kiosk.ui.widgets.fold import FoldRow

IDLE_SECONDS = 30
STAFF_IDLE_SECONDS = 120  # staff mode closes itself too, so nobody leaves it open to guests
LONG_PRESS_MS = 3000


class Header(FoldRow):
    """The event's name and day, and the guest's buttons at the right (`buttons`: the accessibility
    and speech buttons join the language button there); the buttons go below the name where both
    would not fit side by side (large text on a portrait screen)."""

    language_toggled = Signal()
    staff_gesture = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QWidget(), QWidget(), QMargins(48, 18, 48, 18), spacing=12, parent=parent)
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.event_name = label("", wrap=True)
        self.event_name.setObjectName("eventName")
        self.event_day = label("", wrap=True)
        self.event_day.setObjectName("eventDay")
        titles = QVBoxLayout(self.lead)
        titles.setContentsMargins(0, 0, 0, 0)
        titles.setSpacing(2)
        titles.addWidget(self.event_name)
        titles.addWidget(self.event_day)
        self.buttons = QHBoxLayout(self.tail)
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.language_button = button("lang", on_click=self.language_toggled.emit)
        self.language_button.setObjectName("languageButton")
        self.buttons.addWidget(self.language_button, 0)
        self._press_timer = QTimer(self, singleShot=True, interval=LONG_PRESS_MS)
        self._press_timer.timeout.connect(self.staff_gesture.emit)
        self.event_name.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # The hidden staff gesture: hold the event name for three seconds.
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._press_timer.start()
        elif event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._press_timer.stop()
        return False


class KioskWindow(QMainWindow):
    idle_timeout = Signal()  # the idle time and its warning are over: the kiosk goes home
    staff_requested = Signal()
    poked = Signal()  # someone touched, typed or scanned

    def __init__(self, kiosk_mode: bool = False) -> None:
        super().__init__()
        self.kiosk_mode = kiosk_mode
        self.allow_close = not kiosk_mode
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = Header()
        self.header.staff_gesture.connect(self.staff_requested.emit)
        self.stack = QStackedWidget()
        outer.addWidget(self.header)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.screens: dict[str, Screen] = {}
        self._portrait: bool | None = None
        self.idle_factor = 1.0  # longer in the accessibility modes
        self.idle_warning = None  # kiosk.ui.accessibility.idle_warning.IdleWarning: asks before the end
        self.idle_timer = QTimer(self, singleShot=True, interval=IDLE_SECONDS * 1000)
        self.idle_timer.timeout.connect(self._idle_time_up)
        QShortcut(QKeySequence("Ctrl+Alt+S"), self, activated=self.staff_requested.emit)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)

    def add_screen(self, screen: Screen) -> None:
        self.screens[screen.name] = screen
        self.stack.addWidget(screen)

    @property
    def current(self) -> str:
        return self.current_screen.name if self.current_screen is not None else ""

    @property
    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def show_screen(self, screen: Screen | str) -> Screen:
        """Show a screen (the object; its name where only the name is at hand, as in tests)."""
        screen = self.screens[screen] if isinstance(screen, str) else screen
        self.stack.setCurrentWidget(screen)
        self.poke()
        return screen

    def poke(self) -> None:
        """Someone is using the kiosk: restart the idle countdown (not needed on the start screen)."""
        if self.current == "welcome":
            self.idle_timer.stop()
        else:
            seconds = STAFF_IDLE_SECONDS if self.current == "staff" else IDLE_SECONDS
            self.idle_timer.start(round(seconds * self.idle_factor * 1000))
        self.poked.emit()

    def _idle_time_up(self) -> None:
        if self.idle_warning is None:
            self.idle_timeout.emit()
        else:
            self.idle_warning.start(self.idle_warning.seconds * self.idle_factor)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_orientation(self.width(), self.height())

    def fit_orientation(self, width: int, height: int) -> None:
        portrait = height > width
        if portrait != self._portrait:
            self._portrait = portrait
            for screen in self.screens.values():
                screen.set_portrait(portrait)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.allow_close:
            event.accept()
        else:
            event.ignore()  # guests cannot close the kiosk; staff leave through staff mode


class ActivityWatcher(QObject):
    """Any touch, click or key anywhere counts as activity for the idle timer."""

    ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
    BLOCKED_IN_KIOSK_MODE = {QEvent.Type.ContextMenu}

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in self.ACTIVITY:
            self.window.poke()
        return self.window.kiosk_mode and event.type() in self.BLOCKED_IN_KIOSK_MODE
