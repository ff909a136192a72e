"""Switching speech output on and off: the speaker button in the header's corner on every guest
screen, the F2 key, and headphones being plugged in where the platform tells.

Headphones: Qt reports audio outputs coming (QMediaDevices.audioOutputsChanged), and a new output
whose name mentions headphones or a headset switches speech on. USB and Bluetooth headsets are
outputs of their own and are seen; a headphone jack on the built-in sound card usually is not
(PulseAudio and PipeWire switch the card's port, the output stays the same), so there the button
or F2 is the way. Unplugging is not relied on: Qt 6.11 on PulseAudio keeps a removed output in its
list and says nothing (tests/ui/test_sounds_device.py), so speech goes off by the button, F2, or
when the guest walks away; where the platform does report it, the last headphones leaving switch
it off too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPainterPath, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import QPushButton

from kiosk.ui.audio.speech import Speech

TOGGLE_KEY = "F2"
HEADPHONE_WORDS = ("headphone", "headset", "kopfhörer", "earphone", "earbud", "ohrhörer")


def is_headphones(description: str) -> bool:
    return any(word in description.lower() for word in HEADPHONE_WORDS)


class ListedOutputs(QObject):
    """Audio outputs from a list: for tests (plug, unplug) and where QtMultimedia is missing."""

    audioOutputsChanged = Signal()  # noqa: N815 - QMediaDevices' name

    def __init__(self, descriptions: tuple[str, ...] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.descriptions = list(descriptions)

    def audioOutputs(self) -> list:  # noqa: N802 - QMediaDevices' name
        return [_Described(text) for text in self.descriptions]

    def plug(self, description: str) -> None:
        self.descriptions.append(description)
        self.audioOutputsChanged.emit()

    def unplug(self, description: str) -> None:
        self.descriptions.remove(description)
        self.audioOutputsChanged.emit()


class _Described:
    def __init__(self, text: str) -> None:
        self.text = text

    def description(self) -> str:
        return self.text


def media_devices(parent: QObject | None = None) -> QObject:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return ListedOutputs(parent=parent)
    return QMediaDevices(parent)


class SpeechSwitch(QObject):
    """The rules: the guest toggles; headphones plugged in switch it on (and off, where unplugging
    is reported); when a guest walks away (the idle timeout) it goes off for the next one."""

    def __init__(self, speech: Speech, devices: QObject, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speech, self.devices = speech, devices
        self._headphones = self._listed_headphones()
        devices.audioOutputsChanged.connect(self._outputs_changed)

    def _listed_headphones(self) -> set[str]:
        return {d.description() for d in self.devices.audioOutputs() if is_headphones(d.description())}

    def _outputs_changed(self) -> None:
        now = self._listed_headphones()
        plugged, self._headphones = now - self._headphones, now
        if plugged:
            self.speech.set_enabled(True)
        elif not now:
            self.speech.set_enabled(False)

    def toggle(self) -> None:
        self.speech.toggle()

    def guest_left(self) -> None:
        self.speech.set_enabled(False)


class SpeechButton(QPushButton):
    """A speaker in the header's right corner, as tall as the language button, filled white while
    on; a picture only, so the portrait header keeps room for the event's name."""

    def __init__(self, switch: SpeechSwitch, parent=None) -> None:
        # Born with its parent: shown without one, it would flash up as a window of its own.
        super().__init__(parent)
        self.setObjectName("speechButton")
        self.setProperty("role", "lang")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # scanner keys must not press it
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(96, 72)
        self.setIconSize(QSize(44, 44))
        self.setStyleSheet("QPushButton:checked { background: white; }")
        self.clicked.connect(switch.toggle)
        switch.speech.toggled.connect(self._show)
        self.setVisible(switch.speech.available)
        self._tr = None
        self._show(switch.speech.enabled)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.setAccessibleName(tr("Speech output"))
        self._show(self.isChecked())

    def _show(self, on: bool) -> None:
        self.setChecked(on)
        self.setIcon(speaker_icon(on))
        if self._tr is not None:
            self.setToolTip(self._tr("Speech output is on") if on else self._tr("Speech output is off"))
            self.setAccessibleDescription(self.toolTip() + f" ({TOGGLE_KEY})")


def install(window, switch: SpeechSwitch, language, events) -> SpeechButton:
    """The button at the header's right end and the key, on every guest screen."""
    button = SpeechButton(switch, window.header)
    window.header.buttons.addWidget(button, 0)
    QShortcut(QKeySequence(TOGGLE_KEY), window, activated=switch.toggle)
    events.language_did_change.connect(lambda: button.retranslate(language.tr))
    button.retranslate(language.tr)
    return button


def speaker_icon(on: bool, size: int = 88) -> QIcon:
    """A loudspeaker with sound waves (on, navy on white) or with a cross (off, white on navy):
    drawn, so no icon font or emoji font has to be installed."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#0B2545" if on else "white")
    painter.scale(size / 44, size / 44)
    body = QPainterPath()
    body.addPolygon([QPointF(4, 16), QPointF(12, 16), QPointF(22, 6), QPointF(22, 38), QPointF(12, 28),
                     QPointF(4, 28), QPointF(4, 16)])
    painter.fillPath(body, ink)
    painter.setPen(_pen(ink))
    if on:
        for radius in (7, 13):
            painter.drawArc(QRectF(22 - radius, 22 - radius, 2 * radius, 2 * radius), -50 * 16, 100 * 16)
    else:
        painter.drawLine(QPointF(28, 16), QPointF(40, 28))
        painter.drawLine(QPointF(40, 16), QPointF(28, 28))
    painter.end()
    return QIcon(pixmap)


def _pen(ink: QColor) -> QPen:
    pen = QPen(ink, 3.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen
