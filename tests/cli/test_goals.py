"""`entregent goal …` and `entregent challenge …`."""

import json

from entregent.encounters.services import encounter_log
from entregent.goals.models import Goal
from entregent.people.services import person_create


def _meet(owner, *names):
    for name in names:
        encounter_log(
            owner=owner,
            participants=[person_create(owner=owner, full_name=name)],
            create_followup=False,
        )


def test_goal_add_list_show_archive(cli, alice):
    added = cli("--user", "alice", "goal", "add", "outreach", "10", "--title", "Pitch", "--json")
    assert added.exit_code == 0, added.output
    goal_id = json.loads(added.output)["id"]
    listed = json.loads(cli("--user", "alice", "goal", "list", "--json").output)
    assert listed["count"] == 1
    assert listed["results"][0]["left_today"] == 10
    shown = cli("--user", "alice", "goal", "show", goal_id)
    assert "left today: 10" in shown.output
    assert cli("--user", "alice", "goal", "archive", goal_id).exit_code == 0
    assert Goal.objects.get(pk=goal_id).archived
    assert json.loads(cli("--user", "alice", "goal", "list", "--json").output)["count"] == 0


def test_goal_add_refuses_a_bad_metric(cli, alice):
    result = cli("--user", "alice", "goal", "add", "replies", "5")
    assert result.exit_code == 1
    assert "metric" in result.output


def test_challenge_start_status_review(cli, alice, tmp_path):
    started = cli(
        "--user",
        "alice",
        "challenge",
        "start",
        "--days",
        "30",
        "--metric",
        "new-connections",
        "--per-day",
        "1",
        "--json",
    )
    assert started.exit_code == 0, started.output
    _meet(alice, "Ana", "Ben")
    status = json.loads(cli("--user", "alice", "challenge", "status", "--json").output)
    assert (status["results"][0]["today_count"], status["results"][0]["streak"]) == (2, 1)
    review = json.loads(cli("--user", "alice", "challenge", "review", "--json").output)
    assert [p["full_name"] for p in review["people"]] == ["Ana", "Ben"]
    out = tmp_path / "review.md"
    written = cli("--user", "alice", "challenge", "review", "--markdown", out)
    assert written.exit_code == 0
    assert "| Ana |" in out.read_text()
    printed = cli("--user", "alice", "challenge", "review")
    assert "## Who was met" in printed.output


def test_challenge_of_another_account_is_not_found(cli, alice, bob):
    started = json.loads(
        cli("--user", "alice", "challenge", "start", "--days", "7", "--json").output
    )
    result = cli("--user", "bob", "challenge", "review", started["id"])
    assert result.exit_code == 3
    assert cli("--user", "bob", "goal", "show", started["id"]).exit_code == 3
    assert json.loads(cli("--user", "bob", "goal", "list", "--json").output)["count"] == 0


def test_challenge_start_refuses_a_bad_start_date(cli, alice):
    result = cli("--user", "alice", "challenge", "start", "--start", "tomorrow")
    assert result.exit_code == 1
    assert "--start" in result.output
