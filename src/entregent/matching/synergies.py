"""Synergies across the whole network: ways to help (their needs I can meet), who can help
me (my needs, or a need in my own words, against everyone's offers), and a person's
synergies with me.

The network's offers and needs are read in one query (`values_list`, no model instances)
and indexed by the engine; the index is kept in memory per owner until a fact of that kind
changes (a cheap count-and-latest query tells), so a query at 100k people costs the
matching, not the reading. Then the people shown are read in one more query. When the
optional semantic extra is installed, scores blend sentence embeddings in (see
`engine.semantic`); everything works the same without it.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.matching import engine
from entregent.matching.engine import semantic
from entregent.matching.engine.questions import clean_topic
from entregent.matching.engine.synergy import Ranked, rank_people
from entregent.people.choices import FactKind
from entregent.people.models import Fact, Person

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_NEED_CHARS = 500
# Scores under this are left out (the engine's default).
MIN_SCORE = 0.2

_IndexT = TypeVar("_IndexT")


# Semantic extra --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def semantic_scorer() -> semantic.SemanticScorer | None:
    """The sentence-embedding scorer when the extra is installed and not switched off
    (ENTREGENT_SEMANTIC=0); None otherwise. Loaded once per process."""
    if os.environ.get("ENTREGENT_SEMANTIC", "1").strip().lower() in {"0", "false", "no", "off"}:
        return None
    embedder = semantic.load_embedder()
    return None if embedder is None else semantic.SemanticScorer(embedder)


# The network's facts, indexed ----------------------------------------------------------


@dataclass
class _Indexed:
    version: tuple[Any, ...]
    items: list[engine.Item]
    index: Any


_CACHE: OrderedDict[tuple[int, str], _Indexed] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = threading.Lock()


def _network_facts(owner: User, kinds: Sequence[str]) -> QuerySet[Fact]:
    """Facts of these kinds about people (not about me), whatever their person's state."""
    return Fact.objects.filter(owner=owner, kind__in=list(kinds), person__isnull=False)


def _stamp_path(owner_id: int) -> Path:
    return Path(settings.DATA_DIR) / "cache" / f"facts-{owner_id}.stamp"


def _stamp(owner_id: int) -> int:
    """When a fact of this owner last changed through the ORM, in any process (0: never)."""
    try:
        return _stamp_path(owner_id).stat().st_mtime_ns
    except OSError:
        return 0


def _version(owner: User, kinds: Sequence[str]) -> tuple[Any, ...]:
    """What tells whether the facts changed: their count and highest id (one query, on
    the covering index, no row read), and the owner's change stamp. Inserts and deletes
    show in the first two, edits made through the ORM anywhere in the stamp."""
    stats = _network_facts(owner, kinds).aggregate(n=Count("id"), last=Max("id"))
    return (stats["n"], stats["last"], _stamp(owner.pk))


def cached_index(
    owner: User, kinds: Sequence[str], build: Callable[[list[engine.Item]], _IndexT]
) -> tuple[list[engine.Item], _IndexT]:
    """Everyone's facts of these kinds as engine items keyed (fact id, person id), and
    `build(items)`: read in one query, kept in memory until those facts change (asked
    on every call with one cheap query, see `_version`)."""
    key = (owner.pk, ",".join(sorted(kinds)) + ":" + getattr(build, "__name__", "index"))
    version = _version(owner, kinds)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached.version == version:
            _CACHE.move_to_end(key)
            return cached.items, cached.index
    rows = _network_facts(owner, kinds).order_by("id").values_list("id", "person_id", "text")
    items = [engine.Item((fact_id, person_id), text) for fact_id, person_id, text in rows]
    index = build(items)
    with _LOCK:
        _CACHE[key] = _Indexed(version, items, index)
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return items, index


def forget_owner(owner_id: int) -> None:
    """A fact of this owner changed: drop their indexes here and stamp the change for
    the other processes (web workers, the import worker)."""
    with _LOCK:
        for key in [k for k in _CACHE if k[0] == owner_id]:
            del _CACHE[key]
    path = _stamp_path(owner_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        os.utime(path, ns=(time.time_ns(), time.time_ns()))
    except OSError:  # a read-only data directory: this process still forgot its indexes
        pass


@receiver(post_save, sender=Fact, dispatch_uid="synergies_fact_saved")
@receiver(post_delete, sender=Fact, dispatch_uid="synergies_fact_deleted")
def _fact_changed(sender: type[Fact], instance: Fact, **kwargs: Any) -> None:
    forget_owner(instance.owner_id)


def network_index(owner: User, kind: str) -> tuple[list[engine.Item], engine.OfferIndex]:
    """Everyone's offers (or needs) and their engine index, cached (see `cached_index`)."""
    return cached_index(owner, (kind,), engine.OfferIndex)


def clear_cache() -> None:
    """Forget every index (tests, and after a restore)."""
    with _LOCK:
        _CACHE.clear()


def _my_facts(owner: User, kind: str) -> list[engine.Item]:
    rows = (
        Fact.objects.filter(owner=owner, kind=kind, person__isnull=True)
        .order_by("-created", "-id")
        .values_list("id", "text")[:200]
    )
    return [engine.Item((fact_id, 0), text) for fact_id, text in rows]


# Results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynergyMatch:
    """One need met by one offer, with what matched ("logo ~ graphiste")."""

    need_id: int | None
    need: str
    offer_id: int | None
    offer: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Synergy:
    """A person to help or to ask, with the sentence saying why and the matches behind it."""

    person: Person
    score: float
    sentence: str
    matches: tuple[SynergyMatch, ...]


def _flip(match: engine.Match) -> engine.Match:
    """A match found with the roles swapped (a need's index queried with an offer)."""
    matched = tuple(
        " ~ ".join(reversed(part.split(" ~ ", 1))) if " ~ " in part else part
        for part in match.matched
    )
    return engine.Match(match.need, match.offer, match.score, matched, match.concepts)


def _matched_words(matched: tuple[str, ...]) -> tuple[str, ...]:
    if matched == (semantic.SEMANTIC_MARK,):
        return (_("similar meaning"),)
    return matched


def _fact_id(item: engine.Item) -> int | None:
    key = item.key
    if isinstance(key, tuple) and key and isinstance(key[0], int):
        return key[0]
    return None


def _synergy_match(match: engine.Match) -> SynergyMatch:
    return SynergyMatch(
        need_id=_fact_id(match.need),
        need=match.need.text,
        offer_id=_fact_id(match.offer),
        offer=match.offer.text,
        score=match.score,
        matched=_matched_words(match.matched),
    )


def _person_of_offer(match: engine.Match) -> Hashable:
    key = match.offer.key
    assert isinstance(key, tuple)
    return key[1]


def _person_of_need(match: engine.Match) -> Hashable:
    key = match.need.key
    assert isinstance(key, tuple)
    return key[1]


def _people(owner: User, ranked: Sequence[Ranked], limit: int) -> list[tuple[Ranked, Person]]:
    """The people behind the first ranked entries, archived people skipped: one query."""
    wanted = ranked[: limit * 2 + 10]
    ids = [r.person for r in wanted]
    people = Person.objects.filter(owner=owner, archived=False, pk__in=ids).select_related(
        "organization"
    )
    by_id: dict[Hashable, Person] = {p.pk: p for p in people}
    found = [(r, by_id[r.person]) for r in wanted if r.person in by_id]
    return found[:limit]


def _limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput.for_field(
            "limit", _("Choose a number from 1 to %(max)d.") % {"max": MAX_LIMIT}
        )
    return limit


def _pool(limit: int) -> int:
    """How many matches to rank `limit` people from."""
    return max(300, limit * 30)


def clean_need(text: str | None) -> str:
    """A need typed by the user: required, one line, at most 500 characters."""
    need = " ".join((text or "").split())
    if not need:
        raise InvalidInput.for_field("need", _("Say what you need."))
    if len(need) > MAX_NEED_CHARS:
        raise InvalidInput.for_field(
            "need", _("At most %(max)d characters.") % {"max": MAX_NEED_CHARS}
        )
    return need


def _match(
    queries: Sequence[engine.Item],
    items: Sequence[engine.Item],
    index: engine.OfferIndex,
    *,
    use_semantic: bool,
    limit: int,
) -> list[engine.Match]:
    """Each query against the indexed items (lexical, blended with meaning if installed);
    the best `limit` matches per query at most (enough to rank people, whose further
    matches only nudge their score)."""
    lexical = index.match(queries, min_score=MIN_SCORE, limit=limit * len(queries))
    scorer = semantic_scorer() if use_semantic else None
    if scorer is None:
        return lexical
    blended: list[engine.Match] = []
    for query in queries:
        found = [m for m in lexical if m.need.key == query.key]
        blended.extend(scorer.blend(query, items, found, min_score=MIN_SCORE))
    return blended


# Queries ----------------------------------------------------------------------------------


def ways_to_help(
    *, owner: User, limit: int | None = None, use_semantic: bool = True
) -> list[Synergy]:
    """People whose needs my offers can meet, best first ("giving first").

    My offers are the facts about me (`entregent fact add me offer …`); their needs are
    everyone's. Each person appears once, with their best matches.
    """
    limit = _limit(limit)
    mine = _my_facts(owner, FactKind.OFFER)
    if not mine:
        return []
    items, index = network_index(owner, FactKind.NEED)
    # The needs' index is queried with my offers: roles swapped back afterwards.
    matches = [
        _flip(m) for m in _match(mine, items, index, use_semantic=use_semantic, limit=_pool(limit))
    ]
    ranked = rank_people(matches, _person_of_need)
    return [
        Synergy(
            person=person,
            score=entry.score,
            sentence=_("%(name)s needs %(need)s; you offer %(offer)s.")
            % {
                "name": person.full_name,
                "need": clean_topic(entry.matches[0].need.text),
                "offer": clean_topic(entry.matches[0].offer.text),
            },
            matches=tuple(_synergy_match(m) for m in entry.matches),
        )
        for entry, person in _people(owner, ranked, limit)
    ]


def who_can_help(
    *,
    owner: User,
    need: str | None = None,
    limit: int | None = None,
    use_semantic: bool = True,
) -> list[Synergy]:
    """People whose offers meet my needs (or `need`, in my own words), best first."""
    limit = _limit(limit)
    if need is not None:
        queries = [engine.Item((0, 0), clean_need(need))]
    else:
        queries = _my_facts(owner, FactKind.NEED)
    if not queries:
        return []
    items, index = network_index(owner, FactKind.OFFER)
    matches = _match(queries, items, index, use_semantic=use_semantic, limit=_pool(limit))
    ranked = rank_people(matches, _person_of_offer)
    synergies = []
    for entry, person in _people(owner, ranked, limit):
        best = entry.matches[0]
        words = {
            "name": person.full_name,
            "need": clean_topic(best.need.text),
            "offer": clean_topic(best.offer.text),
        }
        if need is not None:
            sentence = _("%(name)s offers %(offer)s.") % words
        else:
            sentence = _("%(name)s offers %(offer)s; you need %(need)s.") % words
        synergies.append(
            Synergy(
                person=person,
                score=entry.score,
                sentence=sentence,
                matches=tuple(_synergy_match(m) for m in entry.matches),
            )
        )
    return synergies


def synergies_for_need(*, owner: User, need: str, use_semantic: bool = True) -> list[Synergy]:
    """The top ten people whose offers meet one need."""
    return who_can_help(owner=owner, need=need, limit=10, use_semantic=use_semantic)


@dataclass(frozen=True)
class PersonSynergies:
    """For one person: their needs I can meet, and their offers that meet my needs."""

    person: Person
    i_can_help: list[SynergyMatch]
    they_can_help: list[SynergyMatch]


def person_synergies(*, owner: User, person: Person | int | str) -> PersonSynergies:
    """This person's needs my offers meet and their offers my needs call for: two queries."""
    if not isinstance(person, Person):
        try:
            person = Person.objects.get(owner=owner, pk=int(person))
        except (Person.DoesNotExist, ValueError, TypeError, OverflowError):
            raise NotFound(_("No such person.")) from None
    elif person.owner_id != owner.pk:
        raise NotFound(_("No such person."))
    rows = (
        Fact.objects.filter(
            Q(person=person) | Q(person__isnull=True),
            owner=owner,
            kind__in=[FactKind.OFFER, FactKind.NEED],
        )
        .order_by("-created", "-id")
        .values_list("id", "person_id", "kind", "text")[:1000]
    )
    facts: dict[tuple[bool, str], list[engine.Item]] = {}
    for fact_id, person_id, kind, text in rows:
        facts.setdefault((person_id is None, kind), []).append(engine.Item(fact_id, text))
    mine_offers = facts.get((True, FactKind.OFFER), [])
    mine_needs = facts.get((True, FactKind.NEED), [])
    their_offers = facts.get((False, FactKind.OFFER), [])
    their_needs = facts.get((False, FactKind.NEED), [])

    def pairs(offers: list[engine.Item], needs: list[engine.Item]) -> list[SynergyMatch]:
        if not offers or not needs:
            return []
        found = engine.match_offers_to_needs(offers, needs, min_score=MIN_SCORE)
        return [
            SynergyMatch(
                need_id=m.need.key if isinstance(m.need.key, int) else None,
                need=m.need.text,
                offer_id=m.offer.key if isinstance(m.offer.key, int) else None,
                offer=m.offer.text,
                score=m.score,
                matched=m.matched,
            )
            for m in found[:10]
        ]

    return PersonSynergies(
        person=person,
        i_can_help=pairs(mine_offers, their_needs),
        they_can_help=pairs(their_offers, mine_needs),
    )
