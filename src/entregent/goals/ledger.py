"""The giving ledger: favours given and received, per person and overall, with ways to help
next to anyone I have mostly taken from. Networking is giving, not only taking.

Services (`favour_log`, `favour_update`, `favour_delete`) write; the rest are selectors whose
counts are aggregated by the database (one grouped query per list).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.goals.choices import FavourDirection, FavourKind, FavourSource
from entregent.goals.models import Favour
from entregent.matching.engine import matcher
from entregent.matching.engine.questions import clean_topic
from entregent.network.services import tie_refresh
from entregent.people.choices import FactKind
from entregent.people.models import Fact, Person

GIVEN = FavourDirection.GIVEN
RECEIVED = FavourDirection.RECEIVED
MAX_MY_OFFERS = 200
MAX_THEIR_NEEDS = 20


# Services -------------------------------------------------------------------------------------


def _date(value: object, field_name: str) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput.for_field(field_name, _("Enter a valid date.")) from None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise InvalidInput.for_field(field_name, _("Enter a valid date."))
    return value


@transaction.atomic
def favour_log(
    *,
    owner: User,
    person: Person,
    direction: str = GIVEN,
    kind: str = FavourKind.HELP,
    occurred_on: dt.date | str | None = None,
    note: str = "",
    source: str = FavourSource.MANUAL,
    source_id: int | None = None,
) -> Favour:
    """Log a favour given to or received from a person.

    With a `source_id` (the follow-up, introduction… it came from), logging it again from
    the same place returns the favour already logged instead of counting it twice.
    """
    ensure_owned(owner, person, "person")
    ensure_choice(direction, FavourDirection, "direction")
    ensure_choice(kind, FavourKind, "kind")
    ensure_choice(source, FavourSource, "source")
    if source_id is not None:
        if isinstance(source_id, bool) or not isinstance(source_id, int) or source_id < 1:
            raise InvalidInput.for_field("source_id", _("Enter a positive whole number."))
        existing = Favour.objects.filter(
            owner=owner, person=person, direction=direction, source=source, source_id=source_id
        ).first()
        if existing is not None:
            return existing
    favour = Favour(
        owner=owner,
        person=person,
        direction=direction,
        kind=kind,
        occurred_on=(
            _date(occurred_on, "occurred_on") if occurred_on is not None else timezone.localdate()
        ),
        note=clean_text(note, multiline=True),
        source=source,
        source_id=source_id,
    )
    full_clean_or_raise(favour, exclude=["owner", "person"])
    favour.save()
    tie_refresh(people=[person])
    return favour


@transaction.atomic
def favour_update(*, favour: Favour, **changes: Any) -> Favour:
    """Correct a favour's direction, kind, date or note."""
    allowed = {"direction", "kind", "occurred_on", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    if "direction" in changes:
        ensure_choice(changes["direction"], FavourDirection, "direction")
    if "kind" in changes:
        ensure_choice(changes["kind"], FavourKind, "kind")
    for name, raw in changes.items():
        value = raw
        if name == "occurred_on":
            value = _date(raw, name)
        elif name == "note":
            value = clean_text(raw, multiline=True)
        setattr(favour, name, value)
    full_clean_or_raise(favour, exclude=["owner", "person"])
    if (
        favour.source_id is not None
        and Favour.objects.filter(
            owner=favour.owner,
            person=favour.person,
            direction=favour.direction,
            source=favour.source,
            source_id=favour.source_id,
        )
        .exclude(pk=favour.pk)
        .exists()
    ):
        raise InvalidInput.for_field("direction", _("This favour is already logged that way."))
    favour.save()
    tie_refresh(people=[favour.person])
    return favour


def favour_delete(*, favour: Favour) -> None:
    """Forget a favour."""
    person = favour.person
    favour.delete()
    tie_refresh(people=[person])


def favour_from_followup(*, followup: Any) -> Favour | None:
    """A share follow-up done is an article shared: a favour given, logged once."""
    from entregent.followups.choices import FollowUpKind

    if followup.kind != FollowUpKind.SHARE:
        return None
    return favour_log(
        owner=followup.owner,
        person=followup.person,
        direction=GIVEN,
        kind=FavourKind.ARTICLE,
        occurred_on=timezone.localdate(followup.completed_at or timezone.now()),
        note=followup.topic,
        source=FavourSource.FOLLOW_UP,
        source_id=followup.pk,
    )


# Selectors -----------------------------------------------------------------------------------


def favour_get(*, owner: User, pk: int | str) -> Favour:
    try:
        return Favour.objects.select_related("person").get(owner=owner, pk=int(pk))
    except (Favour.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such favour.")) from None


def favour_list(
    *, owner: User, person: Person | None = None, direction: str = ""
) -> QuerySet[Favour]:
    """The owner's favours, newest first, narrowed by person or direction."""
    qs = Favour.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(person=person)
    if direction:
        qs = qs.filter(direction=direction) if direction in FavourDirection.values else qs.none()
    return qs.select_related("person").order_by("-occurred_on", "-id")


_COUNTS = {
    "given": Count("id", filter=Q(direction=GIVEN)),
    "received": Count("id", filter=Q(direction=RECEIVED)),
}


@dataclass
class PersonLedger:
    """One person's side of the ledger."""

    person: Person
    given: int
    received: int
    favours: list[Favour]

    @property
    def balance(self) -> int:
        return self.given - self.received


def person_ledger(*, owner: User, person: Person, limit: int = 50) -> PersonLedger:
    """What I gave this person and received from them (two queries)."""
    ensure_owned(owner, person, "person")
    totals = Favour.objects.filter(owner=owner, person=person).aggregate(**_COUNTS)
    favours = list(favour_list(owner=owner, person=person)[:limit])
    return PersonLedger(
        person=person, given=totals["given"], received=totals["received"], favours=favours
    )


@dataclass
class Suggestion:
    """A way to help someone: one of their needs my offers meet, or something generic."""

    text: str
    need: str = ""
    offer: str = ""


@dataclass
class Balance:
    """Given and received with one person; takers get ways to help."""

    person: Person
    given: int
    received: int
    last_on: dt.date | None
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def balance(self) -> int:
        return self.given - self.received

    @property
    def mostly_taken(self) -> bool:
        return self.received > self.given

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person.pk, "full_name": self.person.full_name},
            "given": self.given,
            "received": self.received,
            "balance": self.balance,
            "mostly_taken": self.mostly_taken,
            "last_on": self.last_on.isoformat() if self.last_on else None,
            "ways_to_help": [
                {"text": s.text, "need": s.need, "offer": s.offer} for s in self.suggestions
            ],
        }


def balances(*, owner: User, takers_only: bool = False) -> QuerySet[Any]:
    """Given and received per person, in the database: takers (received minus given) first.

    Rows are dicts (person_id, given, received, net, last_on), to page through before
    `balances_with_help` turns one page into `Balance` values.
    """
    rows = (
        Favour.objects.filter(owner=owner)
        .values("person_id")
        .annotate(**_COUNTS, last_on=Max("occurred_on"))
        .annotate(net=F("given") - F("received"))
    )
    if takers_only:
        rows = rows.filter(net__lt=0)
    return rows.order_by("net", "-last_on", "person_id")


def _my_offers(owner: User) -> list[matcher.Item]:
    rows = (
        Fact.objects.filter(owner=owner, person__isnull=True, kind=FactKind.OFFER)
        .order_by("-created", "-id")
        .values_list("id", "text")[:MAX_MY_OFFERS]
    )
    return [matcher.Item(pk, text) for pk, text in rows]


def ways_to_help(*, owner: User, people: Sequence[Person]) -> dict[int, list[Suggestion]]:
    """For each of these people: their needs my offers meet (best first), or, when none,
    a generic way to help — an article about one of their interests, or just asking."""
    if not people:
        return {}
    ids = [p.pk for p in people]
    facts: dict[int, dict[str, list[str]]] = {pk: {} for pk in ids}
    rows = (
        Fact.objects.filter(
            owner=owner, person_id__in=ids, kind__in=[FactKind.NEED, FactKind.INTEREST]
        )
        .order_by("-created", "-id")
        .values_list("person_id", "kind", "text")
    )
    for person_id, kind, text in rows:
        texts = facts[person_id].setdefault(kind, [])
        if len(texts) < MAX_THEIR_NEEDS:
            texts.append(text)
    offers = _my_offers(owner)
    needs = [
        matcher.Item((pk, n), text)
        for pk in ids
        for n, text in enumerate(facts[pk].get(FactKind.NEED, []))
    ]
    found: dict[int, list[Suggestion]] = {pk: [] for pk in ids}
    if offers and needs:
        for match in matcher.match_offers_to_needs(offers, needs):
            person_id = match.need.key[0]  # type: ignore[index]
            if len(found[person_id]) >= 3:
                continue
            need, offer = clean_topic(match.need.text), clean_topic(match.offer.text)
            found[person_id].append(
                Suggestion(
                    text=_("They need %(need)s; you offer %(offer)s.")
                    % {"need": need, "offer": offer},
                    need=match.need.text,
                    offer=match.offer.text,
                )
            )
    for pk in ids:
        if found[pk]:
            continue
        interests = facts[pk].get(FactKind.INTEREST, [])
        if interests:
            text = _("Share an article about %(interest)s.") % {
                "interest": clean_topic(interests[0])
            }
        else:
            text = _("Ask what they are working on and how you could help.")
        found[pk].append(Suggestion(text=text))
    return found


def balances_with_help(*, owner: User, rows: Sequence[dict[str, Any]]) -> list[Balance]:
    """A page of `balances` rows as `Balance` values, ways to help next to the takers."""
    people = Person.objects.filter(owner=owner, pk__in=[r["person_id"] for r in rows]).only(
        "id", "full_name", "owner_id", "headline"
    )
    by_id = {p.pk: p for p in people}
    result = [
        Balance(
            person=by_id[r["person_id"]],
            given=r["given"],
            received=r["received"],
            last_on=r["last_on"],
        )
        for r in rows
        if r["person_id"] in by_id
    ]
    takers = [b.person for b in result if b.mostly_taken]
    help_for = ways_to_help(owner=owner, people=takers)
    for entry in result:
        entry.suggestions = help_for.get(entry.person.pk, [])
    return result


@dataclass
class MonthBalance:
    """Favours given and received in one month."""

    month: dt.date
    given: int
    received: int

    def as_dict(self) -> dict[str, Any]:
        return {"month": self.month.isoformat(), "given": self.given, "received": self.received}


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def give_take_per_month(
    *, owner: User, months: int = 12, today: dt.date | None = None
) -> list[MonthBalance]:
    """Given and received per month over the last `months` months (empty months included),
    grouped by the database — for the insights page."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 120:
        raise InvalidInput.for_field("months", _("Choose between 1 and 120 months."))
    today = today or timezone.localdate()
    first = _month_start(today, months - 1)
    rows = (
        Favour.objects.filter(owner=owner, occurred_on__gte=first, occurred_on__lte=today)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(**_COUNTS)
        .order_by("month")
    )
    counts = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        counts[month] = (row["given"], row["received"])
    return [
        MonthBalance(month=m, given=counts.get(m, (0, 0))[0], received=counts.get(m, (0, 0))[1])
        for m in (_month_start(today, back) for back in range(months - 1, -1, -1))
    ]


@dataclass
class LedgerTotals:
    """The whole ledger in two numbers, and how many people I have mostly taken from."""

    given: int
    received: int
    takers: int


def ledger_totals(*, owner: User) -> LedgerTotals:
    totals = Favour.objects.filter(owner=owner).aggregate(**_COUNTS)
    takers = balances(owner=owner, takers_only=True).count()
    return LedgerTotals(given=totals["given"], received=totals["received"], takers=takers)
