"""kiosk walk-in | contact --day, and the sock-puppet attack on the networking leaderboard.

The attack: twenty walk-ins registered at the kiosk (no staff has looked at them yet), each
checked in with their badge and scanned against one guest's badge. Before the fix that guest
became networking champion with 20 contacts. Walk-ins awaiting review count for nobody until
staff approve them; then each approved one counts.
"""

from __future__ import annotations

import sqlite3

import pytest
from cli_support import event_days, write_guest_list

from kiosk.reports.figures import collect_figures
from kiosk.services.desk import FrontDesk
from kiosk.services.staff import StaffDesk
from kiosk.storage import Store

PUPPETS = 20


def rows(db, sql: str, *params) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


@pytest.fixture
def open_event(kiosk, tmp_path):
    """The five guests of the CLI tests at an event that takes walk-ins."""
    db = tmp_path / "walk-ins.sqlite3"
    days = ",".join(d.isoformat() for d in event_days())
    created = kiosk("--db", db, "event", "create", "--name", "Testtreffen", "--days", days, "--walk-ins")
    assert created.code == 0, created.err
    assert kiosk("--db", db, "import-guests", write_guest_list(tmp_path / "gaeste.csv")).code == 0
    return db


def walk_in(kiosk, db, first, last, *extra):
    return kiosk("--db", db, "walk-in", "--first", first, "--last", last, *extra, "--json")


def badge_of(kiosk, db, guest_id) -> str:
    result = kiosk("--db", db, "token", guest_id)
    assert result.code == 0, result.err
    return result.out.strip()


def guest_id(kiosk, db, last_name) -> str:
    return next(g["id"] for g in kiosk("--db", db, "guests", "--json").json if g["name"].endswith(last_name))


# -- kiosk walk-in ---------------------------------------------------------------------------------


def test_walk_in_registers_like_the_kiosk_screen_for_staff_to_review(kiosk, open_event):
    result = walk_in(kiosk, open_event, "Greta", "Wendel", "--organization", "Freies Labor",
                     "--email", "greta@example.org")

    assert result.code == 0, result.err
    new_id = result.json["id"]
    assert result.json["name"] == "Greta Wendel" and result.json["organization"] == "Freies Labor"
    assert result.json["needs_review"] is True
    stored = "SELECT walk_in, needs_review, email, consent_contacts FROM guest_row WHERE id = ?"
    assert rows(open_event, stored, new_id) == [(1, 1, "greta@example.org", 1)]
    assert rows(open_event, "SELECT action, subject FROM audit_row WHERE subject = ?", new_id) == [
        ("walk_in_registered", new_id)]
    checked_in = kiosk("--db", open_event, "checkin", badge_of(kiosk, open_event, new_id), "--json")
    assert checked_in.json["status"] == "checked_in"  # a walk-in awaiting review may check in


def test_walk_in_text_output_names_the_new_guest_and_the_review(kiosk, open_event):
    result = kiosk("--db", open_event, "walk-in", "--first", "Greta", "--last", "Wendel")
    assert result.code == 0, result.err
    assert result.out.startswith("registered walk-in Greta Wendel (")
    assert "awaiting staff review" in result.out


def test_walk_in_is_refused_when_walk_ins_are_closed(kiosk, event_db):
    before = rows(event_db, "SELECT COUNT(*) FROM guest_row")

    result = walk_in(kiosk, event_db, "Greta", "Wendel")

    assert result.code == 1 and result.out == ""
    assert result.err.strip().splitlines() == [
        "kiosk: error: walk-in registration is closed for this event; staff can open it in staff mode"]
    assert rows(event_db, "SELECT COUNT(*) FROM guest_row") == before


@pytest.mark.parametrize("first, last, extra, message", [
    ("", "", (), "--first/--last: a walk-in needs a first or a last name"),
    ("  ", "\t", (), "--first/--last: a walk-in needs a first or a last name"),
    ("Greta", "Wendel", ("--email", "greta(at)example"),
     "--email: 'greta(at)example' is not an e-mail address"),
])
def test_walk_in_with_bad_entries_is_refused_with_one_line(kiosk, open_event, first, last, extra, message):
    before = rows(open_event, "SELECT COUNT(*) FROM guest_row")

    result = walk_in(kiosk, open_event, first, last, *extra)

    assert result.code == 1
    assert result.err.strip().splitlines() == [f"kiosk: error: {message}"]
    assert rows(open_event, "SELECT COUNT(*) FROM guest_row") == before


# -- kiosk contact --day -----------------------------------------------------------------------------


@pytest.fixture
def two_checked_in(kiosk, event_db, token):
    for code in ("AK-0001", "BF-0002"):
        assert kiosk("--db", event_db, "checkin", code).code == 0
    return token("Kolbeck"), token("Förster")


def test_contact_on_another_event_day_counts_on_that_day(kiosk, event_db, ids, two_checked_in):
    day2 = event_days()[1].isoformat()

    result = kiosk("--db", event_db, "contact", *two_checked_in, "--day", day2, "--json")

    assert result.code == 0, result.err
    assert result.json["status"] == "new"
    assert rows(event_db, "SELECT day FROM contact_row") == [(day2,)]
    on_day2 = kiosk("--db", event_db, "leaderboard", "--day", day2, "--json").json
    assert {e["guest"]["id"] for e in on_day2} == {ids["Kolbeck"], ids["Förster"]}
    assert kiosk("--db", event_db, "leaderboard", "--day", event_days()[0].isoformat(), "--json").json == []


def test_contact_on_a_day_outside_the_event_is_refused_naming_the_days(kiosk, event_db, two_checked_in):
    result = kiosk("--db", event_db, "contact", *two_checked_in, "--day", "1999-01-01", "--json")

    assert (result.code, result.out) == (1, "")
    days = ", ".join(d.isoformat() for d in event_days())
    assert result.err.strip().splitlines() == [
        f"kiosk: error: --day: 1999-01-01 is not a day of the event ({days})"]
    assert rows(event_db, "SELECT COUNT(*) FROM contact_row") == [(0,)]


def test_contact_with_a_malformed_day_is_refused_with_one_line(kiosk, event_db, two_checked_in):
    result = kiosk("--db", event_db, "contact", *two_checked_in, "--day", "24.10.2023")

    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "kiosk: error: --day: '24.10.2023' is not a date like 2023-10-24"]
    assert rows(event_db, "SELECT COUNT(*) FROM contact_row") == [(0,)]


# -- the sock-puppet attack ------------------------------------------------------------------------------


@pytest.fixture
def farmed(kiosk, open_event):
    """Förster and Madonnina meet for real; Kolbeck scans twenty walk-in puppets against his badge."""
    for code in ("AK-0001", "BF-0002", "MA-0005"):
        assert kiosk("--db", open_event, "checkin", code).code == 0
    farmer = guest_id(kiosk, open_event, "Kolbeck")
    honest = (guest_id(kiosk, open_event, "Förster"), guest_id(kiosk, open_event, "Madonnina"))
    met = kiosk("--db", open_event, "contact", *(badge_of(kiosk, open_event, g) for g in honest), "--json")
    assert met.json["status"] == "new"
    farmer_badge = badge_of(kiosk, open_event, farmer)
    puppets = []
    for n in range(PUPPETS):
        registered = walk_in(kiosk, open_event, "Puppe", f"Nummer {n}")
        assert registered.code == 0, registered.err
        puppet_badge = badge_of(kiosk, open_event, registered.json["id"])
        assert kiosk("--db", open_event, "checkin", puppet_badge).code == 0
        scanned = kiosk("--db", open_event, "contact", puppet_badge, farmer_badge, "--json")
        assert scanned.json["status"] == "new", scanned.out
        puppets.append(registered.json["id"])
    return farmer, honest, puppets


def board(kiosk, db) -> dict[str, int]:
    result = kiosk("--db", db, "leaderboard", "--top", "50", "--json")
    assert result.code == 0, result.err
    return {entry["guest"]["id"]: entry["contacts"] for entry in result.json}


def champion(kiosk, db, tmp_path) -> dict:
    result = kiosk("--db", db, "champion", "-o", tmp_path / "champion.pdf", "--json")
    assert result.code == 0, result.err
    return result.json


def report_figures(db):
    store = Store.open(db)
    try:
        return collect_figures(store)
    finally:
        store.close()


def test_twenty_sock_puppets_awaiting_review_lift_nobody(kiosk, open_event, farmed, tmp_path):
    farmer, honest, puppets = farmed

    assert board(kiosk, open_event) == dict.fromkeys(honest, 1)
    assert champion(kiosk, open_event, tmp_path)["guest_id"] in honest
    figures = report_figures(open_event)
    assert farmer not in {n.guest_id for n in figures.networkers}
    assert (figures.contacts, figures.days[0].contacts) == (1, 1)
    assert (figures.cross_organization, figures.same_organization) == (1, 0)  # the who-met-whom matrix
    assert rows(open_event, "SELECT COUNT(*) FROM contact_row") == [(PUPPETS + 1,)]  # still recorded


def test_after_staff_approve_three_puppets_exactly_three_count(kiosk, open_event, farmed, tmp_path):
    farmer, honest, puppets = farmed
    store = Store.open(open_event)
    staff = StaffDesk(store, FrontDesk(store))
    try:
        assert all(staff.approve_walk_in(p) for p in puppets[:3])
    finally:
        store.close()

    approved = dict.fromkeys(puppets[:3], 1)
    assert board(kiosk, open_event) == {farmer: 3, **dict.fromkeys(honest, 1), **approved}
    crowned = champion(kiosk, open_event, tmp_path)
    assert (crowned["guest_id"], crowned["contacts"]) == (farmer, 3)
    figures = report_figures(open_event)
    assert (figures.champion.guest_id, figures.champion.contacts) == (farmer, 3)
    assert figures.contacts == 4


def test_contact_totals_of_the_exchange_show_counted_contacts(kiosk, open_event, farmed):
    farmer, honest, puppets = farmed
    another = walk_in(kiosk, open_event, "Puppe", "Nummer 99").json["id"]
    puppet_badge = badge_of(kiosk, open_event, another)
    kiosk("--db", open_event, "checkin", puppet_badge)

    result = kiosk("--db", open_event, "contact", puppet_badge, badge_of(kiosk, open_event, farmer), "--json")

    assert result.json["status"] == "new"
    assert result.json["totals"] == {another: 0, farmer: 0}


def test_contact_without_day_after_the_event_is_refused_naming_today(kiosk, tmp_path):
    past = tmp_path / "past.sqlite3"
    assert kiosk("--db", past, "event", "create", "--name", "Vorbei", "--days", "2023-10-24").code == 0

    result = kiosk("--db", past, "contact", "A", "B")

    assert result.code == 1
    [line] = result.err.strip().splitlines()
    assert line.startswith("kiosk: error: today (")
    assert line.endswith("is not a day of the event (2023-10-24)")
