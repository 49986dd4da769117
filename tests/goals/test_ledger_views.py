"""The giving ledger's pages: the ledger and the person page's favours card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from entregent.goals.ledger import favour_log
from entregent.goals.models import Favour
from entregent.people.choices import FactKind
from entregent.people.models import Fact
from entregent.people.services import person_create

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_the_person_card_shows_given_and_received(alice_client, alice, dana):
    favour_log(owner=alice, person=dana, direction="received", kind="advice", note="Pricing tips")
    html = alice_client.get(reverse("goals:person_favours", args=[dana.pk])).content.decode()
    assert "Given 0 · received 1" in html
    assert "Pricing tips" in html


def test_the_person_page_loads_the_card(alice_client, dana):
    html = alice_client.get(reverse("people:detail", args=[dana.pk])).content.decode()
    assert reverse("goals:person_favours", args=[dana.pk]) in html


def test_logging_a_favour_by_hand_with_htmx(alice_client, dana):
    url = reverse("goals:person_favour_add", args=[dana.pk])
    data = {"direction": "given", "kind": "referral", "occurred_on": "2026-02-01", "note": "To Bo"}
    response = alice_client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert "Given 1 · received 0" in response.content.decode()
    assert Favour.objects.get().kind == "referral"


def test_logging_a_favour_without_javascript_redirects(alice_client, dana):
    url = reverse("goals:person_favour_add", args=[dana.pk])
    response = alice_client.post(
        url, {"direction": "given", "kind": "help", "occurred_on": "2026-02-01"}
    )
    assert response.status_code == 302
    assert Favour.objects.count() == 1


def test_a_bad_favour_is_refused_with_the_field(alice_client, dana):
    url = reverse("goals:person_favour_add", args=[dana.pk])
    response = alice_client.post(url, {"direction": "sideways", "kind": "help"}, headers=HTMX)
    assert response.status_code == 422
    assert "sideways" in response.content.decode()
    assert not Favour.objects.exists()


def test_forgetting_a_favour(alice_client, alice, dana):
    favour = favour_log(owner=alice, person=dana)
    response = alice_client.post(reverse("goals:favour_delete", args=[favour.pk]), headers=HTMX)
    assert response.status_code == 200
    assert not Favour.objects.exists()


def test_the_ledger_shows_ways_to_help_next_to_takers(
    alice_client, alice, dana, django_assert_max_num_queries
):
    erin = person_create(owner=alice, full_name="Erin Okafor")
    Fact.objects.create(owner=alice, person=dana, kind=FactKind.INTEREST, text="sailing")
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=alice, person=erin, direction="given")
    with django_assert_max_num_queries(12):
        response = alice_client.get(reverse("goals:ledger"))
    html = response.content.decode()
    assert "Share an article about sailing." in html
    assert html.index("Dana Whitfield") < html.index("Erin Okafor")
    takers = alice_client.get(reverse("goals:ledger"), {"takers": "1"}).content.decode()
    assert "Erin Okafor" not in takers


@pytest.mark.parametrize("name", ["goals:person_favours"])
def test_another_owners_person_card_is_not_found(bob_client, dana, name):
    assert bob_client.get(reverse(name, args=[dana.pk])).status_code == 404


def test_another_owners_favour_cannot_be_added_or_forgotten(bob_client, alice, dana):
    favour = favour_log(owner=alice, person=dana)
    assert bob_client.post(reverse("goals:favour_delete", args=[favour.pk])).status_code == 404
    add = reverse("goals:person_favour_add", args=[dana.pk])
    assert bob_client.post(add, {"direction": "given", "kind": "help"}).status_code == 404
    assert Favour.objects.count() == 1
