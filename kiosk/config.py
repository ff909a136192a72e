"""Where the kiosk keeps its files, and which machine it runs on."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import platformdirs

APP_NAME = "fruchthalle-kiosk"
DATABASE_FILE = "kiosk.sqlite3"
# The operating system's id of this installation (systemd, D-Bus). Fleet images are meant to
# have it emptied so that every machine makes its own on first boot.
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))
# Network cards: a disk image copied as it is (machine id and all) still runs on other hardware.
NETWORK_INTERFACES = Path("/sys/class/net")


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


def machine_identity() -> str:
    """What tells this machine from others: the system's machine id (or, where there is none, a
    random id kept in the data directory) and the hardware addresses of its network cards.

    Only compared with itself (see storage.replica): new network hardware makes it differ, which
    costs nothing but a new replica id for the kiosk's database.
    """
    return "|".join([_system_machine_id() or _data_dir_machine_id(), *_network_card_addresses()])


def _system_machine_id() -> str:
    for path in MACHINE_ID_FILES:
        try:
            text = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if text:
            return text
    return ""


def _data_dir_machine_id() -> str:
    """A random id made on first use, for systems without a machine id (Windows, macOS)."""
    path = data_dir() / "machine-id"
    try:
        return str(uuid.UUID(path.read_text(encoding="ascii").strip()))
    except (FileNotFoundError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        made = str(uuid.uuid4())
        path.write_text(made + "\n", encoding="ascii")
        return made


def _network_card_addresses() -> list[str]:
    """Hardware addresses of physical network cards (those with a device behind them: not the
    loopback, bridges or container interfaces, which come and go)."""
    try:
        interfaces = sorted(NETWORK_INTERFACES.iterdir())
    except OSError:
        return []
    addresses = []
    for interface in interfaces:
        try:
            if (interface / "device").exists():
                addresses.append((interface / "address").read_text(encoding="ascii").strip())
        except OSError:
            continue
    return sorted(a for a in addresses if a and a.strip("0:"))
