"""The brief page, the person page's brief section and the common-ground page."""

from __future__ import annotations

from django.test import Client

from entregent.accounts.models import User
from entregent.people.services import person_create
from tests.matching.conftest import Network


def test_the_person_page_loads_the_brief_section_with_htmx(alice_client: Client, network: Network):
    page = alice_client.get(f"/people/{network.dana.pk}/").content.decode()
    assert f'hx-get="/matching/people/{network.dana.pk}/brief/section/"' in page
    assert f'href="/matching/people/{network.dana.pk}/brief/"' in page
    section = alice_client.get(
        f"/matching/people/{network.dana.pk}/brief/section/", headers={"HX-Request": "true"}
    )
    assert section.status_code == 200
    html = section.content.decode()
    assert "<html" not in html
    assert "You both know Karen Lee." in html
    assert 'lang="en"' in html


def test_the_printable_brief(alice_client: Client, network: Network):
    response = alice_client.get(f"/matching/people/{network.dana.pk}/brief/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Before you meet Dana Whitfield",
        "Launching a ceramics line",
        "Talked about kiln prices and the Etsy shop.",
        "You were both at Design Meetup.",
        "matching/matching.css",
        "What has been the hardest part of launching a ceramics line so far?",
    ):
        assert text in html, text


def test_the_brief_of_a_french_speaker_marks_the_questions_language(
    alice_client: Client, network: Network
):
    html = alice_client.get(f"/matching/people/{network.camille.pk}/brief/").content.decode()
    assert '<ol class="questions" lang="fr">' in html


def test_the_brief_teaches_what_to_note_when_nothing_is_known(alice_client: Client, alice: User):
    quiet = person_create(owner=alice, full_name="Quiet Quinn")
    html = alice_client.get(f"/matching/people/{quiet.pk}/brief/").content.decode()
    assert "Nothing in common recorded yet" in html
    assert "No encounter logged yet." in html
    assert html.count("<li>") >= 3


def test_the_common_ground_page_finds_someone_to_compare_with(
    alice_client: Client, network: Network
):
    url = f"/matching/people/{network.dana.pk}/common-ground/"
    mine = alice_client.get(url).content.decode()
    assert "You and Dana Whitfield" in mine
    assert '<label for="compare-q">' in mine
    found = alice_client.get(url, {"q": "karen"}).content.decode()
    assert f"?with={network.karen.pk}" in found
    nobody = alice_client.get(url, {"q": "zzzz"}).content.decode()
    assert "Nobody matches" in nobody
    between = alice_client.get(url, {"with": network.karen.pk}).content.decode()
    assert "Karen Lee and Dana Whitfield are both based in Portland." in between


def test_the_common_ground_page_refuses_bad_choices(
    alice_client: Client, bob: User, network: Network
):
    url = f"/matching/people/{network.dana.pk}/common-ground/"
    assert alice_client.get(url, {"with": network.dana.pk}).status_code == 422
    assert alice_client.get(url, {"with": "x"}).status_code == 404
    bobs = person_create(owner=bob, full_name="Bob's friend")
    assert alice_client.get(url, {"with": bobs.pk}).status_code == 404


def test_the_pages_answer_only_get(alice_client: Client, network: Network):
    assert alice_client.post(f"/matching/people/{network.dana.pk}/brief/").status_code == 405
