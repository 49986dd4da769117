"""Acting on Today's check-ins and congratulations by person (no follow-up id needed):
the service, the API routes and the `checkin` / `congratulate` commands."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from entregent.cli.common import EXIT_INVALID, EXIT_NOT_FOUND
from entregent.core.errors import InvalidInput
from entregent.encounters.models import Encounter
from entregent.encounters.services import encounter_log
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.selectors import agenda_item_when, today_agenda
from entregent.followups.services import agenda_item_act
from entregent.people.models import Person
from entregent.people.services import milestone_create
from tests.api.conftest import ApiClient, api_for

TODAY = timezone.localdate()


@pytest.fixture
def due_check_in(alice, dana) -> Person:
    """Dana, last met 90 days ago (active circle: every 30 days): a check-in is due."""
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now() - dt.timedelta(days=90),
        create_followup=False,
    )
    dana.refresh_from_db()
    assert [i.person_id for i in today_agenda(owner=alice).check_ins.items] == [dana.pk]
    return dana


@pytest.fixture
def birthday(alice, dana):
    return milestone_create(
        owner=alice,
        person=dana,
        kind="birthday",
        date=dt.date(
            1990, (TODAY + dt.timedelta(days=2)).month, (TODAY + dt.timedelta(days=2)).day
        ),
        note="turns 36",
    )


@pytest.fixture
def alice_api(alice) -> ApiClient:
    return api_for(alice)


def _listed(alice) -> dict[str, list[int]]:
    agenda = today_agenda(owner=alice)
    return {s.key: [i.person_id for i in s.items] for s in agenda.sections}


# The service --------------------------------------------------------------------------


def test_a_check_in_done_with_a_call_logs_it_and_leaves_today(alice, due_check_in):
    followup = agenda_item_act(
        owner=alice,
        person=due_check_in,
        kind=FollowUpKind.CHECK_IN,
        action="done",
        log_encounter={"channel": "call", "summary": "Caught up on the Etsy shop."},
    )
    assert (followup.kind, followup.status) == ("check_in", "done")
    call = Encounter.objects.get(owner=alice, channel="call")
    assert call.summary == "Caught up on the Etsy shop."
    assert Person.objects.get(pk=due_check_in.pk).next_check_in == TODAY + dt.timedelta(days=30)
    assert due_check_in.pk not in _listed(alice)["check_ins"]


def test_a_congratulation_done_is_recorded_and_leaves_today(alice, dana, birthday):
    assert _listed(alice)["congratulations"] == [dana.pk]
    when, topic = agenda_item_when(owner=alice, person=dana, kind=FollowUpKind.CONGRATULATE)
    assert (when, topic) == (TODAY + dt.timedelta(days=2), "turns 36")
    followup = agenda_item_act(
        owner=alice,
        person=dana,
        kind=FollowUpKind.CONGRATULATE,
        action="done",
        due_on=when,
        topic=topic,
    )
    assert (followup.kind, followup.status, followup.topic) == ("congratulate", "done", "turns 36")
    assert _listed(alice)["congratulations"] == []
    assert not Encounter.objects.filter(owner=alice).exists()


def test_snoozing_a_check_in_brings_it_back_on_the_day(alice, due_check_in):
    followup = agenda_item_act(
        owner=alice,
        person=due_check_in,
        kind=FollowUpKind.CHECK_IN,
        action="snooze",
        until="next_week",
    )
    assert (followup.status, followup.due_on) == ("snoozed", TODAY + dt.timedelta(days=7))
    assert all(due_check_in.pk not in ids for ids in _listed(alice).values())
    later = today_agenda(owner=alice, today=TODAY + dt.timedelta(days=7))
    assert [i.followup_id for i in later.due.items] == [followup.pk]


def test_acting_twice_uses_the_same_follow_up_and_an_unknown_action_is_refused(alice, due_check_in):
    first = agenda_item_act(
        owner=alice, person=due_check_in, kind=FollowUpKind.CHECK_IN, action="snooze"
    )
    second = agenda_item_act(
        owner=alice, person=due_check_in, kind=FollowUpKind.CHECK_IN, action="dismiss"
    )
    assert first.pk == second.pk
    assert second.status == FollowUpStatus.DISMISSED
    with pytest.raises(InvalidInput) as caught:
        agenda_item_act(
            owner=alice, person=due_check_in, kind=FollowUpKind.CHECK_IN, action="archive"
        )
    assert "action" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        agenda_item_act(owner=alice, person=due_check_in, kind="follow_up", action="done")
    assert "kind" in caught.value.errors


def test_a_check_in_not_yet_due_is_dated_today(alice, dana):
    assert agenda_item_when(owner=alice, person=dana, kind=FollowUpKind.CHECK_IN) == (TODAY, "")
    assert agenda_item_when(owner=alice, person=dana, kind=FollowUpKind.CONGRATULATE) == (
        TODAY,
        "",
    )


# The API ------------------------------------------------------------------------------


def test_api_check_in_done_with_a_logged_call(alice, alice_api, due_check_in):
    response = alice_api.post(
        f"/today/check-ins/{due_check_in.pk}/done",
        {"log_encounter": {"channel": "call", "summary": "Talked about her shop."}},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["status"], data["person_id"]) == (
        "check_in",
        "done",
        due_check_in.pk,
    )
    assert Encounter.objects.filter(owner=alice, channel="call").count() == 1
    assert alice_api.get("/today").json()["check_ins"]["total"] == 0
    again = alice_api.post(f"/today/check-ins/{due_check_in.pk}/done")
    # Done already: the next check-in is a month away, so this records another check-in
    # done early rather than failing; the agenda stays empty.
    assert again.status_code == 200
    assert alice_api.get("/today").json()["check_ins"]["total"] == 0


def test_api_check_in_snooze_and_dismiss(alice, alice_api, due_check_in):
    snoozed = alice_api.post(f"/today/check-ins/{due_check_in.pk}/snooze", {"until": "next_week"})
    assert snoozed.status_code == 200, snoozed.content
    assert snoozed.json()["due_on"] == (TODAY + dt.timedelta(days=7)).isoformat()
    assert alice_api.get("/today").json()["total"] == 0
    bad = alice_api.post(f"/today/check-ins/{due_check_in.pk}/snooze", {"until": "someday"})
    assert bad.status_code == 422
    dismissed = alice_api.post(f"/today/check-ins/{due_check_in.pk}/dismiss")
    assert dismissed.status_code == 200
    assert dismissed.json()["id"] == snoozed.json()["id"]
    assert dismissed.json()["status"] == "dismissed"
    assert Person.objects.get(pk=due_check_in.pk).next_check_in == TODAY + dt.timedelta(days=30)


def test_api_congratulation_done_snooze_and_its_follow_up(alice, alice_api, dana, birthday):
    followup = alice_api.post(f"/today/congratulations/{dana.pk}/followup")
    assert followup.status_code == 200
    data = followup.json()
    assert (data["kind"], data["topic"], data["status"]) == ("congratulate", "turns 36", "open")
    assert data["due_on"] == (TODAY + dt.timedelta(days=2)).isoformat()
    snoozed = alice_api.post(f"/today/congratulations/{dana.pk}/snooze", {})
    assert snoozed.json()["id"] == data["id"]
    assert snoozed.json()["due_on"] == (TODAY + dt.timedelta(days=1)).isoformat()
    done = alice_api.post(f"/today/congratulations/{dana.pk}/done", {})
    assert (done.json()["id"], done.json()["status"]) == (data["id"], "done")
    assert alice_api.get("/today").json()["congratulations"]["total"] == 0


def test_api_today_actions_answer_404_for_another_users_person(bob, alice, due_check_in):
    bob_api = api_for(bob)
    for path in ("check-ins", "congratulations"):
        for action in ("done", "snooze", "dismiss", "followup"):
            response = bob_api.post(f"/today/{path}/{due_check_in.pk}/{action}", {})
            assert response.status_code == 404, (path, action)
    assert not FollowUp.objects.filter(owner=alice).exists()


def test_api_a_closed_check_in_answers_409_only_through_its_follow_up(
    alice, alice_api, due_check_in
):
    done = alice_api.post(f"/today/check-ins/{due_check_in.pk}/done").json()
    conflict = alice_api.post(f"/followups/{done['id']}/done")
    assert conflict.status_code == 409


# The command line ---------------------------------------------------------------------


def test_cli_checkin_done_with_a_call(cli, alice, due_check_in):
    result = cli(
        "--user", "alice", "checkin", "done", "Dana Whitfield", "--log", "call", "--summary", "Hi"
    )
    assert result.exit_code == 0, result.output
    assert "Dana Whitfield" in result.output
    assert Encounter.objects.filter(owner=alice, channel="call").count() == 1
    assert Person.objects.get(pk=due_check_in.pk).next_check_in == TODAY + dt.timedelta(days=30)
    assert today_agenda(owner=alice).check_ins.total == 0


def test_cli_checkin_snooze_as_json_and_bad_input(cli, alice, due_check_in):
    result = cli("--user", "alice", "checkin", "snooze", due_check_in.pk, "next_week", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["kind"], data["status"]) == ("check_in", "snoozed")
    assert data["due_on"] == (TODAY + dt.timedelta(days=7)).isoformat()
    assert cli("--user", "alice", "checkin", "snooze", "Dana", "someday").exit_code == EXIT_INVALID
    assert cli("--user", "alice", "checkin", "done", "Nobody Here").exit_code == EXIT_NOT_FOUND
    assert cli("--user", "alice", "checkin", "done", "Dana", "--log", "pigeon").exit_code == (
        EXIT_INVALID
    )


def test_cli_congratulate_done_and_dismiss(cli, alice, dana, birthday):
    result = cli("--user", "alice", "congratulate", "done", "Dana", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["topic"] == "turns 36"
    assert today_agenda(owner=alice).congratulations.total == 0
    # Nothing pending any more: dismissing records a new one (today), not a conflict.
    dismissed = cli("--user", "alice", "congratulate", "dismiss", "Dana")
    assert dismissed.exit_code == 0, dismissed.output
    assert "It stays in the history" in dismissed.output


def test_cli_bob_cannot_act_on_alices_people(cli, bob, due_check_in):
    result = cli("--user", "bob", "checkin", "done", due_check_in.pk)
    assert result.exit_code == EXIT_NOT_FOUND
