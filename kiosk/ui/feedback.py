"""How a flow answers a guest besides the screen: a tone for each outcome (success, problem, a new
contact) and, while speech output is on, the outcome spoken in the guest's language.

The outputs are handed in (AudioOutputs): the machine's sound device and espeak-ng at the door,
recorders in tests, so a test hears exactly what the kiosk would have played and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QObject

from kiosk.ui.audio.sounds import RecordingOutput, SoundOutput, Sounds, device_output
from kiosk.ui.audio.speech import EspeakVoice, RecordingVoice, Speech, Voice, spoken
from kiosk.ui.audio.switch import ListedOutputs, media_devices


@dataclass
class AudioOutputs:
    sound: SoundOutput
    voice: Voice
    devices: QObject = field(default_factory=ListedOutputs)  # tells when headphones come and go

    @classmethod
    def device(cls, parent: QObject | None = None) -> "AudioOutputs":
        return cls(device_output(parent), EspeakVoice(parent=parent), media_devices(parent))

    @classmethod
    def recording(cls) -> "AudioOutputs":
        return cls(RecordingOutput(), RecordingVoice())


class Feedback:
    def __init__(self, sounds: Sounds, speech: Speech, lang: Callable[[], str]) -> None:
        self.sounds, self.speech, self._lang = sounds, speech, lang

    @property
    def played(self) -> list[str]:
        """Every tone asked for, in order (muted or not)."""
        return self.sounds.played

    def signal(self, kind: str) -> None:
        self.sounds.play(kind)

    def say(self, *parts: str, queue: bool = False) -> None:
        """Speak these screen texts as sentences (if speech is on). Call it after showing the
        screen: what a flow says wins over the narrator's reading of the screen it just showed.
        queue=True waits for what is being said (a badge printed after the welcome)."""
        self.speech.say(spoken(*parts), self._lang(), queue)
