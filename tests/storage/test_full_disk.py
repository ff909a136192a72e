"""A kiosk database on a disk that has filled up: opening it must say the disk is the problem, not call
a sound database 'not a kiosk database' (staff would then think the file is damaged and replace it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.demo import create_demo
from kiosk.storage import Store
from kiosk.storage.store import NotADatabase


@pytest.fixture
def full_disk(tmp_path):
    """A small tmpfs of its own (needs root to mount, as CI runs), filled to the last byte."""
    if os.geteuid() != 0:
        pytest.fail("this test mounts a small tmpfs to fill a disk and needs root (CI runs as root)",
                    pytrace=False)
    mount = tmp_path / "stick"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def fill(folder: Path) -> None:
    with open(folder / "filler", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
        except OSError:
            pass


def test_a_full_disk_is_named_as_the_cause_and_the_database_stays_sound(full_disk, tmp_path):
    made = Store.open(tmp_path / "kiosk.sqlite3")
    create_demo(made)
    made.close()
    shutil.copy(tmp_path / "kiosk.sqlite3", full_disk / "kiosk.sqlite3")
    fill(full_disk)
    with pytest.raises(NotADatabase) as refused:
        Store.open(full_disk / "kiosk.sqlite3")
    message = str(refused.value)
    assert "not a kiosk database" not in message
    assert "disk" in message and "full" in message and "kiosk.sqlite3" in message
    (full_disk / "filler").unlink()
    again = Store.open(full_disk / "kiosk.sqlite3")
    assert len(again.guests()) == 300
    again.close()
