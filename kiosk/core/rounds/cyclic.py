"""Rounds with a prescribed cyclic symmetry, found by exact cover (design theory's Kramer-Mesner idea: ask
for a solution that a group maps onto itself, and the search shrinks to the group's orbits).

n = k*m people are the points (x, i), x in Z_m, one layer i per seat of a table. Adding 1 to
every x maps the plan onto itself: one *base round* turned m times gives m rounds, and `extra` rounds
are fixed by the turn, each the m turns of one table {(0,0), (d_1,1), ..., (d_k-1,k-1)}. A pair's meetings
are then counted per orbit of pairs under the turn: (layer i, layer j, y - x mod m), so "no pair twice"
becomes "no orbit twice", and the base round is an exact cover of the n people by m tables whose orbits
are all different and not used by the fixed rounds. With extra = (m-1)/(k-1) that is every orbit, and
m + extra = (n-1)/(k-1) rounds, the most there can be. For m even, the pairs half a turn apart in one
layer never meet (their orbit is half as long): with extra = (m-2)/(k-1) every other orbit is used
once and each person misses exactly one other, the most there can be when k-1 does not divide n-1.
21 at tables of 3 for 10 rounds and 27 for 13 come out this way in about a second (18 for 8 does not:
no base round of this shape exists; constructions.nearly_kirkman_18 builds it).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations, product
from math import comb

MAX_TABLES = 60_000  # candidate tables to enumerate; beyond this the search is left to tabu search


class OutOfTime(Exception):
    pass


def cyclic_rounds(n: int, k: int, rounds: int, stop: Callable[[], bool]) -> list | None:
    """`rounds` rounds for n people at tables of k with no pair twice, or None (no such structure found,
    or `stop()` said to give up first)."""
    if k < 3 or n % k or comb(n, k) > MAX_TABLES:
        return None
    m = n // k
    extra = (m - 1) // (k - 1)
    if rounds > m + extra:
        return None
    layers = _Layers(m, k)
    tables = [(t, layers.orbits(t)) for t in combinations(range(n), k)]
    tables = [(t, orbits) for t, orbits in tables if None not in orbits and len(set(orbits)) == len(orbits)]
    try:
        for fixed in _fixed_rounds(layers, extra, stop):
            used = {orbit for shift in fixed for orbit in layers.fixed_orbits(shift)}
            base = _exact_cover(n, [(t, o) for t, o in tables if used.isdisjoint(o)], stop)
            if base is not None:
                built = [layers.turn(base, step) for step in range(m)]
                built += [layers.fixed_round(shift) for shift in fixed]
                return built[:rounds]
    except OutOfTime:
        return None
    return None


class _Layers:
    def __init__(self, m: int, k: int) -> None:
        self.m, self.k = m, k

    def orbit(self, p: int, q: int) -> tuple | None:
        """The pair's orbit under the turn; None for a pair half a turn apart in one layer (m even),
        whose orbit has m/2 pairs: a table holding it would seat that pair together twice."""
        (i, x), (j, y) = divmod(p, self.m), divmod(q, self.m)
        if i == j:
            d = (y - x) % self.m
            return None if 2 * d == self.m else (i, i, min(d, self.m - d))
        return (i, j, (y - x) % self.m) if i < j else (j, i, (x - y) % self.m)

    def orbits(self, table: tuple[int, ...]) -> tuple:
        return tuple(self.orbit(p, q) for p, q in combinations(table, 2))

    def fixed_orbits(self, shift: tuple[int, ...]) -> list:
        table = tuple(i * self.m + d for i, d in enumerate(shift))
        return list(self.orbits(table))

    def fixed_round(self, shift: tuple[int, ...]) -> list:
        return [sorted(i * self.m + (d + x) % self.m for i, d in enumerate(shift)) for x in range(self.m)]

    def turn(self, tables: list, step: int) -> list:
        m = self.m
        return [sorted((p // m) * m + (p % m + step) % m for p in table) for table in tables]


def _fixed_rounds(layers: _Layers, extra: int, stop: Callable[[], bool]):
    """Every choice of `extra` fixed rounds with no orbit twice; the first is (0, ..., 0), which a
    separate turn of each layer always achieves."""
    first = (0,) * layers.k
    shifts = [(0,) + rest for rest in product(range(layers.m), repeat=layers.k - 1)]

    def extend(chosen: list, used: set, start: int):
        if stop():
            raise OutOfTime
        if len(chosen) == extra:
            yield list(chosen)
            return
        for index in range(start, len(shifts)):
            orbits = layers.fixed_orbits(shifts[index])
            if used.isdisjoint(orbits):
                yield from extend(chosen + [shifts[index]], used | set(orbits), index + 1)

    yield from extend([first], set(layers.fixed_orbits(first)), 1) if extra else iter([[]])


def _exact_cover(n: int, tables: list, stop: Callable[[], bool]) -> list | None:
    """Knuth's Algorithm X: tables covering each person exactly once, each orbit at most once."""
    rows = {t: [("p", p) for p in t] + list(o) for t, o in tables}
    columns: dict = {}
    for t, items in rows.items():
        for item in items:
            columns.setdefault(item, set()).add(t)
    people = [("p", p) for p in range(n)]
    if any(person not in columns for person in people):
        return None
    chosen: list = []

    def select(row) -> list:
        removed = []
        for item in rows[row]:
            for other in columns[item]:
                for other_item in rows[other]:
                    if other_item != item:
                        columns[other_item].discard(other)
            removed.append((item, columns.pop(item)))
        return removed

    def deselect(row, removed: list) -> None:
        for item, members in reversed(removed):
            columns[item] = members
            for other in members:
                for other_item in rows[other]:
                    if other_item != item:
                        columns[other_item].add(other)

    def solve() -> bool:
        if stop():
            raise OutOfTime
        open_people = [person for person in people if person in columns]
        if not open_people:
            return True
        person = min(open_people, key=lambda item: len(columns[item]))
        for row in sorted(columns[person]):
            chosen.append(row)
            removed = select(row)
            if solve():
                return True
            deselect(row, removed)
            chosen.pop()
        return False

    return [list(t) for t in chosen] if solve() else None
