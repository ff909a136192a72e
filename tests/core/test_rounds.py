"""The speed-networking planner: every rule on small instances that reach their optimum in well under a
second (the hard instances and their times are in tests/bench/bench_rounds.py)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from kiosk.core.rounds import PlanError, RoundsRequest, Weights, measure, plan_rounds, table_sizes


def pair_counts(rounds) -> Counter:
    return Counter(frozenset(pair) for round_ in rounds for table in round_ for pair in combinations(table, 2))


def assert_each_round_seats(rounds, people) -> None:
    for round_ in rounds:
        seated = [p for table in round_ for p in table]
        assert sorted(seated) == sorted(people)


def test_kirkman_schoolgirls_fifteen_people_seven_rounds_of_three_never_meet_twice():
    plan = plan_rounds(RoundsRequest(people=range(15), rounds=7, table_size=3, time_limit=20))

    assert_each_round_seats(plan.rounds, range(15))
    assert max(pair_counts(plan.rounds).values()) == 1
    assert len(pair_counts(plan.rounds)) == 105  # every pair met: a Kirkman triple system
    assert plan.repeats == 0 and plan.optimal


def test_one_to_one_rounds_form_a_round_robin_also_with_an_odd_number():
    even = plan_rounds(RoundsRequest(people=range(10), rounds=9, table_size=2, time_limit=20))
    odd = plan_rounds(RoundsRequest(people=range(9), rounds=9, table_size=2, time_limit=20))

    assert set(pair_counts(even.rounds).values()) == {1} and len(pair_counts(even.rounds)) == 45
    assert set(pair_counts(odd.rounds).values()) == {1} and len(pair_counts(odd.rounds)) == 36
    assert all(sorted(map(len, round_)) == [1, 2, 2, 2, 2] for round_ in odd.rounds)
    sat_out = Counter(table[0] for round_ in odd.rounds for table in round_ if len(table) == 1)
    assert set(sat_out.values()) == {1}  # each person sits out once


def test_table_sizes_follow_the_organisers_choice_for_the_remainder():
    assert table_sizes(12, 4) == [4, 4, 4]
    assert table_sizes(10, 4, "smaller") == [4, 3, 3]
    assert table_sizes(10, 4, "larger") == [5, 5]
    assert table_sizes(14, 4, "larger") == [5, 5, 4]
    assert table_sizes(7, 2, "larger") == [3, 2, 2]
    assert table_sizes(3, 6) == [3]

    # Two rounds of 10 force repeats either way: the search runs to its (short) time limit.
    smaller = plan_rounds(RoundsRequest(people=range(10), rounds=2, table_size=4, remainder="smaller",
                                        time_limit=0.5))
    larger = plan_rounds(RoundsRequest(people=range(10), rounds=2, table_size=4, remainder="larger",
                                       time_limit=0.5))
    assert [sorted(map(len, r), reverse=True) for r in smaller.rounds] == [[4, 3, 3]] * 2
    assert [sorted(map(len, r), reverse=True) for r in larger.rounds] == [[5, 5]] * 2


def test_colleagues_never_share_a_table_when_the_tables_allow_it():
    orgs = {p: "Stadtwerke" for p in range(5)} | {p: "Hochschule" for p in range(5, 9)}
    plan = plan_rounds(RoundsRequest(people=range(20), rounds=3, table_size=4, orgs=orgs, time_limit=20))

    assert plan.same_org == 0 and plan.repeats == 0
    for round_ in plan.rounds:
        for table in round_:
            labels = [orgs[p] for p in table if p in orgs]
            assert len(labels) == len(set(labels))


def test_a_large_organisation_shares_tables_only_as_often_as_it_must():
    # 7 colleagues at 3 tables: 3+2+2 is the most even spread, 3 + 1 + 1 = 5 colleague pairs a round.
    # Spread so in both rounds, 3 repeats are forced (all 5775 second rounds tried by hand once).
    orgs = {p: "Landratsamt" for p in range(7)}
    plan = plan_rounds(RoundsRequest(people=range(12), rounds=2, table_size=4, orgs=orgs, time_limit=1))

    assert plan.same_org == 2 * 5
    assert plan.repeats == 3
    assert measure(plan.rounds, orgs).same_org == plan.same_org


def test_pairs_who_exchanged_contacts_earlier_are_seated_apart():
    met = [(0, 1), (0, 2), (1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (10, 11)]
    plan = plan_rounds(RoundsRequest(people=range(12), rounds=1, table_size=4, met=met, time_limit=5))

    assert plan.met_before == 0
    together = pair_counts(plan.rounds)
    assert not any(together[frozenset(pair)] for pair in met)


def test_a_repeat_weighs_more_than_meeting_an_earlier_contact_again():
    # Everybody exchanged contacts before: meeting earlier contacts is unavoidable, repeats are not.
    everyone = [tuple(pair) for pair in combinations(range(9), 2)]
    plan = plan_rounds(RoundsRequest(people=range(9), rounds=2, table_size=3, met=everyone, time_limit=0.5))

    assert plan.repeats == 0
    assert plan.met_before == 2 * 3 * 3


def test_pub_quiz_teams_mix_organisations_and_new_faces_in_one_round():
    orgs = {p: f"org-{p // 6}" for p in range(30)}
    met = [(p, p + 6) for p in range(24)]
    plan = plan_rounds(RoundsRequest(people=range(30), rounds=1, table_size=5, orgs=orgs, met=met, time_limit=10))

    assert len(plan.rounds) == 1 and sorted(map(len, plan.rounds[0])) == [5] * 6
    assert plan.same_org == 0 and plan.met_before == 0


def test_hosts_stay_at_their_tables_and_visitors_meet_a_new_host_every_round():
    hosts = [["H-A"], ["H-B"], ["H-C"], ["H-D"], ["H-E"]]
    visitors = [f"V-{i}" for i in range(20)]
    plan = plan_rounds(RoundsRequest(people=[h for t in hosts for h in t] + visitors, rounds=4,
                                     host_tables=hosts, time_limit=20))

    for round_ in plan.rounds:
        assert [sorted(p for p in table if p.startswith("H-")) for table in round_] == hosts
        sizes = [len(table) for table in round_]
        assert max(sizes) - min(sizes) <= 1
    for visitor in visitors:
        seen = [h for round_ in plan.rounds for table in round_ if visitor in table for h in table if h[0] == "H"]
        assert len(seen) == len(set(seen)) == 4
    assert plan.host_repeats == 0 and plan.repeats == 0


def test_hosted_tables_are_balanced_when_hosts_are_uneven():
    hosts = [["H-1", "H-2"], ["H-3"], ["H-4"]]
    people = ["H-1", "H-2", "H-3", "H-4"] + [f"V-{i}" for i in range(9)]
    plan = plan_rounds(RoundsRequest(people=people, rounds=2, host_tables=hosts, time_limit=0.5))

    assert all(sorted(map(len, round_)) == [4, 4, 5] for round_ in plan.rounds)


def test_replanning_keeps_the_played_rounds_drops_no_shows_and_seats_late_arrivals():
    first = plan_rounds(RoundsRequest(people=range(16), rounds=4, table_size=4, time_limit=20))
    played = first.rounds[:2]
    present = [p for p in range(16) if p not in (3, 9)] + [16, 17, 18]

    again = plan_rounds(RoundsRequest(people=present, rounds=4, table_size=4, played=played, time_limit=20))

    assert again.rounds[:2] == played
    assert_each_round_seats(again.rounds[2:], present)
    assert again.repeats == 0  # no pair of the played rounds meets again


def test_nothing_left_to_plan_returns_the_played_rounds_with_their_figures():
    played = [[[0, 1], [2, 3]], [[0, 1], [2, 3]]]
    plan = plan_rounds(RoundsRequest(people=range(4), rounds=2, table_size=2, played=played))

    assert plan.rounds == (((0, 1), (2, 3)), ((0, 1), (2, 3)))
    assert plan.repeats == 2


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    request = dict(people=range(15), rounds=5, table_size=3, time_limit=20)
    a = plan_rounds(RoundsRequest(**request, seed=4))
    b = plan_rounds(RoundsRequest(**request, seed=4))
    c = plan_rounds(RoundsRequest(**request, seed=5))

    assert a.rounds == b.rounds
    assert a.rounds != c.rounds
    assert a.optimal and c.optimal


def test_cancel_stops_the_search_with_a_complete_plan():
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return True

    # 40 at tables of 4 for 13 rounds: no construction here, the search would take long.
    plan = plan_rounds(RoundsRequest(people=range(40), rounds=13, table_size=4, time_limit=60), cancel=cancel)

    assert calls and len(plan.rounds) == 13 and plan.seconds < 30
    assert_each_round_seats(plan.rounds, range(40))
    assert plan.repeats == measure(plan.rounds).repeats > 0


@pytest.mark.parametrize(("request_args", "message"), [
    (dict(people=range(8), rounds=2, table_size=1), "table size must be at least 2, not 1"),
    (dict(people=[7], rounds=1), "at least 2 people"),
    (dict(people=[1, 2, 1], rounds=1), "person 1 is listed twice"),
    (dict(people=range(8), rounds=0), "rounds must be at least 1"),
    (dict(people=range(8), rounds=10, table_size=4), "plan at most 3"),
    (dict(people=range(8), rounds=2, remainder="middle"), "remainder must be 'smaller' or 'larger'"),
    (dict(people=range(4), rounds=1, played=[[[0, 1], [2, 3]]] * 2), "2 rounds were played already"),
    (dict(people=range(4), rounds=2, played=[[[0, 1], [1, 3]]]), "played round 1 seats 1 twice"),
    (dict(people=range(6), rounds=2, host_tables=[[0], [9]]), "host 9 of table 2 is not among the people"),
    (dict(people=range(6), rounds=2, host_tables=[[0], [0]]), "host 0 is named for two tables"),
    (dict(people=range(6), rounds=2, time_limit=0), "time limit must be more than 0"),
    (dict(people=range(2001), rounds=2), "2001 people are more than the planner seats at once"),
])
def test_bad_requests_are_refused_with_one_clear_line(request_args, message):
    with pytest.raises(PlanError, match=message) as refused:
        plan_rounds(RoundsRequest(**request_args))
    assert "\n" not in str(refused.value)


def test_negative_weights_are_refused():
    with pytest.raises(PlanError, match="weight met must be a whole number >= 0"):
        Weights(met=-1)


def test_measure_counts_repeats_colleagues_earlier_contacts_and_host_revisits():
    rounds = [[["H", "a", "b"], ["K", "c", "d"]], [["H", "a", "c"], ["K", "b", "d"]]]
    quality = measure(rounds, orgs={"a": "X", "b": "X", "c": "Y"}, met={frozenset(("c", "d"))},
                      host_tables=[["H"], ["K"]])

    assert quality.repeats == 2  # H-a and K-d meet twice
    assert quality.same_org == 1  # a and b, round one
    assert quality.met_before == 1  # c and d, round one
    assert quality.host_repeats == 2  # a back at H, d back at K
