"""kiosk rounds plan --people: plan any group by numbers from the shell."""

from __future__ import annotations

from collections import Counter
from itertools import combinations


def test_plan_by_numbers_prints_rounds_of_seats_and_repeats(kiosk, tmp_path):
    result = kiosk("--db", tmp_path / "none.sqlite3", "rounds", "plan", "--people", 12, "--table-size", 3,
                   "--rounds", 4, "--json")

    assert result.code == 0, result.err
    plan = result.json
    assert set(plan) >= {"rounds", "repeats"}
    assert len(plan["rounds"]) == 4
    for round_ in plan["rounds"]:
        assert sorted(seat for table in round_ for seat in table) == list(range(12))
        assert sorted(len(table) for table in round_) == [3, 3, 3, 3]
    together = Counter(frozenset(p) for r in plan["rounds"] for t in r for p in combinations(t, 2))
    assert plan["repeats"] == sum(c - 1 for c in together.values()) == 0
    assert not (tmp_path / "none.sqlite3").exists()  # planning by numbers needs no database


def test_orgs_number_colleagues_consecutively_and_keep_them_apart(kiosk):
    result = kiosk("rounds", "plan", "--people", 16, "--table-size", 4, "--rounds", 3, "--orgs", "4,3,1",
                   "--json")

    assert result.code == 0, result.err
    org_of = {0: "a", 1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "b", 7: "c"}
    for round_ in result.json["rounds"]:
        for table in round_:
            labels = [org_of[seat] for seat in table if seat in org_of]
            assert len(labels) == len(set(labels)), table
    assert result.json["repeats"] == 0 and result.json["same_org"] == 0


def test_colleagues_who_must_share_a_table_count_as_repeats(kiosk):
    # 6 colleagues, 2 tables of 3: every table holds three colleague pairs, 6 a round.
    result = kiosk("rounds", "plan", "--people", 6, "--table-size", 3, "--rounds", 1, "--orgs", "6",
                   "--time-limit", "0.2", "--json")

    assert result.code == 0, result.err
    assert result.json["same_org"] == 6 and result.json["repeats"] == 6


def test_remainder_larger_seats_one_more_instead_of_one_fewer(kiosk):
    larger = kiosk("rounds", "plan", "--people", 9, "--table-size", 2, "--rounds", 1, "--remainder", "larger",
                   "--json")
    smaller = kiosk("rounds", "plan", "--people", 9, "--table-size", 2, "--rounds", 1, "--json")

    assert sorted(map(len, larger.json["rounds"][0])) == [2, 2, 2, 3]
    assert sorted(map(len, smaller.json["rounds"][0])) == [1, 2, 2, 2, 2]


def test_text_output_lists_every_round(kiosk):
    result = kiosk("rounds", "plan", "--people", 12, "--table-size", 3, "--rounds", 2)

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("round 1: ") and lines[1].startswith("round 2: ")
    assert "repeats: 0" in lines[2]


def test_the_seed_chooses_among_equally_good_plans(kiosk):
    args = ("rounds", "plan", "--people", 12, "--table-size", 3, "--rounds", 3, "--json")
    assert kiosk(*args, "--seed", 1).json["rounds"] == kiosk(*args, "--seed", 1).json["rounds"]
    assert kiosk(*args, "--seed", 1).json["rounds"] != kiosk(*args, "--seed", 2).json["rounds"]


def one_line_error(result, code: int, text: str) -> None:
    assert result.code == code
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert text in lines[-1]
    if code == 1:
        assert len(lines) == 1 and lines[0].startswith("kiosk: error: ")


def test_bad_numbers_are_refused_in_one_line(kiosk):
    one_line_error(kiosk("rounds", "plan", "--people", 8, "--table-size", 1, "--rounds", 2), 1,
                   "table size must be at least 2, not 1")
    one_line_error(kiosk("rounds", "plan", "--people", 8, "--rounds", 9), 1, "plan at most 3")
    one_line_error(kiosk("rounds", "plan", "--people", 8, "--rounds", 2, "--orgs", "4,x"), 1,
                   "--orgs must be whole numbers separated by commas")
    one_line_error(kiosk("rounds", "plan", "--people", 8, "--rounds", 2, "--orgs", "6,4"), 1,
                   "--orgs adds up to 10 people, more than --people 8")
    one_line_error(kiosk("rounds", "plan", "--people", 8, "--rounds", 2, "--orgs", "4,0"), 1,
                   "every organization has at least 1 person")
    one_line_error(kiosk("rounds", "plan", "--people", 8), 1, "--people needs --rounds R")


def test_malformed_arguments_are_usage_errors(kiosk):
    one_line_error(kiosk("rounds", "plan", "--people", 0, "--rounds", 2), 2, "must be at least 1, not 0")
    one_line_error(kiosk("rounds", "plan", "--people", "many", "--rounds", 2), 2, "must be a whole number")
    one_line_error(kiosk("rounds", "plan", "--people", 8, "--rounds", 2, "--time-limit", "0"), 2,
                   "must be more than 0 seconds")
    one_line_error(kiosk("rounds", "plan", "--rounds", 2), 2, "one of the arguments --people")
    one_line_error(kiosk("rounds"), 2, "required: ACTION")
