"""Tie strength and the weak-tie radar in real Chromium, at desktop and phone widths: the
person page's card, the Connect page's radar, and recomputing from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.people.models import Fact
from entregent.people.services import person_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_the_tie_card_and_the_radar(signed_in: Any, ada: User) -> None:
    page = signed_in
    weak = person_create(owner=ada, full_name="Wendy Weak")
    gone = person_create(owner=ada, full_name="Gordon Gone")
    for days in (150, 400):
        encounter_log(owner=ada, participants=[weak], occurred_at=_ago(days), channel="call")
    encounter_log(owner=ada, participants=[gone], occurred_at=_ago(2000))
    Fact.objects.create(owner=ada, person=gone, kind="offer", text="bookkeeping")
    Fact.objects.create(owner=ada, person=None, kind="need", text="comptabilité")

    page.goto(f"/people/{weak.pk}/")
    card = page.locator("section#tie-strength")
    expect(card.get_by_role("heading", name="Tie strength")).to_be_visible()
    expect(card.get_by_role("rowheader", name="Recency")).to_be_visible()
    expect(card.get_by_text("follows the score")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "person-tie-strength")

    page.goto("/network/")
    radar = page.locator("section#radar")
    expect(radar.get_by_role("heading", name="Weak-tie radar")).to_be_visible()
    expect(radar.get_by_role("link", name="Wendy Weak")).to_be_visible()
    expect(radar.get_by_role("link", name="Gordon Gone")).to_be_visible()
    radar.get_by_role("button", name="Recompute tie strength").click()
    expect(page.locator("section#radar").get_by_role("link", name="Wendy Weak")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "connect-radar")
