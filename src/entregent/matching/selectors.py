"""Reads of the matching app: common ground between people, and the brief before a meeting.

Each function reads what it needs in a fixed number of queries (whatever the size of the
network or of the person's history), hands plain records to the pure engine, and words
the result in the active language. The brief's questions are worded in the person's
language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import F, Model, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.encounters.models import Encounter
from entregent.followups.cadence import PENDING
from entregent.followups.models import FollowUp
from entregent.matching import engine
from entregent.matching.engine import ground as cg
from entregent.matching.engine.questions import Fact as QuestionFact
from entregent.matching.engine.questions import clean_topic
from entregent.people.choices import FactKind
from entregent.people.models import Connection, Fact, Person

_M = TypeVar("_M", bound=Model)

# Facts that make small talk (shared interests), and how many facts of one side are read.
TOPIC_KINDS = (FactKind.INTEREST, FactKind.PERSONAL, FactKind.PROJECT)
FACT_LIMIT = 500
ACQUAINTANCE_LIMIT = 1000
EVENT_LIMIT = 200
BRIEF_ENCOUNTERS = 5
BRIEF_FOLLOWUPS = 20


def _owned(queryset: QuerySet[_M], owner_id: int) -> QuerySet[_M]:
    """The owner's rows among those reached through people's ids; `owner_id + 0` keeps
    SQLite on the person index (see people.selectors._owned)."""
    return queryset.alias(_owner_check=F("owner_id") + 0).filter(_owner_check=owner_id)


def _person(owner: User, pk: int | str) -> Person:
    try:
        return Person.objects.select_related("organization", "introduced_by").get(
            owner=owner, pk=int(pk)
        )
    except (Person.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such person.")) from None


# Reading the two sides ------------------------------------------------------------------


@dataclass
class _Side:
    person: Person | None
    facts: list[Fact] = field(default_factory=list)
    acquaintances: dict[object, str] = field(default_factory=dict)
    events: dict[object, str] = field(default_factory=dict)

    def profile(self) -> cg.Profile:
        person = self.person
        by_kind: dict[str, list[engine.Item]] = defaultdict(list)
        for fact in self.facts:
            by_kind[fact.kind].append(engine.Item(fact.pk, fact.text))
        topics = [item for kind in TOPIC_KINDS for item in by_kind[kind]]
        if person is None:
            return cg.Profile(
                key=None,
                name="",
                topics=topics,
                offers=by_kind[FactKind.OFFER],
                needs=by_kind[FactKind.NEED],
            )
        organization = person.organization
        return cg.Profile(
            key=person.pk,
            name=person.full_name,
            organization_key=organization.pk if organization else None,
            organization=organization.name if organization else "",
            industry=organization.industry if organization else "",
            city=person.city,
            topics=topics,
            offers=by_kind[FactKind.OFFER],
            needs=by_kind[FactKind.NEED],
            acquaintances=self.acquaintances,
            events=self.events,
            introduced_by=person.introduced_by_id,
        )


def _read_sides(owner: User, people: Sequence[Person], *, with_me: bool) -> list[_Side]:
    """Facts, acquaintances and events of these people (and my facts): four queries."""
    ids = [p.pk for p in people]
    sides = {p.pk: _Side(p) for p in people}
    me = _Side(None)
    fact_filter = Q(person_id__in=ids) | Q(person__isnull=True) if with_me else Q(person_id__in=ids)
    facts = Fact.objects.filter(fact_filter, owner=owner).order_by("-created", "-id")
    for fact in facts[: FACT_LIMIT * (len(ids) + 1)]:
        side = me if fact.person_id is None else sides[fact.person_id]
        if len(side.facts) < FACT_LIMIT:
            side.facts.append(fact)

    # Whoever introduced them is someone they know.
    for person in people:
        if person.introduced_by is not None:
            sides[person.pk].acquaintances[person.introduced_by.pk] = person.introduced_by.full_name
    connections = (
        _owned(
            Connection.objects.filter(Q(from_person_id__in=ids) | Q(to_person_id__in=ids)), owner.pk
        )
        .order_by("-created", "-id")
        .values_list(
            "from_person_id", "to_person_id", "from_person__full_name", "to_person__full_name"
        )
    )
    for from_id, to_id, from_name, to_name in connections[:ACQUAINTANCE_LIMIT]:
        if from_id in sides:
            sides[from_id].acquaintances.setdefault(to_id, to_name)
        if to_id in sides:
            sides[to_id].acquaintances.setdefault(from_id, from_name)
    introduced = (
        _owned(Person.objects.filter(introduced_by_id__in=ids), owner.pk)
        .order_by("sort_name", "id")
        .values_list("introduced_by_id", "id", "full_name")
    )
    for introducer_id, person_id, name in introduced[:ACQUAINTANCE_LIMIT]:
        sides[introducer_id].acquaintances.setdefault(person_id, name)

    attendance = (
        _owned(Encounter.objects.filter(participants__in=ids, event__isnull=False), owner.pk)
        .order_by("-event__date", "-event_id")
        .values_list("participants", "event_id", "event__name")
        .distinct()
    )
    for person_id, event_id, event_name in attendance[: EVENT_LIMIT * len(ids)]:
        sides[person_id].events.setdefault(event_id, event_name)
    return ([me] if with_me else []) + [sides[p.pk] for p in people]


# Wording -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroundItem:
    """One thing in common, said as a sentence, with what supports it.

    `person_id` / `event_id` point at the acquaintance or event the sentence names;
    `fact_ids` at the facts that matched; `matched` lists the words or concepts that did.
    """

    kind: str
    sentence: str
    score: float = 1.0
    person_id: int | None = None
    event_id: int | None = None
    fact_ids: tuple[int, ...] = ()
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommonGround:
    """What `first` (None: the user) and `second` have in common, strongest kinds first."""

    first: Person | None
    second: Person
    items: list[GroundItem]


KIND_LABELS = {
    cg.COMPLEMENT: _l("Ways to help each other"),
    cg.INTEREST: _l("Shared interests"),
    cg.ACQUAINTANCE: _l("Mutual acquaintances"),
    cg.INTRODUCER: _l("Introduced by"),
    cg.DIRECT: _l("Already connected"),
    cg.EVENT: _l("Same events"),
    cg.ORGANIZATION: _l("Same organization"),
    cg.INDUSTRY: _l("Same industry"),
    cg.CITY: _l("Same city"),
}


def _topic(match: engine.Match) -> str:
    """What a shared interest is about: the vocabulary's name for it, or their words."""
    for key in match.concepts:
        concept = engine.CONCEPTS_BY_KEY.get(key)
        if concept is not None:
            return concept.label(translation.get_language() or "en")
    return match.need.text.strip()


def _int(key: object) -> int | None:
    return key if isinstance(key, int) else None


def _fact_ids(match: engine.Match | None) -> tuple[int, ...]:
    if match is None:
        return ()
    return tuple(k for k in (match.offer.key, match.need.key) if isinstance(k, int))


def _sentence(common: cg.Common, first: Person | None, second: Person) -> str:
    """The evidence in a sentence, gender-neutral, with the user as "you"."""
    b = second.full_name
    match = common.match
    if first is None:
        if common.kind == cg.COMPLEMENT and match is not None:
            if common.giver == 0:
                return _("%(name)s needs %(need)s; you offer %(offer)s.") % {
                    "name": b,
                    "need": clean_topic(match.need.text),
                    "offer": clean_topic(match.offer.text),
                }
            return _("%(name)s offers %(offer)s; you need %(need)s.") % {
                "name": b,
                "need": clean_topic(match.need.text),
                "offer": clean_topic(match.offer.text),
            }
        if common.kind == cg.INTEREST and match is not None:
            return _("You both care about %(topic)s.") % {"topic": _topic(match)}
        if common.kind == cg.ACQUAINTANCE:
            return _("You both know %(name)s.") % {"name": common.label}
        if common.kind == cg.INTRODUCER:
            return _("%(name)s introduced you to %(person)s.") % {
                "name": common.label,
                "person": b,
            }
        if common.kind == cg.EVENT:
            return _("You were both at %(event)s.") % {"event": common.label}
    a = first.full_name if first is not None else ""
    names = {"a": a, "b": b}
    if common.kind == cg.COMPLEMENT and match is not None:
        giver, needer = (a, b) if common.giver == 0 else (b, a)
        return _("%(needer)s needs %(need)s; %(giver)s offers %(offer)s.") % {
            "needer": needer,
            "giver": giver,
            "need": clean_topic(match.need.text),
            "offer": clean_topic(match.offer.text),
        }
    if common.kind == cg.INTEREST and match is not None:
        return _("%(a)s and %(b)s both care about %(topic)s.") % {**names, "topic": _topic(match)}
    if common.kind in {cg.ACQUAINTANCE, cg.INTRODUCER}:
        return _("%(a)s and %(b)s both know %(name)s.") % {**names, "name": common.label}
    if common.kind == cg.DIRECT:
        return _("%(a)s and %(b)s already know each other.") % names
    if common.kind == cg.EVENT:
        return _("%(a)s and %(b)s were both at %(event)s.") % {**names, "event": common.label}
    if common.kind == cg.ORGANIZATION:
        return _("%(a)s and %(b)s both work at %(organization)s.") % {
            **names,
            "organization": common.label,
        }
    if common.kind == cg.INDUSTRY:
        return _("%(a)s and %(b)s both work in %(industry)s.") % {
            **names,
            "industry": common.label,
        }
    return _("%(a)s and %(b)s are both based in %(city)s.") % {**names, "city": common.label}


def _items(found: Sequence[cg.Common], first: Person | None, second: Person) -> list[GroundItem]:
    return [
        GroundItem(
            kind=common.kind,
            sentence=_sentence(common, first, second),
            score=round(common.score, 3),
            person_id=_int(common.key) if common.kind in {cg.ACQUAINTANCE, cg.INTRODUCER} else None,
            event_id=_int(common.key) if common.kind == cg.EVENT else None,
            fact_ids=_fact_ids(common.match),
            matched=common.match.matched if common.match is not None else (),
        )
        for common in found
    ]


def _ground(owner: User, first: Person | None, second: Person) -> CommonGround:
    if first is None:
        one, two = _read_sides(owner, [second], with_me=True)
    else:
        one, two = _read_sides(owner, [first, second], with_me=False)
    found = cg.common_ground(one.profile(), two.profile())
    return CommonGround(first=first, second=second, items=_items(found, first, second))


def common_ground(
    *, owner: User, person: Person | int | str, other: Person | int | str | None = None
) -> CommonGround:
    """What the user (or `other`, when given) has in common with `person`.

    Both people must be the owner's (NotFound otherwise); a person compared with
    themselves is refused.
    """
    second = person if isinstance(person, Person) else _person(owner, person)
    if second.owner_id != owner.pk:
        raise NotFound(_("No such person."))
    if other is None:
        return _ground(owner, None, second)
    try:
        first = other if isinstance(other, Person) else _person(owner, other)
        if first.owner_id != owner.pk:
            raise NotFound(_("No such person."))
    except NotFound as exc:
        raise NotFound(exc.message, errors={"with": [exc.message]}) from None
    if first.pk == second.pk:
        raise InvalidInput.for_field("with", _("Choose someone other than the person."))
    return _ground(owner, first, second)


# The brief ---------------------------------------------------------------------------

QUESTION_TEXTS: dict[str, Any] = {
    "project_excited": _l("What are you most excited about in %(topic)s?"),
    "project_hardest": _l("What has been the hardest part of %(topic)s so far?"),
    "project_success": _l("What would success look like for %(topic)s?"),
    "project_next": _l("What is the next big step for %(topic)s?"),
    "need_difference": _l("What would make the biggest difference with %(topic)s right now?"),
    "need_tried": _l("What have you tried so far for %(topic)s?"),
    "need_ideal": _l("What would the ideal help with %(topic)s look like?"),
    "interest_start": _l("How did you discover %(topic)s?"),
    "interest_enjoy": _l("What do you enjoy most about %(topic)s?"),
    "interest_recommend": _l("What would you recommend to someone starting with %(topic)s?"),
    "talking_point_news": _l("What is new with %(topic)s since we last talked?"),
    "talking_point_view": _l("How do you see %(topic)s evolving?"),
    "offer_proudest": _l("Which project in %(topic)s has made you proudest?"),
    "offer_learned": _l("How did you learn %(topic)s?"),
    "offer_ideal_client": _l("Who is your ideal client for %(topic)s?"),
    "role_enjoy": _l("What do you enjoy most in your work as %(topic)s?"),
    "role_change": _l("What is changing the most in your work as %(topic)s?"),
    "organization_week": _l("What does a good week look like for you at %(topic)s?"),
    "generic_excited": _l("What are you working on at the moment that excites you?"),
    "generic_highlight": _l("What has been the highlight of your month?"),
    "generic_learn": _l("What would you like to learn or try next?"),
    "generic_meet": _l("Who would you love to meet right now?"),
    "generic_help": _l("What could make your work easier these days?"),
}


@dataclass(frozen=True)
class Brief:
    """What to know before meeting someone.

    `language` is the language of `questions` (the person's, else the owner's); the rest
    follows the active language.
    """

    person: Person
    language: str
    facts_by_kind: list[tuple[str, str, list[Fact]]]
    encounters: list[Encounter]
    followups: list[FollowUp]
    common_ground: CommonGround
    questions: list[str]


def brief_language(*, owner: User, person: Person) -> str:
    """The language to speak with a person: theirs, else the owner's."""
    return person.language or owner.language or "en"


def questions_for(
    *, facts: Sequence[Fact], person: Person, language: str, count: int = 3
) -> list[str]:
    """Open-ended questions built from the person's facts and role, in `language`."""
    plan = engine.plan_questions(
        [QuestionFact(f.kind, f.pk, f.text) for f in facts],
        role=person.headline,
        organization=person.organization.name if person.organization else "",
        count=count,
    )
    with translation.override(language):
        return [str(QUESTION_TEXTS[q.template]) % {"topic": q.topic} for q in plan]


def person_brief(*, owner: User, person: Person | int | str) -> Brief:
    """Key facts by kind, the last encounters, open follow-ups, common ground and three
    questions in the person's language; a fixed number of queries."""
    person = person if isinstance(person, Person) else _person(owner, person)
    if person.owner_id != owner.pk:
        raise NotFound(_("No such person."))
    me, them = _read_sides(owner, [person], with_me=True)
    found = cg.common_ground(me.profile(), them.profile())
    facts = them.facts
    grouped = [
        (kind, str(label), [f for f in facts if f.kind == kind])
        for kind, label in FactKind.choices
        if any(f.kind == kind for f in facts)
    ]
    encounters = list(
        _owned(Encounter.objects.filter(participants=person), owner.pk)
        .select_related("event")
        .order_by("-occurred_at", "-id")[:BRIEF_ENCOUNTERS]
    )
    followups = list(
        _owned(FollowUp.objects.filter(person=person, status__in=PENDING), owner.pk).order_by(
            "due_on", "id"
        )[:BRIEF_FOLLOWUPS]
    )
    language = brief_language(owner=owner, person=person)
    return Brief(
        person=person,
        language=language,
        facts_by_kind=grouped,
        encounters=encounters,
        followups=followups,
        common_ground=CommonGround(first=None, second=person, items=_items(found, None, person)),
        questions=questions_for(facts=facts, person=person, language=language),
    )


def kind_label(kind: str) -> str:
    """The heading of a kind of common ground, in the active language."""
    return str(KIND_LABELS.get(kind, kind))


def grouped_items(ground: CommonGround) -> list[tuple[str, str, list[GroundItem]]]:
    """The items by kind, in the engine's order of kinds, each with its heading."""
    return [
        (kind, kind_label(kind), [item for item in ground.items if item.kind == kind])
        for kind in cg.KINDS
        if any(item.kind == kind for item in ground.items)
    ]
