"""No command that writes a file writes onto the database, a directory or a device, and none leaves a
half-written file: every output goes through kiosk.outputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from output_commands import WRITERS, writer_argv

from kiosk.outputs import OutputRefused, atomic_output, check_output_path

REPO = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_database_intact(kiosk, db: Path, before: str) -> None:
    assert digest(db) == before
    stats = kiosk("--db", db, "stats", "--json")
    assert stats.code == 0, stats.err
    assert stats.json["guests"] == 5


def assert_refused(result, *words: str) -> None:
    assert result.code == 1, result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("kiosk: error: ") and "nothing was written" in lines[0]
    for word in words:
        assert word in lines[0]


def dangerous_targets(db: Path, folder: Path, suffix: str) -> dict[str, Path]:
    """Names for the database that a command would accept by suffix alone."""
    folder.mkdir()
    targets = {"symlink": folder / f"live{suffix}", "hard link": folder / f"hard{suffix}",
               "wal symlink": folder / f"wal{suffix}", "directory": folder / f"dir{suffix}",
               "device": folder / f"null{suffix}"}
    targets["symlink"].symlink_to(db)
    os.link(db, targets["hard link"])
    targets["wal symlink"].symlink_to(db.with_name(db.name + "-wal"))
    targets["directory"].mkdir()
    targets["device"].symlink_to(os.devnull)
    return targets


@pytest.mark.parametrize("command", WRITERS)
def test_no_writing_command_writes_onto_the_database_a_directory_or_a_device(kiosk, event_db, ids,
                                                                             tmp_path, command):
    before = digest(event_db)
    targets = dangerous_targets(event_db, tmp_path / "out", WRITERS[command][1])
    for target in targets.values():
        result = kiosk("--db", event_db, *writer_argv(command, ids["Kolbeck"], target))
        assert_refused(result, str(target))
        assert_database_intact(kiosk, event_db, before)
    assert os.path.samefile(targets["hard link"], event_db)
    assert targets["directory"].is_dir() and not any(targets["directory"].iterdir())


@pytest.mark.parametrize("command", WRITERS)
def test_the_database_under_another_spelling_is_refused(kiosk, event_db, ids, tmp_path, command):
    suffix = WRITERS[command][1]
    db = tmp_path / f"kiosk{suffix}"  # a database whose name the command accepts
    shutil.copyfile(event_db, db)
    before = digest(db)
    (tmp_path / "x").mkdir()
    spelled = tmp_path / "x" / ".." / f"./kiosk{suffix}"

    result = kiosk("--db", db, *writer_argv(command, ids["Kolbeck"], spelled))

    assert_refused(result, "database")
    assert_database_intact(kiosk, db, before)


@pytest.mark.parametrize("command", WRITERS)
def test_a_fifo_is_refused_instead_of_blocking(event_db, ids, tmp_path, command):
    fifo = tmp_path / f"pipe{WRITERS[command][1]}"
    os.mkfifo(fifo)
    env = {**os.environ, "KIOSK_DB": str(event_db)}

    # Opening a FIFO with no reader blocks for ever: the time-out turns the old behaviour into a failure.
    done = subprocess.run([sys.executable, "main.py", *writer_argv(command, ids["Kolbeck"], fifo)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"kiosk: error: {fifo} is not a regular file (a device or pipe); nothing was written"]


def test_a_missing_output_directory_is_one_line_and_not_created(kiosk, event_db, tmp_path):
    target = tmp_path / "no-such-folder" / "badges.pdf"

    result = kiosk("--db", event_db, "badges", "-o", target)

    assert_refused(result, "does not exist")
    assert not target.parent.exists()


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_replaces_the_old_file_and_leaves_no_temporary_file(kiosk, event_db, ids, tmp_path,
                                                                      command, token):
    kiosk("--db", event_db, "checkin", "AK-0001")
    kiosk("--db", event_db, "checkin", "BF-0002")
    kiosk("--db", event_db, "contact", token("Kolbeck"), token("Förster"))  # a champion exists
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"result{WRITERS[command][1]}"
    target.write_bytes(b"old")
    target.chmod(0o640)

    result = kiosk("--db", event_db, *writer_argv(command, ids["Kolbeck"], target))

    assert result.code == 0, result.err
    assert target.read_bytes() != b"old" and target.stat().st_size > 0
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in folder.iterdir()] == [target.name]


def test_companion_files_of_the_database_are_refused_even_when_absent(tmp_path):
    db = tmp_path / "kiosk.sqlite3"
    db.write_bytes(b"")
    for companion in ("kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm", "kiosk.sqlite3-journal"):
        with pytest.raises(OutputRefused, match="database"):
            check_output_path(tmp_path / companion, db)
    assert check_output_path(tmp_path / "kiosk.sqlite3.pdf", db) == (tmp_path / "kiosk.sqlite3.pdf").resolve()


def test_a_symlinked_database_is_protected_under_both_names(tmp_path):
    real = tmp_path / "real.sqlite3"
    real.write_bytes(b"")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    for target in (real, link, tmp_path / "real.sqlite3-wal", tmp_path / "link.sqlite3-shm"):
        with pytest.raises(OutputRefused):
            check_output_path(target, link)


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    with pytest.raises(RuntimeError), atomic_output(target) as temporary:
        temporary.write_bytes(b"half a report")
        raise RuntimeError("the renderer failed")

    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_the_temporary_file_keeps_the_suffix_that_chooses_the_format(tmp_path):
    with atomic_output(tmp_path / "guests.xlsx") as temporary:
        assert temporary.suffix == ".xlsx" and temporary.parent == tmp_path
        temporary.write_bytes(b"x")
    assert (tmp_path / "guests.xlsx").read_bytes() == b"x"


def test_a_new_output_gets_the_mode_the_umask_allows(tmp_path):
    previous = os.umask(0o027)
    try:
        with atomic_output(tmp_path / "guests.csv") as temporary:
            temporary.write_text("x")
    finally:
        os.umask(previous)
    assert oct((tmp_path / "guests.csv").stat().st_mode & 0o777) == oct(0o640)
