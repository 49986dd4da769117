"""`entregent dedupe`: list, merge, undo, ignore, history."""

from __future__ import annotations

import json

from entregent.cli.common import EXIT_CONFLICT, EXIT_INVALID, EXIT_NOT_FOUND
from entregent.dedupe.models import Merge
from entregent.people.models import Person
from entregent.people.services import person_create


def test_dedupe_lists_pairs_with_reasons(cli, alice, dana):
    person_create(owner=alice, full_name="Dana Whitfeild", emails=["dana@example.org"])
    result = cli("--user", "alice", "dedupe")
    assert result.exit_code == 0, result.output
    assert "same e-mail dana@example.org" in result.output
    data = json.loads(cli("--user", "alice", "dedupe", "--json").output)
    assert data["count"] == 1
    assert data["results"][0]["reasons"][0]["code"] == "same_email"


def test_dedupe_says_when_there_is_nothing(cli, alice, dana):
    result = cli("--user", "alice", "dedupe")
    assert result.exit_code == 0
    assert "No likely duplicates" in result.output


def test_merge_keeping_a_field_of_the_other_then_undo(cli, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.", city="Lyon", headline="Photographer")
    result = cli(
        "--user",
        "alice",
        "dedupe",
        "merge",
        dana.pk,
        twin.pk,
        "--keep-field",
        "headline=other",
        "--yes",
        "--json",
    )
    assert result.exit_code == 0, result.output
    merge = json.loads(result.output)
    dana.refresh_from_db()
    assert dana.headline == "Photographer"
    assert dana.city == "Lyon"
    assert not Person.objects.filter(pk=twin.pk).exists()
    undone = cli("--user", "alice", "dedupe", "undo", merge["id"])
    assert undone.exit_code == 0, undone.output
    assert Person.objects.filter(pk=twin.pk).exists()
    assert cli("--user", "alice", "dedupe", "undo", merge["id"]).exit_code == EXIT_CONFLICT
    history = json.loads(cli("--user", "alice", "dedupe", "history", "--json").output)
    assert history["results"][0]["status"] == "undone"


def test_merge_asks_first_and_shows_what_differs(cli, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.", city="Lyon")
    result = cli("--user", "alice", "dedupe", "merge", dana.pk, twin.pk, input="n\n")
    assert result.exit_code != 0
    assert "Lyon" in result.output
    assert not Merge.objects.exists()


def test_a_bad_keep_field_is_refused(cli, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.")
    bad = cli(
        "--user", "alice", "dedupe", "merge", dana.pk, twin.pk, "--keep-field", "city", "--yes"
    )
    assert bad.exit_code == EXIT_INVALID
    assert "--keep-field" in bad.output
    unknown = cli(
        "--user", "alice", "dedupe", "merge", dana.pk, twin.pk, "--keep-field", "shoe=other", "-y"
    )
    assert unknown.exit_code == EXIT_INVALID
    assert Person.objects.filter(pk=twin.pk).exists()


def test_ignore_a_pair(cli, alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfield")
    assert cli("--user", "alice", "dedupe", "ignore", dana.pk, twin.pk).exit_code == 0
    assert json.loads(cli("--user", "alice", "dedupe", "--json").output)["count"] == 0


def test_another_accounts_people_are_not_found(cli, alice, bob, dana):
    twin = person_create(owner=alice, full_name="Dana W.")
    result = cli("--user", "bob", "dedupe", "merge", dana.pk, twin.pk, "--yes")
    assert result.exit_code == EXIT_NOT_FOUND
    assert cli("--user", "bob", "dedupe", "undo", "12345").exit_code == EXIT_NOT_FOUND
