"""Goals pages: list, create/edit with validation, progress, review and exports, Today's slot."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from entregent.encounters.services import encounter_log
from entregent.goals.models import Goal
from entregent.goals.services import challenge_start, goal_create
from entregent.people.services import person_create


@pytest.fixture
def challenge(alice):
    goal = challenge_start(owner=alice, days=30, start_on=timezone.localdate())
    for name in ("Ana", "Ben"):
        person = person_create(owner=alice, full_name=name)
        encounter_log(owner=alice, participants=[person], create_followup=False)
    return goal


def test_goal_list_shows_progress(alice_client, challenge):
    response = alice_client.get(reverse("goals:list"))
    assert response.status_code == 200
    assert "30-day challenge" in response.text
    assert "2 of 1" in response.text


def test_goal_list_query_count_is_bounded(alice, alice_client, django_assert_max_num_queries):
    for metric in ("outreach", "events", "check_ins", "introductions", "new_connections"):
        goal_create(owner=alice, metric=metric, target=2)
    with django_assert_max_num_queries(20):
        alice_client.get(reverse("goals:list"))


def test_create_a_goal(alice, alice_client):
    response = alice_client.post(
        reverse("goals:create"),
        {"title": "Reach out", "metric": "outreach", "target": "10", "period": "day"},
    )
    goal = Goal.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("goals:detail", args=[goal.pk])
    assert (goal.metric, goal.target, goal.start_on) == ("outreach", 10, None)


def test_create_a_challenge_needs_dates(alice_client):
    response = alice_client.post(
        reverse("goals:create"),
        {"metric": "outreach", "target": "1", "period": "challenge", "start_on": ""},
    )
    assert response.status_code == 422
    assert "A challenge needs a start date." in response.text
    assert "A challenge needs a length in days." in response.text


def test_bad_target_names_the_field(alice_client):
    response = alice_client.post(
        reverse("goals:create"), {"metric": "outreach", "target": "0", "period": "day"}
    )
    assert response.status_code == 422
    assert "greater than or equal to 1" in response.text


def test_edit_a_goal(alice, alice_client):
    goal = goal_create(owner=alice, metric="outreach", target=3)
    response = alice_client.post(
        reverse("goals:edit", args=[goal.pk]),
        {"title": "Fewer", "metric": "outreach", "target": "2", "period": "week"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.target, goal.period) == ("Fewer", 2, "week")


def test_start_a_challenge_from_the_list(alice, alice_client):
    response = alice_client.post(
        reverse("goals:challenge_start"),
        {"metric": "new_connections", "per_day": "1", "days": "30"},
    )
    goal = Goal.objects.get(owner=alice)
    assert response.status_code == 302
    assert (goal.period, goal.length_days, goal.start_on) == (
        "challenge",
        30,
        timezone.localdate(),
    )


def test_start_a_challenge_refuses_bad_days(alice_client):
    response = alice_client.post(
        reverse("goals:challenge_start"), {"metric": "new_connections", "per_day": "1", "days": "0"}
    )
    assert response.status_code == 422


def test_challenge_page_shows_progress_streak_and_chart(alice_client, challenge):
    response = alice_client.get(reverse("goals:detail", args=[challenge.pk]))
    assert response.status_code == 200
    text = response.text
    assert "2 of 1" in text
    assert "1 day" in text  # the streak
    assert "<svg" in text
    assert "Show the data" in text


def test_archive_and_restore(alice, alice_client):
    goal = goal_create(owner=alice, metric="outreach", target=3)
    alice_client.post(reverse("goals:archive", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.archived
    alice_client.post(reverse("goals:archive", args=[goal.pk]))
    goal.refresh_from_db()
    assert not goal.archived


def test_review_page_and_exports(alice_client, challenge):
    response = alice_client.get(reverse("goals:review", args=[challenge.pk]))
    assert response.status_code == 200
    assert "Ana" in response.text
    assert "too early to tell" in response.text
    for fmt, kind in [("md", "text/markdown"), ("json", "application/json"), ("csv", "text/csv")]:
        export = alice_client.get(reverse(f"goals:review_{fmt}", args=[challenge.pk]))
        assert export.status_code == 200
        assert export["Content-Type"].startswith(kind)
        assert "Ben" in export.content.decode()
    assert alice_client.get(f"/goals/{challenge.pk}/review.exe").status_code == 404


def test_review_of_a_plain_goal_is_not_found(alice, alice_client):
    goal = goal_create(owner=alice, metric="outreach", target=3)
    assert alice_client.get(reverse("goals:review", args=[goal.pk])).status_code == 404


def test_today_slot_shows_what_is_left(alice, alice_client):
    goal_create(owner=alice, metric="outreach", target=3, title="Three reach-outs")
    response = alice_client.get(reverse("goals:today"))
    assert "Three reach-outs" in response.text
    assert "data-goal-left>3</dd>" in response.text
    home = alice_client.get(reverse("web:home"))
    assert reverse("goals:today") in home.text


def test_pace_guard_speaks_kindly_on_the_goal_page(alice, alice_client):
    goal = goal_create(owner=alice, metric="new_connections", target=1)
    now = timezone.now()
    for i in range(5):
        person = person_create(owner=alice, full_name=f"P{i}")
        encounter_log(
            owner=alice,
            participants=[person],
            occurred_at=now - dt.timedelta(days=i % 3),
            followup_due=timezone.localdate() - dt.timedelta(days=2),
        )
    response = alice_client.get(reverse("goals:detail", args=[goal.pk]))
    assert "A word about your pace" in response.text


def test_another_owners_goal_is_not_found(bob_client, challenge):
    for name in ("goals:detail", "goals:edit", "goals:review"):
        assert bob_client.get(reverse(name, args=[challenge.pk])).status_code == 404
    assert bob_client.post(reverse("goals:archive", args=[challenge.pk])).status_code == 404
