"""The built seatings the planner starts from: every pair at most once, every round a full seating."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import pytest

from kiosk.core.rounds import RoundsRequest, plan_rounds
from kiosk.core.rounds.constructions import (GaloisField, constructed_rounds, golfers_32_4_10,
                                             nearly_kirkman_18, resolvable_28_4_9, transversal_rounds)
from kiosk.core.rounds.cyclic import cyclic_rounds


def meetings(rounds) -> Counter:
    return Counter(frozenset(pair) for round_ in rounds for table in round_ for pair in combinations(table, 2))


def assert_full_rounds(rounds, n: int, k: int) -> None:
    for round_ in rounds:
        assert sorted(p for table in round_ for p in table) == list(range(n))
        assert {len(table) for table in round_} == {k}


def test_the_original_social_golfer_problem_ten_rounds_of_foursomes_for_32():
    rounds = golfers_32_4_10()

    assert len(rounds) == 10
    assert_full_rounds(rounds, 32, 4)
    met = meetings(rounds)
    assert max(met.values()) == 1 and len(met) == 480
    never = {pair for pair in map(frozenset, combinations(range(32), 2)) if pair not in met}
    assert never == {frozenset((x, x ^ 1)) for x in range(32)}  # each person misses exactly one other


def test_28_at_tables_of_4_meet_everyone_exactly_once_in_9_rounds():
    rounds = resolvable_28_4_9()

    assert len(rounds) == 9
    assert_full_rounds(rounds, 28, 4)
    met = meetings(rounds)
    assert max(met.values()) == 1 and len(met) == 28 * 27 // 2


def test_18_at_tables_of_3_for_8_rounds_leave_everyone_exactly_one_partner_never_met():
    rounds = nearly_kirkman_18()

    assert len(rounds) == 8
    assert_full_rounds(rounds, 18, 3)
    met = meetings(rounds)
    assert max(met.values()) == 1
    unmet = Counter(p for pair in map(frozenset, combinations(range(18), 2)) if pair not in met for p in pair)
    assert set(unmet.values()) == {1} and len(unmet) == 18


@pytest.mark.parametrize(("g", "k", "expected"), [(4, 4, 5), (5, 5, 6), (8, 4, 9), (7, 3, 7), (9, 3, 10),
                                                  (16, 4, 17)])
def test_finite_field_rounds_never_repeat_a_pair(g, k, expected):
    rounds = transversal_rounds(g, k)

    assert len(rounds) == expected
    assert_full_rounds(rounds, g * k, k)
    assert max(meetings(rounds).values()) == 1


@pytest.mark.parametrize("q", [4, 8, 9, 16, 25, 27, 32, 49])
def test_galois_fields_have_inverses_and_distribute(q):
    field = GaloisField(q)
    for x in range(1, q):
        assert sorted(field.mul(x, y) for y in range(q)) == list(range(q))  # x times anything: a permutation
    for x, y, z in [(2, 3, q - 1), (q - 2, 1, 3), (q // 2, q // 3, q - 3)]:
        y_minus_z = field.sub(y, z)
        assert field.mul(x, y_minus_z) == field.sub(field.mul(x, y), field.mul(x, z))


def test_constructions_are_offered_only_where_they_fit():
    assert constructed_rounds(30, 3) is None  # 10 is not a prime power, and no rounds are stored for 30
    assert constructed_rounds(12, 4) is None  # 3 rows of 4 cannot hold 4 seats apart
    assert len(constructed_rounds(32, 4)) == 10
    assert len(constructed_rounds(28, 4)) == 9
    assert len(constructed_rounds(18, 3)) == 8


@pytest.mark.parametrize(("n", "k", "rounds"), [(21, 3, 10), (27, 3, 13), (9, 3, 4)])
def test_cyclic_rounds_reach_the_most_rounds_there_can_be(n, k, rounds):
    built = cyclic_rounds(n, k, rounds, lambda: False)

    assert built is not None and len(built) == rounds == (n - 1) // (k - 1)
    assert_full_rounds(built, n, k)
    assert max(meetings(built).values()) == 1


def test_cyclic_rounds_with_an_even_turn_leave_each_person_one_partner_never_met():
    # 42 at tables of 3: 41 others, 2 a round, so 20 rounds at most and one partner left for everyone.
    built = cyclic_rounds(42, 3, 20, lambda: False)

    assert built is not None and len(built) == 20
    assert_full_rounds(built, 42, 3)
    met = meetings(built)
    assert max(met.values()) == 1
    unmet = Counter(p for pair in map(frozenset, combinations(range(42), 2)) if pair not in met for p in pair)
    assert set(unmet.values()) == {1} and len(unmet) == 42


def test_cyclic_rounds_decline_what_the_structure_cannot_hold():
    assert cyclic_rounds(21, 3, 11, lambda: False) is None  # more rounds than 20 partners allow
    assert cyclic_rounds(18, 3, 8, lambda: False) is None  # searched through: no plan of this shape
    assert cyclic_rounds(20, 2, 5, lambda: False) is None  # one-to-one: the circle method's job
    assert cyclic_rounds(21, 3, 10, lambda: True) is None  # told to stop


def test_the_planner_seats_32_at_tables_of_4_for_10_rounds_without_a_repeat():
    plan = plan_rounds(RoundsRequest(people=[f"G-{i}" for i in range(32)], rounds=10, table_size=4,
                                     time_limit=60))

    assert plan.optimal and len(plan.rounds) == 10
    assert max(meetings(plan.rounds).values()) == 1


@pytest.mark.parametrize(("n", "k", "rounds"), [(28, 4, 9), (18, 3, 8)])
def test_the_planner_reaches_no_repeat_from_the_stored_rounds(n, k, rounds):
    plan = plan_rounds(RoundsRequest(people=[f"G-{i}" for i in range(n)], rounds=rounds, table_size=k,
                                     time_limit=60))

    assert plan.optimal and len(plan.rounds) == rounds
    assert max(meetings(plan.rounds).values()) == 1


def test_colleagues_are_moved_to_seats_that_never_meet():
    # 16 pairs of colleagues, numbered at random: only the 16 seat pairs of the 10-round construction
    # that never share a table can hold them all, and the planner finds those seats for them.
    order = list(range(32))
    random.Random(3).shuffle(order)
    orgs = {person: f"org-{i // 2}" for i, person in enumerate(order)}
    plan = plan_rounds(RoundsRequest(people=range(32), rounds=10, table_size=4, orgs=orgs, time_limit=60))

    assert plan.repeats == 0 and plan.same_org == 0
    assert plan.seconds < 30  # reached well before the limit: the search never had to run long
