"""Fixtures for the CLI tests: `kiosk.cli.run` with captured output, a small real event database."""

from __future__ import annotations

import pytest
from cli_support import Result, event_days, write_guest_list

from kiosk.cli import run


@pytest.fixture
def kiosk(capsys):
    """kiosk("--db", path, "stats", "--json") -> Result(code, out, err)."""

    def call(*argv: object) -> Result:
        capsys.readouterr()
        try:
            code = run([str(a) for a in argv])
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def db(tmp_path):
    return tmp_path / "kiosk-event.sqlite3"


@pytest.fixture
def event_db(kiosk, db, tmp_path):
    """An event over today and the next two days with five imported guests."""
    days = ",".join(d.isoformat() for d in event_days())
    created = kiosk("--db", db, "event", "create", "--name", "Testtreffen", "--venue", "Fruchthalle",
                    "--days", days, "--json")
    assert created.code == 0, created.err
    imported = kiosk("--db", db, "import-guests", write_guest_list(tmp_path / "gaeste.csv"), "--json")
    assert imported.code == 0, imported.err
    assert imported.json["created"] == 5, imported.out
    return db


@pytest.fixture
def ids(kiosk, event_db) -> dict[str, str]:
    """Guest ids by last name."""
    listed = kiosk("--db", event_db, "guests", "--json").json
    return {g["name"].split()[-1]: g["id"] for g in listed}


@pytest.fixture
def token(kiosk, event_db, ids):
    def of(last_name: str) -> str:
        result = kiosk("--db", event_db, "token", ids[last_name])
        assert result.code == 0, result.err
        return result.out.strip()

    return of
