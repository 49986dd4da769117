"""Offers (or needs) grouped by text: each distinct text is indexed and scored once.

Many people write the same thing ("Product photography", "un comptable"), and the cost of
a query is the number of texts it has to score; so `GroupedIndex` indexes each distinct
text once with the facts that share it, and `pairs` walks the matches best first,
expanding each text to its people only until enough pairs are found. Word weights count
every fact, as if each were indexed on its own, so scores are the engine's.

Pure Python, no Django.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass

from entregent.matching.engine.matcher import (
    WORD_WEIGHT,
    Item,
    Match,
    OfferIndex,
    _prepare,
)


def text_key(text: str) -> str:
    """Texts equal but for case and spaces share one entry."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class Pair:
    """One need's holder met by one offer's holder, with the match between their texts."""

    need_owner: Hashable
    offer_owner: Hashable
    match: Match


class GroupedIndex:
    """Items (key: (fact id, person id) or anything) indexed once per distinct text."""

    def __init__(self, items: Sequence[Item]):
        numbers: dict[str, int] = {}
        texts: list[Item] = []
        self.holders: list[list[Item]] = []
        for item in items:
            key = text_key(item.text)
            number = numbers.get(key)
            if number is None:
                number = numbers[key] = len(texts)
                texts.append(Item(number, item.text))
                self.holders.append([])
            self.holders[number].append(item)
        self._numbers = numbers
        prepared = _prepare(texts)
        frequency: dict[str, int] = defaultdict(int)
        for entry, holders in zip(prepared, self.holders, strict=True):
            for stem in entry.stems:
                frequency[stem] += len(holders)
        size = len(items)
        if size < 8:
            weights = dict.fromkeys(frequency, WORD_WEIGHT)
        else:
            weights = {
                stem: WORD_WEIGHT * max(0.2, 1.0 - math.log1p(count - 1) / math.log(size))
                for stem, count in frequency.items()
            }
        self.index = OfferIndex(texts, weights=weights)

    def __len__(self) -> int:
        return len(self.holders)

    def match(self, queries: Sequence[Item], *, min_score: float) -> list[Match]:
        """Each query against the distinct texts: matches whose `offer` is a text (its key
        the text's number), best first."""
        distinct: dict[str, Item] = {}
        for query in queries:
            distinct.setdefault(text_key(query.text), query)
        return self.index.match(list(distinct.values()), min_score=min_score)

    def holders_of(self, text: Item) -> list[Item]:
        """The items sharing an indexed text (`text`: the index's side of a match)."""
        number = text.key
        assert isinstance(number, int)
        return self.holders[number]


def pairs(
    matches: Sequence[Match],
    need_holders: Callable[[Match], Sequence[Item]],
    offer_holders: Callable[[Match], Sequence[Item]],
    owner_of: Callable[[Item], Hashable],
    *,
    saturated: Callable[[Hashable], bool] | None = None,
) -> Iterator[Pair]:
    """Every (need holder, offer holder) pair of people, best match first, each pair once
    (its best match) and never a person with themselves. A generator: stop when enough.

    `saturated(person)` true: that person's pairs are skipped from then on (a cap on how
    often one person appears), without walking the rest of their candidates.
    """
    seen: set[tuple[Hashable, Hashable]] = set()
    for match in matches:
        offers = offer_holders(match)
        for need in need_holders(match):
            a = owner_of(need)
            if saturated is not None and saturated(a):
                continue
            for offer in offers:
                b = owner_of(offer)
                if a == b or (a, b) in seen or (b, a) in seen:
                    continue
                if saturated is not None and saturated(b):
                    continue
                seen.add((a, b))
                yield Pair(a, b, Match(offer, need, match.score, match.matched, match.concepts))
                if saturated is not None and saturated(a):
                    break
