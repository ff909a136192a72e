"""plan_rounds: the organiser's request in, seatings for every round out.

The request's people become numbers 0..n-1 in the order given; organisations, earlier contacts and
the rounds already played become per-pair costs (board.Problem). The first plan is the cheapest of a
greedy one and those built where the numbers allow (constructions, cyclic, greedy modules); tabu search
improves it until nothing is left to gain or the time is up; the best plan found is translated back and
measured from its seatings.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from math import comb

from .board import Board, Problem
from .constructions import constructed_rounds, fits_transversal, transversal_rounds
from .cyclic import cyclic_rounds
from .greedy import circle_rounds, greedy_rounds
from .model import RoundsPlan, RoundsRequest, check_request, hosted_sizes, table_sizes
from .quality import measure
from .relabel import relabel
from .tabu import Budget, improve


def plan_rounds(request: RoundsRequest, cancel: Callable[[], bool] | None = None) -> RoundsPlan:
    """Plan the rounds not yet played; raises PlanError for a request that cannot be planned."""
    started = time.monotonic()
    check_request(request)
    people = list(request.people)
    met = frozenset(frozenset(pair) for pair in request.met if len(set(pair)) == 2)
    played = tuple(tuple(tuple(table) for table in round_) for round_ in request.played)
    to_plan = request.rounds - len(played)
    planned: list = []
    if to_plan:
        problem = _problem(request, people, met, played, to_plan)
        rng = random.Random(request.seed)
        symmetric = not (request.orgs or met or played or request.host_tables)
        construction_deadline = started + request.time_limit / 4

        def stop_constructing() -> bool:
            return time.monotonic() > construction_deadline or bool(cancel and cancel())

        board = Board(problem, _first_plan(problem, rng, symmetric, stop_constructing))
        budget = Budget(started + request.time_limit, cancel)
        floor = _cost_floor([request.orgs.get(person) for person in people], len(problem.sizes),
                            to_plan) * request.weights.same_org
        best, _, _ = improve(board, rng, budget, frozenset({0}) if symmetric else frozenset(), floor)
        planned = [tuple(tuple(people[p] for p in sorted(table)) for table in round_) for round_ in best]
    rounds = played + tuple(planned)
    quality = measure(rounds, request.orgs, met, request.host_tables)
    return RoundsPlan(rounds=rounds, repeats=quality.repeats, same_org=quality.same_org,
                      met_before=quality.met_before, host_repeats=quality.host_repeats,
                      seconds=round(time.monotonic() - started, 3))


def _problem(request: RoundsRequest, people: list, met: frozenset, played: tuple, to_plan: int) -> Problem:
    n = len(people)
    index = {person: i for i, person in enumerate(people)}
    weights = request.weights
    orgs = [request.orgs.get(person) for person in people]
    fixed = {index[host]: t for t, hosts in enumerate(request.host_tables) for host in hosts}
    base = [[0] * n for _ in range(n)]
    rep = [[0] * n for _ in range(n)]
    for p in range(n):
        for q in range(n):
            if p == q or (p in fixed and q in fixed):
                continue  # hosts sit where they sit: nothing to weigh
            base[p][q] = ((weights.same_org if orgs[p] is not None and orgs[p] == orgs[q] else 0)
                          + (weights.met if frozenset((people[p], people[q])) in met else 0))
            rep[p][q] = weights.host_repeat if (p in fixed) != (q in fixed) else weights.repeat
    prior = [[0] * n for _ in range(n)]
    for round_ in played:
        for table in round_:
            seated = [index[person] for person in table if person in index]
            for p in seated:
                for q in seated:
                    if p != q:
                        prior[p][q] += 1
    sizes = (hosted_sizes(request.host_tables, n) if request.host_tables
             else table_sizes(n, request.table_size, request.remainder))
    return Problem(n=n, rounds=to_plan, sizes=tuple(sizes), base=base, rep=rep, prior=prior, fixed=fixed)


def _cost_floor(orgs: list, tables: int, rounds: int) -> int:
    """Colleague meetings no plan avoids: an organization with more people present than there are tables
    shares some tables however evenly it is spread. Reaching this floor ends the search early."""
    together = 0
    for size in Counter(org for org in orgs if org is not None).values():
        each, extra = divmod(size, tables)
        together += extra * comb(each + 1, 2) + (tables - extra) * comb(each, 2)
    return together * rounds


def _first_plan(problem: Problem, rng: random.Random, symmetric: bool, stop: Callable[[], bool]) -> list:
    """The cheapest of: the greedy plan; for one-to-one rounds the circle method; where a finite-field
    construction fits the tables, its rounds with people moved to the seats that suit them (continued
    greedily if it has fewer rounds than needed); for hosted tables the same with hosts on the row that
    stays; and for plain numbers (nobody special) a cyclic construction, searched for a quarter of the
    time at most."""
    plans = [greedy_rounds(problem, rng)]
    if max(problem.sizes) <= 2 and not problem.fixed:
        plans.append(circle_rounds(problem.n, problem.rounds))
    uniform = not problem.fixed and len(set(problem.sizes)) == 1
    built = constructed_rounds(problem.n, problem.sizes[0]) if uniform else None
    if built:
        built = built[:problem.rounds] if symmetric else relabel(problem, built[:problem.rounds], rng, stop)
        plans.append(greedy_rounds(problem, rng, start=built))
    hosted = _hosted_construction(problem)
    if hosted:
        plans.append(greedy_rounds(problem, rng, start=hosted[:problem.rounds]))
    if symmetric and uniform and not (built and len(built) >= problem.rounds):
        cyclic = cyclic_rounds(problem.n, problem.sizes[0], problem.rounds, stop)
        if cyclic:
            plans.append(cyclic)
    if symmetric:
        # Nobody is special: any renumbering is as good, and the seed picks one.
        order = list(range(problem.n))
        rng.shuffle(order)
        plans = [[[[order[p] for p in table] for table in round_] for round_ in plan] for plan in plans]
    return plans[0] if len(plans) == 1 else min(plans, key=lambda plan: Board(problem, plan).cost)


def _hosted_construction(problem: Problem) -> list | None:
    """One host per table, g tables of k seats, g a prime power: the finite-field rounds, whose row 0
    never moves (e_0 = 0), with the hosts as that row, give g rounds in which no visitor meets a host or
    another visitor twice."""
    g, k = len(problem.sizes), problem.sizes[0]
    if (not problem.fixed or set(problem.sizes) != {k} or sorted(problem.fixed.values()) != list(range(g))
            or not fits_transversal(g, k)):
        return None
    host_of = {table: person for person, table in problem.fixed.items()}
    visitors = [p for p in range(problem.n) if p not in problem.fixed]

    def person(point: int) -> int:
        return host_of[point] if point < g else visitors[point - g]

    return [[[person(point) for point in table] for table in round_] for round_ in transversal_rounds(g, k)[:g]]
