"""Enrolling a new kiosk from staff mode: the event's keys to a USB stick, under a fresh passphrase."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.storage import Store
from kiosk.sync import export_enrolment, new_passphrase

MOUNT_ROOTS = (Path("/media"), Path("/run/media"))  # where desktops mount USB sticks (/media/USER/LABEL)


@dataclass(frozen=True)
class WrittenEnrolment:
    path: Path
    passphrase: str  # shown to staff once, never stored


def removable_folders(roots: tuple[Path, ...] = MOUNT_ROOTS) -> list[Path]:
    """Mounted removable media, one or two levels below the mount roots."""
    found = []
    for root in roots:
        for level in (root.glob("*"), root.glob("*/*")):
            found += [path for path in level if os.path.ismount(path) and os.access(path, os.W_OK)]
    return sorted(found)


def enrolment_file_name(store: Store, folder: Path) -> Path:
    """No personal data and no event name in the name; a number keeps earlier files."""
    stem = f"kiosk-enrolment-{store.now().date().isoformat()}"
    path, number = folder / f"{stem}.json", 2
    while path.exists():
        path, number = folder / f"{stem}-{number}.json", number + 1
    return path


def write_enrolment(store: Store, folder: Path) -> WrittenEnrolment:
    passphrase = new_passphrase()
    path = enrolment_file_name(store, folder)
    export_enrolment(store, path, passphrase)
    return WrittenEnrolment(path, passphrase)
