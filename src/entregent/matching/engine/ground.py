"""What two people have in common, computed from plain records (no database, no Django).

The caller describes each side as a `Profile` (the user — "me" — is a profile whose key is
None) and gets back `Common` items, strongest kinds first. Turning them into sentences in
the reader's language is the caller's job: this module knows no language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from entregent.matching.engine.matcher import Item, Match, match_offers_to_needs, shared_topics
from entregent.matching.engine.text import normalise

# Kinds of common ground, in the order they are shown.
COMPLEMENT = "complement"  # one side offers what the other needs
ACQUAINTANCE = "acquaintance"  # both know this person
INTRODUCER = "introducer"  # this person introduced one side to the other
DIRECT = "direct"  # the two already know each other
INTEREST = "interest"
EVENT = "event"
ORGANIZATION = "organization"
INDUSTRY = "industry"
CITY = "city"
KINDS = (
    COMPLEMENT,
    INTEREST,
    ACQUAINTANCE,
    INTRODUCER,
    DIRECT,
    EVENT,
    ORGANIZATION,
    INDUSTRY,
    CITY,
)

# How many items of one kind are kept (the strongest first).
PER_KIND = 5


@dataclass(frozen=True)
class Profile:
    """One side: a person (key = their id) or the user (key = None).

    `topics` are interests, personal details and projects; `acquaintances` maps the key of
    each person this side knows to that person's name; `events` maps event keys to names;
    `introduced_by` is the key of whoever introduced this side (to the user).
    """

    key: object
    name: str
    organization_key: object = None
    organization: str = ""
    industry: str = ""
    city: str = ""
    topics: Sequence[Item] = ()
    offers: Sequence[Item] = ()
    needs: Sequence[Item] = ()
    acquaintances: Mapping[object, str] = field(default_factory=dict)
    events: Mapping[object, str] = field(default_factory=dict)
    introduced_by: object = None

    @property
    def is_me(self) -> bool:
        return self.key is None


@dataclass(frozen=True)
class Common:
    """One thing in common.

    `label` names it (an acquaintance's or event's name, the city…); `key` is that person's
    or event's key. For INTEREST, `match.offer` is the first side's item and `match.need`
    the second's. For COMPLEMENT, `giver` says which side offers (0: first, 1: second) and
    `match` holds the offer and the need.
    """

    kind: str
    label: str = ""
    key: object = None
    match: Match | None = None
    giver: int = 0

    @property
    def score(self) -> float:
        return self.match.score if self.match is not None else 1.0


def _same_text(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(normalise(a).split()) == " ".join(normalise(b).split())


def _best_per_need(matches: Sequence[Match]) -> list[Match]:
    """Each need and each offer used once, best pairs first."""
    seen_needs: set[object] = set()
    seen_offers: set[object] = set()
    kept = []
    for match in matches:
        if match.need.key in seen_needs or match.offer.key in seen_offers:
            continue
        seen_needs.add(match.need.key)
        seen_offers.add(match.offer.key)
        kept.append(match)
    return kept


def common_ground(first: Profile, second: Profile, *, per_kind: int = PER_KIND) -> list[Common]:
    """Everything `first` and `second` have in common, by kind (see KINDS), strongest first.

    When `first` is the user, everyone `second` knows is a shared acquaintance (the user's
    records are the user's own network), and their events are the events where the user
    met them.
    """
    found: list[Common] = []

    complements = [
        Common(COMPLEMENT, match=m, giver=0)
        for m in _best_per_need(match_offers_to_needs(first.offers, second.needs))
    ] + [
        Common(COMPLEMENT, match=m, giver=1)
        for m in _best_per_need(match_offers_to_needs(second.offers, first.needs))
    ]
    complements.sort(key=lambda c: -c.score)
    found += complements[:per_kind]

    interests = _best_per_need(shared_topics(first.topics, second.topics))
    found += [Common(INTEREST, match=m) for m in interests[:per_kind]]

    acquaintances = _mutual(first, second)
    found += [Common(ACQUAINTANCE, label=name, key=key) for key, name in acquaintances[:per_kind]]

    found += _introducers(first, second)

    if first.is_me:
        events = list(second.events.items())
    else:
        events = [(key, name) for key, name in second.events.items() if key in first.events]
        if second.key in first.acquaintances or first.key in second.acquaintances:
            found.append(Common(DIRECT, label=second.name, key=second.key))
    found += [Common(EVENT, label=name, key=key) for key, name in events[:per_kind]]

    if first.organization_key is not None and first.organization_key == second.organization_key:
        found.append(Common(ORGANIZATION, label=second.organization))
    if _same_text(first.industry, second.industry):
        found.append(Common(INDUSTRY, label=second.industry))
    if _same_text(first.city, second.city):
        found.append(Common(CITY, label=second.city))
    return found


def _mutual(first: Profile, second: Profile) -> list[tuple[object, str]]:
    """People both sides know, in `second`'s order; for the user, everyone `second` knows."""
    both = {first.key, second.key}
    introducers = {first.introduced_by, second.introduced_by} - {None}
    return [
        (key, name)
        for key, name in second.acquaintances.items()
        if key not in both
        and key not in introducers
        and (first.is_me or key in first.acquaintances)
    ]


def _introducers(first: Profile, second: Profile) -> list[Common]:
    """Who introduced `second` (to the user, or when known to `first` as well)."""
    found = []
    for side, other in ((second, first), (first, second)):
        key = side.introduced_by
        if key is None or key in {first.key, second.key}:
            continue
        if other.is_me:
            found.append(Common(INTRODUCER, label=side.acquaintances.get(key, ""), key=key))
        elif key in other.acquaintances or key == other.introduced_by:
            name = side.acquaintances.get(key) or other.acquaintances.get(key, "")
            found.append(Common(ACQUAINTANCE, label=name, key=key))
    unique: dict[tuple[str, object], Common] = {}
    for common in found:
        unique.setdefault((common.kind, common.key), common)
    return list(unique.values())
