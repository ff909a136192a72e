"""Seatings built, not searched: rounds that never repeat a pair, from finite fields.

- `transversal_rounds`: n = k*g people with g a prime power and k <= g. Person (i, x), row i < k, x in
  GF(g), sits in round a at table c = x - a*e_i (e_i: k distinct field elements). Two people of
  different rows meet in round a only if a = (x - y)/(e_i - e_j): once. That gives g rounds; when k
  divides g, one more round seats each row at g/k tables of its own (for k = g this is the affine plane
  AG(2, g), g + 1 rounds). Gives 8-4-9, 4-4-5, 5-5-6, 8-8-9, ... Row 0 (e_0 = 0) never moves: with
  one host per table as row 0, the first g rounds are hosted rounds without a repeat.
- `golfers_32_4_10`: the original social golfer problem's 10 rounds (32 people, tables of 4), which no
  linear construction reaches (a partial spread of planes in GF(2)^5 gives 9). The rounds are
  invariant under adding any w of W = {0..7} in GF(2)^5 = the 32 people; the four cosets of W are
  C_q = 8q + W. Six rounds develop a base table {0, c1, c2, c3} (one person per coset) over W; three
  rounds pair the cosets (C0,C1 with C2,C3; C0,C2 with C1,C3; C0,C3 with C1,C2) with tables
  {x, x^s, y, y^s}; one round splits every coset along a plane U_q of W. Pairs at XOR distance 1
  inside a coset never meet (the 16 pairs every 10-round solution leaves out: 31 - 3*10 = 1 each).
  The parameters below came from an exhaustive search over exactly this structure (24,577 candidates);
  tests/core/test_rounds_constructions.py checks every pair meets at most once.
- `resolvable_28_4_9`: 28 people at tables of 4 for 9 rounds, every pair exactly once (a resolvable
  2-(28,4,1) design). People (x, i) = 9i + x, x in Z_9, rows i < 3, and 27 = infinity; round s is the
  base round with s added to every x (infinity stays). Pairs fall into 42 orbits under that turn
  (infinity with a row; two rows i < j and y - x; one row and +-(y - x)), and 7 tables of 6 pairs each
  cover all 42 exactly once, so the 9 rounds hold every pair exactly once.
- `nearly_kirkman_18`: 18 people at tables of 3 for 8 rounds, a nearly Kirkman triple system NKTS(18)
  (Kotzig & Rosa 1974): everyone meets 16 of the 17 others once. People (x, i) = 4i + x, x in Z_4, rows
  i < 4, and 16, 17 stay; two base rounds, each turned 4 times. The pairs 2 apart in a row (or 16-17)
  would meet twice in a turn's orbit: they are the 9 pairs that never meet; the other 36 pair orbits
  (+-1 in a row, 4 per pair of rows, a fixed person with a row) are each covered by one of the 12 tables.
  Both base rounds came from an exact cover (Algorithm X: each person once per base round, each pair
  orbit at most once) over exactly this structure, which answers within seconds; the shapes Z_8 x 2
  + 2 and Q_8 x 2 + 2 (one base round, fixed or swapped extra pair) were searched through and have none.
  The base round of `resolvable_28_4_9` came from the same search (infinity with 0, 9, 18).
"""

from __future__ import annotations

from itertools import product

_PRIME_POWERS = {q: (p, m) for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61)
                 for m in range(1, 7) if (q := p ** m) <= 64}


def constructed_rounds(n: int, k: int) -> list | None:
    """The most rounds a construction here gives for n people at tables of k, or None."""
    if (n, k) == (32, 4):
        return golfers_32_4_10()
    if (n, k) == (28, 4):
        return resolvable_28_4_9()
    if (n, k) == (18, 3):
        return nearly_kirkman_18()
    if n % k == 0 and fits_transversal(n // k, k):
        return transversal_rounds(n // k, k)
    return None


def fits_transversal(g: int, k: int) -> bool:
    return 2 <= k <= g and g in _PRIME_POWERS


def transversal_rounds(g: int, k: int) -> list:
    field = GaloisField(g)
    rows = list(range(k))  # e_i = i: distinct field elements since k <= g
    rounds = []
    for a in range(g):
        tables = [[] for _ in range(g)]
        for i, x in product(rows, range(g)):
            tables[field.sub(x, field.mul(a, i))].append(i * g + x)
        rounds.append(tables)
    if g % k == 0:
        rounds.append([[i * g + x for x in range(start, start + k)] for i in rows for start in range(0, g, k)])
    return rounds


class GaloisField:
    """GF(p^m) for the small prime powers tables need: elements 0..q-1 are polynomials over GF(p) in
    base p; products are reduced by the first irreducible monic polynomial of degree m."""

    def __init__(self, q: int) -> None:
        self.p, self.m = _PRIME_POWERS[q]
        self.q = q
        self.modulus = _irreducible(self.p, self.m)

    def _digits(self, x: int) -> list[int]:
        return [(x // self.p ** i) % self.p for i in range(self.m)]

    def _number(self, digits: list[int]) -> int:
        return sum(d * self.p ** i for i, d in enumerate(digits))

    def sub(self, x: int, y: int) -> int:
        return self._number([(a - b) % self.p for a, b in zip(self._digits(x), self._digits(y))])

    def mul(self, x: int, y: int) -> int:
        product_ = [0] * (2 * self.m - 1)
        for i, a in enumerate(self._digits(x)):
            for j, b in enumerate(self._digits(y)):
                product_[i + j] = (product_[i + j] + a * b) % self.p
        return self._number(_reduce(product_, self.modulus, self.p)[:self.m])


def _reduce(poly: list[int], modulus: list[int], p: int) -> list[int]:
    """poly mod a monic modulus (coefficient lists, lowest degree first)."""
    poly = poly[:]
    degree = len(modulus) - 1
    for top in range(len(poly) - 1, degree - 1, -1):
        factor = poly[top]
        if factor:
            for i, c in enumerate(modulus):
                poly[top - degree + i] = (poly[top - degree + i] - factor * c) % p
    return poly + [0] * max(0, degree - len(poly))


def _irreducible(p: int, m: int) -> list[int]:
    if m == 1:
        return [0, 1]
    for tail in product(range(p), repeat=m):
        candidate = list(tail) + [1]
        if all(any(_reduce(candidate, list(d) + [1], p)[:e]) for e in range(1, m // 2 + 1)
               for d in product(range(p), repeat=e)):
            return candidate
    raise ValueError(f"no irreducible polynomial of degree {m} over GF({p})")


# The search's answer: base tables {0, c1, c2, c3} of the six developed rounds; for each coset pair
# (i, j) the XOR distance s inside its tables and d = x ^ y between its two cosets; the plane U_q
# splitting coset q in the last round.
_BASE_TABLES = ((9, 18, 27), (10, 23, 28), (12, 19, 29), (13, 17, 30), (14, 20, 25), (15, 22, 26))
_COUPLES = (((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2)))
_STEP = {(0, 1): 3, (0, 2): 5, (0, 3): 7, (1, 2): 6, (1, 3): 4, (2, 3): 2}
_DISTANCE = {(0, 1): 8, (0, 2): 16, (0, 3): 24, (1, 2): 24, (1, 3): 16, (2, 3): 8}
_PLANES = ((2, 4, 6), (2, 5, 7), (3, 4, 7), (3, 5, 6))
_W = range(8)


def golfers_32_4_10() -> list:
    rounds = [_orbit_tables((0, c1, c2, c3)) for c1, c2, c3 in _BASE_TABLES]
    for couple in _COUPLES:
        tables = []
        for i, j in couple:
            x, s = 8 * i, _STEP[(i, j)]
            tables += _orbit_tables((x, x ^ s, x ^ _DISTANCE[(i, j)], x ^ _DISTANCE[(i, j)] ^ s))
        rounds.append(tables)
    rounds.append([table for q, plane in enumerate(_PLANES) for table in _orbit_tables(
        tuple(8 * q ^ u for u in (0,) + plane))])
    return rounds


def _orbit_tables(base: tuple[int, ...]) -> list[list[int]]:
    """The distinct tables base ^ w for w in W."""
    seen: dict[frozenset, None] = {}
    for w in _W:
        seen.setdefault(frozenset(x ^ w for x in base))
    return [sorted(table) for table in seen]


# Base rounds found by exact cover (module docstring): 28 = Z_9 x 3 + infinity, 18 = Z_4 x 4 + 2 fixed.
_BASE_28 = ((0, 9, 18, 27), (2, 3, 6, 10), (1, 8, 13, 20), (7, 17, 22, 23), (4, 21, 24, 26),
            (12, 14, 15, 25), (5, 11, 16, 19))
_BASES_18 = (((4, 15, 17), (2, 6, 14), (0, 3, 5), (1, 11, 12), (7, 8, 9), (10, 13, 16)),
             ((3, 10, 17), (1, 4, 16), (2, 11, 15), (0, 8, 14), (5, 6, 9), (7, 12, 13)))


def resolvable_28_4_9() -> list:
    return [_turned(_BASE_28, 9, 3, step) for step in range(9)]


def nearly_kirkman_18() -> list:
    return [_turned(base, 4, 4, step) for base in _BASES_18 for step in range(4)]


def _turned(tables: tuple, m: int, rows: int, step: int) -> list[list[int]]:
    """The tables with step added to x for every person (x, i) = m*i + x of the rows; the rest stay."""
    return [sorted(m * (p // m) + (p % m + step) % m if p < m * rows else p for p in table)
            for table in tables]
