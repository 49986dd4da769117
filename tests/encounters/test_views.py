"""The encounter and event pages: rendering, logging, editing, refusals, owner isolation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.models import Encounter, Event
from entregent.encounters.services import encounter_log, event_create
from entregent.people.models import Person
from entregent.people.services import person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def eli(alice: User) -> Person:
    return person_create(owner=alice, full_name="Eli Navarro", headline="Sourdough baker")


@pytest.fixture
def bobs_person(bob: User) -> Person:
    return person_create(owner=bob, full_name="Frank Ocean")


@pytest.fixture
def coffee(alice: User, dana: Person, meetup: Event) -> Encounter:
    return encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.make_aware(dt.datetime(2026, 11, 3, 19, 30)),
        channel="in_person",
        place="Blue Bottle, Mission St",
        event=meetup,
        summary="Shoots product photos; looking for a beta tester.",
    )


def log_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": "2026-11-03",
        "time": "19:30",
        "channel": "in_person",
        "place": "",
        "event": "",
        "participants": [],
        "summary": "",
        "meaningful": "yes",
        "initiated_by": "unknown",
    }
    data.update(overrides)
    return data


def event_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Founders Breakfast",
        "kind": "social",
        "date": "2026-12-01",
        "place": "",
        "size": "",
        "notes": "",
    }
    data.update(overrides)
    return data


# The encounter list ---------------------------------------------------------------------


def test_the_encounter_list_shows_each_encounter_with_its_people_event_and_badges(
    alice_client: Client, coffee: Encounter
):
    response = alice_client.get(reverse("encounters:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dana Whitfield" in html
    assert reverse("people:detail", args=[coffee.participants.get().pk]) in html
    assert "Design Meetup" in html
    assert "Blue Bottle, Mission St" in html
    assert "In person" in html
    assert "Meaningful" in html
    assert "Nov. 3, 2026" in html
    assert "looking for a beta tester" in html


def test_the_encounter_list_is_empty_for_a_newcomer(alice_client: Client):
    response = alice_client.get(reverse("encounters:list"))
    assert response.status_code == 200
    assert "No encounters here yet" in response.content.decode()


def test_the_encounter_list_narrows_by_channel_person_and_event(
    alice: User, alice_client: Client, dana: Person, eli: Person, meetup: Event
):
    encounter_log(owner=alice, participants=[dana], channel="call", summary="call-with-dana")
    encounter_log(owner=alice, participants=[eli], channel="email", summary="mail-to-eli")
    encounter_log(owner=alice, participants=[eli], event=meetup, summary="eli-at-meetup")
    url = reverse("encounters:list")

    by_channel = alice_client.get(url, {"channel": "call"}).content.decode()
    assert "call-with-dana" in by_channel
    assert "mail-to-eli" not in by_channel

    by_person = alice_client.get(url, {"person": eli.pk}).content.decode()
    assert "mail-to-eli" in by_person
    assert "eli-at-meetup" in by_person
    assert "call-with-dana" not in by_person
    assert "With Eli Navarro" in by_person

    by_event = alice_client.get(url, {"event": meetup.pk}).content.decode()
    assert "eli-at-meetup" in by_event
    assert "mail-to-eli" not in by_event


def test_an_unknown_channel_filter_is_a_field_error_not_a_crash(
    alice_client: Client, coffee: Encounter
):
    response = alice_client.get(reverse("encounters:list"), {"channel": "pigeon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_encounter_list_paginates(alice: User, alice_client: Client, dana: Person, settings):
    settings.ENTREGENT_PAGE_SIZE = 2
    for day in range(1, 6):
        encounter_log(
            owner=alice,
            participants=[dana],
            occurred_at=dt.date(2026, 3, day),
            summary=f"day-{day}",
        )
    first = alice_client.get(reverse("encounters:list")).content.decode()
    assert "day-5" in first
    assert "day-4" in first
    assert "day-3" not in first
    assert "Page 1 of 3" in first
    last = alice_client.get(reverse("encounters:list"), {"page": 3}).content.decode()
    assert "day-1" in last
    assert "day-5" not in last


def test_the_encounter_list_uses_a_bounded_number_of_queries(
    alice: User, alice_client: Client, django_assert_max_num_queries, settings
):
    settings.ENTREGENT_PAGE_SIZE = 50
    people = [person_create(owner=alice, full_name=f"Person {i}") for i in range(12)]
    events = [
        event_create(owner=alice, name=f"Event {i}", date=dt.date(2026, 1, i + 1)) for i in range(4)
    ]
    for i in range(30):
        encounter_log(
            owner=alice,
            participants=people[i % 10 : i % 10 + 2 + i % 2],
            event=events[i % 4] if i % 3 else None,
            occurred_at=dt.date(2026, 2, 1) + dt.timedelta(days=i),
        )
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("encounters:list"))
    assert response.status_code == 200
    assert response.content.decode().count('href="/encounters/') >= 30


# The event list and event page ------------------------------------------------------------


def test_the_event_list_shows_kind_date_place_size_and_encounter_count(
    alice: User, alice_client: Client, coffee: Encounter, meetup: Event
):
    event_create(
        owner=alice,
        name="Web Summit",
        kind="conference",
        date=dt.date(2026, 11, 10),
        place="Lisbon",
    )
    response = alice_client.get(reverse("encounters:event_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Web Summit") < html.index("Design Meetup")  # newest first
    assert "Conference" in html
    assert "Lisbon" in html
    assert "about 40 people" in html
    assert "1 encounter" in html
    assert "0 encounters" in html


def test_the_event_list_filters_by_kind_and_search(
    alice: User, alice_client: Client, meetup: Event
):
    event_create(owner=alice, name="Web Summit", kind="conference", date=dt.date(2026, 11, 10))
    url = reverse("encounters:event_list")
    by_kind = alice_client.get(url, {"kind": "conference"}).content.decode()
    assert "Web Summit" in by_kind
    assert "Design Meetup" not in by_kind
    by_name = alice_client.get(url, {"q": "design"}).content.decode()
    assert "Design Meetup" in by_name
    assert "Web Summit" not in by_name
    nothing = alice_client.get(url, {"q": "zzz"}).content.decode()
    assert "No event matches these filters." in nothing


def test_the_event_page_shows_who_was_met_there_and_links_to_log_more(
    alice_client: Client, coffee: Encounter, meetup: Event, dana: Person
):
    response = alice_client.get(reverse("encounters:event_detail", args=[meetup.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dana Whitfield" in html
    assert "Graphic designer" in html
    assert "Blue Bottle Studio" in html
    assert f"{reverse('encounters:log')}?event={meetup.pk}" in html
    assert reverse("encounters:detail", args=[coffee.pk]) in html


def test_the_event_page_uses_a_bounded_number_of_queries(
    alice: User, alice_client: Client, meetup: Event, django_assert_max_num_queries
):
    people = [
        person_create(owner=alice, full_name=f"Person {i}", organization=f"Org {i}")
        for i in range(12)
    ]
    for i in range(30):
        encounter_log(owner=alice, participants=people[i % 10 : i % 10 + 2 + i % 2], event=meetup)
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("encounters:event_detail", args=[meetup.pk]))
    assert response.status_code == 200
    assert "Org 11" in response.content.decode()


# Logging an encounter ---------------------------------------------------------------------


def test_the_log_page_renders_with_now_and_every_live_person(
    alice_client: Client, dana: Person, eli: Person
):
    response = alice_client.get(reverse("encounters:log"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dana Whitfield — Blue Bottle Studio" in html
    assert "Eli Navarro" in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    for control in (
        "id_date",
        "id_time",
        "id_channel",
        "id_place",
        "id_event",
        "id_summary",
        "id_initiated_by",
    ):
        assert f'for="{control}"' in html


def test_the_log_page_leaves_out_archived_people(alice: User, alice_client: Client, dana: Person):
    gone = person_create(owner=alice, full_name="Gone Away")
    Person.objects.filter(pk=gone.pk).update(archived=True)
    html = alice_client.get(reverse("encounters:log")).content.decode()
    assert "Gone Away" not in html
    assert "Dana Whitfield" in html


def test_the_log_page_prefills_the_person_and_the_event(
    alice_client: Client, dana: Person, eli: Person, meetup: Event
):
    response = alice_client.get(reverse("encounters:log"), {"person": dana.pk, "event": meetup.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["participants"] == [dana.pk]
    assert form.initial["event"] == meetup.pk
    html = response.content.decode()
    assert re.search(
        rf'<input type="checkbox" name="participants" value="{dana.pk}"[^>]* checked>', html
    )
    assert not re.search(
        rf'<input type="checkbox" name="participants" value="{eli.pk}"[^>]* checked>', html
    )
    assert f'<option value="{meetup.pk}" selected>' in html


def test_it_logs_an_encounter_with_two_participants_at_an_event(
    alice: User, alice_client: Client, dana: Person, eli: Person, meetup: Event
):
    url = f"{reverse('encounters:log')}?event={meetup.pk}"
    data = log_data(
        participants=[eli.pk, dana.pk],
        event=meetup.pk,
        channel="in_person",
        place="Hall B",
        summary="Both want to try the beta.",
        meaningful="yes",
        initiated_by="me",
    )
    response = alice_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("encounters:event_detail", args=[meetup.pk])
    encounter = Encounter.objects.get(owner=alice)
    assert set(encounter.participants.all()) == {dana, eli}
    assert encounter.event == meetup
    assert encounter.place == "Hall B"
    assert encounter.meaningful is True
    assert encounter.initiated_by == "me"
    assert timezone.localtime(encounter.occurred_at).replace(tzinfo=None) == dt.datetime(
        2026, 11, 3, 19, 30
    )

    page = alice_client.get(reverse("encounters:event_detail", args=[meetup.pk])).content.decode()
    assert "Dana Whitfield" in page
    assert "Eli Navarro" in page
    assert "Both want to try the beta." in page


def test_logging_returns_to_the_first_participants_page(
    alice_client: Client, dana: Person, eli: Person
):
    response = alice_client.post(
        f"{reverse('encounters:log')}?person={eli.pk}",
        log_data(participants=[eli.pk, dana.pk], meaningful="no", channel="video"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[eli.pk])
    encounter = Encounter.objects.get()
    assert encounter.meaningful is False
    assert encounter.channel == "video"


def test_an_encounter_without_a_time_is_logged_at_midday(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("encounters:log"), log_data(participants=[dana.pk], time="")
    )
    assert response.status_code == 302
    when = timezone.localtime(Encounter.objects.get().occurred_at)
    assert (when.date(), when.hour, when.minute) == (dt.date(2026, 11, 3), 12, 0)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"participants": []}, "participants", "Choose at least one person."),
        ({"date": "2026-02-30"}, "date", "Enter a valid date."),
        ({"date": ""}, "date", "This field is required."),
        ({"time": "25:61"}, "time", "Enter a valid time."),
        ({"channel": "pigeon"}, "channel", "Select a valid choice."),
        ({"initiated_by": "fate"}, "initiated_by", "Select a valid choice."),
        ({"meaningful": "maybe"}, "meaningful", "Select a valid choice."),
        ({"event": "999999999"}, "event", "This event is not one of your events."),
        ({"event": "99999999999999999999999"}, "event", "This event is not one of your events."),
        ({"event": "soon"}, "event", "This event is not one of your events."),
        ({"participants": ["0"]}, "participants", "This person is not one of your people."),
        ({"participants": ["abc"]}, "participants", "This person is not one of your people."),
        (
            {"participants": ["99999999999999999999999"]},
            "participants",
            "This person is not one of your people.",
        ),
        ({"place": "x" * 201}, "place", "Ensure this value has at most 200 characters"),
        ({"place": "Caf\x01e"}, "place", "Control characters are not allowed."),
        ({"summary": "nul\x00byte"}, "summary", "Null characters are not allowed."),
    ],
)
def test_invalid_input_is_a_field_error_and_writes_nothing(
    alice_client: Client, dana: Person, overrides: dict[str, Any], field: str, message: str
):
    data = log_data(participants=[dana.pk])
    data.update(overrides)
    response = alice_client.post(reverse("encounters:log"), data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in e for e in errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Encounter.objects.exists()


def test_a_refused_form_keeps_what_was_typed(alice_client: Client, dana: Person):
    response = alice_client.post(
        reverse("encounters:log"),
        log_data(participants=[dana.pk], date="2026-02-30", summary="Keep me"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Keep me" in html
    assert 'value="2026-02-30"' in html


def test_someone_elses_person_is_a_field_error(
    alice_client: Client, dana: Person, bobs_person: Person
):
    response = alice_client.post(
        reverse("encounters:log"), log_data(participants=[dana.pk, bobs_person.pk])
    )
    assert response.status_code == 422
    assert "participants" in response.context["form"].errors
    assert "Frank Ocean" not in response.content.decode()
    assert not Encounter.objects.exists()


def test_bob_cannot_log_an_encounter_with_alices_people(
    bob_client: Client, dana: Person, meetup: Event
):
    response = bob_client.post(
        reverse("encounters:log"), log_data(participants=[dana.pk], event=meetup.pk)
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "participants" in errors
    assert "event" in errors
    html = response.content.decode()
    assert "Dana Whitfield" not in html
    assert "Design Meetup" not in html
    assert not Encounter.objects.exists()


def test_bob_cannot_prefill_the_log_page_with_alices_person_or_event(
    bob_client: Client, dana: Person, meetup: Event
):
    assert bob_client.get(reverse("encounters:log"), {"person": dana.pk}).status_code == 404
    assert bob_client.get(reverse("encounters:log"), {"event": meetup.pk}).status_code == 404
    assert bob_client.get(reverse("encounters:list"), {"person": dana.pk}).status_code == 404
    assert bob_client.get(reverse("encounters:list"), {"event": meetup.pk}).status_code == 404


def test_the_find_button_lists_matching_people_without_javascript(
    alice_client: Client, dana: Person, eli: Person
):
    data = log_data(participants=[dana.pk], summary="typed so far", find="1", find_person="eli")
    response = alice_client.post(reverse("encounters:log"), data)
    assert response.status_code == 200
    assert not Encounter.objects.exists()
    html = response.content.decode()
    assert "Eli Navarro" in html
    assert "Dana Whitfield" in html  # already chosen, so still listed
    assert "typed so far" in html
    assert response.context["form"].initial["participants"] == [dana.pk]


def test_the_participant_search_fragment_keeps_chosen_people(
    alice_client: Client, dana: Person, eli: Person, bobs_person: Person
):
    response = alice_client.get(
        reverse("encounters:participant_options"),
        {"find_person": "eli", "participants": [str(dana.pk), str(bobs_person.pk), "junk"]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eli Navarro" in html
    assert "Dana Whitfield" in html
    assert "Frank Ocean" not in html
    assert "<html" not in html


def test_the_participant_list_is_bounded_in_a_large_network(
    alice: User, alice_client: Client, monkeypatch
):
    from entregent.encounters import selectors

    for name in ("Ada Lovelace", "Ben Okri", "Cy Twombly", "Di Fisher", "Ed Ruscha", "Flo Jo"):
        person_create(owner=alice, full_name=name)
    real = selectors.participant_options
    monkeypatch.setattr(selectors, "participant_options", lambda **kw: real(**{**kw, "limit": 3}))
    html = alice_client.get(reverse("encounters:log")).content.decode()
    assert "Ada Lovelace" in html  # the first three by family name: Fisher, Jo, Lovelace
    assert "Ben Okri" not in html
    assert "search to find someone else" in html


# One encounter: detail, edit, delete ----------------------------------------------------


def test_the_encounter_page_shows_everything_logged(alice_client: Client, coffee: Encounter):
    response = alice_client.get(reverse("encounters:detail", args=[coffee.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Dana Whitfield",
        "Design Meetup",
        "Blue Bottle, Mission St",
        "beta tester",
        "Unknown",
    ):
        assert text in html


def test_it_edits_an_encounter(alice_client: Client, coffee: Encounter, eli: Person):
    url = reverse("encounters:edit", args=[coffee.pk])
    form = alice_client.get(url)
    assert form.status_code == 200
    assert 'value="2026-11-03"' in form.content.decode()
    assert 'value="19:30"' in form.content.decode()
    response = alice_client.post(
        url,
        log_data(participants=[eli.pk], channel="call", summary="Rescheduled.", date="2026-11-04"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("encounters:detail", args=[coffee.pk])
    coffee.refresh_from_db()
    assert list(coffee.participants.all()) == [eli]
    assert coffee.channel == "call"
    assert coffee.event is None
    assert timezone.localtime(coffee.occurred_at).date() == dt.date(2026, 11, 4)


def test_editing_keeps_a_participant_who_was_archived_since(
    alice_client: Client, coffee: Encounter, dana: Person
):
    Person.objects.filter(pk=dana.pk).update(archived=True)
    response = alice_client.post(
        reverse("encounters:edit", args=[coffee.pk]),
        log_data(participants=[dana.pk], summary="Still Dana"),
    )
    assert response.status_code == 302
    coffee.refresh_from_db()
    assert coffee.summary == "Still Dana"


def test_a_refused_edit_changes_nothing(alice_client: Client, coffee: Encounter):
    response = alice_client.post(
        reverse("encounters:edit", args=[coffee.pk]), log_data(participants=[])
    )
    assert response.status_code == 422
    coffee.refresh_from_db()
    assert coffee.participants.count() == 1


def test_it_deletes_an_encounter_after_confirmation(
    alice_client: Client, coffee: Encounter, dana: Person
):
    url = reverse("encounters:delete", args=[coffee.pk])
    confirm = alice_client.get(url)
    assert confirm.status_code == 200
    assert "Delete this encounter?" in confirm.content.decode()
    assert Encounter.objects.filter(pk=coffee.pk).exists()
    response = alice_client.post(url)
    assert response.status_code == 302
    assert not Encounter.objects.filter(pk=coffee.pk).exists()
    assert Person.objects.filter(pk=dana.pk).exists()


# Events: create, edit, delete --------------------------------------------------------------


def test_it_creates_an_event(alice: User, alice_client: Client):
    assert alice_client.get(reverse("encounters:event_create")).status_code == 200
    response = alice_client.post(
        reverse("encounters:event_create"), event_data(size="12", place="Le Loft")
    )
    assert response.status_code == 302
    event = Event.objects.get(owner=alice, name="Founders Breakfast")
    assert response["Location"] == reverse("encounters:event_detail", args=[event.pk])
    assert (event.kind, event.date, event.size, event.place) == (
        "social",
        dt.date(2026, 12, 1),
        12,
        "Le Loft",
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "a\x02b"}, "name"),
        ({"date": "2026-02-30"}, "date"),
        ({"kind": "rave"}, "kind"),
        ({"size": "-3"}, "size"),
        ({"size": "lots"}, "size"),
    ],
)
def test_an_invalid_event_is_a_field_error_and_writes_nothing(
    alice_client: Client, overrides: dict[str, Any], field: str
):
    response = alice_client.post(reverse("encounters:event_create"), event_data(**overrides))
    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert not Event.objects.exists()


def test_it_edits_an_event(alice_client: Client, meetup: Event):
    url = reverse("encounters:event_edit", args=[meetup.pk])
    assert "Design Meetup" in alice_client.get(url).content.decode()
    response = alice_client.post(
        url, event_data(name="Design Meetup #2", kind="workshop", size="25")
    )
    assert response.status_code == 302
    meetup.refresh_from_db()
    assert (meetup.name, meetup.kind, meetup.size) == ("Design Meetup #2", "workshop", 25)


def test_a_refused_event_edit_changes_nothing(alice_client: Client, meetup: Event):
    response = alice_client.post(
        reverse("encounters:event_edit", args=[meetup.pk]), event_data(name="x\x00")
    )
    assert response.status_code == 422
    meetup.refresh_from_db()
    assert meetup.name == "Design Meetup"


def test_deleting_an_event_keeps_its_encounters(
    alice_client: Client, meetup: Event, coffee: Encounter
):
    url = reverse("encounters:event_delete", args=[meetup.pk])
    assert "1 encounter stays" in alice_client.get(url).content.decode()
    response = alice_client.post(url)
    assert response.status_code == 302
    assert not Event.objects.filter(pk=meetup.pk).exists()
    coffee.refresh_from_db()
    assert coffee.event is None


# Owner isolation and language ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["detail", "edit", "delete"])
def test_bob_gets_404_on_alices_encounter_pages(bob_client: Client, coffee: Encounter, name: str):
    url = reverse(f"encounters:{name}", args=[coffee.pk])
    assert bob_client.get(url).status_code == 404
    if name != "detail":
        assert bob_client.post(url, log_data(participants=[])).status_code == 404
    assert Encounter.objects.filter(pk=coffee.pk).exists()


@pytest.mark.parametrize("name", ["event_detail", "event_edit", "event_delete"])
def test_bob_gets_404_on_alices_event_pages(bob_client: Client, meetup: Event, name: str):
    url = reverse(f"encounters:{name}", args=[meetup.pk])
    assert bob_client.get(url).status_code == 404
    if name != "event_detail":
        assert bob_client.post(url, event_data()).status_code == 404
    meetup.refresh_from_db()
    assert meetup.name == "Design Meetup"


def test_bobs_lists_do_not_show_alices_rows(bob_client: Client, coffee: Encounter, meetup: Event):
    assert "Dana Whitfield" not in bob_client.get(reverse("encounters:list")).content.decode()
    assert "Design Meetup" not in bob_client.get(reverse("encounters:event_list")).content.decode()
    assert "Dana Whitfield" not in bob_client.get(reverse("encounters:log")).content.decode()


def test_the_pages_need_sign_in(client: Client):
    response = client.get(reverse("encounters:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_dates_follow_the_users_language(charlie: User, client: Client):
    person = person_create(owner=charlie, full_name="Zoé Martin")
    encounter_log(owner=charlie, participants=[person], occurred_at=dt.date(2026, 11, 3))
    client.force_login(charlie)
    html = client.get(reverse("encounters:list")).content.decode()
    assert "3 novembre 2026" in html
