"""A full disk, a read-only or missing folder and a reader that goes away: one line, exit code 1,
nothing changed and no temporary file left. The disks are real (small tmpfs mounts), not mocks."""

from __future__ import annotations

import csv
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from output_commands import WRITERS, fill, mounted_tmpfs, writer_argv

REPO = Path(__file__).resolve().parents[2]


def kiosk_process(db: Path, *argv: object) -> subprocess.CompletedProcess:
    """The real command line, so that whatever Python prints at exit is seen too."""
    return subprocess.run([sys.executable, "main.py", "--db", str(db), *map(str, argv)], cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=False)


def big_guest_list(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Vorname", "Nachname", "Organisation", "E-Mail"])
        writer.writerows([f"Vorname{n}", f"Nachname{n}", f"Organisation {n % 90}", f"gast{n}@example.org"]
                         for n in range(rows))
    return path


def one_error_line(stderr: str) -> str:
    """The error, apart from the progress bar that `kiosk badges` draws on stderr."""
    shown = (segment.rsplit("\r", 1)[-1] for segment in stderr.strip().split("\n"))
    lines = [line for line in shown if not re.fullmatch(r"\[[#.]+\] \d+/\d+", line)]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("kiosk: error: ")
    return lines[0]


@pytest.fixture
def champion_db(kiosk, event_db, token):
    """The CLI test event with two check-ins and a contact, so every writing command has something."""
    kiosk("--db", event_db, "checkin", "AK-0001")
    kiosk("--db", event_db, "checkin", "BF-0002")
    assert kiosk("--db", event_db, "contact", token("Kolbeck"), token("Förster")).code == 0
    return event_db


def test_a_database_that_fills_the_disk_during_an_import_keeps_its_data(kiosk, event_db, tmp_path):
    guest_list = big_guest_list(tmp_path / "gaeste.csv", 40_000)
    with mounted_tmpfs(tmp_path / "disk", "2m") as disk:
        db = disk / "kiosk.sqlite3"
        shutil.copyfile(event_db, db)

        done = kiosk_process(db, "import-guests", guest_list)

        assert done.returncode == 1, done.stdout
        line = one_error_line(done.stderr)
        assert "is full" in line and "nothing was changed" in line
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stats = kiosk("--db", db, "stats", "--json")
        assert stats.code == 0 and stats.json["guests"] == 5


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_on_a_full_disk_leaves_the_old_file_and_no_temporary_file(kiosk, champion_db, ids,
                                                                             tmp_path, command):
    with mounted_tmpfs(tmp_path / "disk", "1m") as disk:
        target = disk / f"result{WRITERS[command][1]}"
        target.write_bytes(b"the previous file")
        filler = fill(disk)

        result = kiosk("--db", champion_db, *writer_argv(command, ids["Kolbeck"], target))

        assert result.code == 1, result.out
        line = one_error_line(result.err)
        assert "No space left on device" in line and "nothing was written" in line
        assert target.read_bytes() == b"the previous file"
        assert sorted(p.name for p in disk.iterdir()) == sorted([filler.name, target.name])


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_in_a_read_only_folder_is_one_line(kiosk, champion_db, ids, tmp_path, command):
    with mounted_tmpfs(tmp_path / "stick", "1m", read_only=True) as stick:
        target = stick / f"out{WRITERS[command][1]}"
        result = kiosk("--db", champion_db, *writer_argv(command, ids["Kolbeck"], target))

        assert result.code == 1, result.out
        assert "Read-only file system" in one_error_line(result.err)
        assert not any(stick.iterdir())


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_in_a_missing_folder_is_one_line(kiosk, champion_db, ids, tmp_path, command):
    result = kiosk("--db", champion_db, *writer_argv(command, ids["Kolbeck"],
                                                     tmp_path / "nowhere" / f"out{WRITERS[command][1]}"))

    assert result.code == 1
    assert "does not exist" in one_error_line(result.err)
    assert not (tmp_path / "nowhere").exists()


def test_a_reader_that_goes_away_ends_the_command_quietly(event_db):
    process = subprocess.Popen([sys.executable, "main.py", "--db", str(event_db), "guests", "--json"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `| head -1` that has already gone: every write meets a closed pipe

    _, stderr = process.communicate(timeout=60)

    assert stderr.decode() == ""
    assert process.returncode == 1


def test_kiosk_guests_piped_into_head_prints_no_noise(kiosk, tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert kiosk("--db", db, "demo").code == 0
    command = f"{sys.executable} main.py --db {db} guests --json | head -1"

    done = subprocess.run(["bash", "-c", command], cwd=REPO, capture_output=True, text=True, timeout=60,
                          check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"})  # writes meet head's exit at once

    assert done.stdout == "[\n"
    assert done.stderr == ""
