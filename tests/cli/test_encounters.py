"""`entregent log`, `entregent encounter …` and `entregent event …`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from entregent.encounters.models import Encounter, Event
from entregent.encounters.services import encounter_log
from entregent.people.services import person_create


@pytest.fixture
def sam(alice):
    return person_create(owner=alice, full_name="Sam Lee")


def test_it_logs_an_encounter_with_two_people_at_an_event(as_alice, alice, dana, sam, meetup):
    result = as_alice(
        "log", "--with", "Dana", "--with", sam.pk, "--when", "2026-11-03 18:30",
        "--channel", "in-person", "--place", "Library", "--event", "design meetup",
        "--summary", "Talked about photos", "--initiated-by", "them", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    encounter = Encounter.objects.get(owner=alice)
    assert {p["name"] for p in data["participants"]} == {"Dana Whitfield", "Sam Lee"}
    assert encounter.event == meetup
    assert timezone.localtime(encounter.occurred_at).replace(tzinfo=None) == dt.datetime(
        2026, 11, 3, 18, 30
    )
    assert (encounter.channel, encounter.initiated_by, encounter.meaningful) == (
        "in_person",
        "them",
        True,
    )


def test_it_logs_a_passing_contact_on_a_date(as_alice, alice, dana):
    result = as_alice(
        "log", "--with", "Dana", "--when", "2026-11-20", "--channel", "email", "--not-meaningful"
    )
    assert result.exit_code == 0, result.output
    assert "Dana Whitfield" in result.stdout
    encounter = Encounter.objects.get(owner=alice)
    assert timezone.localtime(encounter.occurred_at).date() == dt.date(2026, 11, 20)
    assert not encounter.meaningful


def test_logging_needs_at_least_one_person(as_alice, dana):
    assert as_alice("log", "--summary", "alone").exit_code == 2


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        (["--when", "2026-11-31"], 1, "--when"),
        (["--when", "tomorrow"], 1, "--when"),
        (["--when", "2026-11-20 25:00"], 1, "--when"),
        (["--channel", "pigeon"], 1, "channel"),
        (["--initiated-by", "nobody"], 1, "--initiated-by"),
        (["--event", "Nowhere"], 3, "event"),
        (["--summary", "a\x00b"], 1, "summary"),
    ],
)
def test_it_refuses_a_bad_encounter_and_logs_nothing(as_alice, dana, args, code, field):
    result = as_alice("log", "--with", "Dana", *args)
    assert result.exit_code == code
    assert field in result.stderr
    assert not Encounter.objects.exists()


def test_it_reports_an_unknown_participant_and_logs_nothing(as_alice, alice, dana):
    result = as_alice("log", "--with", "Dana", "--with", "Nobody")
    assert result.exit_code == 3
    assert "--with" in result.stderr
    assert not Encounter.objects.filter(owner=alice).exists()


def test_it_lists_and_deletes_encounters(as_alice, alice, dana, sam):
    first = encounter_log(owner=alice, participants=[dana], channel="call")
    encounter_log(owner=alice, participants=[sam])
    data = json.loads(as_alice("encounter", "list", "--json").stdout)
    assert data["count"] == 2
    only_dana = json.loads(as_alice("encounter", "list", "--person", "Dana", "--json").stdout)
    assert [e["id"] for e in only_dana["results"]] == [first.pk]
    calls = json.loads(as_alice("encounter", "list", "--channel", "call", "--json").stdout)
    assert calls["count"] == 1
    assert "Sam Lee" in as_alice("encounter", "list").stdout
    assert as_alice("encounter", "delete", first.pk, "--yes").exit_code == 0
    assert not Encounter.objects.filter(pk=first.pk).exists()


def test_bob_cannot_delete_alices_encounter(as_bob, alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana])
    assert as_bob("encounter", "delete", encounter.pk, "--yes").exit_code == 3
    assert json.loads(as_bob("encounter", "list", "--json").stdout)["count"] == 0
    assert Encounter.objects.filter(pk=encounter.pk).exists()


def test_it_adds_an_event(as_alice, alice):
    result = as_alice(
        "event", "add", "Lyon Tech Night", "--date", "2026-12-04", "--kind", "conference",
        "--place", "La Sucrière", "--size", "300", "--json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert (data["date"], data["kind"], data["size"]) == ("2026-12-04", "conference", 300)
    assert Event.objects.get(owner=alice).place == "La Sucrière"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--date", "2026-13-01"], "--date"),
        (["--date", "2026-12-04", "--kind", "rave"], "kind"),
        (["--date", "2026-12-04", "--size", "9999999"], "size"),
    ],
)
def test_it_refuses_a_bad_event(as_alice, alice, args, field):
    result = as_alice("event", "add", "Night", *args)
    assert result.exit_code == 1
    assert field in result.stderr
    assert not Event.objects.filter(owner=alice).exists()


def test_an_event_needs_a_date(as_alice):
    assert as_alice("event", "add", "Night").exit_code == 2


def test_it_lists_events(as_alice, meetup):
    data = json.loads(as_alice("event", "list", "--json").stdout)
    assert [e["name"] for e in data["results"]] == ["Design Meetup"]
    assert "Design Meetup" in as_alice("event", "list").stdout
    assert json.loads(as_alice("event", "list", "--kind", "panel", "--json").stdout)["count"] == 0
    assert as_alice("event", "list", "--kind", "rave").exit_code == 1


def test_it_shows_who_was_met_at_an_event(as_alice, alice, dana, sam, meetup):
    encounter_log(owner=alice, participants=[dana, sam], event=meetup)
    data = json.loads(as_alice("event", "show", "Design Meetup", "--json").stdout)
    assert [p["full_name"] for p in data["people"]] == ["Sam Lee", "Dana Whitfield"]
    assert len(data["encounters"]) == 1
    shown = as_alice("event", "show", meetup.pk).stdout
    assert "Dana Whitfield" in shown
    assert "Sam Lee" in shown


def test_it_edits_and_deletes_an_event(as_alice, alice, dana, meetup):
    encounter = encounter_log(owner=alice, participants=[dana], event=meetup)
    assert (
        as_alice("event", "edit", "Design", "--date", "2026-11-04", "--size", "50").exit_code == 0
    )
    meetup.refresh_from_db()
    assert (meetup.date, meetup.size) == (dt.date(2026, 11, 4), 50)
    assert as_alice("event", "edit", "Design", "--date", "someday").exit_code == 1
    assert as_alice("event", "delete", "Design Meetup", "--yes").exit_code == 0
    encounter.refresh_from_db()
    assert encounter.event is None
