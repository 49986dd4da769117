""" "Share this": who would care about an article, and share follow-ups for them in one go.

`share_suggest` (a read) compares the article's title, text and address with everyone's
interests, projects and needs: a person is suggested when the article covers one of them
well, with the facts and words as evidence. `share_followups_create` (a write) plans a
"share" follow-up for each chosen person, due today, whose topic is the title and the
address; asking again for the same person and address while one is still open changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.followups.cadence import PENDING
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.matching import engine
from entregent.matching.engine.synergy import Coverage, TopicIndex, rank_readers
from entregent.matching.synergies import cached_index
from entregent.people.choices import FactKind
from entregent.people.models import Fact, Person

SHARE_KINDS = (FactKind.INTEREST, FactKind.PROJECT, FactKind.NEED)
MAX_TEXT_CHARS = 100_000
MAX_URL_CHARS = 250
MAX_TITLE_CHARS = 200
MAX_PEOPLE = 100
TOPIC_MAX = 300
DEFAULT_LIMIT = 20
_SEPARATOR = " — "
_URL_WORDS = re.compile(r"[A-Za-z\u00C0-\u024F]{3,}")


@dataclass(frozen=True)
class Article:
    """What is shared, cleaned: its address, its title, its text (any may be empty)."""

    url: str
    title: str
    text: str

    @property
    def topic(self) -> str:
        """The follow-up's topic: "Title — https://…", or either alone."""
        if self.url and self.title:
            room = TOPIC_MAX - len(self.url) - len(_SEPARATOR)
            title = self.title if len(self.title) <= room else self.title[: room - 1] + "…"
            return title + _SEPARATOR + self.url
        if self.url:
            return self.url
        if self.title:
            return self.title[:TOPIC_MAX]
        first = self.text.split("\n", 1)[0].strip()
        return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"

    def matchable(self) -> str:
        """Title, text and the words of the address's path, for the matcher."""
        path_words = ""
        if self.url:
            path = self.url.split("://", 1)[-1].split("/", 1)[-1]
            path_words = " ".join(_URL_WORDS.findall(path.split("?", 1)[0]))
        return "\n".join(part for part in (self.title, path_words, self.text) if part)


def clean_article(url: str | None = "", text: str | None = "", title: str | None = "") -> Article:
    """Validate what is shared: an http(s) address and/or some text (or a title)."""
    url = (url or "").strip()
    title = " ".join((title or "").split())
    text = (text or "").strip()
    if url:
        if len(url) > MAX_URL_CHARS:
            raise InvalidInput.for_field(
                "url", _("At most %(max)d characters.") % {"max": MAX_URL_CHARS}
            )
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise InvalidInput.for_field(
                "url", _("Enter a web address starting with http:// or https://.")
            ) from None
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInput.for_field(
            "title", _("At most %(max)d characters.") % {"max": MAX_TITLE_CHARS}
        )
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput.for_field(
            "text", _("At most %(max)d characters.") % {"max": MAX_TEXT_CHARS}
        )
    if not (url or text or title):
        raise InvalidInput.for_field("text", _("Paste the article's address or its text."))
    return Article(url=url, title=title, text=text)


@dataclass(frozen=True)
class ShareReason:
    """One of the person's facts the article speaks to."""

    kind: str
    fact_id: int
    text: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class ShareSuggestion:
    """Someone who would care, why, and whether sharing it with them is already planned."""

    person: Person
    score: float
    reasons: tuple[ShareReason, ...]
    planned: bool


@dataclass(frozen=True)
class ShareResult:
    article: Article
    suggestions: list[ShareSuggestion]


def _topic_index(items: list[engine.Item]) -> TopicIndex:
    return TopicIndex(items)


def _person_of(coverage: Coverage) -> Hashable:
    key = coverage.item.key
    assert isinstance(key, tuple)
    return key[1]


def _pending_shares(owner: User, topic: str, person_ids: Sequence[int]) -> dict[int, FollowUp]:
    found = (
        FollowUp.objects.filter(
            owner=owner,
            kind=FollowUpKind.SHARE,
            status__in=PENDING,
            topic=topic,
            person_id__in=list(person_ids),
        )
        .select_related("person")
        .order_by("id")
    )
    pending: dict[int, FollowUp] = {}
    for followup in found:
        pending.setdefault(followup.person_id, followup)
    return pending


def share_suggest(
    *,
    owner: User,
    url: str | None = "",
    text: str | None = "",
    title: str | None = "",
    limit: int = DEFAULT_LIMIT,
) -> ShareResult:
    """Who would care about an article: people whose interests, projects or needs it
    covers, best first, with those facts as evidence. A fixed number of queries."""
    article = clean_article(url, text, title)
    if not 1 <= limit <= MAX_PEOPLE:
        raise InvalidInput.for_field(
            "limit", _("Choose a number from 1 to %(max)d.") % {"max": MAX_PEOPLE}
        )
    _items, index = cached_index(owner, SHARE_KINDS, _topic_index)
    coverages = index.covered_by(article.matchable())
    ranked = rank_readers(coverages, _person_of)[: limit * 2 + 10]
    people = {
        p.pk: p
        for p in Person.objects.filter(
            owner=owner, archived=False, pk__in=[r.person for r in ranked]
        ).select_related("organization")
    }
    ranked = [r for r in ranked if r.person in people][:limit]
    fact_ids = [c.item.key[0] for r in ranked for c in r.coverages if isinstance(c.item.key, tuple)]
    kinds = dict(Fact.objects.filter(owner=owner, pk__in=fact_ids).values_list("id", "kind"))
    pending = _pending_shares(owner, article.topic, list(people))
    suggestions = []
    for entry in ranked:
        assert isinstance(entry.person, int)
        reasons = []
        for coverage in entry.coverages:
            key = coverage.item.key
            assert isinstance(key, tuple)
            reasons.append(
                ShareReason(
                    kind=kinds.get(key[0], ""),
                    fact_id=key[0],
                    text=coverage.item.text,
                    score=coverage.score,
                    matched=coverage.matched,
                )
            )
        suggestions.append(
            ShareSuggestion(
                person=people[entry.person],
                score=entry.score,
                reasons=tuple(reasons),
                planned=entry.person in pending,
            )
        )
    return ShareResult(article=article, suggestions=suggestions)


@dataclass(frozen=True)
class ShareFollowUps:
    """The share follow-ups planned by one click: new ones, and those already open."""

    article: Article
    created: list[FollowUp]
    existing: list[FollowUp]


def _person_ids(people: Sequence[int | str]) -> list[int]:
    ids: list[int] = []
    for value in people:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise InvalidInput.for_field(
                "people", _("“%(value)s” is not a person's id.") % {"value": str(value)[:40]}
            ) from None
        if number not in ids:
            ids.append(number)
    if not ids:
        raise InvalidInput.for_field("people", _("Choose at least one person."))
    if len(ids) > MAX_PEOPLE:
        raise InvalidInput.for_field(
            "people", _("At most %(max)d people at once.") % {"max": MAX_PEOPLE}
        )
    return ids


@transaction.atomic
def share_followups_create(
    *,
    owner: User,
    people: Sequence[int | str],
    url: str | None = "",
    title: str | None = "",
    text: str | None = "",
    due_on: dt.date | None = None,
) -> ShareFollowUps:
    """Plan a "share" follow-up (due today unless `due_on`) for each person, topic the
    article's title and address; a person who already has one open for the same topic
    keeps it (idempotent). Every person must be the owner's (NotFound otherwise)."""
    article = clean_article(url, text, title)
    ids = _person_ids(people)
    found = {p.pk: p for p in Person.objects.filter(owner=owner, pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(
            _("No such person."),
            errors={"people": [_("No such person: %(id)s.") % {"id": missing[0]}]},
        )
    # Lock the people so two clicks at once cannot both create.
    list(Person.objects.select_for_update().filter(owner=owner, pk__in=ids).values_list("id"))
    pending = _pending_shares(owner, article.topic, ids)
    due = due_on or timezone.localdate()
    created, existing = [], []
    for person_id in ids:
        if person_id in pending:
            existing.append(pending[person_id])
            continue
        created.append(
            followup_create(
                owner=owner,
                person=found[person_id],
                due_on=due,
                kind=FollowUpKind.SHARE,
                topic=article.topic,
            )
        )
    return ShareFollowUps(article=article, created=created, existing=existing)
