"""Encounters and events through the API."""

from __future__ import annotations

import datetime as dt

from entregent.encounters.models import Encounter, Event
from entregent.encounters.services import encounter_log, event_create
from entregent.people.services import person_create


def test_it_logs_an_encounter_with_two_people_at_an_event(alice_api, alice, dana, meetup):
    sam = person_create(owner=alice, full_name="Sam Okafor")

    response = alice_api.post(
        "/encounters",
        {
            "participant_ids": [dana.pk, sam.pk, dana.pk],
            "occurred_at": "2026-11-03T19:30:00+01:00",
            "channel": "in_person",
            "place": "Le Bar",
            "event_id": meetup.pk,
            "summary": "Talked about product photos.",
            "meaningful": True,
            "initiated_by": "them",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert {p["id"] for p in body["participants"]} == {dana.pk, sam.pk}
    assert body["event"] == {"id": meetup.pk, "name": "Design Meetup", "date": "2026-11-03"}
    assert body["occurred_at"].startswith("2026-11-03T18:30:00")
    assert body["initiated_by"] == "them"


def test_it_logs_an_encounter_now_when_no_time_is_given(alice_api, dana):
    response = alice_api.post("/encounters", {"participant_ids": [dana.pk], "channel": "call"})

    assert response.status_code == 201
    assert response.json()["occurred_at"][:4] >= "2024"


def test_an_encounter_needs_a_participant(alice_api, alice):
    response = alice_api.post("/encounters", {"participant_ids": []})

    assert response.status_code == 422
    assert "participant_ids" in response.json()["errors"]
    assert not Encounter.objects.filter(owner=alice).exists()


def test_it_refuses_an_unknown_channel(alice_api, alice, dana):
    response = alice_api.post("/encounters", {"participant_ids": [dana.pk], "channel": "pigeon"})

    assert response.status_code == 422
    assert "channel" in response.json()["errors"]


def test_it_refuses_an_impossible_time(alice_api, alice, dana):
    response = alice_api.post(
        "/encounters", {"participant_ids": [dana.pk], "occurred_at": "2026-13-45T25:61"}
    )

    assert response.status_code == 422
    assert "occurred_at" in response.json()["errors"]
    assert not Encounter.objects.filter(owner=alice).exists()


def test_it_refuses_a_time_that_cannot_be_stored(alice_api, alice, dana):
    response = alice_api.post(
        "/encounters", {"participant_ids": [dana.pk], "occurred_at": "0001-01-01T00:00:00+05:00"}
    )

    assert response.status_code == 422
    assert "occurred_at" in response.json()["errors"]


def test_it_corrects_an_encounter_and_replaces_its_participants(alice_api, alice, dana, meetup):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    encounter = encounter_log(owner=alice, participants=[dana], event=meetup)

    response = alice_api.patch(
        f"/encounters/{encounter.pk}",
        {"participant_ids": [sam.pk], "event_id": None, "summary": "Moved"},
    )

    assert response.status_code == 200
    assert [p["id"] for p in response.json()["participants"]] == [sam.pk]
    assert response.json()["event"] is None
    assert response.json()["summary"] == "Moved"


def test_it_refuses_emptying_an_encounters_participants(alice_api, alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana])

    response = alice_api.patch(f"/encounters/{encounter.pk}", {"participant_ids": []})

    assert response.status_code == 422
    assert list(encounter.participants.all()) == [dana]


def test_it_reads_and_deletes_an_encounter(alice_api, alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana], summary="Coffee")

    assert alice_api.get(f"/encounters/{encounter.pk}").json()["summary"] == "Coffee"
    assert alice_api.delete(f"/encounters/{encounter.pk}").status_code == 204
    assert not Encounter.objects.filter(pk=encounter.pk).exists()


def test_it_filters_encounters_by_person_channel_and_event(alice_api, alice, dana, meetup):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    at_meetup = encounter_log(owner=alice, participants=[dana, sam], event=meetup)
    call = encounter_log(
        owner=alice, participants=[sam], channel="call", occurred_at=dt.date(2026, 1, 2)
    )

    def ids(**params) -> list[int]:
        return [e["id"] for e in alice_api.get("/encounters", **params).json()["items"]]

    assert ids(person=dana.pk) == [at_meetup.pk]
    assert set(ids(person=sam.pk)) == {at_meetup.pk, call.pk}
    assert ids(channel="call") == [call.pk]
    assert ids(event=meetup.pk) == [at_meetup.pk]


def test_it_paginates_encounters(alice_api, alice, dana):
    for day in range(1, 6):
        encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2026, 1, day))

    page = alice_api.get("/encounters", limit=2, offset=1).json()

    assert page["count"] == 5
    assert [e["occurred_at"][:10] for e in page["items"]] == ["2026-01-04", "2026-01-03"]


def test_it_creates_reads_updates_and_deletes_an_event(alice_api, alice):
    created = alice_api.post(
        "/events", {"name": "Paris Web", "kind": "conference", "date": "2026-10-01", "size": 600}
    )
    assert created.status_code == 201
    event_id = created.json()["id"]

    assert alice_api.get(f"/events/{event_id}").json()["kind"] == "conference"
    updated = alice_api.patch(f"/events/{event_id}", {"place": "Paris", "size": None})
    assert updated.json()["place"] == "Paris"
    assert updated.json()["size"] is None
    assert updated.json()["name"] == "Paris Web"

    assert alice_api.delete(f"/events/{event_id}").status_code == 204
    assert not Event.objects.filter(pk=event_id).exists()


def test_it_lists_events_by_name_and_kind(alice_api, alice, meetup):
    event_create(owner=alice, name="Paris Web", kind="conference", date=dt.date(2026, 10, 1))

    assert [e["name"] for e in alice_api.get("/events", q="paris").json()["items"]] == ["Paris Web"]
    assert [e["name"] for e in alice_api.get("/events", kind="meetup").json()["items"]] == [
        "Design Meetup"
    ]
    assert alice_api.get("/events").json()["count"] == 2


def test_it_shows_who_was_met_at_an_event(alice_api, alice, dana, meetup):
    encounter_log(owner=alice, participants=[dana], event=meetup)

    response = alice_api.get(f"/events/{meetup.pk}/overview")

    assert response.status_code == 200
    assert response.json()["people"] == [{"id": dana.pk, "full_name": "Dana Whitfield"}]
    assert len(response.json()["encounters"]) == 1


def test_deleting_an_event_keeps_its_encounters(alice_api, alice, dana, meetup):
    encounter = encounter_log(owner=alice, participants=[dana], event=meetup)

    alice_api.delete(f"/events/{meetup.pk}")

    assert alice_api.get(f"/encounters/{encounter.pk}").json()["event"] is None


def test_it_refuses_an_unknown_event_kind(alice_api, alice):
    response = alice_api.post("/events", {"name": "X", "kind": "rave", "date": "2026-01-01"})

    assert response.status_code == 422
    assert "kind" in response.json()["errors"]
    assert not Event.objects.filter(owner=alice).exists()


def test_it_refuses_a_negative_event_size(alice_api):
    response = alice_api.post("/events", {"name": "X", "date": "2026-01-01", "size": -5})

    assert response.status_code == 422
    assert "size" in response.json()["errors"]


def test_it_keeps_a_time_written_with_any_iso_offset(alice_api, alice, dana):
    # ISO 8601 allows offsets up to ±23:59; PostgreSQL stores ±15:59 at most.
    response = alice_api.post(
        "/encounters", {"participant_ids": [dana.pk], "occurred_at": "2026-01-01T00:00:00+16:53"}
    )

    assert response.status_code == 201
    stored = Encounter.objects.get(pk=response.json()["id"]).occurred_at
    assert stored == dt.datetime(2025, 12, 31, 7, 7, tzinfo=dt.UTC)
