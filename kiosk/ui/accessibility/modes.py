"""The accessibility modes: large text, high contrast, low reach, and longer times with any of them.

Staff choose this kiosk's defaults (kept in a small file beside the database, since they belong to
the machine and where it is mounted, not to the event); a guest may switch large text and high
contrast for themselves, and the next guest starts from the defaults again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

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


def defaults_path(database: Path) -> Path:
    return database.with_name(database.stem + ".accessibility.json")


def load_defaults(path: Path) -> AccessMode:
    """This kiosk's defaults; a missing file means none, a broken one is named in the log and ignored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AccessMode()
    except (OSError, ValueError) as error:
        log.warning("%s: not read, accessibility defaults off (%s)", path, error)
        return AccessMode()
    known = {f.name for f in fields(AccessMode)}
    wrong = [key for key, value in data.items() if key not in known or not isinstance(value, bool)] \
        if isinstance(data, dict) else ["(not an object)"]
    if wrong:
        log.warning("%s: field %s is not true/false for a known mode; accessibility defaults off", path,
                    wrong[0])
        return AccessMode()
    return AccessMode(**data)


def save_defaults(path: Path, mode: AccessMode) -> AccessMode:
    """Written whole or not at all (a new file moved over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(asdict(mode), indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
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
