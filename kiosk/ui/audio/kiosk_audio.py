"""A kiosk's sounds and speech, wired once: the tones at the volume staff chose, speech output with
its switch (header button, F2, headphones), the narrator, and the staff settings card."""

from __future__ import annotations

from typing import Callable

from kiosk.ui.audio.settings import AudioSettings
from kiosk.ui.audio.sounds import Sounds
from kiosk.ui.audio.speech import Speech
from kiosk.ui.audio.switch import SpeechSwitch, install
from kiosk.ui.feedback import AudioOutputs, Feedback


class KioskAudio:
    def __init__(self, outputs: AudioOutputs, settings: AudioSettings, window,
                 lang: Callable[[], str]) -> None:
        self.outputs, self.window = outputs, window
        self.sounds = Sounds(outputs.sound, settings.volume, settings.muted)
        self.speech = Speech(outputs.voice, settings.volume, window)
        self.feedback = Feedback(self.sounds, self.speech, lang)
        self.switch = SpeechSwitch(self.speech, outputs.devices, window)
        follow = getattr(outputs.sound, "follow_device", None)
        if follow is not None:
            outputs.devices.audioOutputsChanged.connect(follow)  # tones go to headphones just plugged in
        self.narrator = self.button = None

    @property
    def settings(self) -> AudioSettings:
        return AudioSettings(self.sounds.volume, self.sounds.muted)

    def attach(self, screens, preview, language, events) -> None:
        """Once the guest screens exist: the narrator, and the button in the header."""
        from kiosk.ui.audio.narration import Narrator

        self.narrator = Narrator(self.window, screens, preview, self.feedback, self.speech, language, events)
        self.button = install(self.window, self.switch, language, events)
        self.window.idle_timeout.connect(self.switch.guest_left)

    def apply(self, settings: AudioSettings) -> None:
        self.sounds.set_volume(settings.volume)
        self.sounds.set_muted(settings.muted)
        self.speech.volume = self.sounds.volume

    def settings_card(self, store, runner):
        from kiosk.ui.audio.settings_card import AudioCard

        return AudioCard(self, store, runner)

    def shutdown(self) -> None:
        close = getattr(self.outputs.voice, "close", None)
        if close is not None:
            close()
