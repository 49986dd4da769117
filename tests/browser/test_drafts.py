"""The draft page in real Chromium, at desktop and phone widths: from Today's "Draft" to an
edited message, copied, with a mailto: link that follows the edit. Nothing is sent."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log, event_create
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.services import fact_create, person_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _followup(ada: User) -> FollowUp:
    dana = person_create(owner=ada, full_name="Dana Whitfield", emails=["dana@example.org"])
    fact_create(owner=ada, person=None, kind="offer", text="product photography")
    fact_create(owner=ada, person=dana, kind="need", text="product photos for her shop")
    meetup = event_create(owner=ada, name="Design Meetup", date=timezone.localdate())
    encounter_log(
        owner=ada,
        participants=[dana],
        event=meetup,
        occurred_at=timezone.now() - dt.timedelta(days=1),
        create_followup=False,
    )
    return followup_create(
        owner=ada,
        person=dana,
        due_on=timezone.localdate() - dt.timedelta(days=1),
        topic="the Etsy listings",
    )


def test_from_today_to_an_edited_draft_copied_and_ready_for_the_mail_app(
    signed_in: Any, ada: User
) -> None:
    page = signed_in
    followup = _followup(ada)
    page.goto("/")
    page.get_by_role("link", name="Draft").first.click()
    expect(page).to_have_url(re.compile(rf"/followups/{followup.pk}/draft/$"))
    body = page.get_by_role("textbox", name="Message")
    expect(body).to_have_value(re.compile(r"^Hi Dana,"))
    expect(body).to_have_value(re.compile("yesterday at Design Meetup"))
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "draft")

    body.fill("Hi Dana,\n\nCoffee & cake on Friday?\n\nAda")
    expect(page.locator("#draft-words")).to_contain_text("Words: 7")
    href = page.locator("#draft-mailto").get_attribute("href") or ""
    query = parse_qs(urlsplit(href).query)
    assert href.startswith("mailto:dana@example.org?")
    assert query["body"] == ["Hi Dana,\r\n\r\nCoffee & cake on Friday?\r\n\r\nAda"]

    copy = page.get_by_role("button", name="Copy")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator("#draft-status")).not_to_be_empty()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Draft saved. Nothing has been sent.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(re.compile("Coffee & cake"))
    page.get_by_role("button", name=re.compile("Write it again")).click()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(re.compile("Design Meetup"))
