"""The duplicates pages: list, review and merge, not a duplicate, history and undo."""

from __future__ import annotations

from django.urls import reverse

from entregent.dedupe.models import Merge, NotDuplicate
from entregent.people.models import Person
from entregent.people.services import person_create


def test_the_people_list_links_to_duplicates(alice_client):
    response = alice_client.get(reverse("people:list"))
    assert reverse("dedupe:list") in response.content.decode()


def test_the_list_shows_pairs_with_reasons(alice_client, alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfeild", emails=["dana@example.org"])
    response = alice_client.get(reverse("dedupe:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "same e-mail dana@example.org" in body
    assert reverse("dedupe:review", args=[dana.pk, twin.pk]) in body


def test_the_review_shows_a_choice_per_differing_field(alice_client, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.", city="Lyon")
    response = alice_client.get(reverse("dedupe:review", args=[dana.pk, twin.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="keep_city"' in body
    assert 'name="keep_name"' in body
    assert 'name="keep_headline"' in body
    assert "Lyon" in body


def test_merging_from_the_review_page(alice_client, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.", city="Lyon", headline="Photographer")
    url = reverse("dedupe:review", args=[dana.pk, twin.pk])
    response = alice_client.post(
        url,
        {"keep_name": "survivor", "keep_city": "other", "keep_headline": "other"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[dana.pk])
    dana.refresh_from_db()
    assert (dana.full_name, dana.city, dana.headline) == ("Dana Whitfield", "Lyon", "Photographer")
    assert not Person.objects.filter(pk=twin.pk).exists()


def test_a_missing_choice_is_an_error_on_the_page(alice_client, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.", city="Lyon")
    url = reverse("dedupe:review", args=[dana.pk, twin.pk])
    response = alice_client.post(url, {"keep_city": "sideways"})
    assert response.status_code == 422
    assert Person.objects.filter(pk=twin.pk).exists()


def test_not_a_duplicate_from_the_list(alice_client, alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfield")
    response = alice_client.post(reverse("dedupe:ignore", args=[dana.pk, twin.pk]))
    assert response.status_code == 302
    assert NotDuplicate.objects.filter(owner=alice).count() == 1
    listing = alice_client.get(reverse("dedupe:list")).content.decode()
    assert reverse("dedupe:review", args=[dana.pk, twin.pk]) not in listing


def test_history_and_undo(alice_client, alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.")
    alice_client.post(reverse("dedupe:review", args=[dana.pk, twin.pk]), {"keep_name": "survivor"})
    merge = Merge.objects.get(owner=alice)
    history = alice_client.get(reverse("dedupe:merges")).content.decode()
    assert "Dana W." in history
    assert reverse("dedupe:undo", args=[merge.pk]) in history
    response = alice_client.post(reverse("dedupe:undo", args=[merge.pk]), follow=True)
    assert "two people again" in response.content.decode()
    assert Person.objects.filter(pk=twin.pk).exists()
    again = alice_client.post(reverse("dedupe:undo", args=[merge.pk]), follow=True)
    assert "already undone" in again.content.decode()


def test_the_review_of_one_person_with_themselves_is_not_found(alice_client, dana):
    response = alice_client.get(reverse("dedupe:review", args=[dana.pk, dana.pk]))
    assert response.status_code == 404


def test_the_list_costs_the_same_queries_for_more_pairs(alice_client, alice, dana):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person_create(owner=alice, full_name="Dana Whitfield")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(reverse("dedupe:list")).status_code == 200
        return len(captured)

    few = queries()
    for given in ("Owen", "Tessa", "Caleb", "Fiona"):
        person_create(owner=alice, full_name=f"{given} Marsh")
        person_create(owner=alice, full_name=f"{given} Marsh")
    assert queries() == few
