"""The staff PIN pad, reached by a hidden gesture; wrong PINs lock it for a while."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.widgets.common import Screen, button, card, label, set_tone
from kiosk.ui.widgets.pin_pad import PinPad


class PinScreen(Screen):
    name = "pin"
    pin_entered = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 24, 0, 24)
        frame, layout = card()
        self.frame = frame
        self.title = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.status = label("status", align=Qt.AlignmentFlag.AlignHCenter)
        self.status.setObjectName("pinStatus")
        self.pad = PinPad()
        self.pad.submitted.connect(self.pin_entered.emit)
        self.cancel_button = button("quiet", on_click=self.back_requested.emit)
        self.cancel_button.setObjectName("pinCancel")
        for widget in (self.title, self.status, self.pad, self.cancel_button):
            layout.addWidget(widget)
        centred = QHBoxLayout()  # stretches, not an alignment: the card then grows with its text's height
        centred.addStretch(1)
        centred.addWidget(frame, 100)
        centred.addStretch(1)
        outer.addLayout(centred)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # As wide as it asks, at most 640 px (twice that in large text): the pad's columns stay even.
        self.frame.setMaximumWidth(min(round(640 * style.current().scale), self.frame.sizeHint().width()))
        self.pad.setFocus()  # digits, Enter and Backspace from a keyboard reach the pad

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Staff access"))
        self.cancel_button.setText(tr("Back to the kiosk"))
        self.pad.setAccessibleName(tr("Staff PIN"))
        self.pad.back_key.setAccessibleName(tr("Delete the last digit"))
        self.show_prompt()

    def show_prompt(self) -> None:
        self.status.setText(self._tr("Enter the staff PIN."))
        set_tone(self.status, "")
        self.pad.set_enabled_keys(True)

    def show_wrong(self) -> None:
        self.status.setText(self._tr("Wrong PIN. Please try again."))
        set_tone(self.status, "error")

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        set_tone(self.status, "error")

    def show_locked(self, seconds: int) -> None:
        self.status.setText(self._tr("Too many wrong PINs. Locked for {seconds} s.", seconds=seconds))
        set_tone(self.status, "error")
        self.pad.set_enabled_keys(False)

    def reset(self) -> None:
        self.pad.clear()

    def way_back(self):
        return self.cancel_button
