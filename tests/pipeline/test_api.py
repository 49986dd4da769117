"""API: /opportunities CRUD, move, funnel; /insights; owner isolation naming the field."""

from __future__ import annotations

import pytest

from entregent.accounts.models import User
from entregent.people.models import Person
from entregent.people.services import organization_create, person_create
from entregent.pipeline.models import Opportunity, StageChange
from entregent.pipeline.services import opportunity_create
from tests.api.conftest import ApiClient, api_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_api(alice: User) -> ApiClient:
    return api_for(alice)


@pytest.fixture
def bob_api(bob: User) -> ApiClient:
    return api_for(bob)


def test_create_get_update_delete(alice: User, alice_api: ApiClient, dana: Person) -> None:
    org = organization_create(owner=alice, name="Acme")
    response = alice_api.post(
        "/opportunities",
        {
            "title": "Acme redesign",
            "organization_id": org.pk,
            "people_ids": [dana.pk],
            "next_step": "Pitch",
            "next_step_on": "2026-12-01",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "idea"
    assert body["organization"] == {"id": org.pk, "name": "Acme"}
    assert body["people"] == [{"id": dana.pk, "full_name": "Dana Whitfield"}]
    pk = body["id"]
    assert alice_api.get(f"/opportunities/{pk}").json()["title"] == "Acme redesign"
    response = alice_api.patch(f"/opportunities/{pk}", {"title": "Acme shop", "people_ids": []})
    assert response.status_code == 200
    assert response.json()["people"] == []
    assert alice_api.delete(f"/opportunities/{pk}").status_code == 204
    assert not Opportunity.objects.exists()


def test_move_records_history_and_feeds_the_funnel(alice: User, alice_api: ApiClient) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    response = alice_api.post(f"/opportunities/{opp.pk}/move", {"stage": "reached_out"})
    assert response.status_code == 200
    assert response.json()["stage"] == "reached_out"
    alice_api.post(f"/opportunities/{opp.pk}/move", {"stage": "call_booked", "position": 0})
    assert StageChange.objects.filter(opportunity=opp).count() == 3
    funnels = {f["kind"]: f for f in alice_api.get("/opportunities/funnel").json()}
    assert funnels["dream_client"]["summary"] == "1 pitched → 1 calls booked"
    assert [s["count"] for s in funnels["dream_client"]["steps"]] == [1, 1, 1, 0]


def test_invalid_stage_is_422_naming_the_field(alice: User, alice_api: ApiClient) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    response = alice_api.post(f"/opportunities/{opp.pk}/move", {"stage": "dreaming"})
    assert response.status_code == 422
    assert "stage" in str(response.json())
    response = alice_api.patch(f"/opportunities/{opp.pk}", {"stage": "won"})
    assert response.status_code == 422


def test_another_owners_organization_or_people_are_422(alice_api: ApiClient, bob: User) -> None:
    theirs = organization_create(owner=bob, name="Bob Inc")
    friend = person_create(owner=bob, full_name="Bob Friend")
    for body, field in (
        ({"title": "X", "organization_id": theirs.pk}, "organization"),
        ({"title": "X", "people_ids": [friend.pk]}, "people"),
        ({"title": "X", "kind": "referral", "asked_person_id": friend.pk}, "asked_person"),
    ):
        response = alice_api.post("/opportunities", body)
        assert response.status_code == 422, response.content
        assert field in response.json()["errors"]
    assert not Opportunity.objects.exists()


def test_bob_cannot_see_or_move_alices(alice: User, bob_api: ApiClient) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    assert bob_api.get(f"/opportunities/{opp.pk}").status_code == 404
    assert bob_api.post(f"/opportunities/{opp.pk}/move", {"stage": "won"}).status_code == 404
    assert bob_api.get("/opportunities").json()["count"] == 0
    funnels = bob_api.get("/opportunities/funnel").json()
    assert all(s["count"] == 0 for f in funnels for s in f["steps"])


def test_list_filters_by_kind_and_person(alice: User, alice_api: ApiClient, dana: Person) -> None:
    opportunity_create(owner=alice, title="A", people=[dana])
    opportunity_create(owner=alice, title="B", kind="job")
    assert alice_api.get("/opportunities", kind="job").json()["count"] == 1
    assert alice_api.get("/opportunities", person=dana.pk).json()["items"][0]["title"] == "A"


def test_insights(alice: User, alice_api: ApiClient, bob_api: ApiClient) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    alice_api.post(f"/opportunities/{opp.pk}/move", {"stage": "reached_out"})
    response = alice_api.get("/insights")
    assert response.status_code == 200
    charts = {c["id"]: c for c in response.json()["charts"]}
    assert "insights-growth" in charts
    assert charts["insights-funnel"]["rows"][0] == ["Pitched", "1", "100"]
    theirs = {c["id"]: c for c in bob_api.get("/insights").json()["charts"]}
    assert theirs["insights-funnel"]["rows"] == []
