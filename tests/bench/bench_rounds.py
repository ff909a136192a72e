"""Round planner benchmark: repeats reached against the known optimum, per instance.
Run: python tests/bench/bench_rounds.py [--only NAME] [--seeds N]

Instances (one JSON line each, per seed):
- social golfer instances g-s-w (CSPLib prob010: g tables of s for w rounds) whose optimum, 0 repeats,
  is known to exist: Kirkman's 15 schoolgirls (5-3-7), a Kirkman triple system of 21 (7-3-10), a nearly
  Kirkman system of 18 (6-3-8), a resolvable 2-(28,4,1) design (7-4-9: every pair exactly once), the
  affine planes of order 4 and 5 (4-4-5, 5-5-6), and the original problem 8-4-w up to Aguado's 10 rounds
  (w = 11 is impossible: 3 x 11 > 31 partners);
- one-to-one rounds (tables of 2): a full round robin, optimum 0 by the circle method, even and odd;
- the real event: 300 guests from 36 organizations of uneven size (largest 40, fewer than the 50
  tables, so no colleague has to share a table), tables of 6, 4 rounds, target 0 repeats within 5 s;
  and the same event re-planned after two rounds with 8 no-shows and 12 late arrivals;
- the search alone (greedy start + tabu search, no construction) on 8-4-9, 8-4-10 and 7-4-9 (28 at
  tables of 4 for 9 rounds: a resolvable design where every pair meets exactly once, optimum 0), to
  show what the constructions are there for;
- hosted tables: 8 hosts stay, 24 visitors rotate for 8 rounds (optimum 0: in GF(8), visitor (i, x)
  sits with host x - a*e_i in round a), and 36 centres hosting 264 visitors for 6 rounds with every
  centre's own people kept from its table (0 is the bound, and reached).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.core.rounds import RoundsRequest, plan_rounds  # noqa: E402
from kiosk.core.rounds.board import Board, Problem  # noqa: E402
from kiosk.core.rounds.greedy import greedy_rounds  # noqa: E402
from kiosk.core.rounds.tabu import Budget, improve  # noqa: E402

GOLFERS = [(5, 3, 7), (7, 3, 10), (6, 3, 8), (7, 4, 9), (4, 4, 5), (5, 5, 6), (8, 4, 8), (8, 4, 9),
           (8, 4, 10)]
SEARCH_ONLY = [(8, 4, 9), (8, 4, 10), (7, 4, 9)]
GOLFER_SECONDS = 60.0
EVENT_SECONDS = 5.0


def event_org_sizes(people: int = 300, orgs: int = 36, largest: int = 40) -> list[int]:
    """Uneven organization sizes, the same every run: a Zipf-like fall from `largest` to 1-person ones."""
    weights = [1 / (i + 1) ** 0.9 for i in range(orgs)]
    sizes = [max(1, round(largest * w / weights[0])) for w in weights]
    i = 1
    while sum(sizes) != people:
        step = 1 if sum(sizes) < people else -1
        j = 1 + i % (orgs - 1)
        if 1 <= sizes[j] + step <= largest:
            sizes[j] += step
        i += 1
    return sorted(sizes, reverse=True)


def org_labels(sizes: list[int], first: int = 0) -> dict[int, str]:
    labels, seat = {}, first
    for number, size in enumerate(sizes):
        for _ in range(size):
            labels[seat] = f"org-{number}"
            seat += 1
    return labels


def instances():
    for g, s, w in GOLFERS:
        yield f"golfers {g}-{s}-{w}", RoundsRequest(people=range(g * s), rounds=w, table_size=s,
                                                     time_limit=GOLFER_SECONDS), 0
    yield "one-to-one 20", RoundsRequest(people=range(20), rounds=19, table_size=2, time_limit=GOLFER_SECONDS), 0
    yield "one-to-one 21", RoundsRequest(people=range(21), rounds=21, table_size=2, time_limit=GOLFER_SECONDS), 0
    orgs = org_labels(event_org_sizes())
    event = RoundsRequest(people=range(300), rounds=4, table_size=6, orgs=orgs, time_limit=EVENT_SECONDS)
    yield "event 300/36 orgs, tables of 6", event, 0
    yield "event re-planned after 2 rounds", _replanned(event), 0
    hosts = [[f"host-{t}"] for t in range(8)]
    yield "hosted 8 hosts + 24 visitors", RoundsRequest(
        people=[h[0] for h in hosts] + list(range(24)), rounds=8, host_tables=hosts, time_limit=GOLFER_SECONDS), 0
    centres = [[f"centre-{t}"] for t in range(36)]
    visitors = org_labels(event_org_sizes(264, 30, 30))
    yield "hosted 36 centres + 264 visitors", RoundsRequest(
        people=[c[0] for c in centres] + list(visitors), rounds=6, host_tables=centres,
        orgs=visitors | {c[0]: f"org-{t}" for t, c in enumerate(centres)}, time_limit=EVENT_SECONDS), 0


def _replanned(event: RoundsRequest) -> RoundsRequest:
    played = plan_rounds(RoundsRequest(**{**event.__dict__, "rounds": 2})).rounds
    present = [p for p in event.people if p % 37 != 5] + list(range(300, 312))
    orgs = dict(event.orgs) | {p: f"late-{p % 4}" for p in range(300, 312)}
    return RoundsRequest(**{**event.__dict__, "people": present, "orgs": orgs, "played": played})


def search_only(g: int, s: int, w: int, seed: int) -> dict:
    """The planner's search without its constructions: repeats reached within GOLFER_SECONDS."""
    n = g * s
    zero = [[0] * n for _ in range(n)]
    problem = Problem(n=n, rounds=w, sizes=(s,) * g, base=zero, prior=zero, fixed={},
                      rep=[[int(p != q) for q in range(n)] for p in range(n)])
    started = time.monotonic()
    rng = random.Random(seed)
    board = Board(problem, greedy_rounds(problem, rng))
    _, repeats, steps = improve(board, rng, Budget(started + GOLFER_SECONDS), frozenset({0}))
    return {"instance": f"search only {g}-{s}-{w}", "people": n, "table_size": s, "hosts": 0, "rounds": w,
            "known_optimum": 0, "repeats": repeats, "same_org": 0, "host_repeats": 0,
            "seconds": round(time.monotonic() - started, 3), "time_limit": GOLFER_SECONDS, "seed": seed,
            "steps": steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the instances whose name contains this text")
    parser.add_argument("--seeds", type=int, default=1)
    args = parser.parse_args()
    for name, request, optimum in instances():
        if args.only and args.only not in name:
            continue
        for seed in range(args.seeds):
            plan = plan_rounds(RoundsRequest(**{**request.__dict__, "seed": seed}))
            print(json.dumps({
                "instance": name, "people": len(request.people), "table_size": request.table_size,
                "hosts": len(request.host_tables), "rounds": request.rounds, "known_optimum": optimum,
                "repeats": plan.repeats, "same_org": plan.same_org, "host_repeats": plan.host_repeats,
                "seconds": plan.seconds, "time_limit": request.time_limit, "seed": seed}), flush=True)
    for g, s, w in SEARCH_ONLY:
        if args.only and args.only not in f"search only {g}-{s}-{w}":
            continue
        for seed in range(args.seeds):
            print(json.dumps(search_only(g, s, w, seed)), flush=True)


if __name__ == "__main__":
    main()
