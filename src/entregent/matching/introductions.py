"""Introductions: who to introduce to whom (A's need met by B's offer), and the reads of
the double opt-in workflow (lists, one introduction, its drafts and next step).

Suggestions come from the network's offers and needs indexed once per owner (see
`matching.synergies.network_index`): for one person, their needs are matched against
everyone's offers and their offers against everyone's needs; across the network, the
latest needs against everyone's offers. Pairs already connected, or already introduced,
in progress, declined or dismissed are left out. Each read is a bounded number of
queries whatever the size of the network.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.followups.draft_selectors import draft_language, given_name, my_name
from entregent.followups.drafts import mailto_url
from entregent.matching import engine
from entregent.matching.choices import OPEN_STATUSES, IntroductionStatus
from entregent.matching.engine.grouped import GroupedIndex, Pair, pairs, text_key
from entregent.matching.engine.questions import clean_topic
from entregent.matching.intro_drafts import (
    ASK_A,
    ASK_B,
    INTRODUCE,
    IntroInput,
    IntroPhrases,
    compose_ask,
    compose_introduction,
)
from entregent.matching.models import Introduction
from entregent.matching.synergies import cached_index
from entregent.people.choices import FactKind
from entregent.people.models import Connection, EmailAddress, Fact, Person
from entregent.people.selectors import person_get

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# A suggestion needs at least this score: an introduction costs two people's time.
MIN_SCORE = 0.25
# Across the network, this many of the latest needs are looked at.
NETWORK_NEEDS = 500
# A person's own offers and needs read at most.
PERSON_FACTS = 200


# Suggestions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IntroSuggestion:
    """A could meet B: A's need, B's offer that meets it, the score and what matched."""

    person_a: Person
    person_b: Person
    score: float
    need: str
    offer: str
    matched: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class _Candidate:
    a: int
    b: int
    match: engine.Match


def _limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput.for_field(
            "limit", _("Choose a number from 1 to %(max)d.") % {"max": MAX_LIMIT}
        )
    return limit


def _person_id(item: engine.Item) -> int:
    key = item.key
    assert isinstance(key, tuple)
    person_id = key[1]
    assert isinstance(person_id, int)
    return person_id


def pair_key(a: int, b: int) -> tuple[int, int]:
    """A pair of people in one order, whichever way round they come."""
    return (a, b) if a < b else (b, a)


def reason_sentence(a_name: str, b_name: str, need: str, offer: str) -> str:
    """Why A and B should meet, in the active language."""
    return _("%(a)s needs %(need)s; %(b)s offers %(offer)s.") % {
        "a": a_name,
        "b": b_name,
        "need": clean_topic(need),
        "offer": clean_topic(offer),
    }


def _suggestions(
    owner: User, ranked: list[_Candidate], excluded: set[tuple[int, int]], limit: int
) -> list[IntroSuggestion]:
    """The first ranked pairs not excluded whose two people are live: one query."""
    wanted = [c for c in ranked if pair_key(c.a, c.b) not in excluded][: limit * 2 + 10]
    ids = {c.a for c in wanted} | {c.b for c in wanted}
    people = {
        p.pk: p
        for p in Person.objects.filter(owner=owner, archived=False, pk__in=ids).select_related(
            "organization"
        )
    }
    found: list[IntroSuggestion] = []
    for candidate in wanted:
        a, b = people.get(candidate.a), people.get(candidate.b)
        if a is None or b is None:
            continue
        match = candidate.match
        found.append(
            IntroSuggestion(
                person_a=a,
                person_b=b,
                score=match.score,
                need=match.need.text,
                offer=match.offer.text,
                matched=match.matched,
                reason=reason_sentence(a.full_name, b.full_name, match.need.text, match.offer.text),
            )
        )
        if len(found) == limit:
            break
    return found


def _flip(match: engine.Match) -> engine.Match:
    """A match found by querying the needs' index with an offer, roles put back."""
    matched = tuple(
        " ~ ".join(reversed(part.split(" ~ ", 1))) if " ~ " in part else part
        for part in match.matched
    )
    return engine.Match(match.need, match.offer, match.score, matched, match.concepts)


def _excluded_for(owner: User, person_id: int) -> set[tuple[int, int]]:
    """The pairs with this person that are not suggested: connected, or an introduction of
    any status (in progress, made, declined, cancelled, dismissed). Two queries."""
    excluded: set[tuple[int, int]] = set()
    # A union rather than an OR: each side is read through its own index (with an OR,
    # SQLite reads every connection of the owner, a million at 100k people).
    mine = Connection.objects.filter(owner=owner).order_by()
    connections = (
        mine.filter(from_person_id=person_id)
        .values_list("from_person_id", "to_person_id")
        .union(mine.filter(to_person_id=person_id).values_list("from_person_id", "to_person_id"))
    )
    intros = Introduction.objects.filter(owner=owner).order_by()
    introductions = (
        intros.filter(person_a_id=person_id)
        .values_list("person_a_id", "person_b_id")
        .union(intros.filter(person_b_id=person_id).values_list("person_a_id", "person_b_id"))
    )
    for a, b in [*connections, *introductions]:
        excluded.add(pair_key(a, b))
    return excluded


def _excluded_among(owner: User, ids: set[int]) -> set[tuple[int, int]]:
    """Connected or introduced pairs among these people. Two queries."""
    if not ids:
        return set()
    id_list = sorted(ids)
    connections = Connection.objects.filter(
        owner=owner, from_person_id__in=id_list, to_person_id__in=id_list
    ).values_list("from_person_id", "to_person_id")
    introductions = Introduction.objects.filter(
        owner=owner, person_a_id__in=id_list, person_b_id__in=id_list
    ).values_list("person_a_id", "person_b_id")
    return {pair_key(a, b) for a, b in [*connections, *introductions]}


def _offers_index(owner: User) -> GroupedIndex:
    return cached_index(owner, (FactKind.OFFER,), GroupedIndex)[1]


def _needs_index(owner: User) -> GroupedIndex:
    return cached_index(owner, (FactKind.NEED,), GroupedIndex)[1]


def suggestions_for_person(
    *, owner: User, person: Person | int | str, limit: int | None = None
) -> list[IntroSuggestion]:
    """Introductions this person is part of: their needs met by others' offers, and
    others' needs their offers meet. Best first, one per pair.

    The network's texts are matched once each (see `engine.grouped`), and matches are
    expanded to people best first only until enough pairs are found, so the cost follows
    what the person's facts have in common with the network, not its size.
    """
    limit = _limit(limit)
    if not isinstance(person, Person):
        person = person_get(owner=owner, pk=person)
    elif person.owner_id != owner.pk:
        raise NotFound(_("No such person."))
    rows = (
        Fact.objects.filter(owner=owner, person=person, kind__in=[FactKind.NEED, FactKind.OFFER])
        .order_by("-created", "-id")
        .values_list("id", "kind", "text")[:PERSON_FACTS]
    )
    needs: list[engine.Item] = []
    offers: list[engine.Item] = []
    for fact_id, kind, text in rows:
        item = engine.Item((fact_id, person.pk), text)
        (needs if kind == FactKind.NEED else offers).append(item)
    if not needs and not offers:
        return []
    streams: list[Iterator[Pair]] = []
    if needs:
        offer_index = _offers_index(owner)
        streams.append(
            pairs(
                offer_index.match(needs, min_score=MIN_SCORE),
                need_holders=lambda m: [m.need],
                offer_holders=lambda m: offer_index.holders_of(m.offer),
                owner_of=_person_id,
            )
        )
    if offers:
        need_index = _needs_index(owner)
        streams.append(
            pairs(
                [_flip(m) for m in need_index.match(offers, min_score=MIN_SCORE)],
                need_holders=lambda m: need_index.holders_of(m.need),
                offer_holders=lambda m: [m.offer],
                owner_of=_person_id,
            )
        )
    excluded = _excluded_for(owner, person.pk)
    wanted = limit * 2 + 10
    ranked: list[_Candidate] = []
    seen: set[tuple[int, int]] = set()
    for pair in heapq.merge(*streams, key=lambda p: -p.match.score):
        a, b = int(cast(int, pair.need_owner)), int(cast(int, pair.offer_owner))
        key = pair_key(a, b)
        if key in excluded or key in seen:
            continue
        seen.add(key)
        ranked.append(_Candidate(a, b, pair.match))
        if len(ranked) >= wanted:
            break
    return _suggestions(owner, ranked, set(), limit)


# Across the network, one person appears at most this often, so that one popular offer
# does not fill the list.
PER_PERSON = 2


def suggestions(*, owner: User, limit: int | None = None) -> list[IntroSuggestion]:
    """Introductions across the network: the latest needs met by someone else's offer,
    best first, each person in at most two of them."""
    limit = _limit(limit)
    rows = (
        Fact.objects.filter(
            owner=owner, kind=FactKind.NEED, person__isnull=False, person__archived=False
        )
        .order_by("-updated", "-id")
        .values_list("id", "person_id", "text")[:NETWORK_NEEDS]
    )
    by_text: dict[str, list[engine.Item]] = defaultdict(list)
    for fact_id, person_id, text in rows:
        by_text[text_key(text)].append(engine.Item((fact_id, person_id), text))
    if not by_text:
        return []
    offer_index = _offers_index(owner)
    queries = [items[0] for items in by_text.values()]
    uses: dict[Hashable, int] = defaultdict(int)
    shortlist: list[_Candidate] = []
    for pair in pairs(
        offer_index.match(queries, min_score=MIN_SCORE),
        need_holders=lambda m: by_text[text_key(m.need.text)],
        offer_holders=lambda m: offer_index.holders_of(m.offer),
        owner_of=_person_id,
        saturated=lambda p: uses[p] >= PER_PERSON,
    ):
        uses[pair.need_owner] += 1
        uses[pair.offer_owner] += 1
        a, b = int(cast(int, pair.need_owner)), int(cast(int, pair.offer_owner))
        shortlist.append(_Candidate(a, b, pair.match))
        if len(shortlist) >= limit * 4 + 20:
            break
    ids = {c.a for c in shortlist} | {c.b for c in shortlist}
    return _suggestions(owner, shortlist, _excluded_among(owner, ids), limit)


def best_match(*, owner: User, person_a: Person, person_b: Person) -> engine.Match | None:
    """A's need best met by B's offer, if any (one query)."""
    rows = (
        Fact.objects.filter(
            owner=owner,
            kind__in=[FactKind.NEED, FactKind.OFFER],
            person_id__in=[person_a.pk, person_b.pk],
        )
        .order_by("-created", "-id")
        .values_list("id", "person_id", "kind", "text")[: PERSON_FACTS * 2]
    )
    needs = [engine.Item(i, t) for i, p, k, t in rows if p == person_a.pk and k == FactKind.NEED]
    offers = [engine.Item(i, t) for i, p, k, t in rows if p == person_b.pk and k == FactKind.OFFER]
    if not needs or not offers:
        return None
    found = engine.match_offers_to_needs(offers, needs, min_score=0.2)
    return found[0] if found else None


# Lists and one introduction ------------------------------------------------------------


def introduction_list(
    *,
    owner: User,
    status: str | None = None,
    open_only: bool = False,
    person: Person | None = None,
) -> QuerySet[Introduction]:
    """The owner's introductions, latest change first, dismissed suggestions left out
    unless asked for by status; with both people read in the same query."""
    qs = Introduction.objects.filter(owner=owner).select_related("person_a", "person_b")
    if status:
        if status not in IntroductionStatus.values:
            raise InvalidInput.for_field(
                "status",
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": status[:40], "choices": ", ".join(IntroductionStatus.values)},
            )
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=IntroductionStatus.DISMISSED)
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if person is not None:
        qs = qs.filter(Q(person_a=person) | Q(person_b=person))
    return qs.order_by("-updated", "-id")


def introduction_get(*, owner: User, pk: int | str) -> Introduction:
    """One of the owner's introductions, or NotFound (also for another owner's id)."""
    try:
        return Introduction.objects.select_related("person_a", "person_b").get(
            owner=owner, pk=int(pk)
        )
    except (Introduction.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such introduction.")) from None


# Steps and drafts -------------------------------------------------------------------------

# What to do next at each status: the step's draft and the actions that move it on.
NEXT_STEP = {
    IntroductionStatus.SUGGESTED: ASK_A,
    IntroductionStatus.ASKING_A: ASK_A,
    IntroductionStatus.A_AGREED: ASK_B,
    IntroductionStatus.ASKING_B: ASK_B,
    IntroductionStatus.B_AGREED: INTRODUCE,
    IntroductionStatus.MADE: INTRODUCE,
}

NEXT_ACTIONS = {
    IntroductionStatus.SUGGESTED: ("ask_a", "answer_a", "cancel"),
    IntroductionStatus.ASKING_A: ("answer_a", "cancel"),
    IntroductionStatus.A_AGREED: ("ask_b", "answer_b", "cancel"),
    IntroductionStatus.ASKING_B: ("answer_b", "cancel"),
    IntroductionStatus.B_AGREED: ("make", "cancel"),
}


def next_actions(introduction: Introduction) -> tuple[str, ...]:
    """The actions the introduction's status allows."""
    return NEXT_ACTIONS.get(IntroductionStatus(introduction.status), ())


def next_step_label(introduction: Introduction) -> str:
    """What to do next, in a few words."""
    labels = {
        IntroductionStatus.SUGGESTED: _("Ask %(a)s whether they would like to meet %(b)s."),
        IntroductionStatus.ASKING_A: _("Waiting for %(a)s's answer."),
        IntroductionStatus.A_AGREED: _("%(a)s agreed: ask %(b)s."),
        IntroductionStatus.ASKING_B: _("Waiting for %(b)s's answer."),
        IntroductionStatus.B_AGREED: _("Both agreed: introduce them."),
    }
    label = labels.get(IntroductionStatus(introduction.status))
    if label is None:
        return ""
    return label % {"a": introduction.person_a.full_name, "b": introduction.person_b.full_name}


def intro_phrases(language: str) -> IntroPhrases:
    """The sentences of the three drafts in one language."""
    with translation.override(language):
        return IntroPhrases(
            greeting=pgettext("introduction draft", "Hi %(name)s,"),
            greeting_both=pgettext("introduction draft", "Hi %(a)s and %(b)s,"),
            ask_subject=pgettext("introduction draft", "Would you like to meet %(name)s?"),
            ask_a_need=pgettext(
                "introduction draft",
                "You mentioned you need %(need)s. I know %(other)s, who offers %(offer)s.",
            ),
            ask_a_plain=pgettext(
                "introduction draft", "I know %(other)s, and I think you two should meet."
            ),
            ask_b_need=pgettext(
                "introduction draft",
                "I know %(other)s, who is looking for %(need)s, and I thought of you "
                "and your %(offer)s.",
            ),
            ask_b_plain=pgettext(
                "introduction draft", "I know %(other)s, and I think you two should meet."
            ),
            ask_a_question=pgettext(
                "introduction draft",
                "Would you like me to introduce you? If so, I will check with %(name)s first.",
            ),
            ask_b_question=pgettext(
                "introduction draft",
                "%(name)s would be glad to be introduced. Would you be open to it?",
            ),
            no_pressure=pgettext("introduction draft", "No pressure at all: a no is fine."),
            intro_subject=pgettext("introduction draft", "Introduction: %(a)s ↔ %(b)s"),
            intro_opening=pgettext(
                "introduction draft", "As promised, I am happy to introduce you to each other."
            ),
            intro_a=pgettext("introduction draft", "%(b)s, %(a)s is looking for %(need)s."),
            intro_b=pgettext("introduction draft", "%(a)s, %(b)s offers %(offer)s."),
            intro_plain=pgettext(
                "introduction draft", "%(a)s, %(b)s: I think you will have a lot to talk about."
            ),
            intro_close=pgettext("introduction draft", "I will let you take it from here."),
            sign_off=pgettext("introduction draft", "Best,"),
        )


@dataclass(frozen=True)
class StepDraft:
    """One step's draft: to whom, in which language, and a mailto link to send it."""

    step: str
    language: str
    to: str
    subject: str
    body: str
    mailto: str


def _joint_language(owner: User, a: Person, b: Person) -> str:
    la, lb = draft_language(owner, a), draft_language(owner, b)
    if la == lb:
        return la
    supported = {code for code, _name in settings.LANGUAGES}
    return owner.language if owner.language in supported else str(settings.LANGUAGE_CODE)


def first_emails(*, owner: User, people: Iterable[int]) -> dict[int, str]:
    """Each person's first e-mail address, for many people in one query."""
    found: dict[int, str] = {}
    rows = (
        EmailAddress.objects.filter(owner=owner, person_id__in=sorted(set(people)))
        .order_by("person_id", "position", "id")
        .values_list("person_id", "address")
    )
    for person_id, address in rows:
        found.setdefault(person_id, address)
    return found


def introduction_drafts(
    *, owner: User, introduction: Introduction, emails: dict[int, str] | None = None
) -> list[StepDraft]:
    """The three drafts: asking A (A's language), asking B (B's), and the introduction to
    both (their common language, else the account's). One query for their e-mails,
    none when `emails` (from `first_emails`) is given."""
    a, b = introduction.person_a, introduction.person_b
    if emails is None:
        emails = first_emails(owner=owner, people=[a.pk, b.pk])
    data = IntroInput(
        a_given=given_name(a),
        a_name=a.full_name,
        b_given=given_name(b),
        b_name=b.full_name,
        my_name=my_name(owner),
        need=clean_topic(introduction.need) if introduction.need else "",
        offer=clean_topic(introduction.offer) if introduction.offer else "",
    )
    email_a, email_b = emails.get(a.pk, ""), emails.get(b.pk, "")
    drafts = []
    for step, language, to in (
        (ASK_A, draft_language(owner, a), email_a),
        (ASK_B, draft_language(owner, b), email_b),
        (INTRODUCE, _joint_language(owner, a, b), ", ".join(e for e in (email_a, email_b) if e)),
    ):
        phrases = intro_phrases(language)
        if step == INTRODUCE:
            composed = compose_introduction(data, phrases)
        else:
            composed = compose_ask(data, phrases, side="a" if step == ASK_A else "b")
        drafts.append(
            StepDraft(
                step=step,
                language=language,
                to=to,
                subject=composed.subject,
                body=composed.body,
                mailto=mailto_url(to, composed.subject, composed.body),
            )
        )
    return drafts


def current_draft(drafts: list[StepDraft], introduction: Introduction) -> StepDraft | None:
    """The draft of the step the introduction is at (none once closed without meeting)."""
    step = NEXT_STEP.get(IntroductionStatus(introduction.status))
    return next((d for d in drafts if d.step == step), None)
