"""`entregent event yield|prep|plan` and `entregent favour …`."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from entregent.encounters.services import encounter_log, event_create
from entregent.goals.ledger import favour_log
from entregent.goals.models import Favour
from entregent.people.services import person_create

TODAY = timezone.localdate()


def test_event_yield_across_events_as_json_and_table(as_alice, alice, dana):
    event = event_create(owner=alice, name="Small", date=TODAY - dt.timedelta(days=50), size=20)
    encounter_log(
        owner=alice,
        participants=[dana],
        event=event,
        occurred_at=timezone.now() - dt.timedelta(days=50),
    )
    result = as_alice("event", "yield", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["people_met"] == 1
    table = as_alice("event", "yield")
    assert "Under 100 people" in table.stdout
    assert "too early" in table.stdout  # 90 days not reached yet


def test_event_yield_of_one_event(as_alice, alice, dana, meetup):
    encounter_log(owner=alice, participants=[dana], event=meetup)
    result = as_alice("event", "yield", "design meetup", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["people_met"], data["event"]["id"]) == (1, meetup.pk)
    assert "People met" in as_alice("event", "yield", str(meetup.pk)).stdout


def test_event_yield_with_nothing_says_so(as_alice):
    result = as_alice("event", "yield")
    assert result.exit_code == 0
    assert "No past events" in result.output


def test_event_plan_then_prep(as_alice, alice, dana):
    erin = person_create(owner=alice, full_name="Erin Okafor")
    event = event_create(owner=alice, name="Drinks", date=TODAY + dt.timedelta(days=2))
    result = as_alice(
        "event", "plan", "Drinks", "--status", "planned", "--intro", "I build shops.",
        "--going", "Dana", "--want", "Erin", "--looking-for", "a photographer; the host",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    event.refresh_from_db()
    assert (event.attendance, event.my_intro) == ("planned", "I build shops.")
    assert list(event.expected_people.all()) == [dana]
    assert list(event.wanted_people.all()) == [erin]
    prep = json.loads(as_alice("event", "prep", event.pk, "--json").stdout)
    assert prep["want_to_meet"]["others"] == ["a photographer", "the host"]
    text = as_alice("event", "prep", "Drinks").stdout
    assert "Dana Whitfield" in text
    assert "I build shops." in text
    assert as_alice("event", "plan", "Drinks", "--not-going", "Dana").exit_code == 0
    assert not event.expected_people.exists()


def test_event_plan_refuses_a_bad_status(as_alice, meetup):
    result = as_alice("event", "plan", meetup.pk, "--status", "maybe")
    assert result.exit_code != 0
    assert "attendance" in result.output


def test_event_prep_of_another_owners_event_is_not_found(as_bob, meetup):
    assert as_bob("event", "prep", meetup.pk).exit_code != 0


def test_favour_add_list_ledger_delete(as_alice, alice, dana):
    result = as_alice(
        "favour", "add", "Dana", "--received", "--kind", "advice", "--on", "2026-01-02", "--json"
    )
    assert result.exit_code == 0, result.output
    favour = json.loads(result.stdout)
    assert (favour["direction"], favour["kind"]) == ("received", "advice")
    listed = json.loads(as_alice("favour", "list", "--json").stdout)
    assert listed["results"][0]["id"] == favour["id"]
    ledger = json.loads(as_alice("favour", "ledger", "--json").stdout)
    assert ledger["items"][0]["mostly_taken"] is True
    assert "Ask what they are working on" in as_alice("favour", "ledger").stdout
    assert as_alice("favour", "delete", favour["id"], "--yes").exit_code == 0
    assert not Favour.objects.exists()


def test_favour_add_refuses_a_bad_kind(as_alice, dana):
    result = as_alice("favour", "add", "Dana", "--kind", "bribe")
    assert result.exit_code != 0
    assert "kind" in result.output


def test_favour_list_hides_another_owners_favours(as_bob, alice, dana):
    favour_log(owner=alice, person=dana)
    assert json.loads(as_bob("favour", "list", "--json").stdout)["count"] == 0
