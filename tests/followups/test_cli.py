"""`entregent today` and `entregent followup …`."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from entregent.cli.common import EXIT_CONFLICT, EXIT_INVALID, EXIT_NOT_FOUND
from entregent.encounters.services import encounter_log
from entregent.followups.choices import FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Person

TODAY = timezone.localdate()


def test_today_prints_the_sections(cli, alice, dana):
    followup_create(owner=alice, person=dana, due_on=TODAY - dt.timedelta(days=2), topic="Etsy")
    result = cli("--user", "alice", "today")
    assert result.exit_code == 0, result.output
    assert "Overdue (1)" in result.output
    assert "Dana Whitfield" in result.output
    assert "Etsy" in result.output


def test_today_as_json_for_a_given_date(cli, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=dt.date(2030, 5, 1))
    result = cli("--user", "alice", "today", "--json", "--date", "2030-05-03")
    data = json.loads(result.output)
    assert data["today"] == "2030-05-03"
    assert data["overdue"]["items"][0]["followup_id"] == followup.pk
    assert data["overdue"]["items"][0]["overdue_days"] == 2


def test_today_teaches_what_to_do_when_empty(cli, alice):
    result = cli("--user", "alice", "today")
    assert result.exit_code == 0
    assert "entregent log" in result.output


def test_today_refuses_a_bad_date_naming_the_field(cli, alice):
    result = cli("--user", "alice", "today", "--date", "tomorrowish")
    assert result.exit_code == EXIT_INVALID
    assert "date" in result.output


def test_followup_done_with_a_logged_call(cli, alice, dana):
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now() - dt.timedelta(days=90),
        create_followup=False,
    )
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    result = cli(
        "--user", "alice", "followup", "done", followup.pk, "--log", "call", "--summary", "Hi"
    )
    assert result.exit_code == 0, result.output
    assert FollowUp.objects.get(pk=followup.pk).status == FollowUpStatus.DONE
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=30)
    again = cli("--user", "alice", "followup", "done", followup.pk)
    assert again.exit_code == EXIT_CONFLICT


def test_followup_snooze_and_dismiss_then_list_the_history(cli, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY, topic="Deck")
    assert cli("--user", "alice", "followup", "snooze", followup.pk, "next_week").exit_code == 0
    assert FollowUp.objects.get(pk=followup.pk).due_on == TODAY + dt.timedelta(days=7)
    bad = cli("--user", "alice", "followup", "snooze", followup.pk, "someday")
    assert bad.exit_code == EXIT_INVALID
    assert cli("--user", "alice", "followup", "dismiss", followup.pk).exit_code == 0
    listed = json.loads(
        cli("--user", "alice", "followup", "list", "--status", "dismissed", "--json").output
    )
    assert [r["topic"] for r in listed["results"]] == ["Deck"]
    assert listed["results"][0]["snooze_count"] == 1


def test_followup_settings_show_and_change(cli, alice, dana):
    result = cli("--user", "alice", "followup", "settings", "--active", "45", "--json")
    assert json.loads(result.output)["cadence_active_days"] == 45
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=45)
    assert cli("--user", "alice", "followup", "settings", "--inner", "0").exit_code == EXIT_INVALID


def test_bob_cannot_touch_alices_follow_ups(cli, alice, bob, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY, topic="secret")
    for args in (("done",), ("snooze",), ("dismiss",)):
        result = cli("--user", "bob", "followup", *args, followup.pk)
        assert result.exit_code == EXIT_NOT_FOUND
    assert "secret" not in cli("--user", "bob", "today", "--json").output
    assert "secret" not in cli("--user", "bob", "followup", "list", "--json").output
    assert FollowUp.objects.get(pk=followup.pk).status == FollowUpStatus.OPEN
