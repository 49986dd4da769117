"""Event yield, prep lists and plans through the API."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from entregent.encounters.services import encounter_log, event_create
from entregent.people.services import person_create

TODAY = timezone.localdate()


def test_it_answers_the_yield_across_events(alice_api, alice, dana):
    event = event_create(owner=alice, name="Small", date=TODAY - dt.timedelta(days=100), size=30)
    encounter_log(
        owner=alice,
        participants=[dana],
        event=event,
        occurred_at=timezone.now() - dt.timedelta(days=100),
    )
    response = alice_api.get("/events/yield")
    assert response.status_code == 200
    body = response.json()
    assert body["overall"]["people_met"] == 1
    assert body["by_size"][0]["size_band"] == "small"
    assert body["by_kind"][0]["kind"] == "meetup"


def test_it_answers_one_events_yield(alice_api, meetup, dana, alice):
    encounter_log(owner=alice, participants=[dana], event=meetup)
    response = alice_api.get(f"/events/{meetup.pk}/yield")
    assert response.status_code == 200
    assert response.json()["people_met"] == 1


def test_it_plans_an_event_and_answers_its_prep_list(alice_api, alice, dana):
    event = event_create(owner=alice, name="Drinks", date=TODAY + dt.timedelta(days=2))
    response = alice_api.patch(
        f"/events/{event.pk}/plan",
        {
            "attendance": "planned",
            "my_intro": "I make shops sell online.",
            "expected_people_ids": [dana.pk],
            "want_to_meet": "a photographer",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["event"]["attendance"] == "planned"
    assert body["going"][0]["name"] == "Dana Whitfield"
    assert body["want_to_meet"]["others"] == ["a photographer"]
    assert alice_api.get(f"/events/{event.pk}/prep").json() == body
    assert alice_api.get(f"/events/{event.pk}").json()["my_intro"] == "I make shops sell online."


def test_a_plan_refuses_a_bad_attendance_and_another_owners_person(alice_api, bob, meetup):
    response = alice_api.patch(f"/events/{meetup.pk}/plan", {"attendance": "maybe"})
    assert response.status_code == 422
    assert "attendance" in response.json()["errors"]
    bruno = person_create(owner=bob, full_name="Bruno")
    response = alice_api.patch(f"/events/{meetup.pk}/plan", {"wanted_people_ids": [bruno.pk]})
    assert response.status_code == 404
    assert "wanted_people_ids" in response.json()["errors"]


def test_another_owners_event_is_not_found(bob_api, meetup):
    for path in (f"/events/{meetup.pk}/yield", f"/events/{meetup.pk}/prep"):
        assert bob_api.get(path).status_code == 404
    assert bob_api.patch(f"/events/{meetup.pk}/plan", {"my_intro": "x"}).status_code == 404
