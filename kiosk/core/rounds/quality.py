"""The figures a plan is judged by, counted straight from the seatings (never from the search's books)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from .model import Person


@dataclass(frozen=True)
class Quality:
    repeats: int       # over all pairs: times together beyond the first
    same_org: int      # pair-meetings of colleagues
    met_before: int    # pair-meetings of pairs who had exchanged contacts before
    host_repeats: int  # visitor-rounds at a hosted table whose hosts the visitor had all met before


def measure(rounds: Sequence[Sequence[Sequence[Person]]], orgs: Mapping[Person, str] | None = None,
            met: Collection[frozenset] = frozenset(),
            host_tables: Sequence[Sequence[Person]] = ()) -> Quality:
    orgs = orgs or {}
    together: Counter = Counter()
    same_org = met_before = 0
    for round_ in rounds:
        for table in round_:
            for p, q in combinations(table, 2):
                pair = frozenset((p, q))
                together[pair] += 1
                if orgs.get(p) is not None and orgs.get(p) == orgs.get(q):
                    same_org += 1
                if pair in met:
                    met_before += 1
    repeats = sum(count - 1 for count in together.values() if count > 1)
    return Quality(repeats, same_org, met_before, _host_repeats(rounds, host_tables))


def _host_repeats(rounds, host_tables) -> int:
    hosts_of = {host: frozenset(hosts) for hosts in host_tables for host in hosts}
    if not hosts_of:
        return 0
    seen: dict[Person, set] = {}
    repeats = 0
    for round_ in rounds:
        for table in round_:
            hosts = next((hosts_of[p] for p in table if p in hosts_of), None)
            if hosts is None:
                continue
            for visitor in table:
                if visitor in hosts_of:
                    continue
                visited = seen.setdefault(visitor, set())
                repeats += hosts <= visited
                visited |= hosts
    return repeats
