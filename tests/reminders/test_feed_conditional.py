"""The calendar feed answers conditional GETs: ETag and Last-Modified on every answer, 304
(with no feed written) while nothing it shows has changed, a new ETag as soon as it has."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.followups.services import (
    cadence_settings_update,
    followup_create,
    followup_delete,
    followup_done,
)
from entregent.people.models import Person
from entregent.people.services import milestone_create, person_update
from entregent.reminders.feed import calendar_version
from entregent.reminders.services import calendar_feed_issue


@pytest.fixture
def feed_path(alice: User) -> str:
    return calendar_feed_issue(owner=alice).url.removeprefix("http://127.0.0.1:8000")


def _get(path: str, **headers: str):
    return Client().get(path, headers=headers)


def _etag(path: str) -> str:
    response = _get(path)
    assert response.status_code == 200
    return response["ETag"]


def test_every_answer_carries_an_etag_and_a_last_modified(
    alice: User, dana: Person, feed_path: str
) -> None:
    followup_create(owner=alice, person=dana, due_on=timezone.localdate(), topic="Etsy")
    response = _get(feed_path)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["ETag"].endswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert b"Etsy" in b"".join(response.streaming_content)
    head = Client().head(feed_path)
    assert head.status_code == 200
    assert head["ETag"] == response["ETag"]


def test_an_unchanged_feed_answers_304_without_being_written(
    alice: User, dana: Person, feed_path: str, django_assert_max_num_queries
) -> None:
    followup_create(owner=alice, person=dana, due_on=timezone.localdate(), topic="Etsy")
    first = _get(feed_path)
    # The feed's own queries (one per kind) are never made for a 304: only the lookup of
    # the secret and the three aggregates.
    with django_assert_max_num_queries(4):
        again = _get(feed_path, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "private" in again["Cache-Control"]
    # Several validators, a weak one, or the date alone do as well.
    assert _get(feed_path, if_none_match=f'"nope", W/{first["ETag"]}').status_code == 304
    assert _get(feed_path, if_modified_since=first["Last-Modified"]).status_code == 304
    # A stale copy gets the whole feed.
    assert _get(feed_path, if_none_match='"stale"').status_code == 200
    older = http_date((timezone.now() - dt.timedelta(days=3)).timestamp())
    assert _get(feed_path, if_modified_since=older).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        "followup_added",
        "followup_done",
        "followup_deleted",
        "person_renamed",
        "milestone_added",
        "call_logged",
        "intervals_changed",
        "language_changed",
    ],
)
def test_any_change_the_feed_shows_gives_a_new_etag(
    alice: User, dana: Person, feed_path: str, change: str
) -> None:
    followup = followup_create(owner=alice, person=dana, due_on=timezone.localdate())
    before = _etag(feed_path)
    if change == "followup_added":
        followup_create(owner=alice, person=dana, due_on=timezone.localdate(), topic="new")
    elif change == "followup_done":
        followup_done(followup=followup)
    elif change == "followup_deleted":
        followup_delete(followup=followup)
    elif change == "person_renamed":
        person_update(person=dana, full_name="Dana Whitfield-Ortiz")
    elif change == "milestone_added":
        milestone_create(owner=alice, person=dana, kind="launch", date=timezone.localdate())
    elif change == "call_logged":
        encounter_log(owner=alice, participants=[dana], channel="call", create_followup=False)
    elif change == "intervals_changed":
        cadence_settings_update(user=alice, cadence_active_days=45)
    else:
        alice.language = "fr"
        alice.save(update_fields=["language"])
    after = _get(feed_path, if_none_match=before)
    assert after.status_code == 200, change
    assert after["ETag"] != before


def test_a_logged_call_moves_the_last_modified_date(alice: User, dana: Person) -> None:
    today = timezone.localdate()
    old = timezone.now() - dt.timedelta(days=5)
    Person.objects.filter(pk=dana.pk).update(updated=old, created=old)
    before = calendar_version(owner=alice, today=today)
    assert before.last_modified == timezone.make_aware(dt.datetime.combine(today, dt.time()))
    encounter_log(owner=alice, participants=[dana], channel="call", create_followup=False)
    after = calendar_version(owner=alice, today=today)
    assert after.etag != before.etag
    assert after.last_modified > before.last_modified


def test_the_version_changes_with_the_day_and_is_per_owner(
    alice: User, bob: User, dana: Person
) -> None:
    today = timezone.localdate()
    assert calendar_version(owner=alice, today=today) == calendar_version(owner=alice, today=today)
    tomorrow = calendar_version(owner=alice, today=today + dt.timedelta(days=1))
    assert tomorrow.etag != calendar_version(owner=alice, today=today).etag
    followup_create(owner=alice, person=dana, due_on=today)
    assert (
        calendar_version(owner=bob, today=today).etag
        != calendar_version(owner=alice, today=today).etag
    )


def test_a_revoked_feed_is_404_even_with_a_matching_etag(alice: User, feed_path: str) -> None:
    etag = _etag(feed_path)
    calendar_feed_issue(owner=alice)
    assert _get(feed_path, if_none_match=etag).status_code == 404
