"""Tabu search over swaps (Dotú & Van Hentenryck 2005, "Scheduling social golfers locally").

Each step swaps two players of one round, at least one of whom pays something where they sit, choosing
the best swap whose reverse is not tabu (a tabu swap is taken when it beats the best plan so far).
After `stall` steps without a new best the search goes back to the best plan and shakes it with a few
random swaps of conflicting players: iterated tabu search. The deltas of all swaps of one player are
computed with `map` over whole rows, which keeps the step time low in pure Python.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import add as _plus
from operator import sub as _minus

from .board import Board

_BLOCKED = 1 << 40
MAX_POSITIONS = 48


@dataclass
class Budget:
    deadline: float
    cancel: Callable[[], bool] | None = None
    max_steps: int | None = None

    def over(self, steps: int) -> bool:
        if self.max_steps is not None and steps >= self.max_steps:
            return True
        if time.monotonic() >= self.deadline:
            return True
        return bool(self.cancel and self.cancel())


@dataclass
class Tuning:
    tenure: tuple[int, int] = (4, 12)
    stall: int = 2000
    shake: int = 3


def improve(board: Board, rng: random.Random, budget: Budget, frozen: frozenset[int] = frozenset(),
            floor: int = 0, tuning: Tuning = Tuning()) -> tuple[list, int, int]:
    """Search from the board's seatings until the cost is down to `floor` (no plan costs less) or the
    budget is spent; answer (best seatings, their cost, steps taken)."""
    best, best_cost = board.seatings(), board.cost
    rounds = [r for r in range(len(board.tables)) if r not in frozen]
    tabu: dict[tuple[int, int, int], int] = {}
    step = last_best = 0
    blocked = [_BLOCKED if p in board.problem.fixed else 0 for p in range(board.problem.n)]
    movable = blocked.count(0) >= 2 and len(board.problem.sizes) >= 2
    while best_cost > floor and movable and rounds:
        if budget.over(step):
            break
        step += 1
        move = _best_move(board, rounds, tabu, step, best_cost, blocked, rng)
        if move is None:
            move = _random_move(board, rounds, blocked, rng)
            if move is None:
                break
        r, a, b, delta = move
        board.swap(r, a, b, delta)
        tabu[(r, min(a, b), max(a, b))] = step + rng.randint(*tuning.tenure)
        if board.cost < best_cost:
            best, best_cost, last_best = board.seatings(), board.cost, step
        elif step - last_best > tuning.stall:
            board.load(best)
            for _ in range(tuning.shake):
                shake = _random_move(board, rounds, blocked, rng)
                if shake:
                    board.swap(*shake)
            tabu.clear()
            last_best = step
    return best, best_cost, step


def _best_move(board: Board, rounds: list[int], tabu: dict, step: int, best_cost: int,
               blocked: list[int], rng: random.Random):
    chosen = None
    chosen_delta = _BLOCKED
    ties = 0
    aspiration = best_cost - board.cost
    for r, a in _positions(board, rounds, blocked, rng):
        own, where, near = board.own[r], board.where[r], board.near[r]
        ta = where[a]
        add_a = board.add[a]
        column = [row[a] for row in near]
        column[ta] = _BLOCKED
        deltas = list(map(_minus, map(_minus, map(_plus, near[ta], map(column.__getitem__, where)),
                                          map(_plus, own, add_a)), map(_minus, add_a, blocked)))
        lowest = min(deltas)
        low = lowest - own[a]
        if low > chosen_delta:
            continue
        for b in compress(range(len(deltas)), map(lowest.__eq__, deltas)):
            if tabu.get((r, min(a, b), max(a, b)), 0) > step and low >= aspiration:
                continue
            if low < chosen_delta:
                chosen, chosen_delta, ties = (r, a, b, low), low, 1
            else:
                ties += 1
                if rng.randrange(ties) == 0:
                    chosen = (r, a, b, low)
    return chosen


def _positions(board: Board, rounds: list[int], blocked: list[int], rng: random.Random) -> list:
    """The (round, player) pairs worth moving: players who pay something where they sit. A large plan
    has hundreds; a random sample of them keeps one step short (a step weighs all n partners each)."""
    positions = [(r, a) for r in rounds
                 for a, (o, x) in enumerate(zip(board.own[r], blocked)) if o > 0 and not x]
    if len(positions) > MAX_POSITIONS:
        positions = rng.sample(positions, MAX_POSITIONS)
    return positions


def _random_move(board: Board, rounds: list[int], blocked: list[int], rng: random.Random):
    """A swap of a conflicting player (any player when none conflicts) with one at another table."""
    r = rng.choice(rounds)
    own, where = board.own[r], board.where[r]
    free = [p for p, x in enumerate(blocked) if not x]
    pool = [p for p in free if own[p] > 0] or free
    a = rng.choice(pool)
    others = [p for p in free if where[p] != where[a]]
    if not others:
        return None
    b = rng.choice(others)
    return r, a, b, board.swap_delta(r, a, b)
