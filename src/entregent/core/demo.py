"""The demo generator: fill an account with a realistic, living network in seconds.

`demo_generate(owner=…, people=N)` creates people from several cultures (English and French
first) with organizations, e-mails, phones, links, tags, facts in both languages,
encounters over the past two years (some at events), connections, milestones and the
owner's own "me" facts. The CLI's `entregent demo`, the tests and `bench/` share it.

Why it does not call the services: 100,000 people mean about a million encounters and half
a million facts, and one service call per row would take hours. Instead each chunk of
people is built in memory (plain tuples, deterministic from the seed), then written with
one batched insert per table (`executemany` on SQLite, `COPY` on PostgreSQL) inside one
transaction per chunk, with primary keys reserved up front so children can point at their
parents without reading anything back. An interrupted run keeps the chunks already
committed: whole people with everything about them, never half a person.

Search rows are computed with `people.services.person_terms`, the same pure function
`person_reindex` uses, so demo people are found by exactly the words a hand-entered person
would be.

Memory stays bounded: only one chunk's rows exist at a time, plus a compact array of the
ids and names generated so far (for introductions and weak ties across chunks).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core import demo_words as words
from entregent.core.db import reserve_ids
from entregent.core.errors import InvalidInput
from entregent.encounters.models import Encounter, Event
from entregent.followups.models import FollowUp
from entregent.people.models import (
    Connection,
    EmailAddress,
    Fact,
    Link,
    Milestone,
    Organization,
    Person,
    PhoneNumber,
    SearchTerm,
    Tag,
)
from entregent.people.normalize import fold, link_kind_for, sort_key_for
from entregent.people.services import person_terms

CHUNK_SIZE = 5_000
MAX_PEOPLE = 1_000_000
PEOPLE_PER_ORGANIZATION = 8
PEOPLE_PER_EVENT = 40
HISTORY_DAYS = 730

# Mean encounters per person by circle; weighted by how common each circle is, about 10.
_CIRCLES = (("inner", 5, 38.0), ("active", 25, 17.0), ("weak", 50, 6.4), ("dormant", 20, 3.2))
# Earliest and latest "days ago" of an encounter by circle: dormant ties went quiet.
_CIRCLE_DAYS = {
    "inner": (1, HISTORY_DAYS),
    "active": (1, HISTORY_DAYS),
    "weak": (20, HISTORY_DAYS),
    "dormant": (270, HISTORY_DAYS),
}
_CHANNELS = (
    ("in_person", 34),
    ("call", 14),
    ("video", 14),
    ("email", 18),
    ("message", 14),
    ("social", 6),
)

# French contracts "de le" to "du", "à les" to "aux", "de un" to "d'un": topics start with
# their article, so a summary pattern filled with one must be contracted afterwards.
_FRENCH_CONTRACTIONS = (
    (re.compile(r"\bde le\b"), "du"),
    (re.compile(r"\bde les\b"), "des"),
    (re.compile(r"\bde des\b"), "d'"),
    (re.compile(r"\bde (une?)\b"), r"d'\1"),
    (re.compile(r"\bà le\b"), "au"),
    (re.compile(r"\bà les\b"), "aux"),
)


def _contract(text: str, language: str) -> str:
    if language != "fr":
        return text
    for pattern, replacement in _FRENCH_CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text.replace("d' ", "d'")


_MEANINGFUL = {
    "in_person": 0.9,
    "call": 0.9,
    "video": 0.88,
    "email": 0.5,
    "message": 0.7,
    "social": 0.4,
}
_INITIATORS = (("me", 45), ("them", 30), ("mutual", 15), ("unknown", 10))
_FACT_KINDS = (
    ("interest", 26),
    ("offer", 20),
    ("need", 14),
    ("project", 14),
    ("personal", 10),
    ("talking_point", 16),
)
_TAG_COUNTS = ((0, 35), (1, 35), (2, 20), (3, 10))
_EXTRA_PARTICIPANTS = ((0, 75), (1, 18), (2, 7))
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class DemoStats:
    """How many rows of each kind the generator created (`facts` includes the owner's own)."""

    people: int = 0
    organizations: int = 0
    facts: int = 0
    encounters: int = 0
    events: int = 0
    connections: int = 0
    milestones: int = 0
    tags: int = 0
    followups: int = 0


def _today() -> dt.date:
    """The day the generated history ends (yesterday is its last day); tests pin it."""
    return timezone.now().date()


def demo_generate(
    *,
    owner: User,
    people: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> DemoStats:
    """Fill the owner's account with a generated network of `people` people.

    The same seed on the same day gives the same people, facts and history. Rows are
    added to whatever the account already holds; organization and tag names never clash
    with existing ones. `progress(done, total)` is called after each chunk of people.
    """
    if isinstance(people, bool) or not isinstance(people, int) or not 0 <= people <= MAX_PEOPLE:
        raise InvalidInput.for_field(
            "people", _("Choose a number of people between 0 and %(max)d.") % {"max": MAX_PEOPLE}
        )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidInput.for_field("seed", _("The seed must be a whole number."))
    generator = _Generator(owner=owner, total=people, seed=seed)
    if progress is not None:
        progress(0, people)
    if people:
        with transaction.atomic():
            generator.prepare()
    for start in range(0, people, CHUNK_SIZE):
        end = min(start + CHUNK_SIZE, people)
        with transaction.atomic():
            generator.chunk(start, end)
        if progress is not None:
            progress(end, people)
    return generator.stats


# Writing rows ---------------------------------------------------------------------------


class _Writer:
    """Writes plain rows straight into a model's table, many at a time.

    Values must already be in database form: `datetime()` and `date()` convert them the
    way Django would for the current database.
    """

    def __init__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor not in {"sqlite", "postgresql"}:
            raise NotImplementedError("The demo generator supports SQLite and PostgreSQL.")
        self.quote = connection.ops.quote_name

    def datetime(self, value: dt.datetime) -> Any:
        """A naive UTC datetime as the database stores it (what Django's adapters produce)."""
        if self.vendor == "sqlite":
            return str(value)
        return value.replace(tzinfo=dt.UTC)

    def date(self, value: dt.date) -> Any:
        return value.isoformat() if self.vendor == "sqlite" else value

    def insert(
        self, model: type[Model], fields: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Insert rows whose values follow `fields` (model field names, FKs by name)."""
        if not rows:
            return
        meta = model._meta
        columns = ", ".join(self.quote(_column(model, name)) for name in fields)
        table = self.quote(meta.db_table)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # COPY is several times faster than INSERT for this much data.
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608 - quoted model table


def _month_day(value: Any) -> int:
    """Milestone.month_day of a date in database form (ISO text on SQLite)."""
    if isinstance(value, str):
        return int(value[5:7]) * 100 + int(value[8:10])
    return int(value.month * 100 + value.day)


def _column(model: type[Model], name: str) -> str:
    column = getattr(model._meta.get_field(name), "column", None)
    if not column:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return str(column)


# Generating ----------------------------------------------------------------------------


class _Weighted:
    """Draws values by weight; bisecting precomputed sums is much cheaper than rng.choices."""

    __slots__ = ("sums", "total", "values")

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.values = [value for value, _weight in pairs]
        self.sums = list(accumulate(weight for _value, weight in pairs))
        self.total = self.sums[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect_right(self.sums, rng.random() * self.total)]


def _slug(text: str) -> str:
    return _SLUG.sub("", fold(text))


@dataclass
class _Person:
    """One generated person while their chunk is being built."""

    index: int
    pk: int
    given: str
    family: str
    full_name: str
    language: str
    city: words.City
    headline: str
    org: int | None
    circle: str
    introducer: int | None
    notes: str
    archived: bool
    pinned: bool
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    encounters: list[int] = field(default_factory=list)
    first_met: tuple[dt.datetime, int | None] | None = None
    # The last meaningful encounter (naive UTC): where the keep-in-touch cadence counts from.
    last_met: dt.datetime | None = None
    how_we_met: str = ""
    facts: list[str] = field(default_factory=list)


@dataclass
class _Org:
    pk: int
    name: str
    domain: str
    industry: str
    members: list[int] = field(default_factory=list)


@dataclass
class _Event:
    pk: int
    name: str
    kind: str
    date: dt.date
    place: str
    size: int
    attendees: list[int] = field(default_factory=list)


@dataclass
class _Batch:
    """One chunk of the network, ready to write: rows as plain tuples."""

    people: list[_Person]
    orgs: list[_Org]
    events: list[_Event]
    encounters: list[tuple[Any, ...]]
    participants: list[tuple[int, int]]
    facts: list[tuple[Any, ...]]
    milestones: list[tuple[Any, ...]]
    connections: list[tuple[Any, ...]]
    followups: list[tuple[Any, ...]] = field(default_factory=list)


class _Generator:
    """Builds one chunk of the network at a time and writes it."""

    def __init__(self, *, owner: User, total: int, seed: int) -> None:
        self.owner = owner
        self.owner_id = owner.pk
        self.total = total
        self.seed = seed
        self.stats = DemoStats()
        self.writer = _Writer()
        self.today = _today()
        # Midnight UTC today, naive: every generated moment is before it.
        self.midnight = dt.datetime.combine(self.today, dt.time())
        self.now = self.writer.datetime(timezone.now().astimezone(dt.UTC).replace(tzinfo=None))
        # Ids and names of everyone generated so far, for introductions and weak ties.
        self.person_ids = array("q")
        self.names: list[str] = []
        self.org_names: set[str] = set()
        self.tag_ids: list[int] = []
        self.tag_names: dict[int, str] = {}
        self.cultures = _Weighted([(c, c.weight) for c in words.CULTURES])
        self.circles = _Weighted([(c[0], c[1]) for c in _CIRCLES])
        self.circle_means = {c[0]: c[2] for c in _CIRCLES}
        self.channels = _Weighted(_CHANNELS)
        self.initiators = _Weighted(_INITIATORS)
        self.fact_kinds = _Weighted(_FACT_KINDS)
        self.tag_counts = _Weighted(_TAG_COUNTS)
        self.extras = _Weighted(_EXTRA_PARTICIPANTS)
        self.event_kinds = _Weighted(list(words.EVENT_KIND_WEIGHTS.items()))
        self.all_cities = list(words.CITIES.values())
        self.cities_by_language = {
            lang: [c for c in self.all_cities if c.language == lang] for lang in ("en", "fr")
        }

    # Once per run -----------------------------------------------------------------------

    def prepare(self) -> None:
        """Tags the network uses (reusing the owner's own), and the owner's "me" facts."""
        existing = {t.name.casefold(): t for t in Tag.objects.filter(owner_id=self.owner_id)}
        missing = [name for name in words.TAGS if name.casefold() not in existing]
        created = Tag.objects.bulk_create(
            Tag(owner_id=self.owner_id, name=name) for name in missing
        )
        for tag in created:
            existing[tag.name.casefold()] = tag
        self.stats.tags += len(created)
        tags = [existing[name.casefold()] for name in words.TAGS]
        self.tag_ids = [tag.pk for tag in tags]
        # The owner's own spelling of a tag is what person_reindex would index.
        self.tag_names = {tag.pk: tag.name for tag in tags}
        self.org_names = {
            name.casefold()
            for name in Organization.objects.filter(owner_id=self.owner_id).values_list(
                "name", flat=True
            )
        }
        if not Fact.objects.filter(owner_id=self.owner_id, person__isnull=True).exists():
            language = self.owner.language if self.owner.language in words.ME_FACTS else "en"
            rows = [
                (self.owner_id, self.now, self.now, None, kind, text, None)
                for kind, text in words.ME_FACTS[language]
            ]
            self.writer.insert(
                Fact, ("owner", "created", "updated", "person", "kind", "text", "encounter"), rows
            )
            self.stats.facts += len(rows)

    # One chunk --------------------------------------------------------------------------

    def chunk(self, start: int, end: int) -> None:
        """Generate and write people [start, end) with everything about them."""
        rng = random.Random(f"entregent-demo:{self.seed}:{start}")
        size = end - start
        orgs = self._organizations(rng, max(1, round(size / PEOPLE_PER_ORGANIZATION)))
        events = self._events(rng, max(2, round(size / PEOPLE_PER_EVENT)))
        people = self._people(rng, start, size, orgs)
        encounters, participants = self._encounters(rng, people, orgs, events)
        self._how_we_met(rng, people, events)
        batch = _Batch(
            people=people,
            orgs=orgs,
            events=events,
            encounters=encounters,
            participants=participants,
            facts=self._facts(rng, people),
            milestones=self._milestones(rng, people, orgs),
            connections=self._connections(rng, people, orgs, events),
            # A generator of its own, so the rest of the network is the same as before.
            followups=self._followups(
                random.Random(f"entregent-demo-followups:{self.seed}:{start}"), people
            ),
        )
        self._write(batch)

    def _organizations(self, rng: random.Random, count: int) -> list[_Org]:
        pks = reserve_ids(Organization, count)
        orgs = []
        for pk in pks:
            name, industry = self._org_name(rng)
            domain = "-".join(_SLUG.split(fold(name))).strip("-") + ".example.com"
            orgs.append(_Org(pk=pk, name=name, domain=domain, industry=industry))
        return orgs

    def _org_name(self, rng: random.Random) -> tuple[str, str]:
        for attempt in range(40):
            if rng.random() < 0.6:
                kind, industry = rng.choice(words.ORG_EN_KIND)
                name = f"{rng.choice(words.ORG_EN_A)} {rng.choice(words.ORG_EN_B)} {kind}"
            else:
                kind, industry = rng.choice(words.ORG_FR_KIND)
                name = f"{kind} {rng.choice(words.ORG_FR_NOUN)}{rng.choice(words.ORG_FR_SUFFIX)}"
            if attempt >= 8:
                # Common combinations run out in big networks: branches are named by city.
                name = f"{name} {rng.choice(self.all_cities).name}"
            if attempt >= 20:
                name = f"{name} {attempt}"
            if name.casefold() not in self.org_names:
                self.org_names.add(name.casefold())
                return name, industry
        name = f"Organization {len(self.org_names) + 1}"
        while name.casefold() in self.org_names:
            name += "+"
        self.org_names.add(name.casefold())
        return name, "Consulting"

    def _events(self, rng: random.Random, count: int) -> list[_Event]:
        pks = reserve_ids(Event, count)
        events = []
        for pk in pks:
            kind = self.event_kinds(rng)
            patterns, (low, high) = words.EVENTS[kind]
            date = self.today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
            city = rng.choice(self.all_cities).name
            venue = rng.choice(words.VENUES)
            name = rng.choice(patterns) % {
                "city": city,
                "n": rng.randint(1, 60),
                "venue": venue,
                "year": date.year,
            }
            # Most events are small: sizes lean towards the low end of each kind's range.
            size = low + int((high - low) * rng.random() ** 2)
            events.append(
                _Event(pk=pk, name=name, kind=kind, date=date, place=f"{venue}, {city}", size=size)
            )
        return events

    def _people(self, rng: random.Random, start: int, size: int, orgs: list[_Org]) -> list[_Person]:
        pks = reserve_ids(Person, size)
        self.person_ids.extend(pks)
        people = []
        for offset, pk in enumerate(pks):
            index = start + offset
            culture = self.cultures(rng)
            given, family = rng.choice(culture.given), rng.choice(culture.family)
            language = "fr" if rng.random() < culture.french_share else "en"
            if rng.random() < 0.85:
                city = rng.choice(culture.home_cities)
            else:
                city = rng.choice(self.cities_by_language[language])
            org = int(len(orgs) * rng.random() ** 1.6) if rng.random() < 0.82 else None
            role_language = language if rng.random() < 0.9 else ("en" if language == "fr" else "fr")
            circle = self.circles(rng)
            introducer = rng.randrange(index) if index and rng.random() < 0.12 else None
            person = _Person(
                index=index,
                pk=pk,
                given=given,
                family=family,
                full_name=f"{given} {family}",
                language=language,
                city=city,
                headline=rng.choice(words.ROLES[role_language]) if rng.random() < 0.92 else "",
                org=org,
                circle=circle,
                introducer=introducer,
                notes=rng.choice(words.NOTES[language]) if rng.random() < 0.18 else "",
                archived=rng.random() < 0.01,
                pinned=rng.random() < 0.03,
            )
            if org is not None:
                orgs[org].members.append(offset)
            self._contact_details(rng, person, orgs)
            count = self.tag_counts(rng)
            person.tags = rng.sample(self.tag_ids, count)
            people.append(person)
            self.names.append(person.full_name)
        return people

    def _contact_details(self, rng: random.Random, person: _Person, orgs: list[_Org]) -> None:
        g, f = _slug(person.given), _slug(person.family)
        if rng.random() < 0.9:
            pattern = rng.random()
            if pattern < 0.5:
                person.emails.append(f"{g}.{f}@example.org")
            elif pattern < 0.8:
                person.emails.append(f"{g[:1]}{f}@example.com")
            else:
                person.emails.append(f"{g}{f}{rng.randint(1, 99)}@example.net")
        if person.org is not None and rng.random() < 0.55:
            work = f"{g}@{orgs[person.org].domain}"
            if work not in person.emails:
                person.emails.append(work)
        city = person.city
        if city.phone_prefix and rng.random() < 0.4:
            person.phones.append(
                city.phone_prefix
                + str(rng.randrange(10**city.phone_digits)).zfill(city.phone_digits)
            )
        if rng.random() < 0.6:
            person.links.append(f"https://www.linkedin.com/in/{g}-{f}-{rng.randint(1000, 9999)}")
        if rng.random() < 0.1:
            person.links.append(f"https://{g}{f}.example.net/")

    def _encounters(
        self, rng: random.Random, people: list[_Person], orgs: list[_Org], events: list[_Event]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]]]:
        means = self.circle_means
        plan = []
        for person in people:
            mean = means[person.circle]
            plan.append(max(1, int(mean * (0.4 + 1.2 * rng.random()) + rng.random())))
        pks = iter(reserve_ids(Encounter, sum(plan)))
        pick_event = _Weighted([(i, e.size**0.5) for i, e in enumerate(events)])
        to_db = self.writer.datetime
        midnight = self.midnight
        now, owner_id = self.now, self.owner_id
        size = len(people)
        rows: list[tuple[Any, ...]] = []
        participants: list[tuple[int, int]] = []
        for offset, person in enumerate(people):
            low, high = _CIRCLE_DAYS[person.circle]
            colleagues = orgs[person.org].members if person.org is not None else []
            for _i in range(plan[offset]):
                pk = next(pks)
                channel = self.channels(rng)
                event = None
                if channel == "in_person" and rng.random() < 0.35:
                    event = pick_event(rng)
                    when = dt.datetime.combine(
                        events[event].date, dt.time(18 + rng.randrange(4), rng.randrange(60))
                    )
                else:
                    when = midnight - dt.timedelta(
                        days=rng.randint(low, high), minutes=rng.randrange(360, 960)
                    )
                who = {offset}
                for _j in range(self.extras(rng)):
                    if colleagues and rng.random() < 0.6:
                        who.add(rng.choice(colleagues))
                    else:
                        who.add(rng.randrange(size))
                language = (
                    person.language
                    if rng.random() < 0.85
                    else ("en" if person.language == "fr" else "fr")
                )
                topic = rng.choice(words.TOPICS[language])
                if event is not None:
                    summary = rng.choice(words.SUMMARIES[language]["event"]) % {
                        "topic": topic,
                        "event": events[event].name,
                    }
                    summary = _contract(summary, language)
                    place = events[event].place
                else:
                    summary = _contract(
                        rng.choice(words.SUMMARIES[language][channel])
                        % {"topic": topic, "event": ""},
                        language,
                    )
                    place = rng.choice(words.PLACES[language]) if channel == "in_person" else ""
                meaningful = rng.random() < _MEANINGFUL[channel]
                rows.append(
                    (
                        pk,
                        owner_id,
                        now,
                        now,
                        to_db(when),
                        channel,
                        place,
                        events[event].pk if event is not None else None,
                        summary,
                        meaningful,
                        self.initiators(rng),
                    )
                )
                for member in who:
                    other = people[member]
                    participants.append((pk, other.pk))
                    if meaningful and (other.last_met is None or when > other.last_met):
                        other.last_met = when
                    other.encounters.append(pk)
                    if other.first_met is None or when < other.first_met[0]:
                        other.first_met = (when, event)
                    if event is not None:
                        events[event].attendees.append(member)
        return rows, participants

    def _how_we_met(self, rng: random.Random, people: list[_Person], events: list[_Event]) -> None:
        for person in people:
            language = person.language
            if person.introducer is not None:
                person.how_we_met = words.INTRODUCED_BY[language] % self.names[person.introducer]
            elif person.first_met is not None and person.first_met[1] is not None:
                person.how_we_met = words.MET_AT[language] % events[person.first_met[1]].name
            elif rng.random() < 0.75:
                person.how_we_met = rng.choice(words.HOW_WE_MET[language])
            else:
                person.how_we_met = ""

    def _fill(self, rng: random.Random, text: str) -> str:
        if "{" not in text:
            return text
        return text.replace("{city}", rng.choice(self.all_cities).name).replace(
            "{dog}", rng.choice(words.DOGS)
        )

    def _facts(self, rng: random.Random, people: list[_Person]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        now, owner_id = self.now, self.owner_id
        for person in people:
            seen: set[str] = set()
            for _i in range(rng.choice((3, 4, 5, 5, 6, 7))):
                kind = self.fact_kinds(rng)
                language = (
                    person.language
                    if rng.random() < 0.85
                    else ("en" if person.language == "fr" else "fr")
                )
                text = self._fill(rng, rng.choice(words.FACTS[kind][language]))
                if text in seen:
                    continue
                seen.add(text)
                encounter = (
                    rng.choice(person.encounters)
                    if person.encounters and rng.random() < 0.45
                    else None
                )
                rows.append((owner_id, now, now, person.pk, kind, text, encounter))
                person.facts.append(text)
        return rows

    def _milestones(
        self, rng: random.Random, people: list[_Person], orgs: list[_Org]
    ) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        now, owner_id, date = self.now, self.owner_id, self.writer.date
        for person in people:
            language = person.language
            if rng.random() < 0.4:
                born = dt.date(rng.randint(1958, 2002), rng.randint(1, 12), rng.randint(1, 28))
                rows.append((owner_id, now, now, person.pk, "birthday", date(born), True, ""))
            if rng.random() < 0.1:
                role = person.headline or (orgs[person.org].name if person.org is not None else "")
                when = self.today - dt.timedelta(days=rng.randint(10, HISTORY_DAYS))
                note = words.MILESTONE_NOTES["new_job"][language] % {"role": role} if role else ""
                rows.append((owner_id, now, now, person.pk, "new_job", date(when), False, note))
            if rng.random() < 0.05:
                when = self.today - dt.timedelta(days=rng.randint(10, HISTORY_DAYS))
                rows.append(
                    (
                        owner_id,
                        now,
                        now,
                        person.pk,
                        "launch",
                        date(when),
                        False,
                        words.MILESTONE_NOTES["launch"][language],
                    )
                )
            if rng.random() < 0.03:
                when = dt.date(
                    rng.randint(2008, self.today.year - 1), rng.randint(1, 12), rng.randint(1, 28)
                )
                rows.append(
                    (
                        owner_id,
                        now,
                        now,
                        person.pk,
                        "anniversary",
                        date(when),
                        True,
                        words.MILESTONE_NOTES["anniversary"][language],
                    )
                )
        return rows

    def _check_in(self, person: _Person) -> dt.date:
        """Where the cadence puts the next check-in, as `followups.cadence` computes it."""
        days = self.owner.cadence_for(person.circle)
        if person.last_met is None:
            return self.today + dt.timedelta(days=days)
        return timezone.localdate(person.last_met.replace(tzinfo=dt.UTC)) + dt.timedelta(days=days)

    def _followups(self, rng: random.Random, people: list[_Person]) -> list[tuple[Any, ...]]:
        """Open follow-ups after recent conversations, a few older ones left overdue, some
        snoozed, and a history of done and dismissed ones: thousands at 100k people."""
        rows: list[tuple[Any, ...]] = []
        now, owner_id, date, today = self.now, self.owner_id, self.writer.date, self.today
        delay = dt.timedelta(days=self.owner.followup_delay_days)
        for person in people:
            if person.archived:
                continue
            topic = rng.choice(words.TOPICS[person.language])
            met = person.last_met.date() if person.last_met is not None else None
            roll = rng.random()
            status, kind, snoozes = "open", "follow_up", 0
            done_at = dismissed_at = snoozed_at = None
            if met is not None and (today - met).days <= 14 and roll < 0.6:
                due = met + delay
                if due < today - dt.timedelta(days=3) and rng.random() < 0.5:
                    status, done_at = "done", now
            elif roll < 0.03:
                kind = rng.choice(("follow_up", "share", "intro", "check_in"))
                due = today + dt.timedelta(days=rng.randint(-21, 14))
            elif roll < 0.035:
                status, snoozes, snoozed_at = "snoozed", 1, now
                due = today + dt.timedelta(days=rng.randint(-3, 10))
            elif roll < 0.06:
                due = today - dt.timedelta(days=rng.randint(2, HISTORY_DAYS))
                if rng.random() < 0.8:
                    status, done_at = "done", now
                else:
                    status, dismissed_at = "dismissed", now
            else:
                continue
            rows.append(
                (
                    owner_id, now, now, person.pk, date(due), kind, topic, status, None,
                    done_at, snoozed_at, snoozes, dismissed_at,
                )
            )  # fmt: skip
        return rows

    def _connections(
        self, rng: random.Random, people: list[_Person], orgs: list[_Org], events: list[_Event]
    ) -> list[tuple[Any, ...]]:
        pairs: dict[tuple[int, int, str], None] = {}

        def link(a: int, b: int, kind: str) -> None:
            if a != b:
                pairs.setdefault((min(a, b), max(a, b), kind), None)

        # Colleagues: each newcomer knows one or two people already at the organization.
        for org in orgs:
            members = [people[m].pk for m in org.members]
            for i in range(1, len(members)):
                link(members[i], members[rng.randrange(i)], "colleague")
                if rng.random() < 0.3:
                    link(members[i], members[rng.randrange(i)], "colleague")
        # People met at the same event sometimes noticed each other.
        for event in events:
            attendees = sorted(set(event.attendees))
            if len(attendees) < 2:
                continue
            for member in attendees:
                if rng.random() < 0.4:
                    link(people[member].pk, people[rng.choice(attendees)].pk, "met_at_event")
        ids = self.person_ids
        for person in people:
            if person.introducer is not None:
                link(ids[person.introducer], person.pk, "introduced")
            # Weak ties reach anywhere in the network generated so far.
            if person.index and rng.random() < 0.5:
                link(person.pk, ids[rng.randrange(person.index)], "knows")
                if rng.random() < 0.3:
                    link(person.pk, ids[rng.randrange(person.index)], "knows")
            if rng.random() < 0.005:
                link(person.pk, rng.choice(people).pk, "family")
        now, owner_id = self.now, self.owner_id
        return [(owner_id, now, now, a, b, kind, "") for a, b, kind in pairs]

    def _write(self, batch: _Batch) -> None:
        people, orgs, events = batch.people, batch.orgs, batch.events
        w, now, owner_id = self.writer, self.now, self.owner_id
        base = ("id", "owner", "created", "updated")
        child = ("owner", "created", "updated", "person")
        w.insert(
            Organization,
            (*base, "name", "domain", "industry", "notes"),
            [(o.pk, owner_id, now, now, o.name, o.domain, o.industry, "") for o in orgs],
        )
        w.insert(
            Event,
            (*base, "name", "kind", "date", "place", "size", "notes"),
            [
                (e.pk, owner_id, now, now, e.name, e.kind, w.date(e.date), e.place, e.size, "")
                for e in events
            ],
        )
        ids = self.person_ids
        person_rows: list[tuple[Any, ...]] = []
        email_rows: list[tuple[Any, ...]] = []
        phone_rows: list[tuple[Any, ...]] = []
        link_rows: list[tuple[Any, ...]] = []
        tag_rows: list[tuple[Any, ...]] = []
        term_rows: list[tuple[Any, ...]] = []
        for p in people:
            org = orgs[p.org] if p.org is not None else None
            person_rows.append(
                (
                    p.pk, owner_id, now, now, p.full_name, p.given, p.family,
                    sort_key_for(p.full_name, p.given, p.family), p.headline,
                    org.pk if org else None, p.city.name, p.language, p.how_we_met,
                    ids[p.introducer] if p.introducer is not None else None,
                    p.circle, p.pinned, None, p.notes, p.archived,
                    w.datetime(p.last_met) if p.last_met is not None else None,
                    w.date(self._check_in(p)),
                )
            )  # fmt: skip
            email_rows.extend((owner_id, now, now, p.pk, a, "", i) for i, a in enumerate(p.emails))
            phone_rows.extend((owner_id, now, now, p.pk, n, "", i) for i, n in enumerate(p.phones))
            link_rows.extend(
                (owner_id, now, now, p.pk, u, link_kind_for(u), i) for i, u in enumerate(p.links)
            )
            tag_rows.extend((p.pk, t) for t in p.tags)
            terms = person_terms(
                full_name=p.full_name,
                headline=p.headline,
                city=p.city.name,
                notes=p.notes,
                how_we_met=p.how_we_met,
                organization=org.name if org else "",
                tags=[self.tag_names[t] for t in p.tags],
                facts=p.facts,
                emails=p.emails,
            )
            term_rows.extend((owner_id, p.pk, t) for t in terms)
        w.insert(
            Person,
            (
                *base, "full_name", "given_name", "family_name", "sort_name", "headline",
                "organization", "city", "language", "how_we_met", "introduced_by", "circle",
                "circle_pinned", "cadence_days", "notes", "archived", "last_interaction_at",
                "next_check_in",
            ),
            person_rows,
        )  # fmt: skip
        w.insert(EmailAddress, (*child, "address", "label", "position"), email_rows)
        w.insert(PhoneNumber, (*child, "number", "label", "position"), phone_rows)
        w.insert(Link, (*child, "url", "kind", "position"), link_rows)
        w.insert(Person.tags.through, ("person", "tag"), tag_rows)
        w.insert(
            Encounter,
            (
                *base,
                "occurred_at",
                "channel",
                "place",
                "event",
                "summary",
                "meaningful",
                "initiated_by",
            ),
            batch.encounters,
        )
        w.insert(Encounter.participants.through, ("encounter", "person"), batch.participants)
        w.insert(Fact, (*child, "kind", "text", "encounter"), batch.facts)
        w.insert(
            Milestone,
            (*child, "kind", "date", "yearly", "note", "month_day"),
            [(*row, _month_day(row[5])) for row in batch.milestones],
        )
        w.insert(
            FollowUp,
            (
                *child, "due_on", "kind", "topic", "status", "source_encounter", "completed_at",
                "snoozed_at", "snooze_count", "dismissed_at",
            ),
            batch.followups,
        )  # fmt: skip
        w.insert(
            Connection,
            ("owner", "created", "updated", "from_person", "to_person", "kind", "note"),
            batch.connections,
        )
        # Sorted, the terms go into the (owner, term, person) index in order: far fewer page splits.
        term_rows.sort(key=lambda row: row[2])
        w.insert(SearchTerm, ("owner", "person", "term"), term_rows)
        s = self.stats
        s.people += len(people)
        s.organizations += len(orgs)
        s.events += len(events)
        s.encounters += len(batch.encounters)
        s.facts += len(batch.facts)
        s.milestones += len(batch.milestones)
        s.connections += len(batch.connections)
        s.followups += len(batch.followups)
