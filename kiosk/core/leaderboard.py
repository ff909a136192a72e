"""The networking leaderboard: distinct contacts per guest; ties go to whoever got there first.

Which contacts count (on every leaderboard, in the report, for the champion's certificate) is
decided by `counted` below; storage.analytics.unconfirmed_guests is the same rule as a query.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .model import ContactExchange


@dataclass(frozen=True)
class Standing:
    rank: int
    guest_id: str
    contacts: int
    reached_at: datetime  # when the guest made the contact that gave them this count


def counted(exchanges: Iterable[ContactExchange], unconfirmed: Collection[str]) -> Iterator[ContactExchange]:
    """The exchanges that count: those between two confirmed guests.

    `unconfirmed` are the guests whose contacts count for nobody: walk-ins awaiting staff review
    (and guests a kiosk knows only as placeholders, whose own data and review flag have not
    arrived yet). A contact with one of them counts for neither side, or twenty sock-puppet
    walk-ins scanned against one badge would still make that badge champion. The contact itself
    stays recorded (and in both guests' own contact lists); it only does not count.

    The rule looks at who is confirmed now, not at when staff confirmed them: once staff approve
    a walk-in, every contact they made counts, those from before the approval included, on the
    day and at the time it was made. Staff approving a real walk-in at noon should not cost them
    (or the people they met) the morning's contacts, and the time of a contact, not the time of
    an approval, is what ties on the leaderboard are decided by. A walk-in that staff reject is
    erased (forget): their contacts are deleted everywhere and never count.
    """
    return (e for e in exchanges if e.guest_low not in unconfirmed and e.guest_high not in unconfirmed)


def rank_networkers(exchanges: Iterable[ContactExchange], day: date | None = None,
                    top: int | None = None, unconfirmed: Collection[str] = frozenset()) -> list[Standing]:
    """Rank guests by distinct counted contacts, over all days or for contacts made on one day.

    A pair counts once, at its earliest exchange, however often it appears.
    """
    first_seen: dict[tuple[str, str], ContactExchange] = {}
    for exchange in counted(exchanges, unconfirmed):
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


def champion(exchanges: Iterable[ContactExchange],
             unconfirmed: Collection[str] = frozenset()) -> Standing | None:
    board = rank_networkers(exchanges, top=1, unconfirmed=unconfirmed)
    return board[0] if board else None


def shared_ranks(counts: Sequence[int]) -> list[int]:
    """The ranks a board shows for counts in board order: equal counts share a rank and the next
    rank skips (3, 2, 2, 1 -> 1, 2, 2, 4). The order, and so the champion, stays the tie rule's."""
    ranks: list[int] = []
    for position, count in enumerate(counts):
        ranks.append(ranks[-1] if position and counts[position - 1] == count else position + 1)
    return ranks
