"""The networking leaderboard over stored contacts: distinct contacts, ties by who got there first."""

from __future__ import annotations

import pytest
from services_support import EVENT_DAYS, berlin

from kiosk.core.rules import ContactStatus

DAY1, DAY2, DAY3 = EVENT_DAYS


@pytest.fixture
def people(desk, add_guest):
    names = {"yara": ("Yara", "Aalstein"), "xaver": ("Xaver", "Zinngrub"), "paula": ("Paula", "Immelt"),
             "quirin": ("Quirin", "Hollenbach"), "rosa": ("Rosa", "Fennweg"), "sven": ("Sven", "Dorlach")}
    guests = {key: add_guest(*name) for key, name in names.items()}
    for guest in guests.values():
        desk.check_in(guest.ticket_code)
    return guests


def meet(desk, clock, when, a, b):
    clock.set(when)
    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))
    assert outcome.status in (ContactStatus.NEW, ContactStatus.ALREADY_KNOWN), outcome.reason
    return outcome


def test_ties_go_to_whoever_reached_the_count_first(desk, clock, people):
    p = people
    meet(desk, clock, berlin(DAY1, 10, 0), p["yara"], p["paula"])    # Yara 1 (first of anyone)
    meet(desk, clock, berlin(DAY1, 11, 0), p["xaver"], p["quirin"])  # Xaver 1
    meet(desk, clock, berlin(DAY1, 12, 0), p["xaver"], p["rosa"])    # Xaver reaches 2
    meet(desk, clock, berlin(DAY1, 13, 0), p["yara"], p["sven"])     # Yara reaches 2, later

    board = desk.leaderboard(top=2)

    assert [(s.rank, s.guest_id, s.contacts) for s in board] == [
        (1, p["xaver"].id, 2), (2, p["yara"].id, 2)]
    assert board[0].reached_at == berlin(DAY1, 12, 0)


def test_repeated_and_reversed_scans_do_not_inflate_the_count(desk, clock, people):
    p = people
    meet(desk, clock, berlin(DAY1, 10, 0), p["yara"], p["paula"])
    meet(desk, clock, berlin(DAY1, 10, 5), p["paula"], p["yara"])
    meet(desk, clock, berlin(DAY2, 9, 0), p["yara"], p["paula"])
    meet(desk, clock, berlin(DAY1, 11, 0), p["xaver"], p["quirin"])
    meet(desk, clock, berlin(DAY1, 11, 30), p["xaver"], p["rosa"])

    board = {s.guest_id: s.contacts for s in desk.leaderboard(top=None)}

    assert board[p["yara"].id] == 1
    assert board[p["paula"].id] == 1
    assert board[p["xaver"].id] == 2
    assert p["sven"].id not in board  # no contacts, no place on the board


def test_per_day_view_counts_only_contacts_made_that_day(desk, clock, people):
    p = people
    meet(desk, clock, berlin(DAY1, 10, 0), p["yara"], p["paula"])
    meet(desk, clock, berlin(DAY1, 10, 30), p["yara"], p["quirin"])
    meet(desk, clock, berlin(DAY2, 9, 0), p["xaver"], p["rosa"])
    meet(desk, clock, berlin(DAY2, 9, 30), p["yara"], p["paula"])  # known since day 1: not a day-2 contact
    meet(desk, clock, berlin(DAY2, 15, 0), p["sven"], p["rosa"])

    day2 = desk.leaderboard(day=DAY2, top=None)
    overall = desk.leaderboard(top=None)

    assert [(s.guest_id, s.contacts) for s in day2] == [
        (p["rosa"].id, 2), (p["xaver"].id, 1), (p["sven"].id, 1)]
    assert [s.rank for s in day2] == [1, 2, 3]
    assert overall[0].guest_id == p["yara"].id and overall[0].contacts == 2
    assert desk.leaderboard(day=DAY3) == []


def test_top_limits_the_board(desk, clock, people):
    p = people
    meet(desk, clock, berlin(DAY1, 10, 0), p["yara"], p["paula"])
    meet(desk, clock, berlin(DAY1, 11, 0), p["xaver"], p["quirin"])

    assert len(desk.leaderboard(top=3)) == 3
    assert len(desk.leaderboard(top=None)) == 4
