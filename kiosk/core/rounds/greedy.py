"""First seatings for the search: Triska & Musliu's greedy idea of keeping freedom, and the circle method
for one-to-one rounds.

Triska & Musliu (2012, "An effective greedy heuristic for the social golfer problem") fill a round
table by table and prefer players who leave the table the most potential partners: the *freedom* of a
group is the number of players who have met none of its members. Local search started from such a
round keeps far fewer conflicts to repair than from a random one. Here "met" is "costs anything to
seat together" (a repeat, a colleague, an earlier contact), held as bitsets so that a freedom is one
AND and one bit count.
"""

from __future__ import annotations

import random

from .board import Problem


def greedy_rounds(problem: Problem, rng: random.Random, start: list | None = None) -> list:
    """`problem.rounds` rounds: those of `start`, then each further one filled with the freest choices
    given the rounds before it."""
    n = problem.n
    cnt = [row[:] for row in problem.prior]
    free = [_free_mask(problem, cnt, p) for p in range(n)]
    rounds: list = []
    for number in range(problem.rounds):
        tables = start[number] if start and number < len(start) else _greedy_round(problem, rng, cnt, free)
        for members in tables:
            for p in members:
                for q in members:
                    if p != q:
                        cnt[p][q] += 1
                        if problem.rep[p][q]:
                            free[p] &= ~(1 << q)
        rounds.append(tables)
    return rounds


def _free_mask(problem: Problem, cnt: list[list[int]], p: int) -> int:
    mask = 0
    for q in range(problem.n):
        if q != p and not problem.base[p][q] and not (problem.rep[p][q] and cnt[p][q]):
            mask |= 1 << q
    return mask


def _greedy_round(problem: Problem, rng: random.Random, cnt: list[list[int]], free: list[int]) -> list:
    tables: list[list[int]] = [[] for _ in problem.sizes]
    for player, table in problem.fixed.items():
        tables[table].append(player)
    unplaced = 0
    for p in range(problem.n):
        if p not in problem.fixed:
            unplaced |= 1 << p
    for members, size in zip(tables, problem.sizes):
        while len(members) < size:
            pick = _next_seat(problem, rng, cnt, free, members, unplaced)
            members.append(pick)
            unplaced &= ~(1 << pick)
    return tables


def _next_seat(problem, rng, cnt, free, members, unplaced) -> int:
    if not members:
        # The player with the fewest free partners left goes first, while there is still choice for them.
        return min(_bits(unplaced), key=lambda p: ((free[p] & unplaced).bit_count(), rng.random()))
    common = unplaced
    for m in members:
        common &= free[m]
    if common:
        return max(_bits(common), key=lambda p: ((free[p] & common).bit_count(), rng.random()))

    def cost(p: int) -> int:
        return sum(problem.base[p][m] + (problem.rep[p][m] if cnt[p][m] else 0) for m in members)

    return min(_bits(unplaced), key=lambda p: (cost(p), -(free[p] & unplaced).bit_count(), rng.random()))


def _bits(mask: int) -> list[int]:
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


def circle_rounds(n: int, rounds: int) -> list:
    """Round-robin pairs by the circle method: player 0 stays, the others turn one seat per round, so no
    pair meets twice within n-1 rounds (n odd: the seat opposite the missing player sits alone)."""
    seats = list(range(n)) + ([None] if n % 2 else [])
    m = len(seats)
    result = []
    for r in range(rounds):
        ring = seats[1:]
        turned = [seats[0]] + ring[r % (m - 1):] + ring[:r % (m - 1)]
        pairs = [[turned[i], turned[m - 1 - i]] for i in range(m // 2)]
        result.append([[p for p in pair if p is not None] for pair in pairs])
    for tables in result:
        tables.sort(key=len, reverse=True)
    return result
