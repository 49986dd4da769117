"""Reading for the dedupe app: the engine fed from the database, merges, reasons in words."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.dedupe.engine import MIN_SCORE, Candidate, Reason, Record, Stats, find_duplicates
from entregent.dedupe.models import Merge, NotDuplicate
from entregent.people.models import EmailAddress, Link, Person, PhoneNumber

# Rows read per query when loading a whole network: bounded memory per round trip.
CHUNK = 5000


def duplicate_records(*, owner: User) -> list[Record]:
    """Every person of the owner as an engine record: four queries, read in chunks."""
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    links: dict[int, list[str]] = defaultdict(list)
    for person_id, address in (
        EmailAddress.objects.filter(owner=owner)
        .values_list("person_id", "address")
        .iterator(chunk_size=CHUNK)
    ):
        emails[person_id].append(address)
    for person_id, number in (
        PhoneNumber.objects.filter(owner=owner)
        .values_list("person_id", "number")
        .iterator(chunk_size=CHUNK)
    ):
        phones[person_id].append(number)
    for person_id, url in (
        Link.objects.filter(owner=owner, url__icontains="linkedin.")
        .values_list("person_id", "url")
        .iterator(chunk_size=CHUNK)
    ):
        links[person_id].append(url)
    rows = (
        Person.objects.filter(owner=owner)
        .order_by()
        .values_list("pk", "full_name", "given_name", "family_name", "organization__name", "city")
        .iterator(chunk_size=CHUNK)
    )
    return [
        Record(
            id=pk,
            full_name=full_name,
            given=given,
            family=family,
            emails=tuple(emails.get(pk, ())),
            phones=tuple(phones.get(pk, ())),
            links=tuple(links.get(pk, ())),
            organization=org or "",
            city=city,
        )
        for pk, full_name, given, family, org, city in rows
    ]


def dismissed_pairs(*, owner: User) -> set[tuple[int, int]]:
    """Pairs the owner said are different people."""
    return {
        (min(a, b), max(a, b))
        for a, b in NotDuplicate.objects.filter(owner=owner).values_list(
            "person_a_id", "person_b_id"
        )
    }


@dataclass
class CandidateRow:
    """A candidate pair for display: both people, the score and the reasons in words."""

    candidate: Candidate
    first: Person
    second: Person
    reasons: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.candidate.score

    @property
    def percent(self) -> int:
        return round(self.candidate.score * 100)


@dataclass
class CandidateSearch:
    candidates: list[Candidate]
    stats: Stats


def _data_version(owner: User) -> tuple[Any, ...]:
    """What the search depends on, in a few aggregate queries: any change to people, their
    e-mails, phones or links, or to dismissed pairs changes it."""
    version: list[Any] = []
    for model, column in (
        (Person, "updated"),
        (EmailAddress, "id"),
        (PhoneNumber, "id"),
        (Link, "id"),
        (NotDuplicate, "id"),
    ):
        row = model.objects.filter(owner=owner).aggregate(n=Count("id"), last=Max(column))
        version.extend((row["n"], row["last"]))
    return tuple(version)


def duplicate_candidates(
    *, owner: User, min_score: float = MIN_SCORE, use_cache: bool = True
) -> CandidateSearch:
    """Likely duplicate pairs of the owner's people, best first, without dismissed pairs.

    The whole search takes seconds on 100k people, so its result is cached until the data
    it depends on changes (paging through the list does not search again)."""
    key = f"dedupe:{owner.pk}:{min_score}"
    version = _data_version(owner) if use_cache else None
    if version is not None:
        cached = cache.get(key)
        if cached is not None and cached[0] == version:
            return cast(CandidateSearch, cached[1])
    result = find_duplicates(
        duplicate_records(owner=owner),
        exclude=dismissed_pairs(owner=owner),
        min_score=min_score,
    )
    search = CandidateSearch(candidates=result.candidates, stats=result.stats)
    if version is not None:
        cache.set(key, (version, search), timeout=3600)
    return search


def candidate_rows(*, owner: User, candidates: list[Candidate]) -> list[CandidateRow]:
    """Candidates with their people loaded (one query) and reasons translated."""
    ids = {c.a for c in candidates} | {c.b for c in candidates}
    people = Person.objects.filter(owner=owner, pk__in=ids).select_related("organization")
    by_id = {p.pk: p for p in people}
    return [
        CandidateRow(
            candidate=c,
            first=by_id[c.a],
            second=by_id[c.b],
            reasons=[reason_text(r) for r in c.reasons],
        )
        for c in candidates
        if c.a in by_id and c.b in by_id
    ]


def pair_candidate(*, owner: User, first: Person, second: Person) -> Candidate:
    """The engine's score and reasons for one chosen pair (even a weak one)."""
    records = {r.id: r for r in duplicate_records_for(owner=owner, ids=[first.pk, second.pk])}
    result = find_duplicates(records.values(), min_score=0.0)
    if result.candidates:
        return result.candidates[0]
    a, b = sorted((first.pk, second.pk))
    return Candidate(a=a, b=b, score=0.0, reasons=())


def duplicate_records_for(*, owner: User, ids: list[int]) -> list[Record]:
    """Engine records of a few people (for one pair's review)."""
    people = Person.objects.filter(owner=owner, pk__in=ids).select_related("organization")
    people = people.prefetch_related("emails", "phones", "links")
    return [
        Record(
            id=p.pk,
            full_name=p.full_name,
            given=p.given_name,
            family=p.family_name,
            emails=tuple(e.address for e in p.emails.all()),
            phones=tuple(n.number for n in p.phones.all()),
            links=tuple(link.url for link in p.links.all()),
            organization=p.organization.name if p.organization else "",
            city=p.city,
        )
        for p in people
    ]


def reason_text(reason: Reason) -> str:
    """A reason in the active language."""
    messages: dict[str, Any] = {
        "same_email": _("same e-mail %(a)s"),
        "same_phone": _("same phone %(a)s"),
        "same_linkedin": _("same LinkedIn profile %(a)s"),
        "same_name": _("same name"),
        "same_name_accents": _("same name but for accents (%(a)s / %(b)s)"),
        "swapped": _("given and family names swapped"),
        "nickname": _("%(a)s is a nickname of %(b)s"),
        "initial": _("initial %(a)s matches %(b)s"),
        "short_form": _("%(a)s is a short form of %(b)s"),
        "similar_given": _("similar given names (%(a)s / %(b)s)"),
        "similar_family": _("similar family names (%(a)s / %(b)s)"),
        "similar_name": _("similar names (%(a)s / %(b)s)"),
        "same_organization": _("same organization %(a)s"),
        "same_city": _("same city %(a)s"),
        "different_organization": _("different organizations (%(a)s / %(b)s)"),
        "different_given": _("different given names (%(a)s / %(b)s)"),
        "suffix_conflict": _("%(a)s and %(b)s: probably parent and child"),
        "suffix_only": _("only one of them is %(a)s"),
        "middle_conflict": _("different middle names (%(a)s / %(b)s)"),
    }
    message = messages.get(reason.code)
    if message is None:
        return reason.english()
    return str(message % {"a": reason.a, "b": reason.b})


def merge_list(*, owner: User) -> QuerySet[Merge]:
    """The owner's merges, newest first."""
    return Merge.objects.filter(owner=owner).order_by("-created", "-id")


def merge_get(*, owner: User, pk: int | str) -> Merge:
    """One of the owner's merges; another owner's looks like a missing one."""
    try:
        return Merge.objects.get(owner=owner, pk=int(pk))
    except (Merge.DoesNotExist, ValueError, OverflowError):
        raise NotFound(_("Not found.")) from None


@dataclass
class FieldChoice:
    """One field of a merge review: both values as shown, and what is kept by default."""

    name: str
    label: str
    survivor_value: str
    other_value: str
    default: str
    can_join: bool = False


def _shown(person: Person, name: str) -> str:
    if name == "name":
        return person.full_name
    if name == "organization":
        return person.organization.name if person.organization else ""
    if name == "introduced_by":
        return person.introduced_by.full_name if person.introduced_by else ""
    if name == "language":
        return str(person.get_language_display()) if person.language else ""
    if name == "circle":
        shown = str(person.get_circle_display())
        return shown + (" " + _("(pinned)") if person.circle_pinned else "")
    value = getattr(person, name)
    return "" if value is None else str(value)


def merge_preview(*, survivor: Person, other: Person) -> list[FieldChoice]:
    """The fields whose values differ between the two people, with the default choice."""
    from entregent.dedupe.services import FIELD_LABELS, default_choices, differing_fields

    defaults = default_choices(survivor=survivor, other=other)
    return [
        FieldChoice(
            name=name,
            label=str(FIELD_LABELS[name]),
            survivor_value=_shown(survivor, name),
            other_value=_shown(other, name),
            default=str(defaults[name]),
            can_join=name == "notes",
        )
        for name in differing_fields(survivor=survivor, other=other)
    ]


def person_summary(*, person: Person) -> dict[str, int]:
    """How much is recorded about a person, for the review page (a few count queries)."""
    return {
        "emails": person.emails.count(),
        "phones": person.phones.count(),
        "facts": person.facts.count(),
        "encounters": person.encounters.count(),
        "followups": person.followups.count(),
        "connections": person.connections_out.count() + person.connections_in.count(),
    }


def _person(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "full_name": p.full_name,
        "organization": p.organization.name if p.organization else None,
        "city": p.city,
    }


def candidate_json(row: CandidateRow) -> dict[str, Any]:
    """One candidate pair, the same shape in the API and the CLI's --json."""
    return {
        "score": row.score,
        "people": [_person(row.first), _person(row.second)],
        "reasons": [
            {"code": r.code, "text": reason_text(r), "weight": r.weight}
            for r in row.candidate.reasons
        ],
    }
