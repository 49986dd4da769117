"""Today as the home page, one-click actions (plain and htmx), the list, settings."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from entregent.encounters.services import encounter_log
from entregent.followups.choices import FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Person
from entregent.people.services import milestone_create, person_create

TODAY = timezone.localdate()
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_home_page_is_today_with_its_items(alice_client, alice, dana):
    followup_create(owner=alice, person=dana, due_on=TODAY - dt.timedelta(days=2), topic="Etsy")
    response = alice_client.get(reverse("web:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Overdue" in body
    assert "Dana Whitfield" in body
    assert "2 days overdue" in body
    assert "Log a call and mark done" in body


def test_today_teaches_what_to_do_when_empty(alice_client, alice):
    body = alice_client.get(reverse("web:home")).content.decode()
    assert "Your network starts here" in body
    assert reverse("people:create") in body


def test_today_says_nothing_is_due_once_people_exist(alice_client, alice, dana):
    body = alice_client.get(reverse("web:home")).content.decode()
    assert "Nothing due today" in body


def test_done_without_javascript_redirects_home(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_client.post(reverse("followups:done", args=[followup.pk]), {"next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.DONE


def test_done_refuses_an_outside_next_address(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_client.post(
        reverse("followups:done", args=[followup.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("web:home")


def test_snooze_with_htmx_answers_the_item_in_place(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_client.post(
        reverse("followups:snooze", args=[followup.pk]), {"until": "next_week"}, **HTMX
    )
    assert response.status_code == 200
    assert "snoozed until" in response.content.decode()
    followup.refresh_from_db()
    assert followup.due_on == TODAY + dt.timedelta(days=7)


def test_snooze_to_a_chosen_date(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    day = TODAY + dt.timedelta(days=12)
    alice_client.post(
        reverse("followups:snooze", args=[followup.pk]),
        {"until": "date", "until_date": day.isoformat()},
    )
    followup.refresh_from_db()
    assert (followup.status, followup.due_on) == (FollowUpStatus.SNOOZED, day)


def test_a_bad_snooze_date_is_a_clear_422_with_htmx(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_client.post(
        reverse("followups:snooze", args=[followup.pk]),
        {"until": "date", "until_date": TODAY.isoformat()},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Choose a day after today." in response.content.decode()
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.OPEN


def test_log_a_call_and_mark_done_moves_the_check_in(alice_client, alice, dana):
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now() - dt.timedelta(days=90),
        create_followup=False,
    )
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    alice_client.post(
        reverse("followups:done", args=[followup.pk]), {"log": "call", "summary": "Caught up"}
    )
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=30)
    assert dana.encounters.filter(channel="call").exists()


def test_a_check_in_is_acted_on_from_today(alice_client, alice, dana):
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now() - dt.timedelta(days=90),
        create_followup=False,
    )
    response = alice_client.post(
        reverse("followups:act"),
        {"person": dana.pk, "kind": "check_in", "due_on": TODAY.isoformat(), "until": "tomorrow"},
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get(person=dana)
    assert (followup.kind, followup.status) == ("check_in", FollowUpStatus.SNOOZED)


def test_a_congratulation_is_dismissed_from_today(alice_client, alice, dana):
    milestone_create(owner=alice, person=dana, kind="launch", date=TODAY + dt.timedelta(days=1))
    alice_client.post(
        reverse("followups:act"),
        {
            "person": dana.pk,
            "kind": "congratulate",
            "due_on": (TODAY + dt.timedelta(days=1)).isoformat(),
            "action": "dismiss",
        },
    )
    assert FollowUp.objects.get(person=dana).status == FollowUpStatus.DISMISSED
    assert "Congratulate" not in alice_client.get(reverse("web:home")).content.decode()


def test_the_list_shows_the_history(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY, topic="Send the deck")
    alice_client.post(reverse("followups:dismiss", args=[followup.pk]))
    response = alice_client.get(reverse("followups:list"), {"status": "dismissed"})
    body = response.content.decode()
    assert "Send the deck" in body
    assert "dismissed" in body


def test_logging_an_encounter_offers_to_close_open_follow_ups(alice_client, alice, dana):
    older = followup_create(owner=alice, person=dana, due_on=TODAY - dt.timedelta(days=1))
    response = alice_client.post(
        reverse("encounters:log"),
        {
            "date": TODAY.isoformat(),
            "time": "09:30",
            "channel": "call",
            "participants": [dana.pk],
            "meaningful": "yes",
            "initiated_by": "unknown",
        },
    )
    assert response.status_code == 302
    assert "/followups/after-encounter/" in response["Location"]
    page = alice_client.get(response["Location"])
    assert "Mark these done" in page.content.decode()
    alice_client.post(response["Location"], {"followup": [older.pk]})
    older.refresh_from_db()
    assert older.status == FollowUpStatus.DONE


def test_the_settings_page_saves_the_cadences(alice_client, alice, dana):
    assert "Keep in touch" in alice_client.get(reverse("accounts:settings")).content.decode()
    data = {
        "cadence_inner_days": 7,
        "cadence_active_days": 45,
        "cadence_weak_days": 90,
        "cadence_dormant_days": 365,
        "followup_delay_days": 2,
        "congratulate_days_ahead": 5,
    }
    response = alice_client.post(reverse("followups:cadence"), data)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.cadence_active_days, alice.followup_delay_days) == (45, 2)
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=45)


def test_the_settings_page_refuses_a_zero_interval_naming_the_field(alice_client, alice):
    response = alice_client.post(
        reverse("followups:cadence"),
        {
            "cadence_inner_days": 0,
            "cadence_active_days": 30,
            "cadence_weak_days": 90,
            "cadence_dormant_days": 180,
            "followup_delay_days": 1,
            "congratulate_days_ahead": 3,
        },
    )
    assert response.status_code == 422
    assert 'id="id_cadence_inner_days"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.cadence_inner_days == 14


def test_another_owners_follow_up_is_a_404(bob_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    for name in ("followups:done", "followups:snooze", "followups:dismiss"):
        response = bob_client.post(reverse(name, args=[followup.pk]), {"until": "tomorrow"})
        assert response.status_code == 404
    response = bob_client.post(
        reverse("followups:act"), {"person": dana.pk, "kind": "check_in", "action": "done"}
    )
    assert response.status_code == 404
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.OPEN
    assert not FollowUp.objects.filter(kind="check_in").exists()


def test_another_owners_encounter_offer_is_a_404(bob_client, alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana])
    url = reverse("followups:after_encounter", args=[encounter.pk])
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url).status_code == 404


def test_today_never_shows_another_owners_people(bob_client, alice, dana):
    followup_create(owner=alice, person=dana, due_on=TODAY)
    person_create(owner=alice, full_name="Zed Zimmer")
    assert "Dana Whitfield" not in bob_client.get(reverse("web:home")).content.decode()


def test_today_item_links_match_the_url_patterns(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    body = alice_client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("people:detail", args=[dana.pk])}"' in body
    for name in ("followups:done", "followups:snooze", "followups:dismiss"):
        assert f'hx-post="{reverse(name, args=[followup.pk])}"' in body


def test_today_speaks_french_to_a_french_account(charlie):
    from django.test import Client

    person = person_create(owner=charlie, full_name="Camille Dubois")
    followup_create(owner=charlie, person=person, due_on=TODAY - dt.timedelta(days=3))
    client = Client()
    client.force_login(charlie)
    body = client.get(reverse("web:home")).content.decode()
    assert "3 jours de retard" in body
    assert "Noter un appel et marquer comme fait" in body
