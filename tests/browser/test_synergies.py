"""The Connect page's synergies in real Chromium, at desktop and phone widths: ways to
help, who can help with a typed need, and "share this" down to planned follow-ups."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.followups.models import FollowUp
from entregent.people.services import fact_create, person_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _network(ada: User) -> None:
    dana = person_create(owner=ada, full_name="Dana Whitfield")
    camille = person_create(owner=ada, full_name="Camille Dubois", language="fr")
    fact_create(owner=ada, person=None, kind="offer", text="Bookkeeping for creative freelancers")
    fact_create(owner=ada, person=None, kind="need", text="product photos for my Etsy listings")
    fact_create(owner=ada, person=camille, kind="need", text="Cherche un comptable")
    fact_create(owner=ada, person=dana, kind="offer", text="Product photography")
    fact_create(owner=ada, person=dana, kind="interest", text="running marathons")


def test_connect_synergies_and_share_this(signed_in: Any, ada: User, monkeypatch) -> None:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    page = signed_in
    _network(ada)
    page.goto("/network/")
    section = page.locator("section#synergies")
    expect(section.get_by_role("heading", name="Ways to help")).to_be_visible()
    expect(section.get_by_text("Camille Dubois needs un comptable")).to_be_visible()
    expect(section.get_by_text("comptable ~ bookkeeping")).to_be_visible()

    section.get_by_label("Who can help me with…").fill("un logo ou des photos de produits")
    section.get_by_role("button", name="Find", exact=True).click()
    who = page.locator("#who-can-help-results")
    expect(who.get_by_role("link", name="Dana Whitfield")).to_be_visible()

    section.get_by_label("Address", exact=True).fill("https://example.org/marathon")
    section.get_by_label("Title", exact=True).fill("Marathon season")
    section.get_by_label("Text", exact=True).fill("Training plans for running your first marathon.")
    section.get_by_role("button", name="Who would care?").click()
    results = page.locator("#share-results")
    expect(results.get_by_label("Dana Whitfield")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "connect-synergies")
    results.get_by_role("button", name="Plan share follow-ups").click()
    expect(results.get_by_text("Share follow-up planned for today")).to_be_visible()
    followup = FollowUp.objects.get(owner=ada, kind="share")
    assert followup.topic == "Marathon season — https://example.org/marathon"
