"""A 30-day challenge in real Chromium: start it, log two captures, see today's progress
(2) and the streak on the challenge's page and on Today."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from entregent.accounts.models import User
from entregent.goals.models import Goal
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTURES = (
    "Met Dana Whitfield at Blue Bottle, graphic designer, also shoots product photos.",
    "Met Camille Dubois at the design meetup, photographer.",
)


def _capture(page: Page, text: str) -> None:
    page.goto("/")
    if page.viewport_name == "desktop":
        page.keyboard.press("c")
        expect(page.locator("#capture-text")).to_be_focused()
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    else:
        page.locator(".capture-bar").get_by_role("button", name="Capture").click()
        page.get_by_label("What happened, in your words.").fill(text)
        page.get_by_role("button", name="Preview").click()
    expect(page.locator(".capture-preview")).to_be_visible()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/people/\d+/$"))


def test_start_a_challenge_capture_twice_and_see_progress_and_streak(
    signed_in: Page, ada: User
) -> None:
    page = signed_in
    page.goto("/goals/")
    form = page.locator("form", has=page.get_by_role("button", name="Start today"))
    form.get_by_label("What to count").select_option("new_connections")
    form.get_by_label("Per day").fill("1")
    form.get_by_label("Days").fill("30")
    form.get_by_role("button", name="Start today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("30-day challenge")
    expect(page.locator("[data-goal-today]")).to_have_text("0 of 1")
    goal = Goal.objects.get(owner=ada)
    assert (goal.period, goal.length_days) == ("challenge", 30)

    for text in CAPTURES:
        _capture(page, text)

    page.goto(f"/goals/{goal.pk}/")
    expect(page.locator("[data-goal-today]")).to_have_text("2 of 1")
    expect(page.locator("[data-goal-streak]")).to_have_text("1 day")
    expect(page.locator("[data-goal-days-met]")).to_have_text("1 of 1")
    expect(page.locator(".chart-figure svg")).to_be_visible()
    shot(page, "goals-challenge")

    page.goto("/")
    today_goals = page.locator(".today-goals")
    expect(today_goals.locator("[data-goal-today]")).to_have_text("2 of 1")
    expect(today_goals.locator("[data-goal-streak]")).to_have_text("1 day")
