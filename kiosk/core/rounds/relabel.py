"""Who takes which seat of a built plan: a construction says which *seats* meet; when people are not all
alike (colleagues, earlier contacts, rounds already played) it matters who sits in which seat. Swapping
two people's seats in every round keeps the construction's structure and can only change who meets
whom, so a hill climb over such swaps puts colleagues on seats that never (or seldom) share a table:
for 32 people at tables of 4 over 10 rounds, 16 pairs of colleagues can all sit on the 16 seat pairs
that never meet.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .board import Problem

MAX_PEOPLE = 120  # a pass weighs n^2 swaps of n terms each


def relabel(problem: Problem, plan: list, rng: random.Random, stop: Callable[[], bool]) -> list:
    """The plan with people moved between seats (the same seats in every round) where that costs less."""
    n = problem.n
    if n > MAX_PEOPLE or problem.fixed:
        return plan
    meets = [[0] * n for _ in range(n)]
    for round_ in plan:
        for table in round_:
            for u in table:
                for v in table:
                    if u != v:
                        meets[u][v] += 1
    seat = list(range(n))  # person p sits on the seats person seat[p] had in `plan`
    improved = True
    while improved and not stop():
        improved = False
        order = list(range(n))
        rng.shuffle(order)
        for p in order:
            if stop():
                break
            for q in range(n):
                if q != p and _swap_gain(problem, meets, seat, p, q) > 0:
                    seat[p], seat[q] = seat[q], seat[p]
                    improved = True
    person_on = {s: p for p, s in enumerate(seat)}
    return [[[person_on[u] for u in table] for table in round_] for round_ in plan]


def _swap_gain(problem: Problem, meets: list, seat: list, p: int, q: int) -> int:
    sp, sq = seat[p], seat[q]
    gain = 0
    for x in range(len(seat)):
        if x == p or x == q:
            continue
        sx = seat[x]
        gain += (_cost(problem, p, x, meets[sp][sx]) + _cost(problem, q, x, meets[sq][sx])
                 - _cost(problem, p, x, meets[sq][sx]) - _cost(problem, q, x, meets[sp][sx]))
    return gain


def _cost(problem: Problem, p: int, q: int, times: int) -> int:
    if not times:
        return 0
    before = problem.prior[p][q]
    return problem.base[p][q] * times + problem.rep[p][q] * (max(0, before + times - 1) - max(0, before - 1))
