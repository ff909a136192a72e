"""`kiosk rounds plan --session|show|start|print|tick` and `kiosk quiz teams`: the event's sessions from the
shell, and one-line messages for bad input."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

CODES = ("AK-0001", "BF-0002", "CS-0003", "ZY-0004", "MA-0005")  # ZY-0004 declined contact exchange


def add_session(kiosk, db, kind: str = "Speed-Networking", title: str = "Speed-Networking") -> str:
    added = kiosk("--db", db, "programme", "add", "--day", "Tag 1", "--start", "00:00", "--end", "23:59",
                  "--title", title, "--kind", kind, "--json")
    assert added.code == 0, added.err
    return added.json["id"]


@pytest.fixture
def session(kiosk, event_db) -> str:
    """A speed-networking session today; four guests scanned at its door."""
    session_id = add_session(kiosk, event_db)
    for code in ("AK-0001", "BF-0002", "CS-0003", "MA-0005"):
        assert kiosk("--db", event_db, "attend", session_id, code).code == 0
    return session_id


def plan(kiosk, db, session_id, *extra):
    return kiosk("--db", db, "rounds", "plan", "--session", session_id, "--time-limit", "1", *extra)


def test_plan_show_start_and_tick_from_the_shell(kiosk, event_db, session, ids):
    planned = plan(kiosk, event_db, session, "--table-size", "2", "--rounds", "3", "--json")
    assert planned.code == 0, planned.err
    assert planned.json["source"] == "attendance" and len(planned.json["rounds"]) == 3
    assert all(len(t["guests"]) == 2 for r in planned.json["rounds"] for t in r["tables"])
    text = kiosk("--db", event_db, "rounds", "show", "--session", session)
    assert "4 guests, the guests scanned at the door; 3 rounds of 8 min" in text.out and "round 1 (not started)" in text.out
    started = kiosk("--db", event_db, "rounds", "start", "--session", session)
    assert started.code == 0 and started.out.startswith("round 1 started at ")
    assert "had started already" in kiosk("--db", event_db, "rounds", "start", "--session", session, "--round", "1").out
    table = planned.json["rounds"][0]["tables"][0]["guests"]
    first, second = table[0]["id"], table[1]["id"]
    one = kiosk("--db", event_db, "rounds", "tick", "--session", session, first, second, "--json")
    assert one.json == {"ticked": [second], "contacts": [], "already": []}
    both = kiosk("--db", event_db, "rounds", "tick", "--session", session, second, first)
    assert both.code == 0 and "contact recorded (both ticked)" in both.out


def test_without_door_scans_the_plan_says_it_took_the_guests_checked_in(kiosk, event_db):
    session_id = add_session(kiosk, event_db)
    for code in ("AK-0001", "BF-0002", "MA-0005"):
        assert kiosk("--db", event_db, "checkin", code).code == 0
    planned = plan(kiosk, event_db, session_id, "--table-size", "3", "--rounds", "1")
    assert planned.code == 0 and "nobody was scanned at the session's door" in planned.out


def test_print_writes_sheets_and_cards(kiosk, event_db, session, tmp_path):
    plan(kiosk, event_db, session, "--table-size", "2", "--rounds", "3")
    target = tmp_path / "plan.pdf"
    printed = kiosk("--db", event_db, "rounds", "print", "--session", session, "-o", target)
    assert printed.code == 0 and "3 round sheet(s), 4 card(s)" in printed.out
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == 4 and "Runde 1 von 3" in reader.pages[0].extract_text()
    assert "Amrei Kolbeck" in reader.pages[3].extract_text()
    cards = kiosk("--db", event_db, "rounds", "print", "--session", session, "-o", target, "--cards-only",
                  "--lang", "en")
    assert cards.code == 0 and len(PdfReader(io.BytesIO(target.read_bytes())).pages) == 1
    assert "Round 3" in PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()


def test_quiz_teams_from_the_shell(kiosk, event_db, tmp_path):
    quiz = add_session(kiosk, event_db, kind="Quiz", title="Pubquiz")
    for code in CODES:
        kiosk("--db", event_db, "attend", quiz, code)
    target = tmp_path / "teams.pdf"
    teams = kiosk("--db", event_db, "quiz", "teams", "--session", quiz, "--size", "3", "-o", target, "--json")
    assert teams.code == 0, teams.err
    assert [len(t["guests"]) for t in teams.json["rounds"][0]["tables"]] == [3, 2]
    assert "Quiz-Teams" in PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()


@pytest.mark.parametrize("argv, message", [
    (("rounds", "plan", "--session", "nope"), "there is no session nope"),
    (("rounds", "plan", "--session", "{s}", "--table-size", "1"), "table size must be 2 to 50, not 1"),
    (("rounds", "plan", "--session", "{s}", "--minutes", "0"), "a round lasts 1 to 240 minutes, not 0"),
    (("rounds", "plan", "--session", "{s}", "--hosts", "Nirgendwo"), "no guest present belongs to a host organization"),
    (("rounds", "plan", "--session", "{s}", "--orgs", "2,2"), "--orgs is for --people"),
    (("rounds", "plan", "--session", "{s}", "--table-size", "2", "--rounds", "9"), "rounds to plan"),
    (("rounds", "show", "--session", "{s}"), "has no plan yet; make one with 'kiosk rounds plan --session"),
    (("rounds", "start", "--session", "{s}"), "this session has no plan yet"),
    (("rounds", "print", "--session", "{s}", "-o", "{tmp}/plan.txt"), "plan.txt: the file name must end in .pdf"),
    (("rounds", "print", "--session", "{s}", "-o", "{tmp}/nowhere/plan.pdf"), "the directory"),
    (("rounds", "tick", "--session", "{s}", "NOSUCHCODE", "AK-0001"), "'NOSUCHCODE': not a guest id, ticket code"),
    (("quiz", "teams", "--session", "{s}", "--size", "1"), "table size must be 2 to 50, not 1"),
])
def test_bad_input_is_one_line(kiosk, event_db, session, tmp_path, argv, message):
    result = kiosk("--db", event_db, *(a.format(s=session, tmp=tmp_path) for a in argv))
    assert result.code == 1 and message in result.err, result.err
    assert result.err.count("\n") == 1 and result.err.startswith("kiosk: error: ")


def test_ticking_someone_who_was_not_at_the_table_is_refused(kiosk, event_db, session):
    planned = plan(kiosk, event_db, session, "--table-size", "2", "--rounds", "3", "--json").json
    kiosk("--db", event_db, "rounds", "start", "--session", session)
    first_round = planned["rounds"][0]["tables"]
    me, stranger = first_round[0]["guests"][0]["id"], first_round[1]["guests"][0]["id"]
    refused = kiosk("--db", event_db, "rounds", "tick", "--session", session, me, stranger)
    assert refused.code == 1 and "only people who shared a table in a started round" in refused.err
    late = kiosk("--db", event_db, "rounds", "start", "--session", session, "--round", "3")
    assert late.code == 1 and "round 2 has not started yet" in late.err
