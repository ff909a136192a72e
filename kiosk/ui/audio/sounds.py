"""The tones an outcome plays: Sounds.play(kind) at the kiosk's volume, unless staff muted it.

Where the tones go is an output handed in: QtSoundOutput plays the WAV files through QSoundEffect
(loaded once, so a tone starts within milliseconds of the scan); RecordingOutput keeps what would
have played, for tests; BellOutput is the system bell where QtMultimedia cannot be loaded.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from kiosk.ui.audio.tones import TONES, sound_file

log = logging.getLogger(__name__)
KINDS = tuple(TONES)  # success, problem, contact
DEFAULT_VOLUME = 70


class SoundOutput(Protocol):
    def play(self, kind: str, volume: int) -> None:
        """Start the tone `kind` at `volume` (1..100) and return at once."""


class RecordingOutput:
    """Plays nothing, keeps (kind, volume) of every tone in order: what a guest would have heard."""

    def __init__(self) -> None:
        self.plays: list[tuple[str, int]] = []

    def play(self, kind: str, volume: int) -> None:
        self.plays.append((kind, volume))


class BellOutput:
    """Without QtMultimedia: the system bell, the same for every kind (at least a sound)."""

    def play(self, kind: str, volume: int) -> None:
        QApplication.beep()


class QtSoundOutput(QObject):
    """QSoundEffect per kind, loaded at start. Without an audio device Qt marks the effects as
    failed and play() does nothing: no error, no wait (said once in the log)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect

        self._failed = QSoundEffect.Status.Error
        self._effects = {}
        for kind in KINDS:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(sound_file(kind))))
            self._effects[kind] = effect
        self._told = False

    def play(self, kind: str, volume: int) -> None:
        effect = self._effects[kind]
        if effect.status() == self._failed:
            if not self._told:
                self._told = True
                log.warning("no audio output could play the kiosk's tones: they stay silent")
            return
        effect.stop()  # the next guest's scan restarts the tone rather than queueing behind it
        effect.setVolume(volume / 100)
        effect.play()

    def follow_device(self) -> None:
        """A new default output (headphones plugged in): the tones go there from now on."""
        from PySide6.QtMultimedia import QMediaDevices

        for effect in self._effects.values():
            effect.setAudioDevice(QMediaDevices.defaultAudioOutput())


def device_output(parent: QObject | None = None) -> SoundOutput:
    """QtSoundOutput, or the bell where the QtMultimedia libraries are missing."""
    try:
        return QtSoundOutput(parent)
    except ImportError as error:  # PySide6-Addons not installed, or libpulse0 missing
        log.warning("QtMultimedia cannot be loaded (%s): tones fall back to the system bell", error)
        return BellOutput()


class Sounds:
    """The kiosk's tones at its volume; staff set volume and mute (kept in the kiosk's settings)."""

    def __init__(self, output: SoundOutput, volume: int = DEFAULT_VOLUME, muted: bool = False) -> None:
        self.output = output
        self.volume = volume
        self.muted = muted
        self.played: list[str] = []  # every tone asked for, muted or not, for tests and diagnostics

    def play(self, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown sound {kind!r}; use one of {', '.join(KINDS)}")
        self.played.append(kind)
        if not self.muted and self.volume > 0:
            self.output.play(kind, self.volume)

    def set_volume(self, volume: int) -> None:
        self.volume = max(0, min(100, int(volume)))

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
