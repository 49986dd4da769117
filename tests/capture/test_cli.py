"""`entregent capture "…"`."""

from __future__ import annotations

import json

from entregent.encounters.models import Encounter
from entregent.followups.models import FollowUp
from entregent.people.models import Person
from entregent.people.services import person_create

TEXT = "Rencontré Camille Dubois au café du coin, graphiste, relancer lundi prochain."


def test_it_prints_the_parse_as_json_without_saving(as_alice):
    result = as_alice("capture", "--dry-run", "--json", "--now", "2026-11-21T10:00", TEXT)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    preview = data["preview"]
    assert data["saved"] is None
    assert preview["language"] == "fr"
    assert preview["people"][0]["name"] == "Camille Dubois"
    assert preview["people"][0]["role"] == "graphiste"
    assert preview["place"] == "café du coin"
    assert preview["followup_due"] == "2026-11-23"
    assert preview["occurred_at"].startswith("2026-11-21T10:00")
    assert Person.objects.count() == 0


def test_it_shows_the_preview_on_a_dry_run(as_alice):
    result = as_alice("capture", "--dry-run", "--now", "2026-11-21", TEXT)
    assert result.exit_code == 0, result.output
    assert "Camille Dubois" in result.stdout
    assert "2026-11-23" in result.stdout
    assert "nothing was saved" in result.stdout


def test_it_saves_with_yes(as_alice, alice):
    result = as_alice("capture", "--yes", "--now", "2026-11-21T10:00", TEXT)
    assert result.exit_code == 0, result.output
    camille = Person.objects.get(owner=alice)
    assert camille.full_name == "Camille Dubois"
    assert Encounter.objects.filter(owner=alice).count() == 1
    assert FollowUp.objects.get(person=camille).due_on.isoformat() == "2026-11-23"


def test_it_asks_before_saving_and_stops_on_no(as_alice):
    result = as_alice("capture", "--now", "2026-11-21", TEXT, input="n\n")
    assert result.exit_code == 1
    assert Person.objects.count() == 0


def test_it_asks_which_person_an_ambiguous_name_means(as_alice, alice):
    person_create(owner=alice, full_name="Karen Liu")
    smith = person_create(owner=alice, full_name="Karen Smith")
    result = as_alice("capture", "coffee with Karen", input="2\ny\n")
    assert result.exit_code == 0, result.output
    assert list(Encounter.objects.get(owner=alice).participants.all()) == [smith]


def test_it_refuses_an_ambiguous_name_with_yes(as_alice, alice):
    person_create(owner=alice, full_name="Karen Liu")
    person_create(owner=alice, full_name="Karen Smith")
    result = as_alice("capture", "--yes", "coffee with Karen")
    assert result.exit_code == 1
    assert "Karen" in result.stderr
    assert Encounter.objects.count() == 0


def test_it_says_what_it_could_not_understand(as_alice):
    result = as_alice("capture", "--yes", "asdf qwerty")
    assert result.exit_code == 1
    assert "No person found" in result.stderr
    assert "asdf qwerty" in result.stderr


def test_it_refuses_a_bad_reference_time(as_alice):
    result = as_alice("capture", "--dry-run", "--now", "tomorrow", TEXT)
    assert result.exit_code == 1
    assert "--now" in result.stderr


def test_it_only_recognises_the_accounts_own_people(as_bob, alice, dana):
    result = as_bob("capture", "--dry-run", "--json", "Met Dana Whitfield")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["preview"]["people"][0]["person_id"] is None
