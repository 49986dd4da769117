"""`entregent person|org|fact|milestone …`, `connect` and `disconnect`."""

from __future__ import annotations

import json

import pytest

from entregent.people.models import Connection, Fact, Milestone, Organization, Person
from entregent.people.services import fact_create, person_create

# People ----------------------------------------------------------------------------------


def test_it_adds_a_person_with_every_option(as_alice, alice, dana):
    result = as_alice(
        "person", "add", "Dr. Marie-Claire de la Tour",
        "--headline", "Founder", "--org", "Atelier Tour",
        "--email", "marie@example.org", "--email", "MC@Example.org",
        "--phone", "+33 6 12 34 56 78", "--link", "linkedin.com/in/mctour",
        "--city", "Lyon", "--language", "fr", "--tag", "founder", "--tag", "ceramics",
        "--introduced-by", "Dana", "--how-we-met", "Coffee line", "--circle", "inner",
        "--notes", "Runs marathons", "--cadence", "30",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    person = Person.objects.get(owner=alice, full_name="Dr. Marie-Claire de la Tour")
    assert person.family_name == "de la Tour"
    assert person.organization.name == "Atelier Tour"
    assert list(person.emails.values_list("address", flat=True)) == [
        "marie@example.org",
        "mc@example.org",
    ]
    assert list(person.phones.values_list("number", flat=True)) == ["+33612345678"]
    assert person.links.get().kind == "linkedin"
    assert sorted(person.tags.values_list("name", flat=True)) == ["ceramics", "founder"]
    assert person.introduced_by == dana
    assert (person.circle, person.circle_pinned, person.cadence_days) == ("inner", True, 30)
    assert person.language == "fr"


def test_it_adds_a_person_and_prints_json(as_alice):
    result = as_alice("person", "add", "Sam Lee", "--email", "sam@example.org", "--json")
    data = json.loads(result.stdout)
    assert data["full_name"] == "Sam Lee"
    assert data["emails"] == ["sam@example.org"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--email", "not-an-email"], "--email"),
        (["--phone", "12"], "--phone"),
        (["--link", "javascript:alert(1)"], "--link"),
        (["--language", "xx"], "language"),
        (["--circle", "bogus"], "circle"),
        (["--cadence", "0"], "--cadence"),
        (["--headline", "a\x00b"], "headline"),
    ],
)
def test_it_refuses_bad_input_naming_the_option(as_alice, alice, args, field):
    result = as_alice("person", "add", "Sam Lee", *args)
    assert result.exit_code == 1
    assert field in result.stderr
    assert "Traceback" not in result.output
    assert not Person.objects.filter(owner=alice).exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_000, "Sam\x07Lee"])
def test_it_refuses_an_empty_huge_or_binary_name(as_alice, alice, name):
    result = as_alice("person", "add", name)
    assert result.exit_code == 1
    assert "name" in result.stderr
    assert not Person.objects.filter(owner=alice).exists()


def test_it_reports_an_unknown_introducer_as_not_found(as_alice, alice):
    result = as_alice("person", "add", "Sam Lee", "--introduced-by", "Nobody Known")
    assert result.exit_code == 3
    assert "--introduced-by" in result.stderr
    assert not Person.objects.filter(owner=alice).exists()


def test_it_lists_people_as_a_table_and_as_json(as_alice, dana):
    assert "Dana Whitfield" in as_alice("person", "list").stdout
    data = json.loads(as_alice("person", "list", "--json").stdout)
    assert data["count"] == 1
    assert data["results"][0]["organization"]["name"] == "Blue Bottle Studio"
    assert data["results"][0]["tags"] == ["design"]


def test_it_filters_people(as_alice, alice, dana):
    person_create(owner=alice, full_name="Sam Lee", tags=["running"], circle="inner")

    def names(*args: str) -> list[str]:
        return [
            p["full_name"]
            for p in json.loads(as_alice("person", "list", "--json", *args).stdout)["results"]
        ]

    assert names("--q", "graphic") == ["Dana Whitfield"]
    assert names("--tag", "running") == ["Sam Lee"]
    assert names("--org", "Blue Bottle Studio") == ["Dana Whitfield"]
    assert names("--circle", "inner") == ["Sam Lee"]


def test_it_refuses_an_unknown_filter_value(as_alice):
    result = as_alice("person", "list", "--circle", "bogus")
    assert result.exit_code == 1
    assert "circle" in result.stderr
    assert as_alice("person", "list", "--channel", "pigeon").exit_code == 1
    assert as_alice("person", "list", "--org", "Nowhere").exit_code == 3


def test_it_paginates_people(as_alice, alice):
    for name in ("Ann Able", "Ben Baker", "Cat Cole"):
        person_create(owner=alice, full_name=name)
    data = json.loads(as_alice("person", "list", "--json", "--limit", "2", "--page", "2").stdout)
    assert (data["count"], data["page"], data["pages"]) == (3, 2, 2)
    assert [p["full_name"] for p in data["results"]] == ["Cat Cole"]
    assert (
        json.loads(as_alice("person", "list", "--json", "--limit", "2", "--page", "9").stdout)[
            "results"
        ]
        == []
    )
    assert as_alice("person", "list", "--limit", "0").exit_code == 2


def test_it_shows_a_person_by_name_or_id(as_alice, alice, dana, meetup):
    from entregent.encounters.services import encounter_log
    from entregent.people.services import connection_create, milestone_create

    sam = person_create(owner=alice, full_name="Sam Lee")
    fact_create(owner=alice, person=dana, kind="offer", text="Product photography")
    fact_create(owner=alice, person=dana, kind="interest", text="Sourdough")
    encounter_log(owner=alice, participants=[dana, sam], event=meetup, summary="Coffee line chat")
    connection_create(owner=alice, from_person=dana, to_person=sam, kind="colleague")
    milestone_create(
        owner=alice, person=dana, kind="birthday", date=__import__("datetime").date(1990, 5, 4)
    )
    shown = as_alice("person", "show", "dana whitfield")
    assert shown.exit_code == 0
    for text in (
        "Dana Whitfield",
        "Product photography",
        "Sourdough",
        "Coffee line chat",
        "Sam Lee",
        "1990-05-04",
    ):
        assert text in shown.stdout
    data = json.loads(as_alice("person", "show", dana.pk, "--json").stdout)
    assert data["person"]["emails"] == ["dana@example.org"]
    assert [f["text"] for f in data["facts"]["offer"]] == ["Product photography"]
    assert data["encounters"][0]["event"]["name"] == "Design Meetup"
    assert data["connections"][0]["person"]["name"] == "Sam Lee"
    assert data["milestones"][0]["date"] == "1990-05-04"


def test_it_lists_candidates_for_an_ambiguous_name(as_alice, alice):
    one = person_create(owner=alice, full_name="Alex Martin")
    two = person_create(owner=alice, full_name="Alex Moreau")
    result = as_alice("person", "show", "Alex")
    assert result.exit_code == 1
    assert f"#{one.pk} Alex Martin" in result.stderr
    assert f"#{two.pk} Alex Moreau" in result.stderr


def test_an_exact_name_wins_over_partial_matches(as_alice, alice):
    person_create(owner=alice, full_name="Alex Martin")
    person_create(owner=alice, full_name="Alex Martinez")
    data = json.loads(as_alice("person", "show", "alex martin", "--json").stdout)
    assert data["person"]["full_name"] == "Alex Martin"


def test_it_reports_an_unknown_person_as_not_found(as_alice, dana):
    result = as_alice("person", "show", "Nobody")
    assert result.exit_code == 3
    assert "Nobody" in result.stderr
    assert as_alice("person", "show", 99999999).exit_code == 3
    assert as_alice("person", "show", 10**30).exit_code == 3


def test_it_edits_only_the_options_given(as_alice, dana):
    result = as_alice(
        "person", "edit", "Dana", "--city", "Paris", "--email", "new@example.org", "--org", ""
    )
    assert result.exit_code == 0, result.output
    dana.refresh_from_db()
    assert dana.city == "Paris"
    assert dana.headline == "Graphic designer"
    assert dana.organization is None
    assert list(dana.emails.values_list("address", flat=True)) == ["new@example.org"]


def test_it_renames_a_person_and_reparses_the_name(as_alice, dana):
    data = json.loads(as_alice("person", "edit", dana.pk, "--name", "Dana Kim", "--json").stdout)
    assert (data["given_name"], data["family_name"]) == ("Dana", "Kim")


def test_it_refuses_a_bad_edit_and_keeps_the_person(as_alice, dana):
    result = as_alice("person", "edit", dana.pk, "--city", "Paris", "--phone", "nope")
    assert result.exit_code == 1
    assert "--phone" in result.stderr
    dana.refresh_from_db()
    assert dana.city == ""


def test_an_edit_without_options_changes_nothing(as_alice, dana):
    result = as_alice("person", "edit", dana.pk)
    assert result.exit_code == 0
    assert "Nothing to change" in result.stdout


def test_it_archives_the_person_and_brings_them_back_by_name(as_alice, dana):
    assert as_alice("person", "archive", "Dana").exit_code == 0
    dana.refresh_from_db()
    assert dana.archived
    assert json.loads(as_alice("person", "list", "--json").stdout)["count"] == 0
    assert json.loads(as_alice("person", "list", "--archived", "--json").stdout)["count"] == 1
    assert as_alice("person", "archive", "Dana Whitfield", "--undo").exit_code == 0
    dana.refresh_from_db()
    assert not dana.archived


def test_it_deletes_the_person_with_yes(as_alice, dana):
    assert as_alice("person", "delete", "Dana", "--yes").exit_code == 0
    assert not Person.objects.filter(pk=dana.pk).exists()


def test_it_keeps_the_person_when_deletion_is_not_confirmed(as_alice, dana):
    result = as_alice("person", "delete", "Dana", input="n\n")
    assert result.exit_code == 1
    assert Person.objects.filter(pk=dana.pk).exists()


# Organizations ---------------------------------------------------------------------------


def test_it_adds_lists_shows_edits_and_deletes_an_organization(as_alice, alice, dana):
    added = json.loads(as_alice("org", "add", "Acme", "--domain", "ACME.example", "--json").stdout)
    assert added["domain"] == "acme.example"
    listed = json.loads(as_alice("org", "list", "--json").stdout)
    assert [o["name"] for o in listed["results"]] == ["Acme", "Blue Bottle Studio"]
    assert listed["results"][1]["people_count"] == 1
    shown = json.loads(as_alice("org", "show", "blue bottle", "--json").stdout)
    assert [p["full_name"] for p in shown["people"]] == ["Dana Whitfield"]
    assert "Dana Whitfield" in as_alice("org", "show", "Blue Bottle Studio").stdout
    assert as_alice("org", "edit", "Acme", "--industry", "Anvils").exit_code == 0
    assert Organization.objects.get(owner=alice, name="Acme").industry == "Anvils"
    assert as_alice("org", "delete", "Blue Bottle Studio", "--yes").exit_code == 0
    dana.refresh_from_db()
    assert dana.organization is None


def test_it_refuses_a_duplicate_organization_as_a_conflict(as_alice, dana):
    result = as_alice("org", "add", "blue bottle studio")
    assert result.exit_code == 4
    assert as_alice("org", "edit", "Blue Bottle Studio", "--name", "").exit_code == 1


def test_it_lists_candidates_for_an_ambiguous_organization(as_alice, alice):
    as_alice("org", "add", "Acme East")
    as_alice("org", "add", "Acme West")
    result = as_alice("org", "show", "Acme")
    assert result.exit_code == 1
    assert "Acme East" in result.stderr
    assert "Acme West" in result.stderr


# Facts -----------------------------------------------------------------------------------


def test_it_adds_facts_about_a_person_and_about_me(as_alice, alice, dana):
    data = json.loads(
        as_alice("fact", "add", "Dana", "offer", "Product photography", "--json").stdout
    )
    assert data["person"]["id"] == dana.pk
    assert as_alice("fact", "add", "me", "talking-point", "Sourdough starters").exit_code == 0
    assert Fact.objects.get(owner=alice, person=None).kind == "talking_point"
    person_facts = json.loads(as_alice("fact", "list", "Dana", "--json").stdout)
    assert [f["text"] for f in person_facts] == ["Product photography"]
    mine = json.loads(as_alice("fact", "list", "me", "--json").stdout)
    assert [f["text"] for f in mine] == ["Sourdough starters"]
    assert "Product photography" in as_alice("fact", "list", "Dana").stdout


def test_a_fact_makes_the_person_findable(as_alice, dana):
    as_alice("fact", "add", "Dana", "interest", "Marathons")
    data = json.loads(as_alice("search", "marathon", "--json").stdout)
    assert [p["full_name"] for p in data["people"]] == ["Dana Whitfield"]


def test_it_refuses_an_unknown_fact_kind_listing_the_kinds(as_alice, alice, dana):
    result = as_alice("fact", "add", "Dana", "gossip", "x")
    assert result.exit_code == 1
    assert "kind" in result.stderr
    assert "talking_point" in result.stderr
    assert not Fact.objects.filter(owner=alice).exists()


def test_it_refuses_an_empty_fact(as_alice, dana):
    result = as_alice("fact", "add", "Dana", "offer", "  ")
    assert result.exit_code == 1
    assert "text" in result.stderr


def test_it_edits_and_deletes_a_fact(as_alice, alice, dana):
    fact = fact_create(owner=alice, person=dana, kind="offer", text="Photos")
    assert (
        as_alice("fact", "edit", fact.pk, "--kind", "need", "--text", "Studio space").exit_code == 0
    )
    fact.refresh_from_db()
    assert (fact.kind, fact.text) == ("need", "Studio space")
    assert as_alice("fact", "delete", fact.pk).exit_code == 0
    assert not Fact.objects.filter(pk=fact.pk).exists()
    assert as_alice("fact", "delete", fact.pk).exit_code == 3


# Connections and milestones --------------------------------------------------------------


def test_it_connects_two_people_once(as_alice, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Lee")
    result = as_alice("connect", "Dana", "Sam Lee", "--kind", "colleague", "--note", "Same studio")
    assert result.exit_code == 0, result.output
    connection = Connection.objects.get(owner=alice)
    assert (connection.from_person, connection.to_person, connection.kind) == (
        dana,
        sam,
        "colleague",
    )
    assert as_alice("connect", "Sam Lee", "Dana", "--kind", "colleague").exit_code == 4
    assert as_alice("connect", "Dana", "Dana").exit_code == 1
    assert as_alice("connect", "Dana", "Sam Lee", "--kind", "enemy").exit_code == 1
    assert as_alice("disconnect", connection.pk).exit_code == 0
    assert not Connection.objects.filter(owner=alice).exists()


def test_it_adds_a_yearly_birthday_and_a_one_off_launch(as_alice, alice, dana):
    assert as_alice("milestone", "add", "Dana", "birthday", "1990-05-04").exit_code == 0
    data = json.loads(
        as_alice(
            "milestone", "add", "Dana", "launch", "2026-12-01", "--note", "Shop opens", "--json"
        ).stdout
    )
    assert data["yearly"] is False
    assert Milestone.objects.get(owner=alice, kind="birthday").yearly is True
    assert (
        as_alice("milestone", "add", "Dana", "birthday", "2000-01-01", "--once", "--json").exit_code
        == 0
    )
    assert as_alice("milestone", "delete", data["id"]).exit_code == 0
    assert not Milestone.objects.filter(pk=data["id"]).exists()


@pytest.mark.parametrize("date", ["2026-02-30", "04/05/1990", "yesterday", "1990-5-4"])
def test_it_refuses_an_impossible_or_loose_date(as_alice, alice, dana, date):
    result = as_alice("milestone", "add", "Dana", "birthday", date)
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.stderr
    assert not Milestone.objects.filter(owner=alice).exists()
