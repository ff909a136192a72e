"""One message with a big sign: welcome, welcome back, or a problem. Returns to the start by itself."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.accessibility.modes import time_factor
from kiosk.ui.widgets.common import Screen, button, card, label, set_tone

TONES = {"success": ("success", "✓"), "info": ("primary_text", "i"), "warning": ("warning_text", "!"),
         "error": ("error", "✕")}  # palette colours, so high contrast draws the sign in its own


class Sign(QWidget):
    """A filled circle with a symbol: the colour is never the only signal, the symbol and words say it too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = "success"
        self.setFixedSize(150, 150)

    def set_tone(self, tone: str) -> None:
        self.tone = tone
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        colour_name, symbol = TONES[self.tone]
        colours = style.current().palette
        colour = getattr(colours, colour_name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(5, 5, 140, 140))
        painter.setPen(QColor(colours.on_sign))
        painter.setFont(QFont(style.FONT_FAMILY, 54, QFont.Weight.Bold))
        painter.drawText(QRectF(5, 5, 140, 140), Qt.AlignmentFlag.AlignCenter, symbol)


class MessageScreen(Screen):
    name = "message"
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(120, 60, 120, 60)
        frame, layout = card()
        layout.setContentsMargins(72, 56, 72, 56)
        layout.setSpacing(24)
        self.sign = Sign()
        self.title = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.title.setObjectName("messageTitle")
        self.name_label = label("name", align=Qt.AlignmentFlag.AlignHCenter)
        self.name_label.setObjectName("messageName")
        self.detail = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.detail.setObjectName("messageDetail")
        self.status = label("status", align=Qt.AlignmentFlag.AlignHCenter)
        self.status.setObjectName("messageStatus")
        self.countdown = QProgressBar()
        self.countdown.setTextVisible(False)
        self.done_button = button("primary", on_click=self.finish)
        self.done_button.setObjectName("messageDone")
        layout.addStretch(1)
        layout.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.title, self.name_label, self.detail, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.countdown)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(frame)
        self._ticks_left = 0
        self._ticks_total = 1
        self._timer = QTimer(self, interval=100)
        self._timer.timeout.connect(self._tick)

    def retranslate(self, tr) -> None:
        self.done_button.setText(tr("Done"))

    def show_message(self, tone: str, title: str, name: str = "", detail: str = "", status: str = "",
                     status_tone: str = "", seconds: float = 8.0) -> None:
        self.sign.set_tone(tone)
        self.title.setText(title)
        # Texts change, widgets stay shown: showing and hiding would re-lay-out every screen (tens of ms).
        self.name_label.setText(name)
        self.detail.setText(detail)
        self.set_status(status, status_tone)
        self.start_countdown(seconds)

    def set_status(self, text: str, tone: str = "") -> None:
        self.status.setText(text)
        set_tone(self.status, tone if text else "none")

    def start_countdown(self, seconds: float) -> None:
        self._ticks_total = self._ticks_left = max(1, int(seconds * time_factor() * 10))
        self.countdown.setRange(0, self._ticks_total)
        self.countdown.setValue(self._ticks_total)
        self._timer.start()

    def hold(self) -> None:
        """Keep the message up (a badge is still printing)."""
        self._timer.stop()

    def _tick(self) -> None:
        self._ticks_left -= 1
        self.countdown.setValue(self._ticks_left)
        if self._ticks_left <= 0:
            self.finish()

    def finish(self) -> None:
        self._timer.stop()
        self.finished.emit()

    def way_back(self):
        return self.done_button

    def reset(self) -> None:
        self._timer.stop()
        for widget in (self.title, self.name_label, self.detail, self.status):
            widget.setText("")
