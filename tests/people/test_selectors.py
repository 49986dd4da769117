"""Reads of people: owner scoping, search, filters, the person page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.encounters.services import encounter_log
from entregent.people.choices import Circle, ConnectionKind, FactKind, MilestoneKind
from entregent.people.models import Person
from entregent.people.selectors import (
    PersonFilters,
    connection_get,
    connections_of,
    fact_get,
    me_facts,
    milestone_get,
    organization_get,
    organization_list,
    person_detail,
    person_find_by_name,
    person_get,
    person_list,
    tag_list,
)
from entregent.people.services import (
    connection_create,
    fact_create,
    milestone_create,
    organization_create,
    person_archive,
    person_create,
)

BAD_IDS = ["abc", "", " ", "1.5", "-1", "0", "9" * 30, 2**63, 10**30, None, "1; DROP TABLE"]


def names(qs) -> list[str]:
    return [p.full_name for p in qs]


def search(owner: User, query: str) -> list[str]:
    return names(person_list(owner=owner, filters=PersonFilters(q=query)))


@pytest.fixture
def erin(alice: User) -> Person:
    return person_create(
        owner=alice, full_name="Erin Okafor", organization="Globex", tags=["running"]
    )


@pytest.fixture
def bobs_person(bob: User) -> Person:
    return person_create(
        owner=bob,
        full_name="Dana Bianchi",
        organization="Blue Bottle Studio",
        tags=["design"],
        headline="Designer",
    )


# Every *_get hides other owners' rows and odd ids ------------------------------------


@pytest.fixture
def bobs_rows(bob: User, bobs_person: Person) -> dict[str, int]:
    other = person_create(owner=bob, full_name="Bea Bianchi")
    return {
        "person": bobs_person.pk,
        "organization": bobs_person.organization_id or 0,
        "fact": fact_create(owner=bob, person=bobs_person, kind=FactKind.NEED, text="Investors").pk,
        "milestone": milestone_create(
            owner=bob, person=bobs_person, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 1, 1)
        ).pk,
        "connection": connection_create(owner=bob, from_person=bobs_person, to_person=other).pk,
    }


GETTERS = {
    "person": person_get,
    "organization": organization_get,
    "fact": fact_get,
    "milestone": milestone_get,
    "connection": connection_get,
}


@pytest.mark.parametrize("kind", list(GETTERS))
def test_it_returns_the_owners_own_row(bob, bobs_rows, kind):
    assert GETTERS[kind](owner=bob, pk=bobs_rows[kind]).pk == bobs_rows[kind]


@pytest.mark.parametrize("kind", list(GETTERS))
def test_it_hides_another_owners_row_as_not_found(alice, bobs_rows, kind):
    with pytest.raises(NotFound) as exc:
        GETTERS[kind](owner=alice, pk=bobs_rows[kind])
    assert exc.value.status == 404


@pytest.mark.parametrize("pk", BAD_IDS)
@pytest.mark.parametrize("kind", list(GETTERS))
def test_it_answers_not_found_for_an_odd_id(alice, bobs_rows, kind, pk):
    with pytest.raises(NotFound):
        GETTERS[kind](owner=alice, pk=pk)


def test_it_accepts_an_id_given_as_text(alice, dana):
    assert person_get(owner=alice, pk=str(dana.pk)) == dana


def test_it_hides_another_owners_person_page(alice, bobs_person):
    with pytest.raises(NotFound):
        person_detail(owner=alice, pk=bobs_person.pk)


# Lists and search ---------------------------------------------------------------------


def test_it_never_lists_bobs_people(alice, dana, bobs_person):
    assert names(person_list(owner=alice)) == ["Dana Whitfield"]


@pytest.mark.parametrize("query", ["dana", "design", "blue bottle", "designer", "d"])
def test_it_never_finds_bobs_people(alice, dana, bobs_person, query):
    assert "Dana Bianchi" not in search(alice, query)


def test_it_lists_in_family_name_order(alice):
    for name in ["Zoé Adam", "Ann Zorn", "émile Martin"]:
        person_create(owner=alice, full_name=name)
    assert names(person_list(owner=alice)) == ["Zoé Adam", "émile Martin", "Ann Zorn"]


def test_it_finds_a_person_by_the_start_of_their_name(alice, dana, erin):
    assert search(alice, "whit") == ["Dana Whitfield"]


def test_it_finds_a_person_without_accents_or_case(alice):
    person_create(owner=alice, full_name="Émilie Durand")
    assert search(alice, "emilie") == ["Émilie Durand"]
    assert search(alice, "ÉMILIE") == ["Émilie Durand"]


def test_it_finds_an_unaccented_name_with_an_accented_query(alice):
    person_create(owner=alice, full_name="Emilie Durand")
    assert search(alice, "Émilie") == ["Emilie Durand"]


def test_it_finds_a_person_by_a_fact_word(alice, dana, erin):
    fact_create(
        owner=alice, person=erin, kind=FactKind.PERSONAL, text="Trains for the Paris marathon"
    )
    assert search(alice, "marathon") == ["Erin Okafor"]


def test_it_finds_a_person_by_their_organization(alice, dana, erin):
    assert search(alice, "globex") == ["Erin Okafor"]


def test_it_finds_a_person_by_tag(alice, dana, erin):
    assert search(alice, "running") == ["Erin Okafor"]


def test_it_finds_a_person_by_a_word_of_their_notes(alice, dana):
    person_create(
        owner=alice, full_name="Ann Lee", notes="Met at the sourdough workshop.\nVery kind."
    )
    assert search(alice, "sourdough") == ["Ann Lee"]


def test_it_finds_a_person_by_the_name_part_of_an_email(alice):
    person_create(owner=alice, full_name="Ann Lee", emails=["sparrow@example.org"])
    assert search(alice, "sparrow") == ["Ann Lee"]


def test_it_requires_every_word_of_a_query(alice, dana, erin):
    person_create(owner=alice, full_name="Dana Okafor")
    assert search(alice, "dana okafor") == ["Dana Okafor"]
    assert search(alice, "okafor") == ["Dana Okafor", "Erin Okafor"]


def test_it_matches_words_across_fields(alice, dana, erin):
    assert search(alice, "dana bottle") == ["Dana Whitfield"]
    assert search(alice, "dana globex") == []


def test_it_lists_a_person_once_when_several_words_match(alice, dana):
    assert search(alice, "d") == ["Dana Whitfield"]
    assert search(alice, "dana design designer") == ["Dana Whitfield"]


@pytest.mark.parametrize("query", ["   ", "!!", "%", "_", "\\", "'", '"', "\x00"])
def test_it_survives_a_query_of_punctuation_or_control_characters(alice, dana, query):
    assert search(alice, query) in ([], ["Dana Whitfield"])


def test_it_treats_sql_wildcards_in_a_query_as_text(alice, dana):
    assert search(alice, "%ana") == []
    assert search(alice, "d_na") == []


def test_it_survives_a_very_long_query(alice, dana):
    assert search(alice, "dana " * 5_000) == ["Dana Whitfield"]


def test_it_finds_a_name_in_another_script(alice):
    person_create(owner=alice, full_name="李小龍")
    assert search(alice, "李小龍") == ["李小龍"]


def test_it_leaves_archived_people_out_of_search(alice, dana):
    person_archive(person=dana)
    assert search(alice, "dana") == []


def test_it_filters_by_tag_in_any_case(alice, dana, erin):
    assert names(person_list(owner=alice, filters=PersonFilters(tag="DESIGN"))) == [
        "Dana Whitfield"
    ]
    assert names(person_list(owner=alice, filters=PersonFilters(tag="#design"))) == [
        "Dana Whitfield"
    ]


def test_it_filters_by_an_accented_tag_in_any_case(alice):
    person_create(owner=alice, full_name="Ann Lee", tags=["Écologie"])
    assert names(person_list(owner=alice, filters=PersonFilters(tag="écologie"))) == ["Ann Lee"]


def test_it_finds_nobody_for_bobs_tag(alice, dana, bob, bobs_person):
    person_create(owner=bob, full_name="Bo Ng", tags=["only-bob"])
    assert names(person_list(owner=alice, filters=PersonFilters(tag="only-bob"))) == []


def test_it_filters_by_organization(alice, dana, erin):
    assert erin.organization_id is not None
    assert names(
        person_list(owner=alice, filters=PersonFilters(organization=erin.organization_id))
    ) == ["Erin Okafor"]


def test_it_finds_nobody_through_bobs_organization(alice, dana, bobs_person):
    assert bobs_person.organization_id is not None
    filters = PersonFilters(organization=bobs_person.organization_id)
    assert names(person_list(owner=alice, filters=filters)) == []


def test_it_filters_by_circle(alice, dana):
    person_create(owner=alice, full_name="Ann Lee", circle=Circle.INNER)
    assert names(person_list(owner=alice, filters=PersonFilters(circle=Circle.INNER))) == [
        "Ann Lee"
    ]


def test_it_filters_by_channel(alice, dana, erin):
    encounter_log(owner=alice, participants=[erin], channel="video")
    encounter_log(owner=alice, participants=[dana], channel="call")
    assert names(person_list(owner=alice, filters=PersonFilters(channel="video"))) == [
        "Erin Okafor"
    ]


def test_it_lists_a_person_once_for_several_encounters_on_a_channel(alice, dana):
    encounter_log(owner=alice, participants=[dana], channel="video")
    encounter_log(owner=alice, participants=[dana], channel="video")
    assert names(person_list(owner=alice, filters=PersonFilters(channel="video"))) == [
        "Dana Whitfield"
    ]


def test_it_lists_archived_people_only_when_asked(alice, dana, erin):
    person_archive(person=dana)
    assert names(person_list(owner=alice, filters=PersonFilters(archived=True))) == [
        "Dana Whitfield"
    ]
    assert names(person_list(owner=alice)) == ["Erin Okafor"]


def test_it_combines_search_and_filters(alice, dana, erin):
    filters = PersonFilters(q="erin", tag="design")
    assert names(person_list(owner=alice, filters=filters)) == []


def test_it_finds_a_person_by_exact_name_first(alice, dana):
    person_create(owner=alice, full_name="Dana Whitfield-Moreau")
    assert names(person_find_by_name(owner=alice, name=" dana whitfield ")) == ["Dana Whitfield"]


def test_it_falls_back_to_search_when_no_name_is_exact(alice, dana, bobs_person):
    assert names(person_find_by_name(owner=alice, name="dana")) == ["Dana Whitfield"]


# Organizations and tags ---------------------------------------------------------------


def test_it_counts_the_live_people_of_each_organization(alice, dana, erin):
    person_create(owner=alice, full_name="Ann Lee", organization="Globex")
    archived = person_create(owner=alice, full_name="Bo Ng", organization="Globex")
    person_archive(person=archived)
    organizations: list[Any] = list(organization_list(owner=alice))
    counts = {o.name: o.people_count for o in organizations}
    assert counts == {"Blue Bottle Studio": 1, "Globex": 2}


def test_it_lists_only_the_owners_organizations(alice, dana, bobs_person):
    organization_create(owner=alice, name="Acme")
    assert [o.name for o in organization_list(owner=alice, q="b")] == ["Blue Bottle Studio"]
    assert bobs_person.organization not in list(organization_list(owner=alice))


def test_it_lists_only_the_owners_tags_with_counts(alice, dana, erin, bobs_person):
    tags: list[Any] = list(tag_list(owner=alice))
    assert {(t.name, t.people_count) for t in tags} == {
        ("design", 1),
        ("running", 1),
    }


# Facts about me -----------------------------------------------------------------------


def test_it_lists_only_my_own_facts(alice, bob, dana):
    mine = fact_create(owner=alice, person=None, kind=FactKind.OFFER, text="Django consulting")
    fact_create(owner=alice, person=dana, kind=FactKind.OFFER, text="Photos")
    fact_create(owner=bob, person=None, kind=FactKind.OFFER, text="Bob's offer")
    assert list(me_facts(owner=alice)) == [mine]


# Connections ---------------------------------------------------------------------------


def test_it_reads_connections_in_both_directions(alice, dana, erin):
    ann = person_create(owner=alice, full_name="Ann Lee")
    first = connection_create(owner=alice, from_person=dana, to_person=erin)
    second = connection_create(
        owner=alice, from_person=ann, to_person=dana, kind=ConnectionKind.FAMILY
    )
    assert set(connections_of(person=dana)) == {(first, erin), (second, ann)}
    assert connections_of(person=erin) == [(first, dana)]


# The person page ------------------------------------------------------------------------


def test_it_groups_facts_by_kind_in_the_order_of_the_kinds(alice, dana):
    fact_create(owner=alice, person=dana, kind=FactKind.TALKING_POINT, text="Asked about Lisbon")
    fact_create(owner=alice, person=dana, kind=FactKind.NEED, text="A studio")
    fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text="Film cameras")
    fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text="Sourdough")
    detail = person_detail(owner=alice, pk=dana.pk)
    assert [kind for kind, _label, _facts in detail.facts_by_kind] == [
        "interest",
        "need",
        "talking_point",
    ]
    interests = detail.facts_by_kind[0][2]
    assert {f.text for f in interests} == {"Film cameras", "Sourdough"}


def test_it_leaves_out_fact_kinds_with_nothing_in_them(alice, dana):
    assert person_detail(owner=alice, pk=dana.pk).facts_by_kind == []


def test_it_shows_the_encounters_newest_first(alice, dana, erin):
    old = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2025, 1, 1))
    new = encounter_log(owner=alice, participants=[dana, erin], occurred_at=dt.date(2026, 1, 1))
    encounter_log(owner=alice, participants=[erin], occurred_at=dt.date(2026, 2, 1))
    assert person_detail(owner=alice, pk=dana.pk).encounters == [new, old]


def test_it_shows_connections_and_milestones_on_the_person_page(alice, dana, erin):
    connection = connection_create(owner=alice, from_person=erin, to_person=dana)
    later = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 5, 1)
    )
    birthday = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.BIRTHDAY, date=dt.date(1990, 5, 4)
    )
    detail = person_detail(owner=alice, pk=dana.pk)
    assert detail.connections == [(connection, erin)]
    assert detail.milestones == [birthday, later]


def test_it_limits_the_encounter_timeline(alice, dana):
    for day in range(1, 6):
        encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2026, 1, day))
    assert len(person_detail(owner=alice, pk=dana.pk, encounter_limit=3).encounters) == 3


# Free text and odd values never reach the database raw -------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        PersonFilters(tag="de\x00sign"),
        PersonFilters(tag="\x00"),
        PersonFilters(circle="in\x00ner"),
        PersonFilters(circle="best-friends"),
        PersonFilters(channel="vi\x00deo"),
        PersonFilters(channel="telepathy"),
        PersonFilters(organization=10**30),
        PersonFilters(organization=-1),
        PersonFilters(organization="abc"),  # type: ignore[arg-type]
    ],
)
def test_it_finds_nobody_for_an_odd_filter_value(alice, dana, filters):
    assert names(person_list(owner=alice, filters=filters)) == []


def test_it_reads_a_control_character_in_a_name_as_a_space(alice, dana):
    assert person_find_by_name(owner=alice, name="Dana\x00Whitfield") == [dana]


def test_it_finds_nobody_by_a_blank_name(alice, dana):
    assert person_find_by_name(owner=alice, name=" \x00 ") == []


def test_it_reads_a_control_character_in_an_organization_query_as_a_space(alice, dana):
    assert [o.name for o in organization_list(owner=alice, q="Blue\x00Bottle")] == [
        "Blue Bottle Studio"
    ]
