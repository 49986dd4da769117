"""The Connect page's "Who can introduce me to…" in real Chromium, at desktop and phone
widths: ask for a path to an organization, see it explained, open the draft."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from tests.browser.conftest import shot
from tests.network.paths_world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_for_a_path_to_an_organization_and_see_it(signed_in: Any, ada: User) -> None:
    page = signed_in
    world = build_world(ada)
    for _ in range(3):  # Ada knows Ana: her tie strength comes from these encounters.
        encounter_log(owner=ada, participants=[world.ana], create_followup=False)
    page.goto("/network/")
    section = page.locator("section#paths")
    expect(section.get_by_role("heading", name="Who can introduce me to…")).to_be_visible()
    section.get_by_label("Whom").select_option("org")
    section.get_by_label("Name or skill").fill("Acme")
    section.get_by_role("button", name="Find paths").click()
    results = page.locator("#paths-results")
    expect(results.get_by_role("heading", name="Paths to Acme")).to_be_visible()
    first = results.locator("li").first
    expect(first.get_by_role("link", name="Ana Duarte")).to_be_visible()
    expect(first.get_by_role("link", name="Karim Haddad")).to_be_visible()
    expect(first.get_by_text("Ana Duarte and Karim Haddad know each other.")).to_be_visible()
    first.get_by_text("Draft asking Ana Duarte").click()
    expect(first.locator(".draft-body")).to_contain_text("Karim Haddad")
    expect(section.get_by_role("heading", name="Brokers")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "connect-paths")

    section.get_by_label("Name or skill").fill("Initech")
    section.get_by_role("button", name="Find paths").click()
    expect(results.get_by_role("alert")).to_contain_text("No organization matches")
