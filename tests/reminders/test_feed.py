"""The private iCalendar feed: valid RFC 5545, the right items, behind a revocable secret."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from entregent.accounts.models import User
from entregent.followups.services import followup_create, followup_update
from entregent.people.models import Person
from entregent.people.services import milestone_create, person_archive, person_create
from entregent.reminders.agenda import has_person_field
from entregent.reminders.feed import calendar_bytes
from entregent.reminders.models import CalendarFeed
from entregent.reminders.services import calendar_feed_issue, calendar_feed_revoke


def fetch(url: str) -> tuple[int, str, bytes]:
    """GET the feed with no session at all, as a calendar app would."""
    response = Client().get(url.removeprefix("http://127.0.0.1:8000"))
    content = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if getattr(response, "streaming", False)
        else response.content
    )
    return response.status_code, response.get("Content-Type", ""), content


def events(payload: bytes) -> dict[str, icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(payload)
    assert calendar["VERSION"] == "2.0"
    assert "Entregent" in str(calendar["PRODID"])
    found = {}
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event, f"{required} missing in {event}"
        found[str(event["SUMMARY"])] = event
    return found


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


def test_the_feed_lists_open_follow_ups_and_milestones(
    alice: User, dana: Person, today: dt.date
) -> None:
    followup_create(owner=alice, person=dana, due_on=today, topic="Etsy listings")
    milestone_create(
        owner=alice, person=dana, kind="birthday", date=dt.date(1990, 4, 2), yearly=True
    )
    milestone_create(
        owner=alice, person=dana, kind="launch", date=today + dt.timedelta(days=10), note="shop"
    )
    issued = calendar_feed_issue(owner=alice)
    status, content_type, payload = fetch(issued.url)
    assert status == 200
    assert content_type.startswith("text/calendar")
    found = events(payload)
    follow_up = found["Follow-up: Dana Whitfield — Etsy listings"]
    assert follow_up["DTSTART"].dt == today
    assert follow_up["DTEND"].dt == today + dt.timedelta(days=1)
    birthday = found["Birthday: Dana Whitfield"]
    assert birthday["RRULE"]["FREQ"] == ["YEARLY"]
    assert birthday["DTSTART"].dt == dt.date(1990, 4, 2)
    assert "Launch: Dana Whitfield — shop" in found
    assert str(follow_up["URL"]).endswith(f"/people/{dana.pk}/")


def test_uids_are_stable_between_fetches(alice: User, dana: Person, today: dt.date) -> None:
    followup_create(owner=alice, person=dana, due_on=today, topic="Etsy")
    first = calendar_bytes(owner=alice, today=today)
    second = calendar_bytes(owner=alice, today=today)
    assert first == second
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 1


def test_done_archived_and_far_away_items_are_left_out(
    alice: User, dana: Person, today: dt.date
) -> None:
    done = followup_create(owner=alice, person=dana, due_on=today, topic="already done")
    followup_update(followup=done, status="done")
    followup_create(owner=alice, person=dana, due_on=today - dt.timedelta(days=90), topic="old")
    followup_create(owner=alice, person=dana, due_on=today + dt.timedelta(days=500), topic="far")
    gone = person_create(owner=alice, full_name="Archie Archived")
    followup_create(owner=alice, person=gone, due_on=today, topic="archived one")
    person_archive(person=gone)
    found = events(calendar_bytes(owner=alice, today=today))
    assert found == {}


@pytest.mark.skipif(not has_person_field("next_check_in"), reason="cadence not built yet")
def test_check_ins_due_are_in_the_feed(alice: User, dana: Person, today: dt.date) -> None:
    Person.objects.filter(pk=dana.pk).update(next_check_in=today + dt.timedelta(days=3))
    found = events(calendar_bytes(owner=alice, today=today))
    assert found["Check in with Dana Whitfield"]["DTSTART"].dt == today + dt.timedelta(days=3)


def test_long_summaries_are_folded_and_read_back_whole(alice: User, today: dt.date) -> None:
    person = person_create(owner=alice, full_name="Ana " + "Très-Longnom " * 8)
    topic = "é" * 120
    followup_create(owner=alice, person=person, due_on=today, topic=topic)
    payload = calendar_bytes(owner=alice, today=today)
    assert all(len(line) <= 75 for line in payload.split(b"\r\n"))
    (event,) = icalendar.Calendar.from_ical(payload).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(topic)


def test_a_french_user_gets_a_french_feed(charlie: User, today: dt.date) -> None:
    camille = person_create(owner=charlie, full_name="Camille Dubois")
    followup_create(owner=charlie, person=camille, due_on=today, topic="son projet")
    payload = calendar_bytes(owner=charlie, today=today).decode()
    assert "Relance" in payload or "Suivi" in payload


def test_an_unknown_revoked_or_replaced_secret_is_404(alice: User) -> None:
    old = calendar_feed_issue(owner=alice)
    new = calendar_feed_issue(owner=alice)
    assert fetch(old.url)[0] == 404
    assert fetch(new.url)[0] == 200
    assert CalendarFeed.objects.filter(owner=alice).count() == 1
    calendar_feed_revoke(owner=alice)
    assert fetch(new.url)[0] == 404
    for junk in ("nothing", "cal_", "cal_" + "x" * 300, "cal_%C3%A9t%C3%A9"):
        assert fetch(f"/reminders/calendar/{junk}.ics")[0] == 404


def test_only_a_digest_of_the_secret_is_stored(alice: User) -> None:
    issued = calendar_feed_issue(owner=alice)
    secret = issued.url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.objects.get(owner=alice)
    assert secret not in (stored.digest, stored.prefix)
    assert secret.startswith(stored.prefix)


def test_bobs_secret_never_shows_alices_items(
    alice: User, bob: User, dana: Person, today: dt.date
) -> None:
    followup_create(owner=alice, person=dana, due_on=today, topic="Etsy listings")
    milestone_create(
        owner=alice, person=dana, kind="birthday", date=dt.date(1990, 4, 2), yearly=True
    )
    bobs = person_create(owner=bob, full_name="Quentin Bobfriend")
    followup_create(owner=bob, person=bobs, due_on=today, topic="bob topic")
    _status, _type, payload = fetch(calendar_feed_issue(owner=bob).url)
    assert b"Dana" not in payload
    assert b"Etsy" not in payload
    assert list(events(payload)) == ["Follow-up: Quentin Bobfriend — bob topic"]


def test_the_feed_reads_one_query_per_kind_whatever_the_size(
    alice: User, today: dt.date, django_assert_max_num_queries
) -> None:
    for n in range(30):
        person = person_create(owner=alice, full_name=f"Person Number{n}")
        followup_create(owner=alice, person=person, due_on=today, topic=f"t{n}")
        milestone_create(owner=alice, person=person, kind="birthday", date=dt.date(1990, 1, 1 + n))
    with django_assert_max_num_queries(4):
        payload = calendar_bytes(owner=alice, today=today)
    assert len(icalendar.Calendar.from_ical(payload).walk("VEVENT")) == 60


def test_the_feed_needs_no_session_and_the_page_does(alice: User) -> None:
    issued = calendar_feed_issue(owner=alice)
    assert fetch(issued.url)[0] == 200
    assert Client().get("/reminders/").status_code == 302


def test_commas_semicolons_and_backslashes_read_back_unchanged(
    alice: User, dana: Person, today: dt.date, settings
) -> None:
    settings.ENTREGENT_BASE_URL = "https://" + "very-long-host-name." * 5 + "example.org"
    followup_create(owner=alice, person=dana, due_on=today, topic="prices, sizes; C:\\shop")
    payload = calendar_bytes(owner=alice, today=today)
    assert all(len(line) <= 75 for line in payload.split(b"\r\n"))
    (event,) = icalendar.Calendar.from_ical(payload).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith("prices, sizes; C:\\shop")
    assert str(event["URL"]) == settings.ENTREGENT_BASE_URL + f"/people/{dana.pk}/"


def test_each_kind_is_capped_nearest_first(
    alice: User, dana: Person, today: dt.date, monkeypatch
) -> None:
    from entregent.reminders import feed

    monkeypatch.setattr(feed, "MAX_PER_KIND", 2)
    for offset in (200, 3, 100, 40):
        day = today + dt.timedelta(days=offset)
        milestone_create(
            owner=alice, person=dana, kind="birthday", date=day.replace(year=1990), yearly=True
        )
    for offset in (9, 1, 5):
        followup_create(owner=alice, person=dana, due_on=today + dt.timedelta(days=offset))
    found = icalendar.Calendar.from_ical(calendar_bytes(owner=alice, today=today)).walk("VEVENT")
    birthdays = sorted(
        (e["DTSTART"].dt.month, e["DTSTART"].dt.day) for e in found if "Birthday" in e["SUMMARY"]
    )
    nearest = sorted(
        ((today + dt.timedelta(days=n)).month, (today + dt.timedelta(days=n)).day) for n in (3, 40)
    )
    assert birthdays == nearest
    follow_ups = sorted(e["DTSTART"].dt for e in found if "Follow-up" in e["SUMMARY"])
    assert follow_ups == [today + dt.timedelta(days=1), today + dt.timedelta(days=5)]
