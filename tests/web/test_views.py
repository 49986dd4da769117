"""The layout, the home dashboard, the global search and "me"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log, event_create
from entregent.people.models import Fact, Person
from entregent.people.services import fact_create, person_create

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


# Layout ----------------------------------------------------------------------------------


def test_the_layout_has_nav_search_sign_out_and_language_switch(alice_client: Client):
    html = alice_client.get(reverse("web:home")).content.decode()
    for name in (
        "web:home",
        "people:list",
        "people:organization_list",
        "encounters:list",
        "encounters:event_list",
        "web:me",
        "accounts:settings",
    ):
        assert f'href="{reverse(name)}"' in html
    assert f'action="{reverse("web:search")}"' in html
    assert 'aria-keyshortcuts="/"' in html
    assert re.search(
        f'<form class="signout" method="post" action="{reverse("accounts:logout")}"', html
    )
    assert f'action="{reverse("accounts:language")}"' in html
    assert 'aria-current="page"' in html


CONTROL = re.compile(r"<(input|select|textarea)\b([^>]*)>")


def test_every_control_on_every_page_has_a_label(alice_client: Client, dana: Person):
    assert dana.organization is not None
    pages = [
        reverse("web:home"),
        reverse("web:search") + "?q=dana",
        reverse("web:me"),
        reverse("people:list"),
        reverse("people:create"),
        reverse("people:detail", args=[dana.pk]),
        reverse("people:edit", args=[dana.pk]),
        reverse("people:organization_list"),
        reverse("people:organization_edit", args=[dana.organization.pk]),
        reverse("accounts:settings"),
    ]
    for url in pages:
        html = alice_client.get(url).content.decode()
        controls = [attrs for _tag, attrs in CONTROL.findall(html) if 'type="hidden"' not in attrs]
        assert controls, url
        for attrs in controls:
            control_id = re.search(r'\bid="([^"]+)"', attrs)
            assert control_id, (url, attrs)
            assert f'for="{control_id.group(1)}"' in html, (url, control_id.group(1))


def test_the_layout_sends_the_csrf_token_with_htmx(alice_client: Client):
    html = alice_client.get(reverse("web:home")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


def test_an_unknown_page_is_a_friendly_404(alice_client: Client):
    response = alice_client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


# Home ------------------------------------------------------------------------------------


def test_a_new_user_sees_what_to_do_first(alice_client: Client):
    html = alice_client.get(reverse("web:home")).content.decode()
    assert "What&#x27;s next" in html or "What's next" in html
    assert f'href="{reverse("people:create")}"' in html
    assert f'href="{reverse("encounters:log")}"' in html
    assert f'href="{reverse("web:me")}"' in html


def test_home_is_today_with_the_follow_up_of_an_encounter(
    alice_client: Client, alice: User, dana: Person
):
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now(),
        summary="Coffee about photos",
        followup_due=timezone.localdate(),
    )
    fact_create(owner=alice, person=None, kind="offer", text="Django help")
    response = alice_client.get(reverse("web:home"))
    html = response.content.decode()
    assert response.context["agenda"].due.total == 1
    assert "Dana Whitfield" in html
    assert "Coffee about photos" in html
    assert "What&#x27;s next" not in html


def test_home_runs_a_bounded_number_of_queries(
    alice_client: Client, alice: User, django_assert_max_num_queries
):
    people = [
        person_create(owner=alice, full_name=f"Person {i}", organization=f"Org {i}", tags=["x"])
        for i in range(8)
    ]
    for i in range(8):
        encounter_log(
            owner=alice,
            participants=people[i : i + 2],
            occurred_at=timezone.now() - dt.timedelta(days=i),
        )
    with django_assert_max_num_queries(14):
        assert alice_client.get(reverse("web:home")).status_code == 200


def test_home_does_not_show_bobs_people(alice_client: Client, bob: User):
    person_create(owner=bob, full_name="Bob's Contact")
    assert "Bob&#x27;s Contact" not in alice_client.get(reverse("web:home")).content.decode()


# Search ----------------------------------------------------------------------------------


def test_search_finds_people_organizations_and_events(
    alice_client: Client, alice: User, dana: Person
):
    event_create(owner=alice, name="Bottle Makers Meetup", date=dt.date(2026, 5, 1))
    response = alice_client.get(reverse("web:search"), {"q": "bottle"})
    html = response.content.decode()
    assert response.status_code == 200
    assert [p.full_name for p in response.context["page"].object_list] == ["Dana Whitfield"]
    assert [o.name for o in response.context["organizations"]] == ["Blue Bottle Studio"]
    assert [e.name for e in response.context["events"]] == ["Bottle Makers Meetup"]
    assert "Bottle Makers Meetup" in html


def test_search_finds_a_person_by_a_fact(alice_client: Client, alice: User, dana: Person):
    fact_create(owner=alice, person=dana, kind="interest", text="Marathon running")
    response = alice_client.get(reverse("web:search"), {"q": "marathon"})
    assert [p.full_name for p in response.context["page"].object_list] == ["Dana Whitfield"]


def test_search_never_shows_bobs_rows(bob_client: Client, bob: User, dana: Person, meetup):
    response = bob_client.get(reverse("web:search"), {"q": "dana"})
    assert list(response.context["page"].object_list) == []
    response = bob_client.get(reverse("web:search"), {"q": "design"})
    assert response.context["events"] == []
    assert "Design Meetup" not in response.content.decode()


@pytest.mark.parametrize("q", ["", "   ", "%_*", "ünïcödé 東京"])
def test_search_copes_with_odd_queries(alice_client: Client, dana: Person, q: str):
    assert alice_client.get(reverse("web:search"), {"q": q}).status_code == 200


@pytest.mark.parametrize("q", ["\x00", "bad\x07bell", "x" * 5000])
def test_search_names_a_bad_query_instead_of_failing(alice_client: Client, dana: Person, q: str):
    response = alice_client.get(reverse("web:search"), {"q": q})
    assert response.status_code == 422
    assert "search-page-q-error" in response.content.decode()


# Me --------------------------------------------------------------------------------------


def test_it_adds_and_deletes_my_own_facts(alice_client: Client, alice: User):
    assert alice_client.get(reverse("web:me")).status_code == 200
    response = alice_client.post(
        reverse("web:me_fact_add"), {"kind": "offer", "text": "Django consulting"}
    )
    assert response.status_code == 302
    fact = Fact.objects.get(owner=alice)
    assert fact.person is None
    assert "Django consulting" in alice_client.get(reverse("web:me")).content.decode()
    response = alice_client.post(reverse("people:fact_delete", args=[fact.pk]))
    assert response["Location"].startswith(reverse("web:me"))
    assert not Fact.objects.exists()


def test_it_adds_my_fact_with_htmx(alice_client: Client, alice: User):
    response = alice_client.post(
        reverse("web:me_fact_add"), {"kind": "need", "text": "An accountant"}, **HTMX
    )
    assert response.status_code == 200
    assert "An accountant" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_an_empty_fact_about_me_is_a_field_error(alice_client: Client, alice: User):
    response = alice_client.post(reverse("web:me_fact_add"), {"kind": "need", "text": ""})
    assert response.status_code == 422
    assert "text" in response.context["fact_form"].errors
    assert not Fact.objects.exists()


def test_bob_cannot_delete_my_facts_about_me(bob_client: Client, alice: User):
    fact = fact_create(owner=alice, person=None, kind="offer", text="Mine")
    assert bob_client.post(reverse("people:fact_delete", args=[fact.pk])).status_code == 404
    assert "Mine" not in bob_client.get(reverse("web:me")).content.decode()
    assert Fact.objects.filter(pk=fact.pk).exists()


# Every page renders ------------------------------------------------------------------------


def test_every_page_renders_for_alice(alice_client: Client, alice: User, dana: Person):
    assert dana.organization is not None
    pages = [
        reverse("web:home"),
        reverse("web:search") + "?q=dana",
        reverse("web:me"),
        reverse("people:list"),
        reverse("people:create"),
        reverse("people:detail", args=[dana.pk]),
        reverse("people:edit", args=[dana.pk]),
        reverse("people:delete", args=[dana.pk]),
        reverse("people:organization_list"),
        reverse("people:organization_create"),
        reverse("people:organization_detail", args=[dana.organization.pk]),
        reverse("people:organization_edit", args=[dana.organization.pk]),
        reverse("people:organization_delete", args=[dana.organization.pk]),
        reverse("accounts:settings"),
    ]
    for url in pages:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert "<main" in response.content.decode(), url


def test_every_page_renders_in_french(charlie: User):
    client = Client()
    client.force_login(charlie)
    person = person_create(owner=charlie, full_name="Léa Martin", organization="Atelier")
    for url in (
        reverse("web:home"),
        reverse("people:list"),
        reverse("people:detail", args=[person.pk]),
        reverse("accounts:settings"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="fr">' in response.content.decode()
