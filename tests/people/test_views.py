"""Web pages for people and organizations: flows, field errors, owner isolation, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.followups.services import followup_create
from entregent.people.models import Connection, Fact, Milestone, Organization, Person
from entregent.people.services import (
    connection_create,
    fact_create,
    milestone_create,
    person_create,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def person_form(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Marie-Claire de la Tour",
        "given_name": "",
        "family_name": "",
        "headline": "Product photographer",
        "organization": "Atelier Lumière",
        "emails": "mc@example.org\nmarie@example.com",
        "phones": "+33 6 12 34 56 78",
        "links": "linkedin.com/in/mctour",
        "city": "Lyon",
        "language": "fr",
        "how_we_met": "Coffee line at the station",
        "introduced_by": "",
        "introduced_by_id": "",
        "circle": "",
        "cadence_days": "",
        "tags": "photo, design",
        "notes": "Shoots product photos.",
    }
    data.update(overrides)
    return data


# People list ---------------------------------------------------------------------------


def test_it_lists_my_people_and_not_bobs(alice_client: Client, dana: Person, bob: User):
    person_create(owner=bob, full_name="Bob's Secret Contact")
    response = alice_client.get(reverse("people:list"))
    assert response.status_code == 200
    assert "Dana Whitfield" in response.content.decode()
    assert "Secret Contact" not in response.content.decode()


def test_it_searches_people_by_fact_word(alice_client: Client, alice: User, dana: Person):
    person_create(owner=alice, full_name="Evan Stone")
    fact_create(owner=alice, person=dana, kind="interest", text="Sourdough baking")
    assert listed(alice_client, q="sourd") == ["Dana Whitfield"]


def test_htmx_search_returns_only_the_rows(alice_client: Client, dana: Person):
    response = alice_client.get(reverse("people:list"), {"q": "dana"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dana Whitfield" in html
    assert "<html" not in html
    assert response.templates[0].name == "people/partials/person_rows.html"


def listed(client: Client, **params: str) -> list[str]:
    """The names on the people list for these query parameters."""
    response = client.get(reverse("people:list"), params)
    assert response.status_code == 200
    return [p.full_name for p in response.context["people"]]


def test_it_filters_people_by_tag_organization_circle_and_archived(
    alice_client: Client, alice: User, dana: Person
):
    evan = person_create(
        owner=alice,
        full_name="Evan Stone",
        organization="Other Co",
        circle="inner",
        tags=["running"],
    )
    assert listed(alice_client, tag="design") == ["Dana Whitfield"]
    assert listed(alice_client, tag="#Running") == ["Evan Stone"]
    assert listed(alice_client, organization="other co") == ["Evan Stone"]
    assert listed(alice_client, organization="Nowhere Inc") == []
    assert listed(alice_client, circle="inner") == ["Evan Stone"]
    alice_client.post(reverse("people:archive", args=[evan.pk]), {"archived": "true"})
    assert listed(alice_client) == ["Dana Whitfield"]
    assert listed(alice_client, archived="on") == ["Evan Stone"]


def test_it_filters_people_by_channel(alice_client: Client, alice: User, dana: Person):
    evan = person_create(owner=alice, full_name="Evan Stone")
    encounter_log(owner=alice, participants=[evan], channel="video", occurred_at=timezone.now())
    assert listed(alice_client, channel="video") == ["Evan Stone"]


def test_it_paginates_the_people_list(alice_client: Client, alice: User, settings):
    settings.ENTREGENT_PAGE_SIZE = 3
    for i in range(7):
        person_create(owner=alice, full_name=f"Person {i:02d}")
    first = alice_client.get(reverse("people:list")).content.decode()
    third = alice_client.get(reverse("people:list"), {"page": "3"}).content.decode()
    assert "Person 00" in first
    assert "Person 03" not in first
    assert "Page 1 of 3" in first
    assert "Person 06" in third
    assert alice_client.get(reverse("people:list"), {"page": "nonsense"}).status_code == 200


def test_an_unknown_filter_value_is_named_not_a_crash(alice_client: Client, dana: Person):
    response = alice_client.get(reverse("people:list"), {"circle": "bogus", "tag": "\x00"})
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"circle", "tag"}
    htmx = alice_client.get(reverse("people:list"), {"q": "da\x00na"}, **HTMX)
    assert htmx.status_code == 422
    assert "Search people:" in htmx.content.decode()


@pytest.mark.parametrize("q", ["\x00", "x" * 5000, "%_", "\x07"])
def test_the_organization_list_copes_with_odd_searches(alice_client: Client, dana: Person, q: str):
    assert alice_client.get(reverse("people:organization_list"), {"q": q}).status_code in {200, 422}


def test_the_suggestions_ignore_nul_bytes(alice_client: Client, dana: Person):
    assert alice_client.get(reverse("people:suggest"), {"q": "\x00"}).status_code == 200


def test_the_people_list_runs_a_bounded_number_of_queries(
    alice_client: Client, alice: User, django_assert_max_num_queries
):
    for i in range(30):
        person_create(
            owner=alice,
            full_name=f"Person Number{i}",
            organization=f"Org {i % 5}",
            tags=[f"tag{i % 3}", "common"],
        )
    with django_assert_max_num_queries(10):
        response = alice_client.get(reverse("people:list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="row-title"') == 25
    with django_assert_max_num_queries(10):
        alice_client.get(
            reverse("people:list"), {"q": "person", "tag": "common", "organization": "Org 1"}
        )


def test_the_suggestions_list_my_people_matching_the_typed_name(
    alice_client: Client, dana: Person, bob: User
):
    person_create(owner=bob, full_name="Dana Bobsfriend")
    html = alice_client.get(
        reverse("people:suggest"), {"to_person": "dan"}, **HTMX
    ).content.decode()
    assert 'value="Dana Whitfield"' in html
    assert "Bobsfriend" not in html


# Create and edit -----------------------------------------------------------------------


def test_it_adds_a_person_with_everything(alice_client: Client, alice: User):
    response = alice_client.post(reverse("people:create"), person_form())
    person = Person.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.given_name == "Marie-Claire"
    assert person.family_name == "de la Tour"
    assert person.organization is not None
    assert person.organization.name == "Atelier Lumière"
    assert sorted(e.address for e in person.emails.all()) == ["marie@example.com", "mc@example.org"]
    assert [p.number for p in person.phones.all()] == ["+33612345678"]
    assert [link.url for link in person.links.all()] == ["https://linkedin.com/in/mctour"]
    assert sorted(t.name for t in person.tags.all()) == ["design", "photo"]
    assert person.language == "fr"
    assert person.circle_pinned is False


def test_the_person_page_shows_contact_details_as_links(alice_client: Client, alice: User):
    alice_client.post(reverse("people:create"), person_form())
    person = Person.objects.get(owner=alice)
    html = alice_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'href="mailto:mc@example.org"' in html
    assert 'href="tel:+33612345678"' in html
    assert "+33 6 12 34 56 78" in html
    assert 'href="https://linkedin.com/in/mctour"' in html


def test_it_uses_explicit_given_and_family_names(alice_client: Client, alice: User):
    alice_client.post(
        reverse("people:create"),
        person_form(full_name="Kim Min-jun", given_name="Min-jun", family_name="Kim"),
    )
    person = Person.objects.get(owner=alice)
    assert (person.given_name, person.family_name) == ("Min-jun", "Kim")


def test_it_links_the_introducer_by_name(alice_client: Client, alice: User, dana: Person):
    alice_client.post(reverse("people:create"), person_form(introduced_by="dana whitfield"))
    person = Person.objects.get(owner=alice, full_name="Marie-Claire de la Tour")
    assert person.introduced_by == dana


def test_an_unknown_introducer_is_a_field_error(alice_client: Client, alice: User):
    response = alice_client.post(
        reverse("people:create"), person_form(introduced_by="Nobody Known")
    )
    assert response.status_code == 422
    assert "introduced_by" in response.context["form"].errors
    assert not Person.objects.filter(owner=alice).exists()


def test_bobs_person_cannot_be_my_introducer(alice_client: Client, alice: User, bob: User):
    person_create(owner=bob, full_name="Zed Bobcontact")
    response = alice_client.post(
        reverse("people:create"), person_form(introduced_by="Zed Bobcontact")
    )
    assert response.status_code == 422
    assert "introduced_by" in response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("emails", "dana@example.org\nnot-an-email"),
        ("phones", "12"),
        ("links", "javascript:alert(1)"),
        ("full_name", ""),
        ("full_name", "x" * 10_000),
        ("full_name", "Dana\x00Whitfield"),
        ("full_name", "Dana\x07Whitfield"),
        ("headline", "bad\x00"),
        ("organization", "Bell\x07 Inc"),
        ("how_we_met", "line\nbreak"),
        ("notes", "bell \x07 in notes"),
        ("cadence_days", "0"),
        ("cadence_days", "abc"),
        ("circle", "galaxy"),
        ("language", "klingon"),
        ("tags", "ok, " + "t" * 100),
    ],
)
def test_bad_input_is_shown_on_its_field_and_nothing_is_written(
    alice_client: Client, alice: User, field: str, value: str
):
    response = alice_client.post(reverse("people:create"), person_form(**{field: value}))
    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Person.objects.filter(owner=alice).exists()
    assert not Organization.objects.filter(owner=alice).exists()


def test_it_edits_a_person_and_reparses_a_changed_name(
    alice_client: Client, alice: User, dana: Person
):
    form = alice_client.get(reverse("people:edit", args=[dana.pk]))
    assert form.status_code == 200
    initial = form.context["form"].initial
    data = {k: ("" if v is None else str(v)) for k, v in initial.items()}
    data.update(
        full_name="Dana Whitfield-Moreau",
        phones="+1 415 555 0100\n+33 6 12 34 56 78",
        tags="design, photo",
    )
    response = alice_client.post(reverse("people:edit", args=[dana.pk]), data)
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.full_name == "Dana Whitfield-Moreau"
    assert dana.family_name == "Whitfield-Moreau"
    assert [p.number for p in dana.phones.all()] == ["+14155550100", "+33612345678"]
    assert sorted(t.name for t in dana.tags.all()) == ["design", "photo"]
    assert [e.address for e in dana.emails.all()] == ["dana@example.org"]
    assert dana.organization is not None
    assert dana.organization.name == "Blue Bottle Studio"


def test_editing_with_a_bad_phone_changes_nothing(alice_client: Client, alice: User, dana: Person):
    initial = alice_client.get(reverse("people:edit", args=[dana.pk])).context["form"].initial
    data = {k: ("" if v is None else str(v)) for k, v in initial.items()}
    data.update(full_name="Renamed Person", phones="not a phone")
    response = alice_client.post(reverse("people:edit", args=[dana.pk]), data)
    assert response.status_code == 422
    assert "phones" in response.context["form"].errors
    dana.refresh_from_db()
    assert dana.full_name == "Dana Whitfield"


def test_editing_keeps_an_introducer_whose_name_is_shared(alice_client: Client, alice: User):
    first = person_create(owner=alice, full_name="Sam Lee", city="Paris")
    person_create(owner=alice, full_name="Sam Lee", city="Oslo")
    ana = person_create(owner=alice, full_name="Ana Ruiz", introduced_by=first)
    initial = alice_client.get(reverse("people:edit", args=[ana.pk])).context["form"].initial
    data = {k: ("" if v is None else str(v)) for k, v in initial.items()}
    data["city"] = "Madrid"
    response = alice_client.post(reverse("people:edit", args=[ana.pk]), data)
    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.introduced_by, ana.city) == (first, "Madrid")


def test_an_ambiguous_introducer_name_is_a_field_error(alice_client: Client, alice: User):
    person_create(owner=alice, full_name="Sam Lee")
    person_create(owner=alice, full_name="Sam Lee")
    response = alice_client.post(reverse("people:create"), person_form(introduced_by="Sam Lee"))
    assert response.status_code == 422
    assert "Several people match" in str(response.context["form"].errors["introduced_by"])


def test_phones_without_a_country_code_use_my_default_region(alice_client: Client, alice: User):
    alice_client.post(reverse("accounts:settings"), {"language": "en", "phone_region": "FR"})
    alice_client.post(reverse("people:create"), person_form(phones="06 12 34 56 78"))
    person = Person.objects.get(owner=alice)
    assert [p.number for p in person.phones.all()] == ["+33612345678"]


def test_pinning_a_circle_from_the_form(alice_client: Client, alice: User):
    alice_client.post(reverse("people:create"), person_form(circle="inner", cadence_days="30"))
    person = Person.objects.get(owner=alice)
    assert (person.circle, person.circle_pinned, person.cadence_days) == ("inner", True, 30)


# Archive and delete --------------------------------------------------------------------


def test_it_archives_and_unarchives_the_person(alice_client: Client, dana: Person):
    response = alice_client.post(reverse("people:archive", args=[dana.pk]), {"archived": "true"})
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.archived is True
    alice_client.post(reverse("people:archive", args=[dana.pk]), {"archived": "false"})
    dana.refresh_from_db()
    assert dana.archived is False


def test_archiving_needs_a_post(alice_client: Client, dana: Person):
    assert alice_client.get(reverse("people:archive", args=[dana.pk])).status_code == 405
    dana.refresh_from_db()
    assert dana.archived is False


def test_it_asks_before_deleting_then_deletes(alice_client: Client, dana: Person):
    confirm = alice_client.get(reverse("people:delete", args=[dana.pk]))
    assert confirm.status_code == 200
    assert "Delete Dana Whitfield?" in confirm.content.decode()
    assert Person.objects.filter(pk=dana.pk).exists()
    response = alice_client.post(reverse("people:delete", args=[dana.pk]))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=dana.pk).exists()


def test_a_post_without_csrf_token_is_refused(alice: User, dana: Person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("people:delete", args=[dana.pk]))
    assert response.status_code == 403
    assert "nothing was changed" in response.content.decode()
    assert Person.objects.filter(pk=dana.pk).exists()


# Person page ---------------------------------------------------------------------------


def _rich_person(alice: User, dana: Person, meetup) -> None:
    others = [
        person_create(owner=alice, full_name=f"Friend {i}", organization=f"Org {i}")
        for i in range(6)
    ]
    for i, kind in enumerate(
        ["interest", "offer", "need", "project", "personal", "talking_point"] * 2
    ):
        fact_create(owner=alice, person=dana, kind=kind, text=f"Fact number {i}")
    for i in range(8):
        encounter_log(
            owner=alice,
            participants=[dana, others[i % 6], others[(i + 1) % 6]],
            occurred_at=timezone.now() - dt.timedelta(days=i * 10),
            event=meetup if i % 2 else None,
            summary=f"Talked about thing {i}",
        )
    for other in others[:4]:
        connection_create(owner=alice, from_person=dana, to_person=other, kind="colleague")
    connection_create(owner=alice, from_person=others[5], to_person=dana)
    milestone_create(owner=alice, person=dana, kind="birthday", date=dt.date(1990, 4, 12))
    milestone_create(owner=alice, person=dana, kind="launch", date=dt.date(2026, 9, 1))
    followup_create(
        owner=alice,
        person=dana,
        due_on=dt.date(2026, 12, 1),
        topic="Send the article on photo lighting",
    )


def test_the_person_page_shows_everything_at_a_glance(
    alice_client: Client, alice: User, dana: Person, meetup
):
    _rich_person(alice, dana, meetup)
    html = alice_client.get(reverse("people:detail", args=[dana.pk])).content.decode()
    assert "Fact number 11" in html
    assert "Talking point" in html
    assert "Talked about thing 7" in html
    assert "Design Meetup" in html
    assert "Friend 5" in html
    assert "Colleague" in html
    assert "Birthday" in html
    assert "Send the article on photo lighting" in html
    assert f"{reverse('encounters:log')}?person={dana.pk}" in html


def test_the_person_page_runs_a_bounded_number_of_queries(
    alice_client: Client, alice: User, dana: Person, meetup, django_assert_max_num_queries
):
    _rich_person(alice, dana, meetup)
    with django_assert_max_num_queries(16):
        response = alice_client.get(reverse("people:detail", args=[dana.pk]))
    assert response.status_code == 200


def test_the_person_page_is_in_french_dates_for_a_french_user(charlie: User):
    client = Client()
    client.force_login(charlie)
    person = person_create(owner=charlie, full_name="Léa Martin")
    milestone_create(owner=charlie, person=person, kind="launch", date=dt.date(2026, 11, 3))
    html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert '<html lang="fr">' in html
    assert "3 novembre 2026" in html


# Facts -----------------------------------------------------------------------------------


def test_it_adds_a_fact_without_javascript(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("people:fact_add", args=[dana.pk]), {"kind": "offer", "text": "Product photos"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#facts")
    assert Fact.objects.get(person=dana).text == "Product photos"


def test_it_adds_a_fact_with_htmx_and_answers_the_facts_block(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("people:fact_add", args=[dana.pk]), {"kind": "need", "text": "A new studio"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="facts"')
    assert "A new studio" in html
    assert "<html" not in html


def test_an_empty_fact_is_a_field_error(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("people:fact_add", args=[dana.pk]), {"kind": "need", "text": "  "}, **HTMX
    )
    assert response.status_code == 422
    assert "text" in response.context["fact_form"].errors
    assert not Fact.objects.exists()


@pytest.mark.parametrize(
    ("kind", "text", "field"),
    [("wish", "Something", "kind"), ("need", "x" * 501, "text"), ("need", "nul\x00", "text")],
)
def test_a_bad_fact_is_refused_on_its_field(
    alice_client: Client, dana: Person, kind: str, text: str, field: str
):
    response = alice_client.post(
        reverse("people:fact_add", args=[dana.pk]), {"kind": kind, "text": text}
    )
    assert response.status_code == 422
    assert field in response.context["fact_form"].errors
    assert not Fact.objects.exists()


def test_it_deletes_a_fact(alice_client: Client, alice: User, dana: Person):
    fact = fact_create(owner=alice, person=dana, kind="interest", text="Marathons")
    response = alice_client.post(reverse("people:fact_delete", args=[fact.pk]))
    assert response.status_code == 302
    assert not Fact.objects.filter(pk=fact.pk).exists()


# Connections and milestones --------------------------------------------------------------


def test_it_connects_two_people_by_name(alice_client: Client, alice: User, dana: Person):
    evan = person_create(owner=alice, full_name="Evan Stone")
    response = alice_client.post(
        reverse("people:connection_add", args=[dana.pk]),
        {"to_person": "Evan Stone", "kind": "family", "note": ""},
    )
    assert response.status_code == 302
    connection = Connection.objects.get(owner=alice)
    assert {connection.from_person, connection.to_person} == {dana, evan}
    assert (
        "Dana Whitfield"
        in alice_client.get(reverse("people:detail", args=[evan.pk])).content.decode()
    )


def test_a_duplicate_connection_is_a_conflict_on_the_field(
    alice_client: Client, alice: User, dana: Person
):
    evan = person_create(owner=alice, full_name="Evan Stone")
    connection_create(owner=alice, from_person=evan, to_person=dana)
    response = alice_client.post(
        reverse("people:connection_add", args=[dana.pk]),
        {"to_person": "Evan Stone", "kind": "knows", "note": ""},
    )
    assert response.status_code == 409
    assert "to_person" in response.context["connection_form"].errors
    assert Connection.objects.count() == 1


def test_a_person_cannot_be_connected_to_themselves(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("people:connection_add", args=[dana.pk]),
        {"to_person": "Dana Whitfield", "kind": "knows"},
    )
    assert response.status_code == 422
    assert "to_person" in response.context["connection_form"].errors


def test_it_removes_a_connection(alice_client: Client, alice: User, dana: Person):
    evan = person_create(owner=alice, full_name="Evan Stone")
    connection = connection_create(owner=alice, from_person=evan, to_person=dana)
    response = alice_client.post(reverse("people:connection_delete", args=[dana.pk, connection.pk]))
    assert response.status_code == 302
    assert not Connection.objects.exists()


def test_it_adds_and_removes_a_milestone(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("people:milestone_add", args=[dana.pk]),
        {"kind": "birthday", "date": "1990-04-12", "yearly": "", "note": ""},
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get(person=dana)
    assert milestone.yearly is True
    alice_client.post(reverse("people:milestone_delete", args=[dana.pk, milestone.pk]))
    assert not Milestone.objects.exists()


def test_an_impossible_milestone_date_is_a_field_error(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("people:milestone_add", args=[dana.pk]),
        {"kind": "launch", "date": "2026-02-30", "yearly": "no"},
    )
    assert response.status_code == 422
    assert "date" in response.context["milestone_form"].errors
    assert not Milestone.objects.exists()


# Organizations ---------------------------------------------------------------------------


def test_it_lists_organizations_with_people_counts(alice_client: Client, alice: User, dana: Person):
    person_create(owner=alice, full_name="Evan Stone", organization="Blue Bottle Studio")
    html = alice_client.get(reverse("people:organization_list")).content.decode()
    assert "Blue Bottle Studio" in html
    assert "2 people" in html


def test_it_creates_edits_and_deletes_an_organization(
    alice_client: Client, alice: User, dana: Person
):
    response = alice_client.post(
        reverse("people:organization_create"),
        {"name": "Acme", "domain": "ACME.example", "industry": "Tools", "notes": ""},
    )
    org = Organization.objects.get(owner=alice, name="Acme")
    assert response.status_code == 302
    assert org.domain == "acme.example"
    response = alice_client.post(
        reverse("people:organization_edit", args=[org.pk]),
        {"name": "Acme Corp", "domain": "", "industry": "", "notes": ""},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Acme Corp"
    assert alice_client.get(reverse("people:organization_delete", args=[org.pk])).status_code == 200
    alice_client.post(reverse("people:organization_delete", args=[org.pk]))
    assert not Organization.objects.filter(pk=org.pk).exists()


def test_a_duplicate_organization_name_is_a_conflict_on_the_name(
    alice_client: Client, alice: User, dana: Person
):
    response = alice_client.post(
        reverse("people:organization_create"), {"name": "blue bottle studio"}
    )
    assert response.status_code == 409
    assert "name" in response.context["form"].errors
    assert Organization.objects.filter(owner=alice).count() == 1


def test_an_empty_organization_name_is_a_field_error(alice_client: Client, alice: User):
    response = alice_client.post(reverse("people:organization_create"), {"name": "  "})
    assert response.status_code == 422
    assert "name" in response.context["form"].errors
    assert not Organization.objects.exists()


def test_the_organization_page_lists_its_people(alice_client: Client, dana: Person):
    assert dana.organization is not None
    html = alice_client.get(
        reverse("people:organization_detail", args=[dana.organization.pk])
    ).content.decode()
    assert "Dana Whitfield" in html


# Owner isolation -------------------------------------------------------------------------


def test_bob_gets_404_on_alices_person_pages(bob_client: Client, alice: User, dana: Person):
    for name in ("people:detail", "people:edit", "people:delete"):
        assert bob_client.get(reverse(name, args=[dana.pk])).status_code == 404
    assert (
        bob_client.post(reverse("people:archive", args=[dana.pk]), {"archived": "true"}).status_code
        == 404
    )
    assert bob_client.post(reverse("people:delete", args=[dana.pk])).status_code == 404
    assert bob_client.post(reverse("people:edit", args=[dana.pk]), person_form()).status_code == 404
    assert (
        bob_client.post(
            reverse("people:fact_add", args=[dana.pk]), {"kind": "need", "text": "x"}
        ).status_code
        == 404
    )
    dana.refresh_from_db()
    assert dana.archived is False
    assert dana.full_name == "Dana Whitfield"
    assert not Fact.objects.exists()


def test_bob_gets_404_on_alices_fact_milestone_and_connection(
    bob_client: Client, alice: User, bob: User, dana: Person
):
    fact = fact_create(owner=alice, person=dana, kind="need", text="Secret need")
    milestone = milestone_create(owner=alice, person=dana, kind="launch", date=dt.date(2026, 1, 1))
    evan = person_create(owner=alice, full_name="Evan Stone")
    connection = connection_create(owner=alice, from_person=dana, to_person=evan)
    bobs = person_create(owner=bob, full_name="Bob Contact")
    assert bob_client.post(reverse("people:fact_delete", args=[fact.pk])).status_code == 404
    assert (
        bob_client.post(
            reverse("people:milestone_delete", args=[bobs.pk, milestone.pk])
        ).status_code
        == 404
    )
    assert (
        bob_client.post(
            reverse("people:connection_delete", args=[bobs.pk, connection.pk])
        ).status_code
        == 404
    )
    assert Fact.objects.filter(pk=fact.pk).exists()
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    assert Connection.objects.filter(pk=connection.pk).exists()


def test_bob_cannot_connect_his_person_to_alices(bob_client: Client, bob: User, dana: Person):
    bobs = person_create(owner=bob, full_name="Bob Contact")
    response = bob_client.post(
        reverse("people:connection_add", args=[bobs.pk]),
        {"to_person": "Dana Whitfield", "kind": "knows"},
    )
    assert response.status_code == 422
    assert "to_person" in response.context["connection_form"].errors
    assert not Connection.objects.exists()


def test_bob_gets_404_on_alices_organization(bob_client: Client, dana: Person):
    assert dana.organization is not None
    pk = dana.organization.pk
    for name in (
        "people:organization_detail",
        "people:organization_edit",
        "people:organization_delete",
    ):
        assert bob_client.get(reverse(name, args=[pk])).status_code == 404
    assert bob_client.post(reverse("people:organization_delete", args=[pk])).status_code == 404
    assert Organization.objects.filter(pk=pk).exists()


def test_an_id_too_large_for_the_database_is_a_404(alice_client: Client, dana: Person):
    assert alice_client.get(f"/people/{2**70}/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client: Client, dana: Person):
    response = client.get(reverse("people:detail", args=[dana.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
