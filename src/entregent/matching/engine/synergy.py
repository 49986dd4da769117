"""Synergies across a whole network: who needs what I offer, who offers what I need, and
who would care about an article.

Pure Python, on top of `matcher`: offers and needs are matched with `OfferIndex`; an
article is compared with many short texts (interests, projects, needs) through
`TopicIndex`, which scores how much of each short text the article covers. `rank_people`
keeps each person's best match, so a list shows people, not facts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from entregent.matching.engine.matcher import (
    CONCEPT_WEIGHT,
    RELATED_WEIGHT,
    Item,
    Match,
    _compare,
    _norm,
    _prepare,
    _related,
    _token_weight,
    _word_weights,
)

# An article must cover this share of a fact's weight for the fact to count.
DEFAULT_COVERAGE = 0.5
# An article this long is cut: enough for a page's text, bounded for the analysis.
MAX_ARTICLE_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Coverage:
    """A short text (an interest, a project, a need) found in a longer one.

    `score` is the share of the short text's weight found in the long one (0..1);
    `matched` the words or concepts found, in the short text's words first.
    """

    item: Item
    score: float
    matched: tuple[str, ...]
    concepts: tuple[str, ...] = ()


class TopicIndex:
    """Short texts indexed by concept and stem, to find those a long text covers.

    Only texts sharing a concept (or a related one) or a word with the long text are
    scored. Word weights come from the short texts (a word many of them share counts
    less), so "business" alone does not make everyone care about an article.
    """

    def __init__(self, items: Sequence[Item]):
        self._items = _prepare(items)
        self._weights = _word_weights(self._items)
        self._by_feature: dict[str, list[int]] = defaultdict(list)
        # stem -> (text number, weight of the text's word with that stem)
        self._by_stem: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, prepared in enumerate(self._items):
            prepared.norm = _norm(prepared, self._weights)
            for key in prepared.analysis.concepts:
                self._by_feature["c:" + key].append(number)
            for token in prepared.analysis.words:
                weight = _token_weight(token, self._weights)
                for stem in token.stems:
                    self._by_stem[stem].append((number, weight))

    def __len__(self) -> int:
        return len(self._items)

    def covered_by(self, text: str, *, min_score: float = DEFAULT_COVERAGE) -> list[Coverage]:
        """The short texts that `text` covers at least `min_score`, best first."""
        (article,) = _prepare([Item(None, text[:MAX_ARTICLE_CHARS])])
        related = _related()
        # What each candidate could share at most (a shared concept, a related one, a
        # shared stem: never less than `_compare` finds), so that only texts that may
        # reach `min_score` are compared in full.
        bound: dict[int, float] = defaultdict(float)
        for key in article.analysis.concepts:
            for number in self._by_feature.get("c:" + key, ()):
                bound[number] += CONCEPT_WEIGHT
            for other in related.get(key, ()):
                for number in self._by_feature.get("c:" + other, ()):
                    bound[number] += RELATED_WEIGHT
        for stem in article.stems:
            for number, weight in self._by_stem.get(stem, ()):
                bound[number] += weight
        found: list[Coverage] = []
        for number in sorted(bound):
            short = self._items[number]
            if short.norm == 0 or bound[number] < min_score * short.norm:
                continue
            shared, matched, concepts = _compare(short, article, self._weights)
            if not matched:
                continue
            score = min(1.0, shared / short.norm)
            if score >= min_score:
                found.append(Coverage(short.item, round(score, 4), tuple(matched), tuple(concepts)))
        found.sort(key=lambda c: (-c.score, -len(c.matched), str(c.item.key)))
        return found


@dataclass(frozen=True, slots=True)
class Ranked:
    """One person (`person`: the caller's key) with their best match and a few others.

    `score` is the best match's, nudged up a little by each further one (at most +0.1,
    capped at 1 when shown), so someone with two fitting needs ranks above someone with
    one of the same score.
    """

    person: Hashable
    score: float
    matches: tuple[Match, ...]


def rank_people(
    matches: Iterable[Match],
    person_of: Callable[[Match], Hashable],
    *,
    limit: int | None = None,
    per_person: int = 3,
) -> list[Ranked]:
    """Group matches by person (`person_of`), best match first, people by score."""
    grouped: dict[Hashable, list[Match]] = defaultdict(list)
    for match in matches:
        grouped[person_of(match)].append(match)
    ranked = []
    for person, found in grouped.items():
        found.sort(key=lambda m: (-m.score, str(m.need.key), str(m.offer.key)))
        bonus = min(0.1, 0.03 * (len(found) - 1))
        total = found[0].score + bonus
        ranked.append((total, Ranked(person, round(min(1.0, total), 4), tuple(found[:per_person]))))
    ranked.sort(key=lambda pair: (-pair[0], str(pair[1].person)))
    people = [entry for _total, entry in ranked]
    return people if limit is None else people[:limit]


@dataclass(frozen=True, slots=True)
class CaredAbout:
    """A person who would care about an article, with the facts of theirs it covers."""

    person: Hashable
    score: float
    coverages: tuple[Coverage, ...]


def rank_readers(
    coverages: Iterable[Coverage],
    person_of: Callable[[Coverage], Hashable],
    *,
    limit: int | None = None,
    per_person: int = 3,
) -> list[CaredAbout]:
    """Group covered facts by person: score is 1 - prod(1 - score) over their facts."""
    grouped: dict[Hashable, list[Coverage]] = defaultdict(list)
    for coverage in coverages:
        grouped[person_of(coverage)].append(coverage)
    ranked = []
    for person, found in grouped.items():
        found.sort(key=lambda c: (-c.score, str(c.item.key)))
        miss = math.prod(1 - 0.9 * c.score for c in found)
        ranked.append(CaredAbout(person, round(1 - miss, 4), tuple(found[:per_person])))
    ranked.sort(key=lambda r: (-r.score, str(r.person)))
    return ranked if limit is None else ranked[:limit]
