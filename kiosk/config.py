"""Where the kiosk keeps its files, and which machine it runs on."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import platformdirs

APP_NAME = "fruchthalle-kiosk"
DATABASE_FILE = "kiosk.sqlite3"


def data_dir() -> Path:
    """KIOSK_HOME if set (tests, portable installs), else the platform's user data directory."""
    override = os.environ.get("KIOSK_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins over KIOSK_DB, which wins over the data directory."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("KIOSK_DB")
    return Path(from_env) if from_env else data_dir() / DATABASE_FILE


def machine_device_id() -> str:
    """A device id that belongs to this machine (not to a database file), made on first use."""
    path = data_dir() / "device-id"
    try:
        return str(uuid.UUID(path.read_text(encoding="ascii").strip()))
    except (FileNotFoundError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        device_id = str(uuid.uuid4())
        path.write_text(device_id + "\n", encoding="ascii")
        return device_id
