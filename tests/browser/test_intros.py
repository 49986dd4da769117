"""Introductions in real Chromium, at desktop and phone widths: on the Connect page, accept
a suggested introduction, then ask A, record A's yes, ask B, record B's yes, and make it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.goals.models import Favour
from entregent.matching import synergies
from entregent.matching.models import Introduction
from entregent.people.models import Connection
from entregent.people.services import fact_create, person_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _network(ada: User) -> None:
    dana = person_create(owner=ada, full_name="Dana Whitfield", emails=["dana@example.org"])
    sam = person_create(owner=ada, full_name="Sam Ortiz", emails=["sam@example.org"])
    fact_create(owner=ada, person=dana, kind="need", text="a bookkeeper for her studio")
    fact_create(owner=ada, person=sam, kind="offer", text="Bookkeeping for small studios")
    synergies.clear_cache()


def test_accept_a_suggestion_and_move_it_through_the_workflow(signed_in: Any, ada: User) -> None:
    page = signed_in
    _network(ada)
    page.goto("/network/")
    section = page.locator("#introductions")
    expect(section.get_by_role("heading", name="Who to introduce")).to_be_visible()
    expect(section.get_by_text("Dana Whitfield needs a bookkeeper")).to_be_visible()
    shot(page, "intros-suggested")
    section.get_by_role("button", name="Accept: introduce Dana Whitfield to Sam Ortiz").click()

    card = page.locator(".intro-card")
    expect(card).to_have_count(1)
    expect(card.get_by_text("Ask Dana Whitfield whether they would like to meet")).to_be_visible()
    card.locator("summary").click()
    expect(card.locator(".draft-body")).to_contain_text("Hi Dana,")
    expect(card.get_by_role("link", name="Open in your mail app")).to_have_attribute(
        "href", re.compile(r"^mailto:dana@example\.org\?subject=Would%20you%20like%20to%20meet")
    )
    steps = [
        ("I asked Dana", "Waiting for Dana Whitfield's answer."),
        ("Dana said yes", "Dana Whitfield agreed: ask Sam Ortiz."),
        ("I asked Sam", "Waiting for Sam Ortiz's answer."),
        ("Sam said yes", "Both agreed: introduce them."),
    ]
    for button, next_step in steps:
        page.locator(".intro-card").get_by_role("button", name=button).click()
        expect(page.locator(".intro-card .intro-next")).to_contain_text(next_step)
    shot(page, "intros-both-agreed")
    page.locator(".intro-card").get_by_role("button", name="I introduced them").click()
    expect(page.locator(".intro-card")).to_contain_text("are now connected")
    expect(page.locator(".intro-card .intro-status")).to_have_text("Introduction made")
    shot(page, "intros-made")

    intro = Introduction.objects.get(owner=ada)
    assert intro.status == "made"
    assert Connection.objects.filter(owner=ada, kind="introduced").count() == 1
    assert Favour.objects.filter(owner=ada, source_id=intro.pk).count() == 2
