"""What the organiser asks for (RoundsRequest), what the planner answers (RoundsPlan), and the checks
that turn bad input into one clear PlanError before any search starts."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import comb

Person = Hashable
Table = tuple[Person, ...]
Round = tuple[Table, ...]

REMAINDERS = ("smaller", "larger")
MAX_PEOPLE = 2000  # the planner keeps a few n x n tables: 2,000 people take about 200 MB


class PlanError(ValueError):
    """The request cannot be planned; the message is one line for the organiser."""


@dataclass(frozen=True)
class Weights:
    """Soft costs, per pair and per meeting. Equal repeat and same_org weights mean colleagues count as
    having met already; `met` (contacts from earlier days) is avoided, but less firmly."""

    repeat: int = 10
    same_org: int = 10
    met: int = 3
    host_repeat: int = 20  # hosted variant: a visitor back at a host they already met

    def __post_init__(self) -> None:
        for name in ("repeat", "same_org", "met", "host_repeat"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise PlanError(f"weight {name} must be a whole number >= 0, not {value!r}")


@dataclass(frozen=True)
class RoundsRequest:
    people: Sequence[Person]
    rounds: int
    table_size: int = 4
    remainder: str = "smaller"
    orgs: Mapping[Person, str] = field(default_factory=dict)
    met: Iterable[tuple[Person, Person]] = ()
    played: Sequence[Sequence[Sequence[Person]]] = ()
    host_tables: Sequence[Sequence[Person]] = ()
    weights: Weights = Weights()
    time_limit: float = 10.0
    seed: int = 0


@dataclass(frozen=True)
class RoundsPlan:
    rounds: tuple[Round, ...]
    repeats: int
    same_org: int
    met_before: int
    host_repeats: int
    seconds: float

    @property
    def optimal(self) -> bool:
        """Nothing to improve: no repeat, no colleagues together, no earlier contact met again."""
        return self.repeats == 0 and self.same_org == 0 and self.met_before == 0


def table_sizes(people: int, table_size: int, remainder: str = "smaller") -> list[int]:
    """The table sizes of one round, largest first, differing by at most one.

    "smaller" opens ceil(N/k) tables (some get k-1), "larger" floor(N/k) tables (some get k+1);
    fewer people than one table holds sit at one table.
    """
    if remainder not in REMAINDERS:
        raise PlanError(f"remainder must be 'smaller' or 'larger', not {remainder!r}")
    if table_size < 2:
        raise PlanError(f"table size must be at least 2, not {table_size}")
    if remainder == "smaller":
        tables = -(-people // table_size)
    else:
        tables = max(1, people // table_size)
    tables = max(1, tables)
    low, extra = divmod(people, tables)
    return [low + 1] * extra + [low] * (tables - extra)


def check_request(request: RoundsRequest) -> None:
    """Raise PlanError naming the first thing wrong with the request."""
    people = list(request.people)
    if len(set(people)) != len(people):
        twice = next(p for p in people if people.count(p) > 1)
        raise PlanError(f"person {twice!r} is listed twice")
    if len(people) < 2:
        raise PlanError(f"at least 2 people are needed to plan rounds, not {len(people)}")
    if len(people) > MAX_PEOPLE:
        raise PlanError(f"{len(people)} people are more than the planner seats at once ({MAX_PEOPLE}); "
                        "plan the rooms or sessions apart")
    if not isinstance(request.rounds, int) or request.rounds < 1:
        raise PlanError(f"rounds must be at least 1, not {request.rounds!r}")
    if len(request.played) > request.rounds:
        raise PlanError(f"{len(request.played)} rounds were played already, more than the {request.rounds} "
                        "rounds asked for")
    if request.time_limit <= 0:
        raise PlanError(f"time limit must be more than 0 seconds, not {request.time_limit}")
    if not isinstance(request.weights, Weights):
        raise PlanError("weights must be a Weights object")
    _check_hosts(request.host_tables, set(people))
    _check_played(request.played)
    sizes = (hosted_sizes(request.host_tables, len(people)) if request.host_tables
             else table_sizes(len(people), request.table_size, request.remainder))
    _check_round_count(request.rounds - len(request.played), len(people), sizes)


def _check_hosts(host_tables: Sequence[Sequence[Person]], people: set) -> None:
    seen: set = set()
    for number, hosts in enumerate(host_tables, start=1):
        if not hosts:
            raise PlanError(f"hosted table {number} has no host")
        for host in hosts:
            if host not in people:
                raise PlanError(f"host {host!r} of table {number} is not among the people present")
            if host in seen:
                raise PlanError(f"host {host!r} is named for two tables")
            seen.add(host)


def _check_played(played: Sequence[Sequence[Sequence[Person]]]) -> None:
    for number, round_ in enumerate(played, start=1):
        seated = [person for table in round_ for person in table]
        if len(set(seated)) != len(seated):
            twice = next(p for p in seated if seated.count(p) > 1)
            raise PlanError(f"played round {number} seats {twice!r} twice")


def hosted_sizes(host_tables: Sequence[Sequence[Person]], people: int) -> list[int]:
    """Table sizes with hosts seated: visitors fill the emptiest table first, so sizes stay balanced."""
    sizes = [len(hosts) for hosts in host_tables]
    for _ in range(people - sum(sizes)):
        emptiest = min(range(len(sizes)), key=lambda t: (sizes[t], t))
        sizes[emptiest] += 1
    return sizes


def _check_round_count(to_plan: int, people: int, sizes: list[int]) -> None:
    """More rounds than it takes for every pair to have met at least once is a typo, not a plan."""
    pairs_per_round = sum(comb(size, 2) for size in sizes)
    if pairs_per_round == 0:
        raise PlanError("every table would have one person; choose a larger table size")
    enough = -(-comb(people, 2) // pairs_per_round)
    if to_plan > enough:
        raise PlanError(f"{to_plan} rounds to plan, but {people} people have {comb(people, 2)} pairs and "
                        f"{enough} rounds at tables of {max(sizes)} already seat {enough * pairs_per_round}; "
                        f"plan at most {enough}")
