"""Name search for the touch keyboard: prefix matching with German folding.

Every name is indexed in two folded spellings, 'forster' and 'foerster' for
Förster, while a query is folded one way only ('för' -> 'for'), so each of
'forster', 'foerster' and 'för' finds her, and 'strauss' finds Strauß.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from .model import Guest

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Letters that Unicode does not decompose into a base letter plus accent.
_UNDECOMPOSED = str.maketrans({
    "ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
    "æ": "ae", "œ": "oe", "ı": "i", "ŀ": "l",
})
_SPLIT = re.compile(r"[^\w]+|_")
_HIGHEST = "\U0010ffff"
_FIELDS = 3  # last name, first name, organization: the order of preference
_MAX_CANDIDATES = 20_000


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The plain folded form: lower case, no accents, ß -> ss."""
    return _strip_marks(text.casefold())


@lru_cache(maxsize=65536)  # names repeat a lot: Müller, Anna, Digitalzentrum ...
def fold_variants(text: str) -> frozenset[str]:
    lowered = text.casefold()
    return frozenset((_strip_marks(lowered), _strip_marks(lowered.translate(_GERMAN))))


def words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text) if w]


@lru_cache(maxsize=65536)
def _index_tokens(text: str) -> frozenset[str]:
    return frozenset(token for variant in fold_variants(text) for token in words(variant))


@dataclass(frozen=True)
class SearchHit:
    guest_id: str
    name: str
    organization: str


class SearchIndex:
    """An in-memory index over guests; one query costs O(log n + limit)."""

    def __init__(self, guests: Iterable[Guest] = ()) -> None:
        self._hits: list[SearchHit] = []
        self._tokens_of: list[frozenset[str]] = []
        self._fields: list[tuple[list[str], list[int]]] = [([], []) for _ in range(_FIELDS)]
        self._position: dict[str, int] = {}
        self.rebuild(guests)

    def __len__(self) -> int:
        return len(self._position)

    def rebuild(self, guests: Iterable[Guest]) -> None:
        self._hits, self._tokens_of, self._position = [], [], {}
        entries: list[list[tuple[str, str, int]]] = [[] for _ in range(_FIELDS)]
        for guest in guests:
            owner, fields = self._remember(guest)
            sort_name = fold(f"{guest.last_name} {guest.first_name}")
            for field, tokens in enumerate(fields):
                entries[field].extend((token, sort_name, owner) for token in tokens)
        for field, field_entries in enumerate(entries):
            field_entries.sort()
            self._fields[field] = ([e[0] for e in field_entries], [e[2] for e in field_entries])

    def add(self, guest: Guest) -> None:
        """Add a guest (a walk-in) without rebuilding; an edited guest needs rebuild()."""
        if guest.id in self._position:
            raise ValueError("guest already indexed; rebuild to update")
        owner, fields = self._remember(guest)
        for field, tokens in enumerate(fields):
            token_list, owners = self._fields[field]
            for token in tokens:
                at = bisect_left(token_list, token)
                token_list.insert(at, token)
                owners.insert(at, owner)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        query_words = words(fold(query))
        if not query_words or limit <= 0:
            return []
        ranges = {w: self._ranges(w) for w in query_words}
        rarest = min(query_words, key=lambda w: sum(hi - lo for _, lo, _, hi in ranges[w]))
        others = [w for w in query_words if w != rarest]
        found: list[SearchHit] = []
        seen: set[int] = set()
        for owner in self._candidates(ranges[rarest]):
            if owner in seen:
                continue
            seen.add(owner)
            if all(self._has_prefix(owner, w) for w in others):
                found.append(self._hits[owner])
                if len(found) == limit:
                    break
        return found

    def _remember(self, guest: Guest) -> tuple[int, tuple[frozenset[str], ...]]:
        owner = len(self._hits)
        self._hits.append(SearchHit(guest.id, guest.full_name, guest.organization_name))
        self._position[guest.id] = owner
        fields = self._field_tokens(guest)
        self._tokens_of.append(frozenset().union(*fields))
        return owner, fields

    @staticmethod
    def _field_tokens(guest: Guest) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        return (_index_tokens(guest.last_name), _index_tokens(guest.first_name),
                _index_tokens(guest.organization_name))

    def _ranges(self, word: str) -> list[tuple[int, int, int, int]]:
        """Per field: (field, start, end of exact matches, end of prefix matches)."""
        result = []
        for field, (tokens, _) in enumerate(self._fields):
            start = bisect_left(tokens, word)
            exact_end = bisect_left(tokens, word + "\0", start)
            end = bisect_left(tokens, word + _HIGHEST, exact_end)
            result.append((field, start, exact_end, end))
        return result

    def _candidates(self, ranges: list[tuple[int, int, int, int]]) -> Iterator[int]:
        # Exact word matches before prefix matches; last name before first name
        # before organization; alphabetical within each.
        scanned = 0
        for exact in (True, False):
            for field, start, exact_end, end in ranges:
                lo, hi = (start, exact_end) if exact else (exact_end, end)
                owners = self._fields[field][1]
                for i in range(lo, hi):
                    scanned += 1
                    if scanned > _MAX_CANDIDATES:
                        return
                    yield owners[i]

    def _has_prefix(self, owner: int, word: str) -> bool:
        return any(token.startswith(word) for token in self._tokens_of[owner])
