"""The accessibility modes: large text, high contrast, low reach, and longer times with any of them.

Staff choose this kiosk's defaults (kept in its own settings, never synced: they belong to the
machine and where it is mounted, not to the event); a guest may switch large text and high
contrast for themselves, and the next guest starts from the defaults again.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.ui import style

log = logging.getLogger(__name__)

SLOWER = 2.0  # idle time, the idle warning and auto-closing messages, in any accessibility mode
_time_factor = 1.0


@dataclass(frozen=True)
class AccessMode:
    large_text: bool = False
    high_contrast: bool = False
    low_reach: bool = False

    @property
    def time_factor(self) -> float:
        return SLOWER if (self.large_text or self.high_contrast or self.low_reach) else 1.0

    def look(self) -> style.Look:
        return style.look_for(self.high_contrast, self.large_text)


def time_factor() -> float:
    """How much longer than usual guests get now: screens multiply their countdowns with it."""
    return _time_factor


PREFIX = "accessibility."  # this kiosk's own settings (Store.kiosk_settings: never synced)


def load_defaults(store) -> AccessMode:
    """This kiosk's defaults; none stored means none, a wrong value is named in the log and ignored."""
    held = store.kiosk_settings(PREFIX)
    known = {f.name for f in fields(AccessMode)}
    wrong = [key for key, value in held.items() if key not in known or value not in ("0", "1")]
    if wrong:
        log.warning("kiosk setting %s%s is not 0/1 for a known mode; accessibility defaults off", PREFIX,
                    wrong[0])
        return AccessMode()
    return AccessMode(**{key: value == "1" for key, value in held.items()})


def save_defaults(store, mode: AccessMode) -> AccessMode:
    store.keep_kiosk_settings(PREFIX, {key: "1" if on else "0" for key, on in asdict(mode).items()})
    return mode


class AccessModes(QObject):
    """The mode the kiosk shows now. `changed` tells the layout parts (low reach, the header
    button) to follow; the look itself is the application's style sheet."""

    changed = Signal(object)

    def __init__(self, home: AccessMode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.mode = AccessMode()

    def apply(self, mode: AccessMode) -> None:
        global _time_factor
        self.mode = mode
        _time_factor = mode.time_factor
        style.apply_look(QApplication.instance(), mode.look())
        self.changed.emit(mode)

    def toggle_large_text(self) -> None:
        self.apply(replace(self.mode, large_text=not self.mode.large_text))

    def toggle_high_contrast(self) -> None:
        self.apply(replace(self.mode, high_contrast=not self.mode.high_contrast))

    def set_home(self, home: AccessMode) -> None:
        """Staff chose new defaults: they count from now on, for this guest too."""
        self.home = home
        self.apply(home)

    def restore_home(self) -> None:
        if self.mode != self.home:
            self.apply(self.home)
