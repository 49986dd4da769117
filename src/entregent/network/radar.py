"""The weak-tie radar: moderately weak ties worth reviving now, and dormant ties whose
offers match my current needs.

Reads the stored tie strengths (recomputed first when they are a day old), ranks the weak
band with `ties.revival_priority`, and matches my needs (facts of kind need about me)
against the offers of dormant people with the matching engine's cached network index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entregent.accounts.models import User
from entregent.matching import engine
from entregent.matching.engine.questions import clean_topic
from entregent.matching.synergies import network_index
from entregent.network.models import TieStrength
from entregent.network.selectors import tie_signals
from entregent.network.services import ties_ensure_fresh
from entregent.network.ties import REVIVE_AFTER_DAYS, WEAK_BAND, TieSignals, revival_priority
from entregent.people.choices import Circle, FactKind
from entregent.people.models import Fact

RADAR_LIMIT = 10
MAX_LIMIT = 100
MY_NEEDS_LIMIT = 200
IN_CHUNK = 2000


@dataclass(frozen=True)
class RadarTie:
    """A weak tie worth reviving now, and why."""

    person_id: int
    name: str
    score: float
    priority: float
    last_contact: dt.datetime | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DormantMatch:
    """A dormant tie whose offer meets one of my needs."""

    person_id: int
    name: str
    score: float
    last_contact: dt.datetime | None
    need: str
    offer: str
    match_score: float
    matched: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class Radar:
    """Both lists of the radar, and whether I have any needs recorded."""

    revive: list[RadarTie] = field(default_factory=list)
    dormant: list[DormantMatch] = field(default_factory=list)
    has_needs: bool = False
    # False when the scores are a day old and too many to recompute while the page waits.
    fresh: bool = True


def _not_pinned_elsewhere(circle: str) -> Q:
    """People whose circle follows the score, or who are pinned to this very circle."""
    return Q(person__circle_pinned=False) | Q(person__circle=circle)


def _months(days: float) -> int:
    return max(1, round(days / 30.4))


def _reasons(signals: TieSignals, last: dt.datetime | None, now: dt.datetime) -> tuple[str, ...]:
    reasons: list[str] = []
    if last is None:
        reasons.append(_("No meaningful exchange recorded yet."))
    else:
        months = _months((now - last).total_seconds() / 86400)
        reasons.append(
            ngettext(
                "Last meaningful exchange %(count)d month ago.",
                "Last meaningful exchange %(count)d months ago.",
                months,
            )
            % {"count": months}
        )
    if signals.meaningful:
        reasons.append(
            ngettext(
                "%(count)d meaningful encounter on record.",
                "%(count)d meaningful encounters on record.",
                signals.meaningful,
            )
            % {"count": signals.meaningful}
        )
    if signals.deep:
        reasons.append(_("You have met in person or talked live."))
    if signals.favours_given and signals.favours_received:
        reasons.append(_("You have helped each other before."))
    elif signals.favours_received:
        reasons.append(_("They helped you before."))
    elif signals.favours_given:
        reasons.append(_("You helped them before."))
    if signals.connections:
        reasons.append(
            ngettext(
                "Knows %(count)d person in your network.",
                "Knows %(count)d people in your network.",
                signals.connections,
            )
            % {"count": signals.connections}
        )
    return tuple(reasons)


def weak_ties_to_revive(
    *, owner: User, limit: int = RADAR_LIMIT, now: dt.datetime | None = None
) -> list[RadarTie]:
    """Moderately weak ties (score in the weak band) not in touch for a while, best first."""
    now = now or timezone.now()
    limit = max(1, min(limit, MAX_LIMIT))
    low, high = WEAK_BAND
    # Contacts too recent to revive are left out by the database, not by the ranking.
    waited = Q(person__last_interaction_at__isnull=True) | Q(
        person__last_interaction_at__lt=now - dt.timedelta(days=REVIVE_AFTER_DAYS)
    )
    rows = (
        TieStrength.objects.filter(
            owner=owner, score__gte=low, score__lt=high, person__archived=False
        )
        .filter(waited)
        .filter(_not_pinned_elsewhere(Circle.WEAK))
        .values_list("person_id", "score", "person__full_name", "person__last_interaction_at")
        .order_by()
    )
    ranked: list[tuple[float, float, str, int, dt.datetime | None]] = []
    for pid, score, name, last in rows:
        days = None if last is None else (now - last).total_seconds() / 86400
        priority = revival_priority(score, days)
        if priority > 0:
            ranked.append((priority, score, name, pid, last))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    top = ranked[:limit]
    signals = tie_signals(owner=owner, person_ids=[r[3] for r in top]) if top else {}
    return [
        RadarTie(
            person_id=pid,
            name=name,
            score=score,
            priority=priority,
            last_contact=last,
            reasons=_reasons(signals.get(pid, TieSignals(person_id=pid)), last, now),
        )
        for priority, score, name, pid, last in top
    ]


def dormant_ties_for_my_needs(*, owner: User, limit: int = RADAR_LIMIT) -> list[DormantMatch]:
    """Dormant ties whose offers meet my needs (facts of kind need about me), the best
    match per person, best first."""
    limit = max(1, min(limit, MAX_LIMIT))
    needs = [
        engine.Item(fact_id, text)
        for fact_id, text in Fact.objects.filter(
            owner=owner, kind=FactKind.NEED, person__isnull=True
        )
        .order_by("-created", "-id")
        .values_list("id", "text")[:MY_NEEDS_LIMIT]
    ]
    if not needs:
        return []
    _items, index = network_index(owner, FactKind.OFFER)
    # Match first, then ask which of the people matched are dormant: far fewer rows than
    # every dormant tie of a large network.
    first: dict[int, engine.Match] = {}
    for match in index.match(needs):
        key = match.offer.key
        person_id = key[1] if isinstance(key, tuple) else None
        if isinstance(person_id, int) and person_id not in first:
            first[person_id] = match
    if not first:
        return []
    matched = list(first)
    dormant: dict[int, float] = {}
    # In chunks: SQLite caps the parameters of one statement.
    for start in range(0, len(matched), IN_CHUNK):
        dormant.update(
            TieStrength.objects.filter(
                owner=owner,
                circle=Circle.DORMANT,
                person__archived=False,
                person_id__in=matched[start : start + IN_CHUNK],
            )
            .filter(_not_pinned_elsewhere(Circle.DORMANT))
            .values_list("person_id", "score")
        )
    best = {pid: match for pid, match in first.items() if pid in dormant}
    ranked = sorted(best.items(), key=lambda kv: (-kv[1].score, -dormant[kv[0]], kv[0]))[:limit]
    people = {
        pid: (name, last)
        for pid, name, last in TieStrength.objects.filter(
            owner=owner, person_id__in=[pid for pid, _m in ranked]
        ).values_list("person_id", "person__full_name", "person__last_interaction_at")
    }
    results = []
    for pid, match in ranked:
        name, last = people[pid]
        words = {
            "name": name,
            "need": clean_topic(match.need.text),
            "offer": clean_topic(match.offer.text),
        }
        results.append(
            DormantMatch(
                person_id=pid,
                name=name,
                score=dormant[pid],
                last_contact=last,
                need=match.need.text,
                offer=match.offer.text,
                match_score=match.score,
                matched=match.matched,
                sentence=_("%(name)s offers %(offer)s; you need %(need)s.") % words,
            )
        )
    return results


def radar(*, owner: User, limit: int = RADAR_LIMIT, now: dt.datetime | None = None) -> Radar:
    """The whole radar, from tie strengths recomputed first if they are a day old."""
    now = now or timezone.now()
    fresh = ties_ensure_fresh(owner=owner, now=now)
    has_needs = Fact.objects.filter(owner=owner, kind=FactKind.NEED, person__isnull=True).exists()
    return Radar(
        revive=weak_ties_to_revive(owner=owner, limit=limit, now=now),
        dormant=dormant_ties_for_my_needs(owner=owner, limit=limit) if has_needs else [],
        has_needs=has_needs,
        fresh=fresh,
    )
