"""Scan feedback by sound: a short high tone for success, a low one for a problem.

Uses QtMultimedia when the PySide6 add-ons are installed, else the system bell,
so a kiosk without the add-ons still works (and says so once in the log).
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from kiosk.config import data_dir

log = logging.getLogger(__name__)
TONES = {"success": (1318.5, 0.12), "problem": (220.0, 0.35)}


def write_tone(path: Path, frequency: float, seconds: float, rate: int = 22050) -> None:
    frames = int(rate * seconds)
    fade = int(rate * 0.01)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        samples = []
        for i in range(frames):
            envelope = min(1.0, i / fade, (frames - i) / fade)
            samples.append(int(12000 * envelope * math.sin(2 * math.pi * frequency * i / rate)))
        out.writeframes(struct.pack(f"<{frames}h", *samples))


class Feedback(QObject):
    def __init__(self, muted: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = muted
        self.played: list[str] = []  # what was signalled, for staff diagnostics and tests
        self._effects = {} if muted else self._load_effects()

    def _load_effects(self) -> dict:
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            log.info("QtMultimedia not installed: scan sounds use the system bell")
            return {}
        folder = data_dir() / "sounds"
        folder.mkdir(parents=True, exist_ok=True)
        effects = {}
        for name, (frequency, seconds) in TONES.items():
            path = folder / f"{name}.wav"
            if not path.exists():
                write_tone(path, frequency, seconds)
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effects[name] = effect
        return effects

    def signal(self, kind: str) -> None:
        self.played.append(kind)
        if self.muted:
            return
        effect = self._effects.get(kind)
        if effect is not None:
            effect.play()
        else:
            QApplication.beep()
