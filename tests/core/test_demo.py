"""The demo generator: a realistic network, deterministic, owned, searchable."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import phonenumbers
import pytest
from django.db import connection

from entregent.accounts.models import User
from entregent.core import demo, demo_words
from entregent.core.demo import DemoStats, demo_generate
from entregent.core.errors import InvalidInput
from entregent.encounters.models import Encounter, Event
from entregent.encounters.services import encounter_log
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
from entregent.people.selectors import PersonFilters, person_detail, person_list
from entregent.people.services import person_create, person_reindex

TODAY = dt.date(2026, 6, 15)
OWNED: list[Any] = [
    Person,
    Organization,
    Tag,
    EmailAddress,
    PhoneNumber,
    Link,
    Fact,
    Milestone,
    Connection,
    SearchTerm,
    Event,
    Encounter,
]


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # The generated history ends "today"; pinning the day makes runs comparable.
    monkeypatch.setattr(demo, "_today", lambda: TODAY)


def _snapshot(owner: User) -> dict[str, list]:
    """What a user would see, without ids: the same seed must give the same network."""
    people = Person.objects.filter(owner=owner).order_by("id")
    return {
        "people": [
            (
                p.full_name,
                p.headline,
                p.city,
                p.language,
                p.circle,
                p.how_we_met,
                p.notes,
                p.archived,
            )
            for p in people.select_related("organization")
        ],
        "orgs": list(
            Organization.objects.filter(owner=owner)
            .order_by("id")
            .values_list("name", "domain", "industry")
        ),
        "emails": list(
            EmailAddress.objects.filter(owner=owner)
            .order_by("id")
            .values_list("address", flat=True)
        ),
        "facts": list(Fact.objects.filter(owner=owner).order_by("id").values_list("kind", "text")),
        "encounters": list(
            Encounter.objects.filter(owner=owner)
            .order_by("id")
            .values_list("occurred_at", "channel", "place", "summary", "meaningful", "initiated_by")
        ),
        "events": list(
            Event.objects.filter(owner=owner)
            .order_by("id")
            .values_list("name", "kind", "date", "size")
        ),
        "connections": sorted(
            Counter(Connection.objects.filter(owner=owner).values_list("kind", flat=True)).items()
        ),
        "milestones": list(
            Milestone.objects.filter(owner=owner).order_by("id").values_list("kind", "date", "note")
        ),
    }


def test_the_same_seed_gives_the_same_network(alice, bob):
    demo_generate(owner=alice, people=60, seed=7)
    demo_generate(owner=bob, people=60, seed=7)
    assert _snapshot(alice) == _snapshot(bob)


def test_another_seed_gives_another_network(alice, bob):
    demo_generate(owner=alice, people=60, seed=1)
    demo_generate(owner=bob, people=60, seed=2)
    assert _snapshot(alice)["people"] != _snapshot(bob)["people"]


def test_the_stats_count_the_rows_created(alice):
    stats = demo_generate(owner=alice, people=200, seed=3)
    assert stats == DemoStats(
        people=Person.objects.filter(owner=alice).count(),
        organizations=Organization.objects.filter(owner=alice).count(),
        facts=Fact.objects.filter(owner=alice).count(),
        encounters=Encounter.objects.filter(owner=alice).count(),
        events=Event.objects.filter(owner=alice).count(),
        connections=Connection.objects.filter(owner=alice).count(),
        milestones=Milestone.objects.filter(owner=alice).count(),
        tags=Tag.objects.filter(owner=alice).count(),
        followups=FollowUp.objects.filter(owner=alice).count(),
    )
    assert stats.people == 200
    assert stats.organizations == 25  # one per eight people
    # About ten encounters and five facts per person, as the benchmark promises.
    assert 7 <= stats.encounters / stats.people <= 13
    assert 4 <= Fact.objects.filter(owner=alice, person__isnull=False).count() / stats.people <= 6
    assert stats.events >= 5
    assert stats.connections > stats.people
    assert stats.milestones > 0


def test_every_encounter_has_one_to_three_participants(alice):
    demo_generate(owner=alice, people=100, seed=3)
    through = Encounter.participants.through.objects.filter(encounter__owner=alice)
    sizes = Counter(Counter(through.values_list("encounter_id", flat=True)).values())
    assert set(sizes) <= {1, 2, 3}
    assert sum(sizes.values()) == Encounter.objects.filter(owner=alice).count()
    assert sizes[1] > sizes[2] > sizes[3] > 0


def test_encounters_happen_over_the_past_two_years_and_are_mostly_meaningful(alice):
    demo_generate(owner=alice, people=100, seed=3)
    encounters = Encounter.objects.filter(owner=alice)
    start = dt.datetime.combine(TODAY - dt.timedelta(days=731), dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    assert not encounters.filter(occurred_at__lt=start).exists()
    assert not encounters.filter(occurred_at__gte=end).exists()
    assert encounters.filter(meaningful=True).count() > encounters.count() * 0.6
    channels = set(encounters.values_list("channel", flat=True))
    assert {"in_person", "call", "video", "email", "message"} <= channels
    assert encounters.filter(event__isnull=False).exists()
    at_events = encounters.filter(event__isnull=False).select_related("event")
    assert all(e.event is not None and e.occurred_at.date() == e.event.date for e in at_events)


def test_everything_generated_belongs_to_the_owner(alice, bob):
    person_create(
        owner=bob, full_name="Dana Whitfield", tags=["design"], emails=["dana@example.org"]
    )
    bobs_before = {
        model: list(model.objects.filter(owner=bob).values_list("pk", flat=True)) for model in OWNED
    }
    demo_generate(owner=alice, people=80, seed=5)
    for model in OWNED:
        assert (
            list(model.objects.filter(owner=bob).values_list("pk", flat=True)) == bobs_before[model]
        ), model
    alices = set(Person.objects.filter(owner=alice).values_list("pk", flat=True))
    for model in (EmailAddress, PhoneNumber, Link, Milestone, SearchTerm):
        assert set(model.objects.filter(owner=alice).values_list("person_id", flat=True)) <= alices
    assert (
        set(
            Fact.objects.filter(owner=alice)
            .exclude(person=None)
            .values_list("person_id", flat=True)
        )
        <= alices
    )
    pairs = Connection.objects.filter(owner=alice).values_list("from_person_id", "to_person_id")
    assert {p for pair in pairs for p in pair} <= alices
    introducers = (
        Person.objects.filter(owner=alice)
        .exclude(introduced_by=None)
        .values_list("introduced_by", flat=True)
    )
    assert introducers.exists()
    assert set(introducers) <= alices
    participants = Encounter.participants.through.objects.filter(encounter__owner=alice)
    assert set(participants.values_list("person_id", flat=True)) <= alices
    assert not Encounter.participants.through.objects.filter(person__owner=bob).exists()
    fact_encounters = (
        Fact.objects.filter(owner=alice)
        .exclude(encounter=None)
        .values_list("encounter__owner", flat=True)
    )
    assert set(fact_encounters) == {alice.pk}
    tagged = Person.tags.through.objects.filter(person__owner=alice).values_list(
        "tag__owner", flat=True
    )
    assert set(tagged) == {alice.pk}
    # Deferred foreign keys would only complain at commit: check them now.
    connection.check_constraints()


def test_phones_are_valid_e164(alice):
    demo_generate(owner=alice, people=300, seed=11)
    numbers = list(PhoneNumber.objects.filter(owner=alice).values_list("number", flat=True))
    assert numbers
    for number in numbers:
        parsed = phonenumbers.parse(number, None)
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number


def test_every_fictional_phone_range_is_valid():
    for city in demo_words.CITIES.values():
        if city.phone_prefix:
            for digits in ("0" * city.phone_digits, "9" * city.phone_digits):
                parsed = phonenumbers.parse(city.phone_prefix + digits, None)
                assert phonenumbers.is_valid_number(parsed), city.name


def test_emails_and_domains_are_reserved_example_domains(alice):
    demo_generate(owner=alice, people=150, seed=2)
    example = re.compile(r"^[a-z0-9.\-]+@([a-z0-9\-]+\.)*example\.(org|com|net)$")
    addresses = list(EmailAddress.objects.filter(owner=alice).values_list("address", flat=True))
    assert addresses
    assert all(example.match(a) for a in addresses), [a for a in addresses if not example.match(a)][
        :3
    ]
    domains = Organization.objects.filter(owner=alice).values_list("domain", flat=True)
    assert all(d.endswith(".example.com") for d in domains)


def test_names_and_facts_come_in_english_and_french(alice):
    demo_generate(owner=alice, people=200, seed=4)
    languages = Counter(Person.objects.filter(owner=alice).values_list("language", flat=True))
    assert languages["en"] > 40
    assert languages["fr"] > 40
    texts = set(Fact.objects.filter(owner=alice).values_list("text", flat=True))
    french = {t for kind in demo_words.FACTS.values() for t in kind["fr"] if "{" not in t}
    english = {t for kind in demo_words.FACTS.values() for t in kind["en"] if "{" not in t}
    assert texts & french
    assert texts & english
    kinds = set(Fact.objects.filter(owner=alice).values_list("kind", flat=True))
    assert kinds == {"interest", "offer", "need", "project", "personal", "talking_point"}
    assert Person.objects.filter(owner=alice, full_name__regex=r"[éèêëïçô]").exists()


def test_french_summaries_contract_their_articles(alice):
    demo_generate(owner=alice, people=150, seed=5)
    summaries = list(Encounter.objects.filter(owner=alice).values_list("summary", flat=True))
    assert any(" du " in s or " au " in s or "d'" in s for s in summaries)
    wrong = [s for s in summaries if re.search(r"\bde (le|les|un|une|des)\b|\bà (le|les)\b", s)]
    assert wrong == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("au sujet de le lancement", "au sujet du lancement"),
        ("réfléchir à les photos", "réfléchir aux photos"),
        ("au sujet de des idées", "au sujet d'idées"),
        ("au sujet de un atelier", "au sujet d'un atelier"),
        ("about le thing", "about le thing"),
    ],
)
def test_french_contraction(raw: str, expected: str) -> None:
    language = "en" if raw.startswith("about") else "fr"
    assert demo._contract(raw, language) == expected


def test_the_owner_gets_me_facts_once(alice):
    demo_generate(owner=alice, people=20, seed=1)
    me = Fact.objects.filter(owner=alice, person=None)
    first = me.count()
    assert first > 0
    assert set(me.values_list("kind", flat=True)) >= {"offer", "need", "interest"}
    demo_generate(owner=alice, people=20, seed=2)
    assert me.count() == first


def test_a_second_run_adds_people_without_clashing_names(alice):
    first = demo_generate(owner=alice, people=300, seed=1)
    second = demo_generate(owner=alice, people=300, seed=1)
    assert first.tags > 0
    assert second.tags == 0  # the owner's tags are reused
    assert Person.objects.filter(owner=alice).count() == 600
    names = [
        n.casefold()
        for n in Organization.objects.filter(owner=alice).values_list("name", flat=True)
    ]
    assert len(names) == len(set(names)) == first.organizations + second.organizations


def test_search_finds_demo_people_by_name(alice):
    demo_generate(owner=alice, people=120, seed=9)
    person = Person.objects.filter(owner=alice, archived=False).order_by("id")[17]
    found = person_list(owner=alice, filters=PersonFilters(q=person.family_name))
    assert person in found
    found = person_list(
        owner=alice, filters=PersonFilters(q=f"{person.given_name} {person.family_name}")
    )
    assert person in found


def test_search_finds_demo_people_by_a_fact_word(alice):
    demo_generate(owner=alice, people=120, seed=9)
    fact = Fact.objects.filter(
        owner=alice, person__archived=False, text__icontains="sourdough"
    ).first()
    assert fact is not None
    found = person_list(owner=alice, filters=PersonFilters(q="sourdough"))
    assert fact.person_id in {p.pk for p in found}
    assert all(
        Fact.objects.filter(person=p, text__icontains="sourdough").exists()
        or "sourdough" in p.notes.casefold()
        for p in found
    )


def test_search_finds_french_words_without_their_accents(alice):
    demo_generate(owner=alice, people=200, seed=9)
    fact = Fact.objects.filter(
        owner=alice, person__archived=False, text__contains="Comptabilité"
    ).first()
    assert fact is not None
    found = person_list(owner=alice, filters=PersonFilters(q="comptabilite"))
    assert fact.person_id in {p.pk for p in found}


def test_demo_search_terms_are_those_person_reindex_writes(alice):
    demo_generate(owner=alice, people=40, seed=12)
    for person in Person.objects.filter(owner=alice).order_by("id")[:40]:
        generated = set(SearchTerm.objects.filter(person=person).values_list("term", flat=True))
        person_reindex(person=person)
        assert (
            set(SearchTerm.objects.filter(person=person).values_list("term", flat=True))
            == generated
        )


def test_search_does_not_find_another_owners_demo_people(alice, bob):
    demo_generate(owner=alice, people=50, seed=9)
    person = Person.objects.filter(owner=alice, archived=False).order_by("id")[0]
    assert not person_list(owner=bob, filters=PersonFilters(q=person.family_name)).exists()


def test_person_detail_works_on_a_demo_person(alice):
    demo_generate(owner=alice, people=100, seed=6)
    busiest = Counter(
        Encounter.participants.through.objects.filter(person__owner=alice).values_list(
            "person_id", flat=True
        )
    ).most_common(1)[0][0]
    detail = person_detail(owner=alice, pk=busiest)
    assert detail.person.pk == busiest
    assert detail.encounters
    assert all(busiest in {p.pk for p in e.participants.all()} for e in detail.encounters)
    assert [e.occurred_at for e in detail.encounters] == sorted(
        (e.occurred_at for e in detail.encounters), reverse=True
    )
    assert detail.facts_by_kind
    assert (
        sum(len(items) for _kind, _label, items in detail.facts_by_kind)
        == Fact.objects.filter(person=busiest).count()
    )
    connected = Person.objects.filter(owner=alice, connections_out__isnull=False).order_by("id")[0]
    assert person_detail(owner=alice, pk=connected.pk).connections


def test_services_keep_working_after_a_demo(alice):
    # Ids were reserved by the generator: the next ordinary insert must not collide.
    demo_generate(owner=alice, people=30, seed=1)
    people = [person_create(owner=alice, full_name="Dana Whitfield", emails=["dana@example.org"])]
    people.append(Person.objects.filter(owner=alice).order_by("id")[0])
    encounter = encounter_log(owner=alice, participants=people, occurred_at=TODAY, summary="Coffee")
    others = Encounter.objects.filter(owner=alice).exclude(pk=encounter.pk)
    assert encounter.pk > max(others.values_list("pk", flat=True))


def test_progress_is_reported_per_chunk(alice, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK_SIZE", 40)
    calls: list[tuple[int, int]] = []
    demo_generate(
        owner=alice, people=100, seed=1, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(0, 100), (40, 100), (80, 100), (100, 100)]
    assert Person.objects.filter(owner=alice).count() == 100


def test_chunks_reach_across_for_introductions_and_weak_ties(alice, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK_SIZE", 50)
    demo_generate(owner=alice, people=200, seed=1)
    ids = list(Person.objects.filter(owner=alice).order_by("id").values_list("pk", flat=True))
    later = set(ids[50:])
    first_chunk = set(ids[:50])
    knows = Connection.objects.filter(owner=alice, kind="knows").values_list(
        "from_person_id", "to_person_id"
    )
    assert any((a in first_chunk) != (b in first_chunk) and {a, b} & later for a, b in knows)


def test_zero_people_creates_nothing(alice):
    assert demo_generate(owner=alice, people=0) == DemoStats()
    assert not Person.objects.filter(owner=alice).exists()


@pytest.mark.parametrize("people", [-1, demo.MAX_PEOPLE + 1, "ten", 2.5, True])
def test_it_refuses_a_bad_number_of_people(alice, people):
    with pytest.raises(InvalidInput) as exc:
        demo_generate(owner=alice, people=people)
    assert "people" in exc.value.errors
    assert not Person.objects.filter(owner=alice).exists()


def test_generated_rows_pass_the_models_validation(alice):
    # The generator bypasses the services for speed; its rows must still be ones they accept.
    demo_generate(owner=alice, people=120, seed=8)
    models = [
        Person,
        Organization,
        Tag,
        EmailAddress,
        PhoneNumber,
        Link,
        Fact,
        Milestone,
        Connection,
        Event,
        Encounter,
    ]
    for model in models:
        rows = list(model.objects.filter(owner=alice).order_by("id")[:300])
        assert rows, model
        for row in rows:
            row.full_clean(validate_unique=False, validate_constraints=False)
