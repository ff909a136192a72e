"""rank_networkers: distinct contacts per guest, ties to whoever reached the count first, per-day view."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from kiosk.core.leaderboard import champion, rank_networkers
from kiosk.core.model import ContactExchange

DAY1, DAY2 = date(2023, 10, 24), date(2023, 10, 25)
START = datetime(2023, 10, 24, 8, 0, tzinfo=timezone.utc)


def x(a: str, b: str, minutes: int, day: date = DAY1) -> ContactExchange:
    low, high = ContactExchange.pair(a, b)
    return ContactExchange(low, high, START + timedelta(minutes=minutes), day)


def table(board) -> list[tuple[int, str, int]]:
    return [(s.rank, s.guest_id, s.contacts) for s in board]


def test_more_distinct_contacts_rank_higher():
    board = rank_networkers([x("a", "b", 1), x("a", "c", 2), x("a", "d", 3), x("b", "c", 4)])
    assert table(board)[:3] == [(1, "a", 3), (2, "b", 2), (3, "c", 2)]


def test_ties_go_to_whoever_reached_the_count_first_not_who_started_first():
    # 'z' has the first contact of all, but 'm' reaches two contacts before 'z' does
    board = rank_networkers([x("z", "p", 0), x("m", "q", 10), x("m", "r", 20), x("z", "s", 30)])

    assert table(board)[:2] == [(1, "m", 2), (2, "z", 2)]
    assert board[0].reached_at == START + timedelta(minutes=20)


def test_a_pair_counts_once_however_often_and_in_whichever_order_it_appears():
    exchanges = [x("a", "b", 5), x("b", "a", 1), x("a", "b", 9, DAY2), x("a", "c", 3)]
    # a duplicate row with another id, as two kiosks may both record it
    exchanges.append(ContactExchange("a", "b", START + timedelta(minutes=2), DAY1, id="other-device"))

    board = {s.guest_id: s for s in rank_networkers(exchanges)}

    assert board["a"].contacts == 2
    assert board["b"].contacts == 1
    assert board["b"].reached_at == START + timedelta(minutes=1)  # the pair's earliest exchange


def test_per_day_view_counts_a_pair_on_the_day_it_first_met():
    exchanges = [x("a", "b", 0, DAY1), x("a", "b", 60 * 24, DAY2), x("c", "d", 60 * 25, DAY2)]

    day1 = rank_networkers(exchanges, day=DAY1)
    day2 = rank_networkers(exchanges, day=DAY2)

    assert {s.guest_id for s in day1} == {"a", "b"}
    assert {s.guest_id for s in day2} == {"c", "d"}
    assert [s.rank for s in day2] == [1, 2]


def test_top_n_and_champion():
    exchanges = [x("a", "b", 1), x("a", "c", 2), x("d", "e", 3)]
    assert len(rank_networkers(exchanges, top=2)) == 2
    assert champion(exchanges).guest_id == "a"
    assert champion([]) is None
    assert rank_networkers([]) == []
