"""Which account a command acts on: --user, ENTREGENT_USER, or the only one."""

from __future__ import annotations

import json

from entregent.people.services import person_create


def test_it_uses_the_only_account_without_being_told(cli, alice, dana):
    result = cli("person", "list", "--json")
    assert result.exit_code == 0
    assert [p["full_name"] for p in json.loads(result.stdout)["results"]] == ["Dana Whitfield"]


def test_it_tells_how_to_create_an_account_when_there_is_none(cli):
    result = cli("person", "list")
    assert result.exit_code == 1
    assert "entregent user create NAME" in result.stderr


def test_it_lists_the_accounts_when_several_exist(cli, alice, bob):
    result = cli("person", "list")
    assert result.exit_code == 1
    assert "alice, bob" in result.stderr
    assert "--user" in result.stderr


def test_it_takes_the_account_from_the_environment(cli, alice, bob, dana):
    result = cli("person", "list", "--json", env={"ENTREGENT_USER": "alice"})
    assert json.loads(result.stdout)["count"] == 1
    result = cli("person", "list", "--json", env={"ENTREGENT_USER": "bob"})
    assert json.loads(result.stdout)["count"] == 0


def test_the_user_option_wins_over_the_environment(cli, alice, bob, dana):
    result = cli("--user", "bob", "person", "list", "--json", env={"ENTREGENT_USER": "alice"})
    assert json.loads(result.stdout)["count"] == 0


def test_it_reports_an_unknown_account_as_not_found(cli, alice):
    result = cli("--user", "mallory", "person", "list")
    assert result.exit_code == 3
    assert "mallory" in result.stderr
    assert "alice" in result.stderr


def test_it_speaks_the_accounts_language(cli, charlie):
    # Django's own French catalogue translates the invalid-choice message.
    result = cli("--user", "charlie", "person", "add", "Zoé", "--circle", "bogus")
    assert result.exit_code == 1
    assert "choix valide" in result.stderr


def test_bob_sees_nothing_of_alices_people(as_bob, alice, dana):
    assert json.loads(as_bob("person", "list", "--json").stdout)["count"] == 0
    assert as_bob("person", "show", dana.pk).exit_code == 3
    assert as_bob("person", "show", "Dana Whitfield").exit_code == 3
    assert as_bob("person", "edit", dana.pk, "--city", "Paris").exit_code == 3
    assert as_bob("person", "archive", dana.pk).exit_code == 3
    assert as_bob("person", "delete", dana.pk, "--yes").exit_code == 3
    assert as_bob("fact", "add", dana.pk, "offer", "x").exit_code == 3
    assert as_bob("fact", "list", dana.pk).exit_code == 3
    assert as_bob("log", "--with", dana.pk).exit_code == 3
    assert as_bob("milestone", "add", dana.pk, "birthday", "1990-01-01").exit_code == 3
    search = json.loads(as_bob("search", "Dana", "--json").stdout)
    assert search["people"] == []
    assert search["organizations"] == []
    dana.refresh_from_db()
    assert dana.city == ""
    assert not dana.archived


def test_bob_cannot_connect_his_people_to_alices(as_bob, bob, dana):
    own = person_create(owner=bob, full_name="Ben Ortiz")
    result = as_bob("connect", own.pk, dana.pk)
    assert result.exit_code == 3


def test_bob_sees_nothing_of_alices_events_facts_and_organizations(as_bob, alice, dana, meetup):
    from entregent.people.services import fact_create

    fact = fact_create(owner=alice, person=dana, kind="offer", text="Product photography")
    assert as_bob("event", "show", meetup.pk).exit_code == 3
    assert as_bob("event", "show", "Design Meetup").exit_code == 3
    assert json.loads(as_bob("event", "list", "--json").stdout)["count"] == 0
    assert as_bob("fact", "delete", fact.pk).exit_code == 3
    assert as_bob("fact", "edit", fact.pk, "--text", "x").exit_code == 3
    assert as_bob("org", "show", dana.organization_id).exit_code == 3
    assert as_bob("org", "show", "Blue Bottle Studio").exit_code == 3
    assert json.loads(as_bob("org", "list", "--json").stdout)["count"] == 0
    assert json.loads(as_bob("fact", "list", "me", "--json").stdout) == []
