"""kiosk checkin | contact | leaderboard | stats"""

from __future__ import annotations

import sqlite3

import pytest
from cli_support import event_days


def check_in(kiosk, db, code, *extra):
    return kiosk("--db", db, "checkin", code, *extra, "--json")


def test_checkin_by_ticket_code_then_again_the_same_day(kiosk, event_db, ids):
    first = check_in(kiosk, event_db, "AK-0001")
    second = check_in(kiosk, event_db, "AK-0001")

    assert first.code == 0 and second.code == 0
    assert first.json["status"] == "checked_in"
    assert first.json["reason"] is None
    assert first.json["guest"]["id"] == ids["Kolbeck"]
    assert first.json["guest"]["name"] == "Amrei Kolbeck"
    assert second.json["status"] == "already_checked_in"
    assert second.json["at"] == first.json["at"]
    count = sqlite3.connect(event_db).execute("SELECT COUNT(*) FROM check_in_row").fetchone()[0]
    assert count == 1


def test_checkin_text_says_when_the_guest_was_already_checked_in(kiosk, event_db):
    first = kiosk("--db", event_db, "checkin", "AK-0001")
    again = kiosk("--db", event_db, "checkin", "AK-0001")
    at = first.out.strip().rsplit(" at ", 1)[1]
    assert again.out.startswith(f"already checked in at {at}")


def test_checkin_on_each_of_three_days(kiosk, event_db):
    for day in event_days():
        assert check_in(kiosk, event_db, "BF-0002", "--day", day.isoformat()).json["status"] == "checked_in"
    stats = kiosk("--db", event_db, "stats", "--json").json
    assert stats["check_ins"] == {d.isoformat(): 1 for d in event_days()}


@pytest.mark.parametrize("code, day, reason", [
    ("XX-9999", None, "unknown_code"),
    ("CS-0003", None, "not_registered_today"),   # registered for day 2 only
    ("AK-0001", "1999-01-01", "not_an_event_day"),
])
def test_rejected_checkins_exit_1_with_the_reason(kiosk, event_db, code, day, reason):
    result = check_in(kiosk, event_db, code, *(["--day", day] if day else []))

    assert result.code == 1
    assert result.json["status"] == "rejected"
    assert result.json["reason"] == reason
    assert sqlite3.connect(event_db).execute("SELECT COUNT(*) FROM check_in_row").fetchone()[0] == 0


def test_checkin_with_a_malformed_day_fails_with_one_line(kiosk, event_db):
    result = kiosk("--db", event_db, "checkin", "AK-0001", "--day", "24.10.2023")
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1 and "--day" in result.err


def test_checkin_by_badge_token_and_forged_token(kiosk, event_db, ids, token):
    genuine = token("Kolbeck")
    forged = genuine[:-1] + ("0" if genuine[-1] != "0" else "1")

    assert check_in(kiosk, event_db, genuine).json["guest"]["id"] == ids["Kolbeck"]
    rejected = check_in(kiosk, event_db, forged)
    assert (rejected.code, rejected.json["reason"]) == (1, "forged_token")
    assert check_in(kiosk, event_db, genuine[:-3]).json["reason"] == "truncated_token"


def test_checkin_with_a_layout_swapped_scan(kiosk, event_db, ids):
    result = check_in(kiosk, event_db, "YZß0004")  # ticket ZY-0004 through a US scanner on a German layout
    assert result.json["status"] == "checked_in"
    assert result.json["guest"]["id"] == ids["Yzerman"]


@pytest.fixture
def checked_in(kiosk, event_db):
    for code in ("AK-0001", "BF-0002", "ZY-0004", "MA-0005"):
        assert check_in(kiosk, event_db, code).code == 0
    return event_db


def contact(kiosk, db, a, b):
    return kiosk("--db", db, "contact", a, b, "--json")


def test_contact_a_b_then_b_a_is_counted_once(kiosk, checked_in, token, ids):
    a, b = token("Kolbeck"), token("Förster")

    first = contact(kiosk, checked_in, a, b)
    reverse = contact(kiosk, checked_in, b, a)

    assert (first.code, first.json["status"], first.json["reason"]) == (0, "new", None)
    assert (reverse.code, reverse.json["status"]) == (0, "already_known")
    assert reverse.json["totals"] == {ids["Kolbeck"]: 1, ids["Förster"]: 1}
    assert kiosk("--db", checked_in, "stats", "--json").json["contacts"] == 1


def test_contact_refusals_exit_1_with_their_reason(kiosk, checked_in, token):
    kolbeck, foerster = token("Kolbeck"), token("Förster")
    cases = {
        "self_contact": (kolbeck, kolbeck),
        "consent_declined": (kolbeck, token("Yzerman")),
        "not_checked_in": (kolbeck, token("Strauß")),
        "forged_token": (kolbeck, foerster[:-1] + ("0" if foerster[-1] != "0" else "1")),
        "not_a_badge": (kolbeck, "BF-0002"),
    }
    for reason, (a, b) in cases.items():
        result = contact(kiosk, checked_in, a, b)
        assert (result.code, result.json["status"], result.json["reason"]) == (1, "rejected", reason), reason
        assert result.json["message"]
    assert kiosk("--db", checked_in, "stats", "--json").json["contacts"] == 0


def test_leaderboard_json_and_top(kiosk, checked_in, token, ids):
    kolbeck, foerster, madonnina = token("Kolbeck"), token("Förster"), token("Madonnina")
    contact(kiosk, checked_in, foerster, kolbeck)
    contact(kiosk, checked_in, foerster, madonnina)
    contact(kiosk, checked_in, madonnina, foerster)

    board = kiosk("--db", checked_in, "leaderboard", "--json").json
    today = kiosk("--db", checked_in, "leaderboard", "--day", event_days()[0].isoformat(), "--json").json
    tomorrow = kiosk("--db", checked_in, "leaderboard", "--day", event_days()[1].isoformat(), "--json").json
    top1 = kiosk("--db", checked_in, "leaderboard", "--top", "1", "--json").json

    assert [(e["rank"], e["guest"]["id"], e["contacts"]) for e in board] == [
        (1, ids["Förster"], 2), (2, ids["Kolbeck"], 1), (3, ids["Madonnina"], 1)]
    assert today == board
    assert tomorrow == []
    assert [e["guest"]["name"] for e in top1] == ["Bodo Förster"]


def test_leaderboard_text_when_empty(kiosk, event_db):
    result = kiosk("--db", event_db, "leaderboard")
    assert result.code == 0 and result.out.strip()


def test_stats_json(kiosk, checked_in, token):
    contact(kiosk, checked_in, token("Kolbeck"), token("Förster"))
    check_in(kiosk, checked_in, "AK-0001", "--day", event_days()[1].isoformat())

    stats = kiosk("--db", checked_in, "stats", "--json").json

    days = [d.isoformat() for d in event_days()]
    assert stats["guests"] == 5
    assert stats["days"] == days
    assert stats["check_ins"] == {days[0]: 4, days[1]: 1, days[2]: 0}
    assert stats["contacts"] == 1
