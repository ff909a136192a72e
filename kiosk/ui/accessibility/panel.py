"""The guest's own settings, behind one button that is always in the same place (the header):
large text and high contrast, switched at once and kept until the kiosk goes back to the start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.accessibility.overlay import CardOverlay
from kiosk.ui.widgets.common import button, label

SYMBOL = "\u267f"  # the wheelchair symbol, as on accessible ticket machines


class AccessPanel(CardOverlay):
    """An overlay: two switches and 'Fertig'. The switches say their state in words, not in colour only."""

    large_text_toggled = Signal()
    high_contrast_toggled = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, "accessPanel", max_width=1000)
        self.title = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.title.setObjectName("accessTitle")
        self.large_text = button("secondary", on_click=self.large_text_toggled.emit)
        self.large_text.setObjectName("accessLargeText")
        self.high_contrast = button("secondary", on_click=self.high_contrast_toggled.emit)
        self.high_contrast.setObjectName("accessHighContrast")
        self.done = button("primary", on_click=self.hide)
        self.done.setObjectName("accessDone")
        for widget in (self.large_text, self.high_contrast):
            widget.setCheckable(True)
        for widget in (self.title, self.large_text, self.high_contrast, self.done):
            self.card_layout.addWidget(widget)
        self._tr = None

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Display"))
        self.done.setText(tr("Done"))
        self.show_state(self.large_text.isChecked(), self.high_contrast.isChecked())

    def show_state(self, large_text: bool, high_contrast: bool) -> None:
        tr = self._tr or (lambda text: text)
        self.large_text.setChecked(large_text)
        self.high_contrast.setChecked(high_contrast)
        self.large_text.setText(tr("Large text: on") if large_text else tr("Large text: off"))
        self.high_contrast.setText(tr("High contrast: on") if high_contrast else tr("High contrast: off"))

    def open(self) -> None:
        self.place()
        self.show()
        self.raise_()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API: a tap beside the card closes it
        if not self.frame.geometry().contains(event.position().toPoint()):
            self.hide()


def header_button(on_click) -> QWidget:
    widget = button("lang", on_click=on_click)
    widget.setObjectName("accessButton")
    return widget


def header_text(tr) -> str:
    return f"{SYMBOL} {tr('Display')}"
