"""Lexical matching of short texts: offers against needs, and interests against interests.

A text is analysed into *concepts* (vocabulary phrases found in it, in either language)
and the remaining *words* (stemmed, stop words removed). Two texts are compared like a
cosine of weighted sets: a shared concept weighs 1, a related concept 0.5, a shared word
0.5 (less when the word is common in the texts compared together). Candidates are found
through an inverted index, so only texts that share something are ever scored.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from entregent.matching.engine.text import Token, tokenize
from entregent.matching.engine.vocabulary import CONCEPTS, RELATED

CONCEPT_WEIGHT = 1.0
RELATED_WEIGHT = 0.5
WORD_WEIGHT = 0.5
DEFAULT_MIN_SCORE = 0.2


@dataclass(frozen=True, slots=True)
class Item:
    """Something to match: a caller's key (a fact id, a tuple…) and its text."""

    key: object
    text: str


@dataclass(frozen=True, slots=True)
class Match:
    """An offer that meets a need (or, from `shared_topics`, mine and theirs alike).

    `score` is in 0..1; `matched` lists what matched, in the need's words, with the offer's
    words after "~" when they differ ("photos produit ~ product photography");
    `concepts` the vocabulary keys behind it.
    """

    offer: Item
    need: Item
    score: float
    matched: tuple[str, ...]
    concepts: tuple[str, ...] = ()


@dataclass(slots=True)
class Analysis:
    """What a text is about: concepts found (key -> words as written) and other words."""

    concepts: dict[str, str] = field(default_factory=dict)
    words: list[Token] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Vocabulary compiled for lookup: phrase -> stems per word, indexed by first-word stem.

_Phrase = tuple[tuple[frozenset[str], ...], str]


@lru_cache(maxsize=1)
def _phrase_index() -> dict[str, list[_Phrase]]:
    index: dict[str, list[_Phrase]] = defaultdict(list)
    for concept in CONCEPTS:
        for phrase in concept.phrases:
            tokens = tokenize(phrase)
            if not tokens:
                continue
            compiled = (tuple(t.stems for t in tokens), concept.key)
            for stem in tokens[0].stems:
                index[stem].append(compiled)
    for candidates in index.values():
        candidates.sort(key=lambda phrase: -len(phrase[0]))
    return dict(index)


@lru_cache(maxsize=1)
def _related() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = defaultdict(set)
    for a, b in RELATED:
        related[a].add(b)
        related[b].add(a)
    return {key: frozenset(values) for key, values in related.items()}


@lru_cache(maxsize=32768)
def analyse(text: str) -> Analysis:
    """Find the vocabulary's concepts in `text` (longest phrase first) and the other words."""
    tokens = tokenize(text)
    index = _phrase_index()
    result = Analysis()
    position = 0
    while position < len(tokens):
        found = _phrase_at(tokens, position, index)
        if found is None:
            result.words.append(tokens[position])
            position += 1
            continue
        length, key = found
        surface = " ".join(t.surface for t in tokens[position : position + length])
        result.concepts.setdefault(key, surface)
        position += length
    return result


def _phrase_at(
    tokens: Sequence[Token], position: int, index: dict[str, list[_Phrase]]
) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for stem in tokens[position].stems:
        for phrase, key in index.get(stem, ()):
            length = len(phrase)
            if best is not None and length <= best[0]:
                break
            if position + length > len(tokens):
                continue
            if all(phrase[offset] & tokens[position + offset].stems for offset in range(1, length)):
                best = (length, key)
                break
    return best


# ---------------------------------------------------------------------------
# Comparison


@dataclass(slots=True)
class _Prepared:
    item: Item
    analysis: Analysis
    stems: frozenset[str]
    norm: float = 0.0


def _prepare(items: Iterable[Item]) -> list[_Prepared]:
    prepared = []
    for item in items:
        analysis = analyse(item.text)
        stems = frozenset(stem for token in analysis.words for stem in token.stems)
        prepared.append(_Prepared(item, analysis, stems))
    return prepared


def _word_weights(corpus: Sequence[_Prepared]) -> dict[str, float]:
    """Weight of each stem: WORD_WEIGHT, lowered for stems found in many of the texts."""
    frequency: dict[str, int] = defaultdict(int)
    for prepared in corpus:
        for stem in prepared.stems:
            frequency[stem] += 1
    size = len(corpus)
    if size < 8:
        return dict.fromkeys(frequency, WORD_WEIGHT)
    return {
        stem: WORD_WEIGHT * max(0.2, 1.0 - math.log1p(count - 1) / math.log(size))
        for stem, count in frequency.items()
    }


def _token_weight(token: Token, weights: dict[str, float]) -> float:
    return max((weights.get(stem, WORD_WEIGHT) for stem in token.stems), default=WORD_WEIGHT)


def _norm(prepared: _Prepared, weights: dict[str, float]) -> float:
    seen: set[frozenset[str]] = set()
    total = CONCEPT_WEIGHT * len(prepared.analysis.concepts)
    for token in prepared.analysis.words:
        if token.stems in seen:
            continue
        seen.add(token.stems)
        total += _token_weight(token, weights)
    return total


def _compare(
    need: _Prepared, offer: _Prepared, weights: dict[str, float]
) -> tuple[float, list[str], list[str]]:
    """Weight shared by the two texts, what matched (need's words first), concept keys."""
    shared = 0.0
    matched: list[str] = []
    concepts: list[str] = []
    related = _related()
    need_concepts = need.analysis.concepts
    offer_concepts = offer.analysis.concepts
    for key, surface in need_concepts.items():
        if key in offer_concepts:
            shared += CONCEPT_WEIGHT
            matched.append(_pair(surface, offer_concepts[key]))
            concepts.append(key)
            continue
        for other in sorted(related.get(key, ())):
            if other in offer_concepts and other not in need_concepts and other not in concepts:
                shared += RELATED_WEIGHT
                matched.append(_pair(surface, offer_concepts[other]))
                concepts.append(other)
                break
    seen: set[frozenset[str]] = set()
    for token in need.analysis.words:
        if token.stems in seen or not (token.stems & offer.stems):
            continue
        seen.add(token.stems)
        shared += _token_weight(token, weights)
        offer_word = next(t.surface for t in offer.analysis.words if t.stems & token.stems)
        matched.append(_pair(token.surface, offer_word))
    return shared, matched, concepts


def _pair(need_words: str, offer_words: str) -> str:
    return need_words if need_words == offer_words else f"{need_words} ~ {offer_words}"


class OfferIndex:
    """Offers analysed and indexed once, to match many needs against (a whole network's).

    Only offers sharing a concept (or a related one) or a word with a need are scored, so a
    query costs what the need has in common with the offers, not the number of offers.
    Word weights come from the offers (common words count less), unless given.
    """

    def __init__(self, offers: Sequence[Item], *, weights: dict[str, float] | None = None):
        self._offers = _prepare(offers)
        self._weights = weights if weights is not None else _word_weights(self._offers)
        self._by_feature: dict[str, list[int]] = defaultdict(list)
        for number, offer in enumerate(self._offers):
            offer.norm = _norm(offer, self._weights)
            for key in offer.analysis.concepts:
                self._by_feature["c:" + key].append(number)
            for stem in offer.stems:
                self._by_feature["s:" + stem].append(number)

    def __len__(self) -> int:
        return len(self._offers)

    def match(
        self,
        needs: Sequence[Item],
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int | None = None,
    ) -> list[Match]:
        """The (offer, need) pairs scoring at least `min_score`, best first, at most `limit`."""
        related = _related()
        weights = self._weights
        results: list[Match] = []
        for need in _prepare(needs):
            need.norm = _norm(need, weights)
            if need.norm == 0:
                continue
            candidates: set[int] = set()
            for key in need.analysis.concepts:
                candidates.update(self._by_feature.get("c:" + key, ()))
                for other in related.get(key, ()):
                    candidates.update(self._by_feature.get("c:" + other, ()))
            for stem in need.stems:
                candidates.update(self._by_feature.get("s:" + stem, ()))
            for number in sorted(candidates):
                offer = self._offers[number]
                shared, matched, concepts = _compare(need, offer, weights)
                if not matched or offer.norm == 0:
                    continue
                score = min(1.0, shared / math.sqrt(need.norm * offer.norm))
                if score >= min_score:
                    results.append(
                        Match(
                            offer.item, need.item, round(score, 4), tuple(matched), tuple(concepts)
                        )
                    )
        results.sort(key=lambda m: (-m.score, -len(m.matched), str(m.need.key), str(m.offer.key)))
        return results if limit is None else results[:limit]


def _match(offers: Sequence[Item], needs: Sequence[Item], min_score: float) -> list[Match]:
    # Word weights from both sides: with a few texts, a word common to all counts less.
    weights = _word_weights([*_prepare(offers), *_prepare(needs)])
    return OfferIndex(offers, weights=weights).match(needs, min_score=min_score)


def match_offers_to_needs(
    offers: Sequence[Item], needs: Sequence[Item], *, min_score: float = DEFAULT_MIN_SCORE
) -> list[Match]:
    """Every (offer, need) pair that share concepts or words, best first.

    A French need finds an English offer through the bilingual vocabulary
    ("photos de produits" ~ "product photography"). Pairs scoring under `min_score` are
    left out.
    """
    return _match(offers, needs, min_score)


def shared_topics(
    mine: Sequence[Item], theirs: Sequence[Item], *, min_score: float = DEFAULT_MIN_SCORE
) -> list[Match]:
    """Topics two people share (interests, projects…), best first.

    Returned as `Match` values whose `offer` is the item from `mine` and `need` the item
    from `theirs`; `matched` is in their words first.
    """
    return _match(mine, theirs, min_score)


def concepts_in(text: str) -> tuple[str, ...]:
    """The vocabulary concepts found in a text, in order of appearance."""
    return tuple(analyse(text).concepts)
