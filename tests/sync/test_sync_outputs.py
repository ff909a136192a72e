"""`kiosk sync export` and `kiosk enrol export` never write onto the database, a folder or a device,
and leave no partial file: one line, exit 1, the database as it was."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sync_support import cli


@pytest.fixture(scope="module")
def kiosk_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sync-outputs") / "kiosk.sqlite3"
    assert cli("--db", str(path), "demo")[0] == 0
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [("sync", "export"), ("enrol", "export", "--generate-passphrase")])
@pytest.mark.parametrize("target", ["the database", "its -wal file", "a symlink to it", "the folder", ".",
                                    "/dev/null", "a missing folder"])
def test_an_export_refuses_the_database_a_folder_or_a_device(kiosk_db, tmp_path, monkeypatch, command, target):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link.sqlite3").symlink_to(kiosk_db)
    path = {"the database": str(kiosk_db), "its -wal file": f"{kiosk_db}-wal",
            "a symlink to it": str(tmp_path / "link.sqlite3"), "the folder": str(kiosk_db.parent), ".": ".",
            "/dev/null": "/dev/null", "a missing folder": str(tmp_path / "nowhere" / "x.bundle")}[target]
    before = digest(kiosk_db)
    code, out, err = cli("--db", str(kiosk_db), command[0], command[1], path, *command[2:])
    assert code == 1 and out == "", err
    assert err.count("\n") == 1 and "nothing was written" in err and "Traceback" not in err
    assert digest(kiosk_db) == before
    assert not (tmp_path / "nowhere").exists()
    assert [p.name for p in kiosk_db.parent.iterdir() if ".part" in p.name] == []
    assert cli("--db", str(kiosk_db), "stats")[0] == 0


def test_an_export_that_fails_half_way_leaves_the_old_file_and_no_part_file(kiosk_db, tmp_path, monkeypatch):
    import kiosk.sync.bundle as bundle

    target = tmp_path / "kiosk.bundle"
    target.write_bytes(b"the bundle of yesterday")

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle, "_write_lines", broken)
    code, _, err = cli("--db", str(kiosk_db), "sync", "export", str(target), "--all")
    assert code == 1 and err.count("\n") == 1 and "nothing was written" in err
    assert target.read_bytes() == b"the bundle of yesterday"
    assert sorted(os.listdir(tmp_path)) == ["kiosk.bundle"]
