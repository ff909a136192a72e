"""kiosk demo | event create | staff-pin, and where the database lives."""

from __future__ import annotations

import io
import sqlite3
import sys
from datetime import date, timedelta

import pytest

from kiosk.core.pins import verify_pin


def one_line_error(result) -> str:
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("kiosk: error: ")
    return lines[0]


def test_demo_creates_the_demo_event_database(kiosk, db):
    result = kiosk("--db", db, "demo", "--json")

    assert result.code == 0, result.err
    payload = result.json
    assert payload["event"] == "Netzwerktreffen"
    assert payload["days"] == [(date.today() + timedelta(days=n)).isoformat() for n in range(3)]
    assert payload["created"] >= 250 and payload["rejected"] == []
    assert db.is_file()
    guests = kiosk("--db", db, "guests", "--json").json
    assert len(guests) == payload["created"]


def test_demo_text_output_names_the_event_and_the_database(kiosk, db):
    result = kiosk("--db", db, "demo")
    assert result.code == 0
    assert "Netzwerktreffen" in result.out and str(db) in result.out


def test_demo_refuses_a_database_that_already_holds_an_event(kiosk, db):
    kiosk("--db", db, "demo")
    before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM guest_row").fetchone()

    message = one_line_error(kiosk("--db", db, "demo"))

    assert "already holds an event" in message
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM guest_row").fetchone() == before


def test_demo_without_db_uses_the_default_location(kiosk, isolated_home):
    result = kiosk("demo", "--json")

    assert result.code == 0, result.err
    assert (isolated_home / "kiosk.sqlite3").is_file()


def test_event_create_makes_a_real_event(kiosk, db):
    result = kiosk("--db", db, "event", "create", "--name", "Herbstforum", "--venue", "Fruchthalle",
                   "--days", "2023-10-24,2023-10-25,2023-10-26", "--json")

    assert result.code == 0, result.err
    assert result.json["name"] == "Herbstforum"
    assert result.json["days"] == ["2023-10-24", "2023-10-25", "2023-10-26"]
    stats = kiosk("--db", db, "stats", "--json").json
    assert stats["days"] == ["2023-10-24", "2023-10-25", "2023-10-26"]
    assert stats["guests"] == 0
    row = sqlite3.connect(db).execute("SELECT e.id, k.secret, e.walk_ins_allowed, e.secret FROM event_row e "
                                      "JOIN event_key k ON k.event_id = e.id").fetchone()
    assert row[0] == result.json["id"]
    assert len(bytes.fromhex(row[1])) >= 32
    assert row[2] == 0
    assert row[3] == ""  # the key stays in event_key, which no sync reads


def test_event_create_settings_flags_are_stored_with_the_event(kiosk, db):
    kiosk("--db", db, "event", "create", "--name", "Winterforum", "--days", "2024-01-10",
          "--walk-ins", "--no-contact-consent")
    query = "SELECT walk_ins_allowed, contact_consent_default FROM event_row"
    row = sqlite3.connect(db).execute(query).fetchone()
    assert row == (1, 0)


@pytest.mark.parametrize("days", ["24.10.2023", "2023-02-30", ",", "morgen"])
def test_event_create_with_bad_days_fails_with_one_line(kiosk, db, days):
    message = one_line_error(kiosk("--db", db, "event", "create", "--name", "X", "--days", days))
    assert "--days" in message


def test_a_second_event_in_the_same_database_is_refused(kiosk, db):
    kiosk("--db", db, "event", "create", "--name", "Eins", "--days", "2023-10-24")
    message = one_line_error(kiosk("--db", db, "event", "create", "--name", "Zwei", "--days", "2023-10-25"))
    assert "Eins" in message


def test_db_option_wins_over_kiosk_db_which_wins_over_the_default(kiosk, tmp_path, monkeypatch,
                                                                     isolated_home):
    from_env = tmp_path / "from-env.sqlite3"
    explicit = tmp_path / "explicit.sqlite3"
    monkeypatch.setenv("KIOSK_DB", str(from_env))

    assert kiosk("--db", explicit, "event", "create", "--name", "Explizit", "--days", "2023-10-24").code == 0
    assert explicit.is_file() and not from_env.exists()

    assert kiosk("event", "create", "--name", "Umgebung", "--days", "2023-10-24").code == 0
    assert from_env.is_file()
    assert not (isolated_home / "kiosk.sqlite3").exists()
    assert kiosk("stats", "--json").json["event"] == "Umgebung"
    assert kiosk("--db", explicit, "stats", "--json").json["event"] == "Explizit"


def test_staff_pin_from_stdin_is_stored_as_a_scrypt_hash(kiosk, event_db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("90817263\n"))

    result = kiosk("--db", event_db, "staff-pin")

    assert result.code == 0, result.err
    (stored,) = sqlite3.connect(event_db).execute("SELECT staff_pin_hash FROM event_key").fetchone()
    assert stored.startswith("scrypt$")
    assert "90817263" not in stored
    assert verify_pin("90817263", stored)
    assert "90817263" not in result.out


def test_staff_pin_refuses_a_pin_that_is_not_4_to_12_digits(kiosk, event_db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("12a\n"))

    one_line_error(kiosk("--db", event_db, "staff-pin"))

    (stored,) = sqlite3.connect(event_db).execute("SELECT staff_pin_hash FROM event_key").fetchone()
    assert stored == ""


@pytest.mark.parametrize("pin, note", [("4711", True), ("47110", True), ("471108", False), ("471108154711", False)])
def test_staff_pin_recommends_six_digits_or_more(kiosk, event_db, monkeypatch, pin, note):
    monkeypatch.setattr(sys, "stdin", io.StringIO(pin + "\n"))
    result = kiosk("--db", event_db, "staff-pin")
    assert result.code == 0, result.err
    assert ("6 or more digits are recommended" in result.out) is note
    assert pin not in result.out


def test_staff_pin_needs_an_event(kiosk, db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("4711\n"))
    db.touch()
    one_line_error(kiosk("--db", db, "staff-pin"))
