"""Event pages for yield, plans and prep lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from entregent.encounters.planning import event_plan
from entregent.encounters.services import encounter_log, event_create
from entregent.people.services import person_create

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def drinks(alice):
    return event_create(owner=alice, name="Founders' drinks", date=TODAY + dt.timedelta(days=3))


@pytest.mark.usefixtures("drinks")
def test_the_event_list_shows_upcoming_and_past_with_yield(
    alice_client, alice, dana, meetup, django_assert_max_num_queries
):
    encounter_log(owner=alice, participants=[dana], event=meetup)
    for n in range(5):
        past = event_create(owner=alice, name=f"Past {n}", date=TODAY - dt.timedelta(days=n + 1))
        encounter_log(owner=alice, participants=[dana], event=past)
    with django_assert_max_num_queries(12):
        response = alice_client.get(reverse("encounters:event_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Upcoming" in html
    assert html.index("Founders&#x27; drinks") < html.index("Past events")
    assert "1 met" in html


def test_the_event_page_shows_its_yield(alice_client, alice, dana, meetup):
    encounter_log(owner=alice, participants=[dana], event=meetup)
    html = alice_client.get(reverse("encounters:event_detail", args=[meetup.pk])).content.decode()
    assert "What it gave" in html
    assert "too early to tell" in html


def test_the_yield_page_shows_tables_by_size_and_kind(alice_client, alice, dana):
    event = event_create(owner=alice, name="Small", date=TODAY - dt.timedelta(days=40), size=30)
    encounter_log(
        owner=alice,
        participants=[dana],
        event=event,
        occurred_at=timezone.now() - dt.timedelta(days=40),
    )
    html = alice_client.get(reverse("encounters:event_yield")).content.decode()
    assert "<caption>By size</caption>" in html
    assert "Under 100 people" in html


def test_the_yield_page_without_events_says_so(alice_client):
    html = alice_client.get(reverse("encounters:event_yield")).content.decode()
    assert "No past events attended yet" in html


def test_planning_an_event_on_the_web(alice_client, alice, dana, drinks):
    url = reverse("encounters:event_plan", args=[drinks.pk])
    assert dana.full_name in alice_client.get(url).content.decode()
    response = alice_client.post(
        url,
        {
            "attendance": "planned",
            "my_intro": "I build online shops.",
            "expected_people": [str(dana.pk)],
            "want_to_meet": "the host",
        },
    )
    assert response.status_code == 302
    drinks.refresh_from_db()
    assert (drinks.attendance, drinks.my_intro) == ("planned", "I build online shops.")
    assert list(drinks.expected_people.all()) == [dana]


def test_a_plan_with_a_bad_value_is_refused_with_the_field(alice_client, drinks):
    url = reverse("encounters:event_plan", args=[drinks.pk])
    response = alice_client.post(url, {"attendance": "maybe", "my_intro": "x"})
    assert response.status_code == 422
    assert "maybe" in response.content.decode()


def test_a_plan_cannot_list_another_owners_person(alice_client, bob, drinks):
    bruno = person_create(owner=bob, full_name="Bruno")
    url = reverse("encounters:event_plan", args=[drinks.pk])
    response = alice_client.post(url, {"expected_people": [str(bruno.pk)]})
    assert response.status_code == 422
    assert not drinks.expected_people.exists()


def test_the_prep_list_is_printable(alice_client, alice, dana, drinks):
    event_plan(event=drinks, my_intro="I build online shops.", expected_people=[dana])
    html = alice_client.get(reverse("encounters:event_prep", args=[drinks.pk])).content.decode()
    assert "I build online shops." in html
    assert "Dana Whitfield" in html
    assert "window.print()" in html


@pytest.mark.parametrize("name", ["encounters:event_prep", "encounters:event_plan"])
def test_another_owners_event_pages_are_not_found(bob_client, drinks, name):
    assert bob_client.get(reverse(name, args=[drinks.pk])).status_code == 404
