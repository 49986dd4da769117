"""People and organizations through the API: CRUD, search, filters, pagination."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from entregent.encounters.services import encounter_log
from entregent.followups.models import FollowUp
from entregent.people.models import Organization, Person
from entregent.people.services import fact_create, person_archive, person_create


def test_it_creates_a_person_with_everything(alice_api, alice):
    response = alice_api.post(
        "/people",
        {
            "full_name": "Dr. Marie-Claire de la Tour",
            "headline": "Product photographer",
            "organization_name": "Lumen Studio",
            "emails": ["MC@Example.org", "mc@lumen.example"],
            "phones": ["+33 6 12 34 56 78"],
            "links": ["linkedin.com/in/mctour"],
            "tags": ["photo", "#design"],
            "city": "Lyon",
            "language": "fr",
            "circle": "inner",
            "cadence_days": 30,
            "notes": "Runs marathons.\nHas a dog.",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["given_name"] == "Marie-Claire"
    assert body["family_name"] == "de la Tour"
    assert body["organization"]["name"] == "Lumen Studio"
    assert body["emails"] == ["mc@example.org", "mc@lumen.example"]
    assert body["phones"] == ["+33612345678"]
    assert body["links"] == [{"url": "https://linkedin.com/in/mctour", "kind": "linkedin"}]
    assert sorted(body["tags"]) == ["design", "photo"]
    assert body["circle"] == "inner"
    assert Person.objects.get(owner=alice, pk=body["id"]).cadence_days == 30


def test_it_reads_one_person(alice_api, dana):
    response = alice_api.get(f"/people/{dana.pk}")

    assert response.status_code == 200
    assert response.json()["full_name"] == "Dana Whitfield"
    assert response.json()["emails"] == ["dana@example.org"]


def test_it_answers_404_for_a_missing_person(alice_api):
    response = alice_api.get("/people/987654")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_it_updates_only_the_fields_given(alice_api, dana):
    response = alice_api.patch(
        f"/people/{dana.pk}", {"headline": "Art director", "tags": ["photo"]}
    )

    assert response.status_code == 200
    dana.refresh_from_db()
    assert dana.headline == "Art director"
    assert dana.full_name == "Dana Whitfield"
    assert dana.organization.name == "Blue Bottle Studio"
    assert [t.name for t in dana.tags.all()] == ["photo"]


def test_it_reparses_the_name_when_only_the_full_name_changes(alice_api, dana):
    response = alice_api.patch(f"/people/{dana.pk}", {"full_name": "Dana Kowalski"})

    assert response.json()["family_name"] == "Kowalski"


def test_it_clears_the_organization_with_null(alice_api, dana):
    response = alice_api.patch(f"/people/{dana.pk}", {"organization_id": None})

    assert response.status_code == 200
    assert response.json()["organization"] is None


def test_it_sets_the_organization_by_id(alice_api, alice, dana):
    other = Organization.objects.create(owner=alice, name="Other Co")

    response = alice_api.patch(f"/people/{dana.pk}", {"organization_id": other.pk})

    assert response.json()["organization"] == {"id": other.pk, "name": "Other Co"}


def test_it_refuses_organization_id_and_name_together(alice_api, alice, dana):
    other = Organization.objects.create(owner=alice, name="Other Co")

    response = alice_api.patch(
        f"/people/{dana.pk}", {"organization_id": other.pk, "organization_name": "X"}
    )

    assert response.status_code == 422


def test_it_sets_who_introduced_a_person(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")

    response = alice_api.patch(f"/people/{sam.pk}", {"introduced_by_id": dana.pk})

    assert response.json()["introduced_by"] == {"id": dana.pk, "full_name": "Dana Whitfield"}


def test_a_person_cannot_introduce_themselves(alice_api, dana):
    response = alice_api.patch(f"/people/{dana.pk}", {"introduced_by_id": dana.pk})

    assert response.status_code == 422
    assert "introduced_by" in response.json()["errors"]


def test_it_archives_and_brings_back_a_person(alice_api, dana):
    archived = alice_api.patch(f"/people/{dana.pk}", {"archived": True})

    assert archived.json()["archived"] is True
    assert alice_api.get("/people").json()["count"] == 0
    assert alice_api.get("/people", archived="true").json()["count"] == 1
    assert alice_api.patch(f"/people/{dana.pk}", {"archived": False}).json()["archived"] is False


def test_it_deletes_a_person(alice_api, dana):
    response = alice_api.delete(f"/people/{dana.pk}")

    assert response.status_code == 204
    assert not Person.objects.filter(pk=dana.pk).exists()
    assert alice_api.get(f"/people/{dana.pk}").status_code == 404


def test_it_shows_a_person_at_a_glance(alice_api, alice, dana, meetup):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    encounter = encounter_log(
        owner=alice, participants=[dana, sam], event=meetup, summary="Coffee line"
    )
    fact_create(owner=alice, person=dana, kind="offer", text="product photos", encounter=encounter)
    alice_api.post("/connections", {"from_person_id": dana.pk, "to_person_id": sam.pk})
    alice_api.post("/milestones", {"person_id": dana.pk, "kind": "birthday", "date": "1990-04-02"})
    alice_api.post("/followups", {"person_id": dana.pk, "due_on": "2026-12-01"})
    # The encounter planned its own follow-up for tomorrow; this test reads the one above.
    FollowUp.objects.exclude(due_on=dt.date(2026, 12, 1)).delete()

    response = alice_api.get(f"/people/{dana.pk}/overview")

    assert response.status_code == 200
    body = response.json()
    assert body["person"]["id"] == dana.pk
    assert [f["text"] for f in body["facts"]] == ["product photos"]
    assert body["encounters"][0]["summary"] == "Coffee line"
    assert {p["full_name"] for p in body["encounters"][0]["participants"]} == {
        "Dana Whitfield",
        "Sam Okafor",
    }
    assert body["connections"][0]["to_person"]["full_name"] == "Sam Okafor"
    assert body["milestones"][0]["yearly"] is True
    assert body["followups"][0]["due_on"] == "2026-12-01"


# Lists ----------------------------------------------------------------------------------


def _names(response) -> list[str]:
    return [p["full_name"] for p in response.json()["items"]]


def test_it_paginates_people_with_a_total_count(alice_api, alice):
    for i in range(7):
        person_create(owner=alice, full_name=f"Person {i:02d} Zed{i}")

    first = alice_api.get("/people", limit=3)
    last = alice_api.get("/people", limit=3, offset=6)

    assert first.json()["count"] == 7
    assert first.json()["limit"] == 3
    assert len(first.json()["items"]) == 3
    assert len(last.json()["items"]) == 1
    assert set(_names(first)).isdisjoint(_names(last))


def test_it_refuses_a_limit_over_the_maximum(alice_api):
    response = alice_api.get("/people", limit=10_000)

    assert response.status_code == 422
    assert "limit" in response.json()["errors"]


def test_it_searches_people_by_fact_and_name(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    fact_create(owner=alice, person=sam, kind="interest", text="sourdough baking")

    assert _names(alice_api.get("/search", q="sourd")) == ["Sam Okafor"]
    assert _names(alice_api.get("/people", q="whit")) == ["Dana Whitfield"]
    assert _names(alice_api.get("/people", q="blue bottle")) == ["Dana Whitfield"]


def test_search_needs_words(alice_api):
    response = alice_api.get("/search", q="")

    assert response.status_code == 422
    assert "q" in response.json()["errors"]


def test_it_filters_people_by_tag_organization_and_circle(alice_api, alice, dana):
    person_create(owner=alice, full_name="Sam Okafor", tags=["running"], circle="inner")

    assert _names(alice_api.get("/people", tag="design")) == ["Dana Whitfield"]
    assert _names(alice_api.get("/people", organization=dana.organization_id)) == ["Dana Whitfield"]
    assert _names(alice_api.get("/people", circle="inner")) == ["Sam Okafor"]


def test_it_filters_people_by_channel(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    encounter_log(owner=alice, participants=[sam], channel="video", occurred_at=dt.date(2026, 1, 5))

    assert _names(alice_api.get("/people", channel="video")) == ["Sam Okafor"]


def test_it_leaves_archived_people_out_of_the_list(alice_api, alice, dana):
    person_archive(person=person_create(owner=alice, full_name="Gone Away"))

    assert _names(alice_api.get("/people")) == ["Dana Whitfield"]
    assert _names(alice_api.get("/people", archived="true")) == ["Gone Away"]


def test_the_people_list_costs_the_same_queries_for_5_or_25_people(alice_api, alice):
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert alice_api.get("/people", limit=50).status_code == 200
        return len(ctx.captured_queries)

    for i in range(5):
        person_create(
            owner=alice, full_name=f"A{i} Person", emails=[f"a{i}@example.org"], tags=["x", f"t{i}"]
        )
    # The first request of a token records when it was used; count the ones after it.
    queries_for_list()
    few = queries_for_list()
    for i in range(20):
        person_create(
            owner=alice, full_name=f"B{i} Person", emails=[f"b{i}@example.org"], tags=["y"]
        )

    assert queries_for_list() == few


# Organizations and tags -----------------------------------------------------------------


def test_it_creates_reads_updates_and_deletes_an_organization(alice_api, alice):
    created = alice_api.post("/organizations", {"name": "Lumen Studio", "domain": "Lumen.example"})
    assert created.status_code == 201
    org_id = created.json()["id"]
    assert created.json()["domain"] == "lumen.example"

    assert alice_api.get(f"/organizations/{org_id}").json()["name"] == "Lumen Studio"
    updated = alice_api.patch(f"/organizations/{org_id}", {"industry": "Photography"})
    assert updated.json()["industry"] == "Photography"
    assert updated.json()["name"] == "Lumen Studio"

    assert alice_api.delete(f"/organizations/{org_id}").status_code == 204
    assert not Organization.objects.filter(pk=org_id).exists()


def test_it_refuses_a_duplicate_organization_name_with_409(alice_api, dana):
    response = alice_api.post("/organizations", {"name": "blue bottle studio"})

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "name" in response.json()["errors"]


def test_it_refuses_renaming_an_organization_to_a_used_name_with_409(alice_api, alice, dana):
    other = Organization.objects.create(owner=alice, name="Other Co")

    response = alice_api.patch(f"/organizations/{other.pk}", {"name": "Blue Bottle Studio"})

    assert response.status_code == 409
    other.refresh_from_db()
    assert other.name == "Other Co"


def test_it_lists_organizations_with_people_counts(alice_api, alice, dana):
    Organization.objects.create(owner=alice, name="Empty Co")

    response = alice_api.get("/organizations", q="bottle")

    assert response.json()["count"] == 1
    assert response.json()["items"][0]["people_count"] == 1


def test_deleting_an_organization_keeps_its_people(alice_api, dana):
    alice_api.delete(f"/organizations/{dana.organization_id}")

    assert alice_api.get(f"/people/{dana.pk}").json()["organization"] is None


def test_it_lists_tags_with_people_counts(alice_api, alice, dana):
    person_create(owner=alice, full_name="Sam Okafor", tags=["design", "running"])

    response = alice_api.get("/tags")

    assert response.status_code == 200
    assert {t["name"]: t["people_count"] for t in response.json()["items"]} == {
        "design": 2,
        "running": 1,
    }
