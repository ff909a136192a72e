"""One-line errors with a non-zero exit code, and the same CLI through main.py and the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_commands_on_a_missing_database_fail_with_one_line(kiosk, tmp_path):
    for argv in (["stats"], ["guests", "--json"], ["search", "anna"], ["checkin", "AK-1"], ["leaderboard"],
                 ["token", "x"]):
        result = kiosk("--db", tmp_path / "missing.sqlite3", *argv)
        assert result.code == 1, argv
        assert len(result.err.strip().splitlines()) == 1, argv
        assert "no database" in result.err
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_database_without_an_event_fails_with_one_line(kiosk, tmp_path):
    db = tmp_path / "leer.sqlite3"
    db.touch()
    result = kiosk("--db", db, "stats", "--json")
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1 and "event" in result.err


def test_a_file_that_is_not_a_database_fails_with_one_line(kiosk, tmp_path):
    db = tmp_path / "gaeste.csv"
    db.write_text("Vorname;Nachname\n" * 200, encoding="utf-8")

    result = kiosk("--db", db, "stats", "--json")

    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert result.err.startswith("kiosk: error: ")


def test_a_database_from_a_newer_kiosk_fails_with_one_line(kiosk, event_db):
    import sqlite3

    with sqlite3.connect(event_db) as connection:
        connection.execute("UPDATE setting SET value = '999' WHERE key = 'schema_version'")
    result = kiosk("--db", event_db, "stats")
    assert result.code == 1 and "newer" in result.err and len(result.err.strip().splitlines()) == 1


def test_no_command_prints_help_and_exits_non_zero(kiosk):
    result = kiosk()
    assert result.code == 2
    assert "usage" in result.out.lower()


def test_an_unknown_command_exits_non_zero(kiosk):
    assert kiosk("fly").code == 2


def run_outside(*argv: str, env_db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIOSK_DB": str(env_db)}
    return subprocess.run(list(argv), cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def test_main_py_and_the_console_script_run_the_same_cli(event_db):
    via_main = run_outside(sys.executable, "main.py", "guests", "--json", env_db=event_db)
    assert via_main.returncode == 0, via_main.stderr
    script = Path(sys.executable).with_name("kiosk")
    if not script.exists():
        pytest.fail(f"console script 'kiosk' is not installed next to {sys.executable}")
    via_script = run_outside(str(script), "guests", "--json", env_db=event_db)
    assert via_script.returncode == 0, via_script.stderr
    assert json.loads(via_main.stdout) == json.loads(via_script.stdout)
    assert len(json.loads(via_main.stdout)) == 5


def test_errors_exit_1_through_main_py(tmp_path):
    done = run_outside(sys.executable, "main.py", "stats", env_db=tmp_path / "missing.sqlite3")
    assert done.returncode == 1
    assert done.stderr.strip().startswith("kiosk: error:")
    assert "Traceback" not in done.stderr
