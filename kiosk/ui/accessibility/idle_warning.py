"""Before the kiosk goes back to the start by itself, it asks: 'Brauchen Sie mehr Zeit?'

WCAG 2.2.1 (timing adjustable): the guest is warned and has at least 20 seconds to ask for more time
with one simple action: a tap anywhere, any key, or the 'Mehr Zeit' button. Only when the countdown
runs out does the kiosk forget the guest.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressBar, QWidget

from kiosk.i18n import translator
from kiosk.ui.accessibility.overlay import CardOverlay
from kiosk.ui.widgets.common import button, label

WARNING_SECONDS = 20  # WCAG 2.2.1 asks for at least 20 s to answer


class IdleWarning(CardOverlay):
    """An overlay over the whole window: a dimmed screen and a card with the countdown."""

    expired = Signal()
    seconds = WARNING_SECONDS

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, "idleWarning", max_width=980)
        self._tr = translator()
        self._left = 0
        self._before: QWidget | None = None
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)
        self.title = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.title.setObjectName("idleTitle")
        self.detail = label("body", align=Qt.AlignmentFlag.AlignHCenter)
        self.detail.setObjectName("idleDetail")
        self.hint = label("muted", align=Qt.AlignmentFlag.AlignHCenter)
        self.countdown = QProgressBar(textVisible=False)
        self.more_button = button("primary", on_click=self.dismiss)
        self.more_button.setObjectName("idleMoreTime")
        for widget in (self.title, self.detail, self.countdown, self.more_button, self.hint):
            self.card_layout.addWidget(widget)
        window.installEventFilter(self)  # follows the window's size

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Do you need more time?"))
        self.hint.setText(tr("Tap anywhere or press any key."))
        self.more_button.setText(tr("More time"))
        self.setAccessibleName(tr("Do you need more time?"))
        self._show_left()

    def start(self, seconds: float) -> None:
        """The idle time is up: count down `seconds`, then expire unless someone acts."""
        self._left = max(1, round(seconds))
        self.countdown.setRange(0, self._left)
        self._show_left()
        self.place()
        focus = QApplication.focusWidget()
        self._before = focus if focus is not None and focus is not self.more_button else None
        self.show()
        self.raise_()
        self.more_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter or Space: more time
        self._timer.start()

    def dismiss(self) -> None:
        """Someone is there: back to the screen as it was, the idle time starts again (window.poke)."""
        if not self.isVisible():
            return
        self._timer.stop()
        self.hide()
        before, self._before = self._before, None
        if before is not None and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.more_button.hasFocus():
            self.more_button.clearFocus()

    def run_out(self) -> None:
        """The countdown is over now (as when its seconds have passed)."""
        self._left = 1
        self._tick()

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._timer.stop()
            self.hide()
            self._before = None
            self.expired.emit()
        else:
            self._show_left()

    def _show_left(self) -> None:
        self.countdown.setValue(self._left)
        self.detail.setText(self._tr("Otherwise the kiosk goes back to the start in {seconds} seconds.",
                                     seconds=self._left))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False
