"""kiosk rounds plan: speed-networking rounds (and mixed teams) from the planner in kiosk.core.rounds.

`rounds plan --people N` plans any group by numbers: seats 0..N-1, the people of one organization
numbered consecutively in the order --orgs gives. Where the plan's people come from is one choice of
the `source` group in register(): another source (`--session ID`) is one more argument there and one
more branch in run_plan; more actions (`rounds print`) are more parsers on `actions`.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from itertools import combinations

from kiosk.cli import CliError, json_flag, rounds_event
from kiosk.core.rounds import PlanError, RoundsPlan, RoundsRequest, plan_rounds

DEFAULT_TIME_LIMIT = 10.0


def register(subparsers) -> None:
    rounds = subparsers.add_parser("rounds", help="plan speed-networking rounds at tables")
    actions = rounds.add_subparsers(dest="rounds_action", metavar="ACTION", required=True)
    plan = json_flag(actions.add_parser(
        "plan", help="seat people for R rounds: no pair twice, no colleagues together (as far as possible)"))
    source = plan.add_mutually_exclusive_group(required=True)
    source.add_argument("--people", type=_positive, metavar="N", help="plan for N people by number (0..N-1)")
    source.add_argument("--session", metavar="ID", help="plan the event's session ID for the guests present there "
                        "(stored, synced; see kiosk.cli.rounds_event)")
    plan.add_argument("--table-size", type=int, default=4, metavar="K", help="people per table (2: one-to-one)")
    plan.add_argument("--rounds", type=_positive, default=None, metavar="R", help="how many rounds")
    plan.add_argument("--orgs", metavar="SIZES", help="organization sizes in seat order, e.g. 4,4,3: "
                      "colleagues count as having met")
    plan.add_argument("--remainder", choices=("smaller", "larger"), default="smaller",
                      help="when N does not divide: tables of K-1 (smaller, default) or K+1 (larger)")
    plan.add_argument("--time-limit", type=_seconds, default=DEFAULT_TIME_LIMIT, metavar="S",
                      help=f"stop searching after S seconds with the best plan found (default {DEFAULT_TIME_LIMIT:g})")
    plan.add_argument("--seed", type=int, default=0, help="another seed gives another plan of the same quality")
    plan.set_defaults(run=run_plan)
    rounds_event.add_session_options(plan)
    rounds_event.add_actions(actions)


def run_plan(args, ctx) -> int:
    if args.session:
        return rounds_event.run_plan_session(args, ctx)
    return _plan_by_numbers(args, ctx)


def _plan_by_numbers(args, ctx) -> int:
    if args.rounds is None:
        raise CliError("--people needs --rounds R")
    org_of = _org_labels(args.orgs, args.people)
    request = RoundsRequest(people=range(args.people), rounds=args.rounds, table_size=args.table_size,
                            remainder=args.remainder, orgs=org_of, time_limit=args.time_limit, seed=args.seed)
    try:
        plan = plan_rounds(request)
    except PlanError as error:
        raise CliError(str(error)) from None
    repeats = repeats_with_colleagues(plan, org_of)
    payload = {"rounds": [[list(table) for table in round_] for round_ in plan.rounds], "repeats": repeats,
               "same_org": plan.same_org, "seconds": plan.seconds}
    ctx.emit(payload, lambda: _describe(plan, repeats))
    return 0


def _org_labels(sizes: str | None, people: int) -> dict[int, str]:
    if not sizes:
        return {}
    try:
        counts = [int(part) for part in sizes.split(",")]
    except ValueError:
        raise CliError(f"--orgs must be whole numbers separated by commas, like 4,4,3; not {sizes!r}") from None
    if any(count < 1 for count in counts):
        raise CliError(f"--orgs: every organization has at least 1 person; not {sizes!r}")
    if sum(counts) > people:
        raise CliError(f"--orgs adds up to {sum(counts)} people, more than --people {people}")
    labels: dict[int, str] = {}
    seat = 0
    for number, count in enumerate(counts):
        for _ in range(count):
            labels[seat] = f"org-{number}"
            seat += 1
    return labels


def repeats_with_colleagues(plan: RoundsPlan, org_of: dict) -> int:
    """Meetings of pairs who had met before: earlier in the plan, or as colleagues from the start."""
    together: Counter = Counter()
    for round_ in plan.rounds:
        for table in round_:
            together.update(frozenset(pair) for pair in combinations(table, 2))
    return sum(count - 1 + _colleagues(pair, org_of) for pair, count in together.items())


def _colleagues(pair: frozenset, org_of: dict) -> int:
    p, q = tuple(pair)
    return int(org_of.get(p) is not None and org_of.get(p) == org_of.get(q))


def _describe(plan: RoundsPlan, repeats: int) -> str:
    lines = []
    for number, round_ in enumerate(plan.rounds, start=1):
        tables = "  |  ".join(" ".join(str(seat) for seat in table) for table in round_)
        lines.append(f"round {number}: {tables}")
    lines.append(f"repeats: {repeats} (colleagues count as having met); {plan.seconds:.1f} s")
    return "\n".join(lines)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value
