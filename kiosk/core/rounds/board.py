"""The search state: who sits where in every round still to plan, with the running figures that make one
swap cost a few list look-ups instead of a recount.

Players are numbered 0..n-1. A pair (p, q) that meets c times in all rounds (played ones included) costs
base[p][q] per meeting in the planned rounds plus rep[p][q] per meeting beyond the first. Two derived
tables hold each pair's marginal cost: add[p][q] what one more meeting costs, rem[p][q] what one
meeting fewer saves. For every round r, table t and player p, near[r][t][p] is what p would pay at table
t (sum of add[p][x] over its members), and own[r][p] what p pays where it sits (sum of rem). A swap of
a and b in round r then changes the cost by
    near[r][ta][b] - add[b][a] - own[r][a] + near[r][tb][a] - add[a][b] - own[r][b]
the incremental evaluation of Dotú & Van Hentenryck's social golfer local search, weighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import add as _plus


@dataclass(frozen=True)
class Problem:
    n: int
    rounds: int                     # rounds to plan
    sizes: tuple[int, ...]          # table sizes, the same in every round
    base: list[list[int]]           # cost per meeting in a planned round
    rep: list[list[int]]            # cost per meeting beyond a pair's first
    prior: list[list[int]]          # meetings in the rounds already played
    fixed: dict[int, int]           # hosts: player -> their table in every round


class Board:
    def __init__(self, problem: Problem, tables: list[list[list[int]]]) -> None:
        self.problem = problem
        self.load(tables)

    def load(self, tables: list[list[list[int]]]) -> None:
        """Start over from these seatings (one list of tables per round); every figure is recounted."""
        pb = self.problem
        n = pb.n
        self.tables = [[list(t) for t in round_] for round_ in tables]
        self.where = [[0] * n for _ in tables]
        cnt = [row[:] for row in pb.prior]
        for r, round_ in enumerate(self.tables):
            for t, members in enumerate(round_):
                for p in members:
                    self.where[r][p] = t
                    for q in members:
                        if p != q:
                            cnt[p][q] += 1
        self.cnt = cnt
        self.add = [[b + (w if c >= 1 else 0) for b, w, c in zip(pb.base[p], pb.rep[p], cnt[p])] for p in range(n)]
        self.rem = [[b + (w if c >= 2 else 0) for b, w, c in zip(pb.base[p], pb.rep[p], cnt[p])] for p in range(n)]
        self.near = [[self._near_row(members) for members in round_] for round_ in self.tables]
        self.own = [[0] * n for _ in self.tables]
        for r, round_ in enumerate(self.tables):
            for members in round_:
                for p in members:
                    self.own[r][p] = sum(self.rem[p][x] for x in members if x != p)
        self.cost = self.recount()

    def _near_row(self, members: list[int]) -> list[int]:
        row = [0] * self.problem.n
        for x in members:
            row = list(map(_plus, row, self.add[x]))
        return row

    def recount(self) -> int:
        """The plan's cost from scratch (the constant cost of the played rounds left out)."""
        pb = self.problem
        total = 0
        for p in range(pb.n):
            for q in range(p + 1, pb.n):
                new = self.cnt[p][q] - pb.prior[p][q]
                if new:
                    total += pb.base[p][q] * new
                    total += pb.rep[p][q] * (max(0, self.cnt[p][q] - 1) - max(0, pb.prior[p][q] - 1))
        return total

    def swap_delta(self, r: int, a: int, b: int) -> int:
        ta, tb = self.where[r][a], self.where[r][b]
        near = self.near[r]
        return (near[ta][b] - self.add[b][a] - self.own[r][a]
                + near[tb][a] - self.add[a][b] - self.own[r][b])

    def swap(self, r: int, a: int, b: int, delta: int) -> None:
        """Seat a at b's table and b at a's in round r; `delta` is swap_delta's answer."""
        ta, tb = self.where[r][a], self.where[r][b]
        first, second = self.tables[r][ta], self.tables[r][tb]
        add_a, add_b, rem = self.add[a], self.add[b], self.rem
        near, own = self.near[r], self.own[r]
        near[ta] = [m - x + y for m, x, y in zip(near[ta], add_a, add_b)]
        near[tb] = [m - y + x for m, x, y in zip(near[tb], add_a, add_b)]
        first.remove(a)
        second.remove(b)
        for x in first:
            own[x] += rem[x][b] - rem[x][a]
        for y in second:
            own[y] += rem[y][a] - rem[y][b]
        own[a] = sum(rem[a][y] for y in second)
        own[b] = sum(rem[b][x] for x in first)
        first.append(b)
        second.append(a)
        self.where[r][a], self.where[r][b] = tb, ta
        for x in first:
            if x != b:
                self._meet(a, x, -1)
                self._meet(b, x, 1)
        for y in second:
            if y != a:
                self._meet(b, y, -1)
                self._meet(a, y, 1)
        self.cost += delta

    def _meet(self, p: int, q: int, change: int) -> None:
        """Count one meeting more or fewer for p and q, and pass the new marginal costs on to every round."""
        cnt_p = self.cnt[p]
        before = cnt_p[q]
        after = before + change
        cnt_p[q] = self.cnt[q][p] = after
        weight = self.problem.rep[p][q]
        if not weight:
            return
        d_add = weight * ((after >= 1) - (before >= 1))
        d_rem = weight * ((after >= 2) - (before >= 2))
        if d_add:
            self.add[p][q] += d_add
            self.add[q][p] += d_add
        if d_rem:
            self.rem[p][q] += d_rem
            self.rem[q][p] += d_rem
        for near, own, where in zip(self.near, self.own, self.where):
            tp, tq = where[p], where[q]
            if d_add:
                near[tq][p] += d_add
                near[tp][q] += d_add
            if d_rem and tp == tq:
                own[p] += d_rem
                own[q] += d_rem

    def seatings(self) -> list[list[list[int]]]:
        return [[sorted(t) for t in round_] for round_ in self.tables]
