"""Pipeline pages: board, move (form and fetch), form, detail, Today slot, person slot,
insights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from entregent.accounts.models import User
from entregent.people.models import Person
from entregent.people.services import organization_create, person_create
from entregent.pipeline.models import Opportunity, StageChange
from entregent.pipeline.services import opportunity_create, opportunity_move

pytestmark = pytest.mark.django_db


def test_board_shows_columns_cards_and_funnel(
    alice: User, alice_client: Client, dana: Person, django_assert_max_num_queries
) -> None:
    for i in range(12):
        opp = opportunity_create(owner=alice, title=f"Client {i}", people=[dana])
        opportunity_move(opportunity=opp, stage="reached_out")
    with django_assert_max_num_queries(12):
        response = alice_client.get(reverse("pipeline:board") + "?kind=dream_client")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Client 11" in html
    assert "12 pitched" in html
    assert 'id="col-call_booked"' in html
    assert 'aria-current="page">Dream client' in html


def test_move_by_form_redirects_back_to_the_board(alice: User, alice_client: Client) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    response = alice_client.post(reverse("pipeline:move", args=[opp.pk]), {"stage": "call_booked"})
    assert response.status_code == 302
    assert response["Location"].endswith("?kind=dream_client")
    opp.refresh_from_db()
    assert opp.stage == "call_booked"
    assert StageChange.objects.filter(opportunity=opp, to_stage="call_booked").exists()


def test_move_by_fetch_answers_the_board_with_an_announcement(
    alice: User, alice_client: Client
) -> None:
    first = opportunity_create(owner=alice, title="First", stage="replied")
    opp = opportunity_create(owner=alice, title="Acme")
    response = alice_client.post(
        reverse("pipeline:move", args=[opp.pk]),
        {"stage": "replied", "position": "0"},
        headers={"X-Requested-With": "fetch"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "“Acme” moved to Replied." in html
    assert html.index("Acme") < html.index("First")
    assert first.pk


def test_move_to_an_unknown_stage_is_422(alice: User, alice_client: Client) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    response = alice_client.post(
        reverse("pipeline:move", args=[opp.pk]),
        {"stage": "dreaming"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 422
    assert Opportunity.objects.get(pk=opp.pk).stage == "idea"


def test_move_another_owners_card_is_404(bob: User, alice_client: Client) -> None:
    theirs = opportunity_create(owner=bob, title="Bob's")
    response = alice_client.post(reverse("pipeline:move", args=[theirs.pk]), {"stage": "won"})
    assert response.status_code == 404
    assert Opportunity.objects.get(pk=theirs.pk).stage == "idea"


def test_create_by_names_and_edit(alice: User, alice_client: Client, dana: Person) -> None:
    organization_create(owner=alice, name="Acme")
    response = alice_client.post(
        reverse("pipeline:create"),
        {
            "title": "Acme website",
            "kind": "dream_client",
            "stage": "idea",
            "organization": "acme",
            "people": "Dana Whitfield",
            "next_step": "Send the pitch",
            "next_step_on": "2026-11-30",
        },
    )
    assert response.status_code == 302
    opp = Opportunity.objects.get(owner=alice)
    assert opp.organization is not None
    assert opp.organization.name == "Acme"
    assert list(opp.people.all()) == [dana]
    page = alice_client.get(reverse("pipeline:detail", args=[opp.pk]))
    assert "Send the pitch" in page.content.decode()
    response = alice_client.post(
        reverse("pipeline:edit", args=[opp.pk]),
        {"title": "Acme shop", "kind": "dream_client", "people": ""},
    )
    assert response.status_code == 302
    opp.refresh_from_db()
    assert opp.title == "Acme shop"
    assert list(opp.people.all()) == []


def test_unknown_person_is_a_field_error(alice: User, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("pipeline:create"),
        {"title": "X", "kind": "dream_client", "stage": "idea", "people": "Nobody Known"},
    )
    assert response.status_code == 422
    assert "Nobody called “Nobody Known” among your people." in response.content.decode()


def test_another_owners_person_cannot_be_named(
    alice: User, bob: User, alice_client: Client
) -> None:
    person_create(owner=bob, full_name="Bob Friend")
    response = alice_client.post(
        reverse("pipeline:create"),
        {"title": "X", "kind": "referral", "stage": "idea", "asked_person": "Bob Friend"},
    )
    assert response.status_code == 422
    assert not Opportunity.objects.exists()


def test_today_slot_lists_due_steps_with_done_and_tomorrow(
    alice: User, alice_client: Client
) -> None:
    today = timezone.localdate()
    late = opportunity_create(
        owner=alice, title="Late one", next_step="Call back", next_step_on=today - dt.timedelta(3)
    )
    opportunity_create(
        owner=alice, title="Later one", next_step="Mail", next_step_on=today + dt.timedelta(3)
    )
    home = alice_client.get(reverse("web:home")).content.decode()
    assert reverse("pipeline:today") in home
    html = alice_client.get(reverse("pipeline:today")).content.decode()
    assert "Late one" in html
    assert "overdue since" in html
    assert "Later one" not in html
    response = alice_client.post(
        reverse("pipeline:next_step", args=[late.pk]),
        {"action": "reschedule", "on": (today + dt.timedelta(1)).isoformat()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Pipeline next steps" not in response.content.decode()
    late.refresh_from_db()
    assert late.next_step_on == today + dt.timedelta(1)
    response = alice_client.post(reverse("pipeline:next_step", args=[late.pk]), {"action": "done"})
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.next_step == ""


def test_today_slot_is_empty_without_due_steps(alice: User, alice_client: Client) -> None:
    html = alice_client.get(reverse("pipeline:today")).content.decode()
    assert "Pipeline next steps" not in html
    assert 'id="pipeline-today"' in html


def test_person_slot_lists_their_opportunities(
    alice: User, alice_client: Client, dana: Person
) -> None:
    opportunity_create(owner=alice, title="With Dana", people=[dana])
    opportunity_create(owner=alice, title="Asked Dana", kind="referral", asked_person=dana)
    opportunity_create(owner=alice, title="Someone else")
    detail = alice_client.get(reverse("people:detail", args=[dana.pk])).content.decode()
    assert reverse("pipeline:person", args=[dana.pk]) in detail
    html = alice_client.get(reverse("pipeline:person", args=[dana.pk])).content.decode()
    assert "With Dana" in html
    assert "Asked Dana" in html
    assert "asked for a referral" in html
    assert "Someone else" not in html


def test_referral_outcome_from_the_page(alice: User, alice_client: Client, dana: Person) -> None:
    opp = opportunity_create(owner=alice, title="Intro", kind="referral", asked_person=dana)
    response = alice_client.post(
        reverse("pipeline:outcome", args=[opp.pk]), {"referral_outcome": "thinking"}
    )
    assert response.status_code == 302
    opp.refresh_from_db()
    assert opp.referral_outcome == "thinking"


def test_delete(alice: User, alice_client: Client) -> None:
    opp = opportunity_create(owner=alice, title="Gone")
    response = alice_client.post(reverse("pipeline:delete", args=[opp.pk]))
    assert response.status_code == 302
    assert not Opportunity.objects.exists()


def test_insights_page_has_charts_with_tables(
    alice: User, alice_client: Client, dana: Person, django_assert_max_num_queries
) -> None:
    opp = opportunity_create(owner=alice, title="Acme")
    opportunity_move(opportunity=opp, stage="reached_out")
    with django_assert_max_num_queries(20):
        response = alice_client.get(reverse("pipeline:insights"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') >= 6
    assert "Network growth per month" in html
    assert "<caption>Pipeline funnel</caption>" in html
    assert "Show the data" in html
