"""The volume and mute staff set for this kiosk, kept in its own database's settings (never
synced: a kiosk in a quiet corner and one in a loud foyer each keep their own)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.ui.audio.sounds import DEFAULT_VOLUME

log = logging.getLogger(__name__)
PREFIX = "audio."


@dataclass(frozen=True)
class AudioSettings:
    volume: int = DEFAULT_VOLUME  # 0..100, tones and speech
    muted: bool = False  # tones only: speech is the guest's own choice

    @classmethod
    def load(cls, store) -> "AudioSettings":
        held = store.kiosk_settings(PREFIX)
        volume, muted = held.get("volume", str(DEFAULT_VOLUME)), held.get("muted", "0")
        if not volume.isdigit() or int(volume) > 100 or muted not in ("0", "1"):
            log.warning("kiosk setting %svolume=%r / %smuted=%r is not valid: using volume %d, not muted",
                        PREFIX, volume, PREFIX, muted, DEFAULT_VOLUME)
            return cls()
        return cls(int(volume), muted == "1")

    def save(self, store) -> "AudioSettings":
        store.keep_kiosk_settings(PREFIX, {"volume": str(self.volume), "muted": "1" if self.muted else "0"})
        return self
