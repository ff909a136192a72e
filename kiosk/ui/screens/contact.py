"""Contact exchange: the first guest scans their badge, then the second; the pair is saved once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import translator
from kiosk.ui.screens.message import Sign
from kiosk.ui.widgets.common import Screen, card, label, screen_with_back_button, set_tone


class ContactScreen(Screen):
    name = "contact"
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = translator()
        outer = screen_with_back_button(self, "contactBack")
        frame, layout = card()
        layout.setContentsMargins(72, 56, 72, 56)
        self.sign = Sign()
        self.step = label("section", align=Qt.AlignmentFlag.AlignHCenter)
        self.step.setObjectName("contactStep")
        self.headline = label("hero", align=Qt.AlignmentFlag.AlignHCenter)
        self.headline.setObjectName("contactHeadline")
        self.detail = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.detail.setObjectName("contactDetail")
        self.status = label("status", align=Qt.AlignmentFlag.AlignHCenter)
        self.status.setObjectName("contactStatus")
        layout.addStretch(1)
        layout.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.step, self.headline, self.detail, self.status):
            layout.addWidget(widget)
        self.camera_slot = QHBoxLayout()  # a camera's live preview goes here (kiosk.ui.camera)
        layout.addLayout(self.camera_slot)
        layout.addStretch(1)
        self.info = label("muted", align=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.info)
        outer.addWidget(frame, 1)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.back_button.setText(tr("Back"))
        self.title.setText(tr("Exchange contacts"))
        self.info.setText(tr("Only badges count. Your contact details stay private."))
        self.show_first_step()

    def show_first_step(self) -> None:
        tr = self._tr
        self._show("info", tr("STEP 1 OF 2"), tr("First person: scan your badge"),
                   tr("Hold the QR code on your badge under the scanner."), "")

    def show_second_step(self, first_name: str, seconds: int) -> None:
        tr = self._tr
        self._show("info", tr("STEP 2 OF 2"), tr("Now the second person"),
                   tr("Hello {name}! Your partner scans their badge now.", name=first_name),
                   tr("{seconds} seconds left", seconds=seconds))

    def show_result(self, tone: str, headline: str, detail: str, status: str = "") -> None:
        self._show(tone, "", headline, detail, status, status_tone=tone if tone != "info" else "")

    def _show(self, tone: str, step: str, headline: str, detail: str, status: str, status_tone: str = "") -> None:
        self.sign.set_tone(tone)
        self.step.setText(step)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.status.setText(status)
        set_tone(self.status, status_tone if status else "none")

    def reset(self) -> None:
        self.show_first_step()
