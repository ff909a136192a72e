"""The networking leaderboard: distinct contacts per guest; ties go to whoever got there first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable

from .model import ContactExchange


@dataclass(frozen=True)
class Standing:
    rank: int
    guest_id: str
    contacts: int
    reached_at: datetime  # when the guest made the contact that gave them this count


def rank_networkers(exchanges: Iterable[ContactExchange], day: date | None = None,
                    top: int | None = None) -> list[Standing]:
    """Rank guests by distinct contacts, over all days or for contacts made on one day.

    A pair counts once, at its earliest exchange, however often it appears.
    """
    first_seen: dict[tuple[str, str], ContactExchange] = {}
    for exchange in exchanges:
        pair = ContactExchange.pair(exchange.guest_low, exchange.guest_high)
        known = first_seen.get(pair)
        if known is None or exchange.at < known.at:
            first_seen[pair] = exchange
    counts: dict[str, int] = {}
    reached: dict[str, datetime] = {}
    for (low, high), exchange in first_seen.items():
        if day is not None and exchange.day != day:
            continue
        for guest_id in (low, high):
            counts[guest_id] = counts.get(guest_id, 0) + 1
            if guest_id not in reached or exchange.at > reached[guest_id]:
                reached[guest_id] = exchange.at
    order = sorted(counts, key=lambda g: (-counts[g], reached[g], g))
    if top is not None:
        order = order[:top]
    return [Standing(rank, g, counts[g], reached[g]) for rank, g in enumerate(order, start=1)]


def champion(exchanges: Iterable[ContactExchange]) -> Standing | None:
    board = rank_networkers(exchanges, top=1)
    return board[0] if board else None
