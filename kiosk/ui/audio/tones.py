"""The kiosk's three tones, synthesised here and committed as small WAV files in assets/sounds/.

The files are what plays; this module is their source (a test checks that they still match it).
After changing a tone: `python -m kiosk.ui.audio.tones` writes the files again.

Each tone is a few notes of a sine with a little of its harmonics (small kiosk speakers hardly
play a pure low sine) and a soft attack and decay (no click). They differ in pitch and rhythm, so
a guest who looks away still tells them apart: success rises, a problem is low and doubled,
a new contact is a bright triple blip.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from io import BytesIO
from pathlib import Path

from kiosk.i18n import ASSETS

SOUNDS_DIR = ASSETS / "sounds"
RATE = 44100  # what nearly every sound card plays natively: no resampling on the way out
PEAK = 0.45  # of full scale, so the loudest tone leaves room below the speaker's distortion

# kind -> notes of (frequency in Hz, seconds, seconds of silence after it)
TONES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "success": ((880.0, 0.09, 0.0), (1318.5, 0.17, 0.0)),  # A5 then E6: a rising chime
    "problem": ((220.0, 0.15, 0.07), (207.7, 0.21, 0.0)),  # A3, then a touch lower: a low double tone
    "contact": ((2093.0, 0.045, 0.035), (2093.0, 0.045, 0.035), (2637.0, 0.07, 0.0)),  # C7 C7 E7
}
HARMONICS = (1.0, 0.25, 0.12)  # the fundamental and its 2nd and 3rd harmonics


def note_samples(frequency: float, seconds: float) -> list[float]:
    frames = int(RATE * seconds)
    attack = max(1, int(RATE * 0.005))
    samples = []
    for i in range(frames):
        t = i / RATE
        envelope = min(1.0, i / attack) * math.exp(-3.0 * t / seconds)  # struck, then fading
        envelope *= min(1.0, (frames - i) / attack)  # and no click at the end
        wave_sum = sum(weight * math.sin(2 * math.pi * frequency * (k + 1) * t)
                       for k, weight in enumerate(HARMONICS))
        samples.append(envelope * wave_sum / sum(HARMONICS))
    return samples


def tone_samples(kind: str) -> list[int]:
    """The tone as signed 16-bit samples."""
    samples: list[float] = []
    for frequency, seconds, pause in TONES[kind]:
        samples += note_samples(frequency, seconds)
        samples += [0.0] * int(RATE * pause)
    return [round(32767 * PEAK * s) for s in samples]


def wav_bytes(kind: str) -> bytes:
    """The tone as a complete mono 16-bit WAV file."""
    samples = tone_samples(kind)
    out = BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return out.getvalue()


def sound_file(kind: str) -> Path:
    return SOUNDS_DIR / f"{kind}.wav"


def write_all(folder: Path = SOUNDS_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in TONES:
        path = folder / f"{kind}.wav"
        path.write_bytes(wav_bytes(kind))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else SOUNDS_DIR):
        print(path)
