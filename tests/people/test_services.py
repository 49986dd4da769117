"""Services that change people, organizations, facts, milestones and connections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from entregent.accounts.models import User
from entregent.core.errors import Conflict, InvalidInput, NotFound
from entregent.encounters.models import Encounter
from entregent.encounters.services import encounter_log
from entregent.people.choices import ConnectionKind, FactKind, LinkKind, MilestoneKind
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
from entregent.people.selectors import PersonFilters, me_facts, person_list
from entregent.people.services import (
    connection_create,
    fact_create,
    fact_delete,
    fact_update,
    milestone_create,
    milestone_update,
    organization_create,
    organization_delete,
    organization_get_or_create,
    organization_update,
    person_archive,
    person_create,
    person_delete,
    person_update,
)

ROW_MODELS = (
    Person,
    Organization,
    Tag,
    EmailAddress,
    PhoneNumber,
    Link,
    SearchTerm,
    Fact,
    Milestone,
    Connection,
)

# Control characters a person never types; NUL also makes PostgreSQL refuse the row.
CONTROL_CHARACTERS = ["\x00", "\x07", "\x1b", "\x1f", "\x7f", "\x9b"]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


def found(owner: User, query: str) -> list[str]:
    return [p.full_name for p in person_list(owner=owner, filters=PersonFilters(q=query))]


@pytest.fixture
def erin(alice: User) -> Person:
    return person_create(owner=alice, full_name="Erin Okafor")


@pytest.fixture
def bobs_person(bob: User) -> Person:
    return person_create(owner=bob, full_name="Bruno Bianchi", organization="Bob Corp")


# Names --------------------------------------------------------------------------------


def test_it_parses_a_name_with_a_title_and_particles(alice):
    person = person_create(owner=alice, full_name="Dr. Marie-Claire de la Tour")
    assert (person.given_name, person.family_name) == ("Marie-Claire", "de la Tour")
    assert person.full_name == "Dr. Marie-Claire de la Tour"


def test_it_parses_a_hyphenated_given_name(alice):
    person = person_create(owner=alice, full_name="Jean-Luc Picard")
    assert (person.given_name, person.family_name) == ("Jean-Luc", "Picard")


def test_it_accepts_a_single_name(alice):
    person = person_create(owner=alice, full_name="Cher")
    assert (person.full_name, person.given_name, person.family_name) == ("Cher", "Cher", "")


def test_it_parses_family_comma_given(alice):
    person = person_create(owner=alice, full_name="Smith, John")
    assert (person.given_name, person.family_name) == ("John", "Smith")


def test_it_lets_explicit_given_and_family_names_win(alice):
    person = person_create(
        owner=alice,
        full_name="Dr. Marie-Claire de la Tour",
        given_name="Marie",
        family_name="Delatour",
    )
    assert (person.given_name, person.family_name) == ("Marie", "Delatour")
    assert person.full_name == "Dr. Marie-Claire de la Tour"


def test_it_builds_the_full_name_from_given_and_family(alice):
    person = person_create(owner=alice, given_name="Ada", family_name="Lovelace")
    assert person.full_name == "Ada Lovelace"


def test_it_collapses_white_space_in_the_name(alice):
    person = person_create(owner=alice, full_name="  Ann   Lee  ")
    assert person.full_name == "Ann Lee"


def test_it_sorts_by_family_name_without_case_or_accents(alice):
    person = person_create(owner=alice, full_name="Émilie Durand")
    assert person.sort_name == "durand emilie"


@pytest.mark.parametrize("name", ["", "   ", "\n"])
def test_it_refuses_an_empty_name(alice, name):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name=name)
    assert "full_name" in exc.value.errors
    assert Person.objects.count() == 0


def test_it_accepts_a_name_of_200_characters(alice):
    person = person_create(owner=alice, full_name="A" * 200)
    assert len(person.full_name) == 200


@pytest.mark.parametrize("length", [201, 10_000])
def test_it_refuses_a_name_that_is_too_long(alice, length):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="A" * length)
    assert "full_name" in exc.value.errors
    assert Person.objects.count() == 0


# Every text field refuses control characters, and nothing is written ------------------

PERSON_TEXT_FIELDS = [
    "full_name",
    "given_name",
    "family_name",
    "headline",
    "city",
    "how_we_met",
    "notes",
]


@pytest.mark.parametrize("char", CONTROL_CHARACTERS)
@pytest.mark.parametrize("field", PERSON_TEXT_FIELDS)
def test_it_refuses_control_characters_in_each_text_field(alice, dana, field, char):
    before = row_counts()
    fields: dict[str, Any] = {"full_name": "Ann Lee", field: f"ab{char}cd"}
    with pytest.raises(InvalidInput) as exc:
        person_create(
            owner=alice,
            **fields,
            organization="Brand New Org",
            emails=["ann@example.org"],
            phones=["+33 6 12 34 56 78"],
            links=["ann.example"],
            tags=["brand-new-tag"],
        )
    assert field in exc.value.errors
    assert row_counts() == before


def test_it_keeps_line_breaks_and_tabs_in_notes(alice):
    person = person_create(
        owner=alice, full_name="Ann Lee", notes="Runs marathons.\n\tLoves sourdough."
    )
    assert person.notes == "Runs marathons.\n\tLoves sourdough."


@pytest.mark.parametrize("field", ["headline", "city", "how_we_met"])
def test_it_refuses_line_breaks_in_single_line_fields(alice, field):
    extra: dict[str, Any] = {field: "one\ntwo"}
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="Ann Lee", **extra)
    assert field in exc.value.errors


@pytest.mark.parametrize("separator", ["\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85"])
def test_it_refuses_control_characters_inside_the_name_even_when_they_look_like_space(
    alice, separator
):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name=f"Ann{separator}Lee")
    assert "full_name" in exc.value.errors
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("emails", "ann\x00@example.org"),
        ("emails", '"ann\x01lee"@example.org'),
        ("phones", "+33 6 12\x00 34 56 78"),
        ("links", "https://example.org/\x00"),
        ("links", "https://example.org/a\x07b"),
        ("tags", "de\x00sign"),
        ("tags", "de\x1bsign"),
    ],
)
def test_it_refuses_control_characters_in_each_list_field(alice, dana, field, value):
    before = row_counts()
    extra: dict[str, Any] = {field: [value]}
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="Ann Lee", organization="Brand New Org", **extra)
    assert field in exc.value.errors
    assert row_counts() == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\n"])
def test_it_refuses_control_characters_in_an_organization_name(alice, char):
    before = row_counts()
    with pytest.raises(InvalidInput) as exc:
        person_create(
            owner=alice, full_name="Ann Lee", organization=f"Acme{char}Corp", tags=["new"]
        )
    assert "organization" in exc.value.errors
    assert row_counts() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("emails", "a" * 10_000 + "@example.org"),
        ("emails", "a" * 250 + "@example.org"),
        ("phones", "1" * 10_000),
        ("links", "https://example.org/" + "a" * 10_000),
        ("tags", "t" * 10_000),
        ("organization", "O" * 10_000),
        ("headline", "h" * 10_000),
        ("notes", "n" * 20_001),
        ("language", "klingon"),
        ("circle", "best-friends"),
        ("cadence_days", 0),
        ("cadence_days", 10**12),
    ],
)
def test_it_refuses_oversized_or_unknown_values_naming_the_field(alice, field, value):
    before = row_counts()
    fields: dict[str, Any] = {"full_name": "Ann Lee", "organization": "Brand New Org"}
    fields[field] = [value] if field in {"emails", "phones", "links", "tags"} else value
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, **fields)
    assert field in exc.value.errors
    assert row_counts() == before


def test_it_writes_nothing_when_the_last_list_is_invalid(alice):
    before = row_counts()
    with pytest.raises(InvalidInput):
        person_create(
            owner=alice,
            full_name="Ann Lee",
            organization="Brand New Org",
            emails=["ann@example.org"],
            phones=["+33 6 12 34 56 78"],
            links=["linkedin.com/in/ann"],
            tags=["fine", "x" * 65],
        )
    assert row_counts() == before


# E-mails, phones, links ---------------------------------------------------------------


def test_it_lower_cases_and_deduplicates_emails_in_order(alice):
    person = person_create(
        owner=alice,
        full_name="Ann Lee",
        emails=[" Ann@Example.ORG ", "ann@example.org", "", "lee@example.org"],
    )
    assert list(person.emails.values_list("address", flat=True)) == [
        "ann@example.org",
        "lee@example.org",
    ]


def test_it_refuses_an_invalid_email_naming_the_field(alice):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="Ann Lee", emails=["ann@example.org", "not-an-email"])
    assert list(exc.value.errors) == ["emails"]
    assert "not-an-email" in exc.value.errors["emails"][0]
    assert Person.objects.count() == 0


def test_it_normalises_phones_with_the_configured_region_when_the_user_has_none(alice, settings):
    settings.ENTREGENT_PHONE_REGION = "FR"
    assert not alice.phone_region
    person = person_create(owner=alice, full_name="Ann Lee", phones=["06 12 34 56 78"])
    assert list(person.phones.values_list("number", flat=True)) == ["+33612345678"]


def test_it_normalises_phones_with_the_users_region(alice):
    alice.phone_region = "FR"
    alice.save()
    person = person_create(owner=alice, full_name="Ann Lee", phones=["06 12 34 56 78"])
    assert list(person.phones.values_list("number", flat=True)) == ["+33612345678"]


def test_it_keeps_the_country_written_with_plus_whatever_the_region(alice):
    alice.phone_region = "FR"
    alice.save()
    person = person_create(owner=alice, full_name="Ann Lee", phones=["+1 415 555 2671"])
    assert list(person.phones.values_list("number", flat=True)) == ["+14155552671"]


def test_it_deduplicates_the_same_phone_written_two_ways(alice):
    alice.phone_region = "FR"
    alice.save()
    person = person_create(
        owner=alice, full_name="Ann Lee", phones=["06 12 34 56 78", "+33612345678"]
    )
    assert person.phones.count() == 1


@pytest.mark.parametrize("phone", ["12345", "call me", "+99 123"])
def test_it_refuses_an_invalid_phone_naming_the_field(alice, phone):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="Ann Lee", phones=[phone])
    assert list(exc.value.errors) == ["phones"]
    assert Person.objects.count() == 0


def test_it_adds_https_to_a_link_and_recognises_linkedin(alice):
    person = person_create(owner=alice, full_name="Ann Lee", links=["linkedin.com/in/annlee"])
    link = person.links.get()
    assert (link.url, link.kind) == ("https://linkedin.com/in/annlee", LinkKind.LINKEDIN)


def test_it_refuses_an_invalid_link_naming_the_field(alice):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="Ann Lee", links=["not a link"])
    assert list(exc.value.errors) == ["links"]


def test_it_refuses_a_link_with_another_scheme(alice):
    with pytest.raises(InvalidInput) as exc:
        person_create(owner=alice, full_name="Ann Lee", links=["ftp://example.org/file"])
    assert "links" in exc.value.errors


# Tags ---------------------------------------------------------------------------------


def test_it_creates_a_tag_once_per_owner_whatever_the_case(alice):
    first = person_create(
        owner=alice, full_name="Ann Lee", tags=["Design", "design", "#DESIGN", " "]
    )
    second = person_create(owner=alice, full_name="Bo Ng", tags=["DESIGN"])
    assert Tag.objects.filter(owner=alice).count() == 1
    assert list(first.tags.all()) == list(second.tags.all())


def test_it_reuses_a_tag_with_accented_capitals(alice):
    person_create(owner=alice, full_name="Ann Lee", tags=["Écologie"])
    person_create(owner=alice, full_name="Bo Ng", tags=["écologie"])
    assert Tag.objects.filter(owner=alice).count() == 1


def test_it_keeps_tags_apart_between_owners(alice, bob):
    person_create(owner=alice, full_name="Ann Lee", tags=["design"])
    bobs = person_create(owner=bob, full_name="Bo Ng", tags=["design"])
    assert Tag.objects.filter(name="design").count() == 2
    assert bobs.tags.get().owner == bob


# Organizations through people ---------------------------------------------------------


def test_it_reuses_an_organization_named_in_another_case(alice, dana):
    person = person_create(owner=alice, full_name="Ann Lee", organization="BLUE bottle studio")
    assert person.organization == dana.organization
    assert Organization.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize("spelling", ["ÉCOLE DU LOUVRE", "école du louvre"])
def test_it_reuses_an_organization_named_with_accented_capitals(alice, spelling):
    first = person_create(owner=alice, full_name="Ann Lee", organization="École du Louvre")
    second = person_create(owner=alice, full_name="Bo Ng", organization=spelling)
    assert second.organization == first.organization
    assert Organization.objects.filter(owner=alice).count() == 1


def test_it_accepts_an_organization_instance(alice):
    org = organization_create(owner=alice, name="Acme")
    person = person_create(owner=alice, full_name="Ann Lee", organization=org)
    assert person.organization == org


def test_it_refuses_another_owners_organization_as_not_found(alice, bobs_person):
    before = row_counts()
    with pytest.raises(NotFound) as exc:
        person_create(owner=alice, full_name="Ann Lee", organization=bobs_person.organization)
    assert "organization" in exc.value.errors
    assert row_counts() == before


def test_it_creates_no_organization_for_a_blank_name(alice):
    person = person_create(owner=alice, full_name="Ann Lee", organization="   ")
    assert person.organization is None
    assert Organization.objects.count() == 0


# Introduced by ------------------------------------------------------------------------


def test_it_records_who_introduced_the_person(alice, dana):
    person = person_create(owner=alice, full_name="Ann Lee", introduced_by=dana)
    assert person.introduced_by == dana


def test_it_refuses_an_introducer_from_another_owner_as_not_found(alice, bobs_person):
    before = row_counts()
    with pytest.raises(NotFound) as exc:
        person_create(owner=alice, full_name="Ann Lee", introduced_by=bobs_person)
    assert exc.value.status == 404
    assert "introduced_by" in exc.value.errors
    assert row_counts() == before


# Updating -----------------------------------------------------------------------------


def test_it_changes_only_the_fields_given(alice, dana):
    person_update(person=dana, headline="Art director")
    dana.refresh_from_db()
    assert dana.headline == "Art director"
    assert dana.full_name == "Dana Whitfield"
    assert dana.organization is not None
    assert dana.organization.name == "Blue Bottle Studio"
    assert list(dana.emails.values_list("address", flat=True)) == ["dana@example.org"]
    assert [t.name for t in dana.tags.all()] == ["design"]


def test_it_parses_a_new_full_name_again(alice, dana):
    person_update(person=dana, full_name="Dana Whitfield-Moreau")
    dana.refresh_from_db()
    assert (dana.given_name, dana.family_name) == ("Dana", "Whitfield-Moreau")
    assert dana.sort_name == "whitfield-moreau dana"


def test_it_replaces_emails_phones_links_and_tags_on_update(alice, dana):
    person_update(
        person=dana,
        emails=["new@example.org"],
        phones=["+33 6 12 34 56 78"],
        links=["github.com/dana"],
        tags=["photo"],
    )
    assert list(dana.emails.values_list("address", flat=True)) == ["new@example.org"]
    assert list(dana.phones.values_list("number", flat=True)) == ["+33612345678"]
    assert list(dana.links.values_list("kind", flat=True)) == [LinkKind.GITHUB]
    assert [t.name for t in dana.tags.all()] == ["photo"]


def test_it_empties_a_list_on_update(alice, dana):
    person_update(person=dana, emails=[], tags=[])
    assert dana.emails.count() == 0
    assert dana.tags.count() == 0


def test_it_keeps_the_old_lists_when_an_update_is_invalid(alice, dana):
    with pytest.raises(InvalidInput):
        person_update(person=dana, emails=["new@example.org"], phones=["nope"])
    assert list(EmailAddress.objects.filter(person=dana).values_list("address", flat=True)) == [
        "dana@example.org"
    ]


def test_it_writes_nothing_when_an_update_has_a_control_character(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        person_update(person=dana, headline="Boss", notes="ok", city="Pa\x00ris")
    assert "city" in exc.value.errors
    stored = Person.objects.get(pk=dana.pk)
    assert (stored.headline, stored.city) == ("Graphic designer", "")


def test_it_refuses_an_unknown_field_on_update(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        person_update(person=dana, owner_id=2)
    assert "owner_id" in exc.value.errors


def test_it_refuses_a_person_introducing_themselves(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        person_update(person=dana, introduced_by=dana)
    assert "introduced_by" in exc.value.errors


def test_it_refuses_another_owners_introducer_on_update(alice, dana, bobs_person):
    with pytest.raises(NotFound):
        person_update(person=dana, introduced_by=bobs_person)
    assert Person.objects.get(pk=dana.pk).introduced_by is None


def test_it_clears_the_introducer(alice, dana, erin):
    person_update(person=dana, introduced_by=erin)
    person_update(person=dana, introduced_by=None)
    assert Person.objects.get(pk=dana.pk).introduced_by is None


def test_it_moves_a_person_to_an_organization_by_name(alice, dana):
    person_update(person=dana, organization="Acme")
    dana.refresh_from_db()
    assert dana.organization is not None
    assert dana.organization.name == "Acme"


def test_it_removes_the_organization_on_update(alice, dana):
    person_update(person=dana, organization=None)
    assert Person.objects.get(pk=dana.pk).organization is None


# Archive, delete ----------------------------------------------------------------------


def test_it_archives_the_person(alice, dana):
    person_archive(person=dana)
    assert Person.objects.get(pk=dana.pk).archived
    assert list(person_list(owner=alice)) == []


def test_it_unarchives_the_person(alice, dana):
    person_archive(person=dana)
    person_archive(person=dana, archived=False)
    assert list(person_list(owner=alice)) == [dana]


def test_it_deletes_the_person_and_everything_only_about_them(alice, dana, erin):
    fact_create(owner=alice, person=dana, kind=FactKind.OFFER, text="Product photos")
    milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.BIRTHDAY, date=dt.date(1990, 5, 4)
    )
    connection_create(owner=alice, from_person=dana, to_person=erin)
    person_create(
        owner=alice, full_name="Ann Lee", phones=["+33 6 12 34 56 78"], links=["ann.example"]
    )
    person_update(person=dana, phones=["+33 6 12 34 56 79"], links=["dana.example"])
    encounter = encounter_log(
        owner=alice, participants=[dana, erin], occurred_at=dt.date(2026, 1, 5)
    )
    person_delete(person=dana)
    assert not Person.objects.filter(pk=dana.pk).exists()
    for model in (EmailAddress, PhoneNumber, Link, Fact, Milestone, SearchTerm):
        assert not model.objects.filter(person_id=dana.pk).exists(), model.__name__
    assert Connection.objects.count() == 0
    assert list(Encounter.objects.get(pk=encounter.pk).participants.all()) == [erin]
    assert Organization.objects.filter(owner=alice, name="Blue Bottle Studio").exists()
    assert Tag.objects.filter(owner=alice, name="design").exists()


# The search index follows every change -----------------------------------------------


def test_it_indexes_a_new_person(alice, dana):
    assert found(alice, "graphic") == ["Dana Whitfield"]
    assert found(alice, "bottle") == ["Dana Whitfield"]
    assert found(alice, "design") == ["Dana Whitfield"]


def test_it_reindexes_a_person_on_update(alice, dana):
    person_update(person=dana, headline="Barista")
    assert found(alice, "graphic") == []
    assert found(alice, "barista") == ["Dana Whitfield"]


def test_it_reindexes_when_a_fact_is_added_and_deleted(alice, dana):
    fact = fact_create(owner=alice, person=dana, kind=FactKind.PERSONAL, text="Runs marathons")
    assert found(alice, "marathon") == ["Dana Whitfield"]
    fact_delete(fact=fact)
    assert found(alice, "marathon") == []


def test_it_reindexes_when_a_fact_is_corrected(alice, dana):
    fact = fact_create(owner=alice, person=dana, kind=FactKind.PERSONAL, text="Runs marathons")
    fact_update(fact=fact, text="Bakes sourdough")
    assert found(alice, "marathon") == []
    assert found(alice, "sourdough") == ["Dana Whitfield"]


def test_it_reindexes_people_when_their_organization_is_renamed(alice, dana):
    assert dana.organization is not None
    organization_update(organization=dana.organization, name="Red Kettle")
    assert found(alice, "bottle") == []
    assert found(alice, "kettle") == ["Dana Whitfield"]


# Organizations ------------------------------------------------------------------------


def test_it_creates_an_organization_with_a_lower_case_domain(alice):
    org = organization_create(owner=alice, name=" Acme ", domain=" ACME.Example ")
    assert (org.name, org.domain) == ("Acme", "acme.example")


def test_it_refuses_a_duplicate_organization_name_in_any_case(alice):
    organization_create(owner=alice, name="Acme")
    with pytest.raises(Conflict) as exc:
        organization_create(owner=alice, name="ACME")
    assert exc.value.status == 409
    assert "name" in exc.value.errors
    assert Organization.objects.count() == 1


def test_it_refuses_a_duplicate_organization_name_with_accented_capitals(alice):
    organization_create(owner=alice, name="École du Louvre")
    with pytest.raises(Conflict):
        organization_create(owner=alice, name="ÉCOLE DU LOUVRE")
    with pytest.raises(Conflict):
        organization_create(owner=alice, name="école du louvre")
    assert Organization.objects.count() == 1


def test_it_lets_bob_use_the_same_organization_name(alice, bob):
    organization_create(owner=alice, name="Acme")
    assert organization_create(owner=bob, name="Acme").owner == bob


def test_it_refuses_renaming_an_organization_onto_another(alice):
    organization_create(owner=alice, name="Acme")
    other = organization_create(owner=alice, name="Globex")
    with pytest.raises(Conflict):
        organization_update(organization=other, name="acme")
    assert Organization.objects.get(pk=other.pk).name == "Globex"


def test_it_allows_changing_the_case_of_an_organizations_own_name(alice):
    org = organization_create(owner=alice, name="acme")
    organization_update(organization=org, name="ACME")
    assert Organization.objects.get(pk=org.pk).name == "ACME"


def test_it_gets_or_creates_an_organization_by_name(alice):
    first = organization_get_or_create(owner=alice, name="Acme")
    assert organization_get_or_create(owner=alice, name=" acme ") == first


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "N" * 201),
        ("name", "Ac\x00me"),
        ("notes", "a\x00b"),
        ("domain", "a\nb"),
    ],
)
def test_it_refuses_an_invalid_organization_naming_the_field(alice, field, value):
    fields = {"name": "Acme", field: value}
    with pytest.raises(InvalidInput) as exc:
        organization_create(owner=alice, **fields)
    assert field in exc.value.errors
    assert Organization.objects.count() == 0


def test_it_refuses_an_unknown_organization_field(alice):
    org = organization_create(owner=alice, name="Acme")
    with pytest.raises(InvalidInput) as exc:
        organization_update(organization=org, owner=None)
    assert "owner" in exc.value.errors


def test_it_keeps_the_people_when_their_organization_is_deleted(alice, dana):
    assert dana.organization is not None
    organization_delete(organization=dana.organization)
    dana.refresh_from_db()
    assert dana.organization is None
    assert found(alice, "bottle") == []
    assert found(alice, "dana") == ["Dana Whitfield"]


# Facts --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FactKind.values)
def test_it_records_a_fact_of_each_kind(alice, dana, kind):
    fact = fact_create(owner=alice, person=dana, kind=kind, text="  Something learned  ")
    assert (fact.kind, fact.text, fact.person) == (kind, "Something learned", dana)


def test_it_refuses_an_unknown_fact_kind(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        fact_create(owner=alice, person=dana, kind="gossip", text="x")
    assert "kind" in exc.value.errors
    assert Fact.objects.count() == 0


def test_it_records_my_own_facts(alice):
    fact = fact_create(owner=alice, person=None, kind=FactKind.OFFER, text="Django consulting")
    assert fact.person is None
    assert list(me_facts(owner=alice)) == [fact]


def test_it_links_a_fact_to_the_encounter_it_came_from(alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana])
    fact = fact_create(
        owner=alice, person=dana, kind=FactKind.NEED, text="A photographer", encounter=encounter
    )
    assert fact.encounter == encounter


def test_it_refuses_a_fact_linked_to_another_owners_encounter(alice, dana, bob, bobs_person):
    bobs_encounter = encounter_log(owner=bob, participants=[bobs_person])
    with pytest.raises(NotFound) as exc:
        fact_create(
            owner=alice, person=dana, kind=FactKind.NEED, text="x", encounter=bobs_encounter
        )
    assert "encounter" in exc.value.errors
    assert Fact.objects.count() == 0


def test_it_refuses_a_fact_about_another_owners_person(alice, bobs_person):
    with pytest.raises(NotFound):
        fact_create(owner=alice, person=bobs_person, kind=FactKind.NEED, text="x")
    assert Fact.objects.count() == 0


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_it_refuses_a_blank_fact(alice, dana, text):
    with pytest.raises(InvalidInput) as exc:
        fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text=text)
    assert "text" in exc.value.errors


@pytest.mark.parametrize("text", ["x" * 501, "a\x00b", "a\nb"])
def test_it_refuses_an_invalid_fact_text(alice, dana, text):
    with pytest.raises(InvalidInput) as exc:
        fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text=text)
    assert "text" in exc.value.errors
    assert Fact.objects.count() == 0


def test_it_changes_a_facts_kind(alice, dana):
    fact = fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text="Photography")
    fact_update(fact=fact, kind=FactKind.OFFER)
    assert Fact.objects.get(pk=fact.pk).kind == FactKind.OFFER


def test_it_refuses_an_unknown_kind_when_correcting_a_fact(alice, dana):
    fact = fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text="Photography")
    with pytest.raises(InvalidInput) as exc:
        fact_update(fact=fact, kind="rumour")
    assert "kind" in exc.value.errors
    assert Fact.objects.get(pk=fact.pk).kind == FactKind.INTEREST


def test_it_refuses_blanking_a_fact(alice, dana):
    fact = fact_create(owner=alice, person=dana, kind=FactKind.INTEREST, text="Photography")
    with pytest.raises(InvalidInput):
        fact_update(fact=fact, text="  ")
    assert Fact.objects.get(pk=fact.pk).text == "Photography"


# Milestones ---------------------------------------------------------------------------


def test_it_repeats_a_birthday_every_year_by_default(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.BIRTHDAY, date=dt.date(1990, 2, 28)
    )
    assert milestone.yearly


def test_it_marks_a_new_job_once_by_default(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.NEW_JOB, date=dt.date(2026, 3, 1)
    )
    assert not milestone.yearly


def test_it_lets_an_explicit_yearly_win(alice, dana):
    milestone = milestone_create(
        owner=alice,
        person=dana,
        kind=MilestoneKind.BIRTHDAY,
        date=dt.date(1990, 2, 28),
        yearly=False,
    )
    assert not milestone.yearly


def test_it_keeps_a_leap_day_birthday(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.BIRTHDAY, date=dt.date(2000, 2, 29)
    )
    assert Milestone.objects.get(pk=milestone.pk).date == dt.date(2000, 2, 29)


@pytest.mark.parametrize("date", ["2023-02-29", "2026-13-01", "yesterday", None])
def test_it_refuses_an_impossible_milestone_date(alice, dana, date):
    with pytest.raises(InvalidInput) as exc:
        milestone_create(owner=alice, person=dana, kind=MilestoneKind.LAUNCH, date=date)
    assert "date" in exc.value.errors
    assert Milestone.objects.count() == 0


def test_it_refuses_an_unknown_milestone_kind(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        milestone_create(owner=alice, person=dana, kind="wedding", date=dt.date(2026, 1, 1))
    assert "kind" in exc.value.errors


def test_it_refuses_a_milestone_for_another_owners_person(alice, bobs_person):
    with pytest.raises(NotFound):
        milestone_create(
            owner=alice, person=bobs_person, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 1, 1)
        )
    assert Milestone.objects.count() == 0


def test_it_refuses_an_unknown_kind_when_updating_a_milestone(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 1, 1)
    )
    with pytest.raises(InvalidInput) as exc:
        milestone_update(milestone=milestone, kind="wedding")
    assert "kind" in exc.value.errors
    assert Milestone.objects.get(pk=milestone.pk).kind == MilestoneKind.LAUNCH


def test_it_refuses_an_impossible_date_when_updating_a_milestone(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 1, 1)
    )
    with pytest.raises(InvalidInput) as exc:
        milestone_update(milestone=milestone, date="2026-02-30")
    assert "date" in exc.value.errors
    assert Milestone.objects.get(pk=milestone.pk).date == dt.date(2026, 1, 1)


def test_it_moves_a_milestone_to_another_date(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 1, 1)
    )
    milestone_update(milestone=milestone, date=dt.date(2026, 6, 1), note=" Beta ")
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.date, stored.note) == (dt.date(2026, 6, 1), "Beta")


def test_it_refuses_an_unknown_milestone_field(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind=MilestoneKind.LAUNCH, date=dt.date(2026, 1, 1)
    )
    with pytest.raises(InvalidInput) as exc:
        milestone_update(milestone=milestone, person=None)
    assert "person" in exc.value.errors


# Connections --------------------------------------------------------------------------


def test_it_connects_two_people(alice, dana, erin):
    connection = connection_create(
        owner=alice, from_person=dana, to_person=erin, kind=ConnectionKind.COLLEAGUE
    )
    assert (connection.from_person, connection.to_person, connection.kind) == (
        dana,
        erin,
        "colleague",
    )


def test_it_refuses_connecting_a_person_to_themselves(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        connection_create(owner=alice, from_person=dana, to_person=dana)
    assert "to_person" in exc.value.errors
    assert Connection.objects.count() == 0


def test_it_refuses_the_same_connection_twice(alice, dana, erin):
    connection_create(owner=alice, from_person=dana, to_person=erin)
    with pytest.raises(Conflict) as exc:
        connection_create(owner=alice, from_person=dana, to_person=erin)
    assert exc.value.status == 409


def test_it_refuses_the_same_connection_in_the_other_direction(alice, dana, erin):
    connection_create(owner=alice, from_person=dana, to_person=erin)
    with pytest.raises(Conflict):
        connection_create(owner=alice, from_person=erin, to_person=dana)
    assert Connection.objects.count() == 1


def test_it_allows_two_kinds_of_connection_between_the_same_people(alice, dana, erin):
    connection_create(owner=alice, from_person=dana, to_person=erin, kind=ConnectionKind.KNOWS)
    connection_create(owner=alice, from_person=erin, to_person=dana, kind=ConnectionKind.FAMILY)
    assert Connection.objects.count() == 2


def test_it_refuses_connecting_to_another_owners_person(alice, dana, bobs_person):
    with pytest.raises(NotFound):
        connection_create(owner=alice, from_person=dana, to_person=bobs_person)
    with pytest.raises(NotFound):
        connection_create(owner=alice, from_person=bobs_person, to_person=dana)
    assert Connection.objects.count() == 0


def test_it_refuses_an_unknown_connection_kind(alice, dana, erin):
    with pytest.raises(InvalidInput) as exc:
        connection_create(owner=alice, from_person=dana, to_person=erin, kind="enemy")
    assert "kind" in exc.value.errors


def test_it_refuses_a_connection_note_with_a_control_character(alice, dana, erin):
    with pytest.raises(InvalidInput) as exc:
        connection_create(owner=alice, from_person=dana, to_person=erin, note="met\x00there")
    assert "note" in exc.value.errors
    assert Connection.objects.count() == 0
