"""Facts through the API, including the user's own facts ("me": person null)."""

from __future__ import annotations

from entregent.encounters.services import encounter_log
from entregent.people.models import Fact
from entregent.people.services import fact_create, person_create


def test_it_records_a_fact_about_a_person(alice_api, alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana])

    response = alice_api.post(
        "/facts",
        {
            "person_id": dana.pk,
            "kind": "offer",
            "text": "Product photos",
            "encounter_id": encounter.pk,
        },
    )

    assert response.status_code == 201
    assert response.json()["person_id"] == dana.pk
    assert response.json()["encounter_id"] == encounter.pk
    assert Fact.objects.get(pk=response.json()["id"]).text == "Product photos"


def test_a_new_fact_finds_the_person_in_search(alice_api, dana):
    alice_api.post("/facts", {"person_id": dana.pk, "kind": "interest", "text": "sourdough"})

    assert alice_api.get("/search", q="sourdough").json()["items"][0]["id"] == dana.pk


def test_it_records_a_fact_about_me(alice_api, alice):
    response = alice_api.post(
        "/facts", {"person_id": None, "kind": "need", "text": "a photographer"}
    )

    assert response.status_code == 201
    assert response.json()["person_id"] is None
    assert Fact.objects.get(pk=response.json()["id"]).person is None


def test_it_records_a_fact_about_me_when_no_person_is_given(alice_api):
    response = alice_api.post("/facts", {"kind": "offer", "text": "Django mentoring"})

    assert response.status_code == 201
    assert response.json()["person_id"] is None


def test_it_lists_my_facts_apart_from_other_peoples(alice_api, alice, dana):
    fact_create(owner=alice, person=None, kind="offer", text="mentoring")
    fact_create(owner=alice, person=dana, kind="offer", text="photos")

    mine = alice_api.get("/facts", me="true").json()
    danas = alice_api.get("/facts", person=dana.pk).json()
    everything = alice_api.get("/facts").json()

    assert [f["text"] for f in mine["items"]] == ["mentoring"]
    assert [f["text"] for f in danas["items"]] == ["photos"]
    assert everything["count"] == 2


def test_it_filters_facts_by_kind(alice_api, alice, dana):
    fact_create(owner=alice, person=dana, kind="offer", text="photos")
    fact_create(owner=alice, person=dana, kind="need", text="clients")

    response = alice_api.get("/facts", kind="need")

    assert [f["text"] for f in response.json()["items"]] == ["clients"]


def test_it_corrects_and_deletes_a_fact(alice_api, alice, dana):
    fact = fact_create(owner=alice, person=dana, kind="offer", text="photos")

    updated = alice_api.patch(f"/facts/{fact.pk}", {"kind": "project", "text": "A photo book"})
    assert updated.status_code == 200
    assert updated.json()["kind"] == "project"
    assert alice_api.get(f"/facts/{fact.pk}").json()["text"] == "A photo book"

    assert alice_api.delete(f"/facts/{fact.pk}").status_code == 204
    assert not Fact.objects.filter(pk=fact.pk).exists()


def test_it_refuses_a_blank_fact(alice_api, dana):
    response = alice_api.post("/facts", {"person_id": dana.pk, "kind": "offer", "text": "   "})

    assert response.status_code == 422
    assert "text" in response.json()["errors"]


def test_it_refuses_an_unknown_fact_kind(alice_api, alice, dana):
    response = alice_api.post("/facts", {"person_id": dana.pk, "kind": "gossip", "text": "x"})

    assert response.status_code == 422
    assert "kind" in response.json()["errors"]
    assert not Fact.objects.filter(owner=alice).exists()


def test_an_unknown_person_for_a_fact_is_404_naming_the_field(alice_api, alice):
    response = alice_api.post("/facts", {"person_id": 987654, "kind": "offer", "text": "x"})

    assert response.status_code == 404
    assert "person_id" in response.json()["errors"]
    assert not Fact.objects.filter(owner=alice).exists()


def test_facts_of_an_archived_person_stay_readable(alice_api, alice):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    fact_create(owner=alice, person=sam, kind="offer", text="photos")
    alice_api.patch(f"/people/{sam.pk}", {"archived": True})

    assert alice_api.get("/facts", person=sam.pk).json()["count"] == 1
