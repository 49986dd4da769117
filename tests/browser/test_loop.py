"""The networking loop in real Chromium: capture, preview, Today, snooze, done with a call,
and the person's next check-in moving.

Dates are the app's own: the live server runs in this process, so `timezone.localdate()`
here is the day the pages call "today".
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Locator, Page, expect

from entregent.accounts.models import User
from entregent.encounters.models import Encounter
from entregent.encounters.services import encounter_log
from entregent.followups.models import FollowUp
from entregent.people.models import Person
from entregent.people.services import milestone_create, person_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON_PATH = re.compile(r"/people/\d+/$")
ENGLISH = (
    "Met Dana Whitfield in line at Blue Bottle, graphic designer, also shoots product "
    "photos. Follow up tomorrow about my Etsy listings. #design"
)
FRENCH = "Rencontré Camille Dubois au café du coin, graphiste, relancer lundi prochain."


def _day(day: dt.date) -> str:
    """A date as the English pages write it."""
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def _open_capture(page: Page, text: str) -> None:
    """The keyboard shortcut on a desktop; on a phone, the capture button opens the page
    with a roomy box for the thumb."""
    page.goto("/")
    if page.viewport_name == "desktop":
        page.keyboard.press("c")
        expect(page.locator("#capture-text")).to_be_focused()
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    else:
        page.locator(".capture-bar").get_by_role("button", name="Capture").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Quick capture")
        box = page.get_by_label("What happened, in your words.")
        box.fill(text)
        page.get_by_role("button", name="Preview").click()
    expect(page.locator(".capture-preview")).to_be_visible()


def _agenda_item(page: Page, name: str) -> Locator:
    return page.locator("li.agenda-item", has=page.get_by_role("link", name=name, exact=True))


def _assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


def test_capture_today_snooze_and_done_with_a_call_move_the_next_check_in(
    signed_in: Page, ada: User
) -> None:
    page = signed_in
    today = timezone.localdate()
    met_on = today - dt.timedelta(days=10)
    interval = dt.timedelta(days=ada.cadence_for("active"))

    # 1. English: captured, previewed, corrected (a fuller role; it was ten days ago; the
    # follow-up is for today, not tomorrow), saved.
    _open_capture(page, ENGLISH)
    preview = page.locator(".capture-preview")
    expect(preview.locator(".capture-raw")).to_have_text(ENGLISH)
    expect(page.locator("#people-0-name")).to_have_value("Dana Whitfield")
    expect(page.locator("#people-0-role")).to_have_value("graphic designer")
    expect(page.locator("#capture-place")).to_have_value("Blue Bottle")
    expect(page.locator("#capture-tags")).to_have_value("design")
    expect(page.locator("#capture-due")).to_have_value((today + dt.timedelta(days=1)).isoformat())
    expect(page.locator("#capture-topic")).to_have_value("my Etsy listings")
    expect(preview.locator("input[name='facts-0-text']")).to_have_value("shoots product photos")
    _assert_no_sideways_scroll(page)
    shot(page, "loop-preview", docs=("phone",))

    page.locator("#people-0-role").fill("Graphic designer and product photographer")
    page.locator("#capture-when").fill(f"{met_on.isoformat()}T09:30")
    page.locator("#capture-due").fill(today.isoformat())
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url(PERSON_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dana Whitfield")
    expect(page.locator(".messages")).to_contain_text("Saved the encounter with Dana Whitfield")
    expect(page.locator("#last-talked")).to_have_text(_day(met_on))
    expect(page.locator("#next-check-in")).to_have_text(_day(met_on + interval))
    dana = Person.objects.get(owner=ada, full_name="Dana Whitfield")
    assert dana.headline == "Graphic designer and product photographer"
    dana_url = page.url

    # 2. French: the same box understands it; the follow-up is moved to today too.
    _open_capture(page, FRENCH)
    expect(page.locator("#people-0-name")).to_have_value("Camille Dubois")
    expect(page.locator("#people-0-role")).to_have_value("graphiste")
    expect(page.locator("#capture-place")).to_have_value("café du coin")
    expect(page.locator("#capture-due")).not_to_have_value("")
    page.locator("#capture-when").fill(f"{met_on.isoformat()}T18:00")
    page.locator("#capture-due").fill(today.isoformat())
    page.locator("#capture-topic").fill("ses tarifs pour des photos de produits")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camille Dubois")
    camille_url = page.url

    # 3. Today lists both follow-ups as due today.
    page.goto("/")
    due = page.locator("#section-due")
    expect(due.locator("li.agenda-item")).to_have_count(2)
    expect(_agenda_item(page, "Dana Whitfield")).to_contain_text("my Etsy listings")
    expect(_agenda_item(page, "Camille Dubois")).to_contain_text("ses tarifs")
    _assert_no_sideways_scroll(page)
    shot(page, "loop-today", docs=("phone", "desktop"))

    # 4. Snoozed until tomorrow: it leaves today's list, in place and after a reload.
    _agenda_item(page, "Dana Whitfield").get_by_role("button", name="Tomorrow").click()
    tomorrow = today + dt.timedelta(days=1)
    expect(page.get_by_role("status").filter(has_text="snoozed until")).to_contain_text(
        f"Dana Whitfield: snoozed until {_day(tomorrow)}."
    )
    page.reload()
    expect(_agenda_item(page, "Dana Whitfield")).to_have_count(0)
    expect(due.locator("li.agenda-item")).to_have_count(1)

    # 5. Camille: done with a logged call, straight from Today.
    item = _agenda_item(page, "Camille Dubois")
    item.locator("summary").click()
    item.get_by_label("What you talked about").fill("Elle m'envoie ses tarifs jeudi.")
    item.get_by_role("button", name="Log a call and mark done").click()
    expect(page.get_by_role("status").filter(has_text="logged")).to_contain_text(
        "Done, and the conversation with Camille Dubois is logged."
    )
    page.reload()
    expect(_agenda_item(page, "Camille Dubois")).to_have_count(0)
    expect(page.get_by_role("heading", name="Nothing due today")).to_be_visible()

    page.goto(camille_url)
    expect(page.locator("#last-talked")).to_have_text(_day(today))
    expect(page.locator("#next-check-in")).to_have_text(_day(today + interval))
    timeline = page.locator("#encounters .timeline > li")
    expect(timeline.filter(has_text="Elle m'envoie ses tarifs jeudi.")).to_have_count(1)

    # 6. Dana, on her page: the snoozed follow-up shows its new date; put off a week more,
    # then done with a logged call, which moves when we last talked and the next check-in.
    page.goto(dana_url)
    followups = page.locator("section", has=page.locator("#followups-heading"))
    expect(followups).to_contain_text(f"due {_day(tomorrow)}")
    expect(followups).to_contain_text("Snoozed")
    followups.get_by_role("button", name="Next week").click()
    expect(page).to_have_url(dana_url)
    next_week = today + dt.timedelta(days=7)
    expect(page.locator(".messages")).to_contain_text(f"snoozed until {_day(next_week)}")
    expect(followups).to_contain_text(f"due {_day(next_week)}")
    expect(page.locator("#last-talked")).to_have_text(_day(met_on))
    expect(page.locator("#next-check-in")).to_have_text(_day(met_on + interval))
    _assert_no_sideways_scroll(page)
    shot(page, "loop-person-before")

    followups.locator("summary").click()
    followups.get_by_label("What you talked about").fill("Walked through the Etsy listings.")
    followups.get_by_role("button", name="Log a call and mark done").click()
    expect(page).to_have_url(dana_url)
    expect(page.locator(".messages")).to_contain_text(
        "Done, and the conversation with Dana Whitfield is logged."
    )
    expect(page.locator("#last-talked")).to_have_text(_day(today))
    expect(page.locator("#next-check-in")).to_have_text(_day(today + interval))
    expect(page.locator("#followups-heading")).to_have_count(0)
    shot(page, "loop-person-after", docs=("phone",))

    # What the pages showed is what was stored.
    done = FollowUp.objects.get(owner=ada, person=dana)
    assert (done.status, done.snooze_count, done.due_on) == ("done", 2, next_week)
    call = Encounter.objects.filter(owner=ada, participants=dana, channel="call").get()
    assert call.summary == "Walked through the Etsy listings."


def test_the_follow_up_history_shows_a_snoozed_date(signed_in: Page, ada: User) -> None:
    """Snoozed to next week from Today: the follow-ups page shows the new date and status."""
    page = signed_in
    today = timezone.localdate()
    _open_capture(page, FRENCH)
    page.locator("#capture-due").fill(today.isoformat())
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(PERSON_PATH)

    page.goto("/")
    _agenda_item(page, "Camille Dubois").get_by_role("button", name="Next week").click()
    next_week = today + dt.timedelta(days=7)
    expect(page.get_by_role("status").filter(has_text="snoozed until")).to_contain_text(
        _day(next_week)
    )
    page.reload()
    expect(_agenda_item(page, "Camille Dubois")).to_have_count(0)

    page.goto("/followups/?status=snoozed")
    row = page.locator("tbody tr", has_text="Camille Dubois")
    expect(row).to_have_count(1)
    expect(row.locator("time")).to_have_attribute("datetime", next_week.isoformat())
    expect(row).to_contain_text("Snoozed")
    expect(row).to_contain_text("snoozed once")
    _assert_no_sideways_scroll(page)


def test_a_check_in_and_a_birthday_on_today_have_draft_snooze_and_done(
    signed_in: Page, ada: User
) -> None:
    """Items Today lists by person (no follow-up behind them yet) act like the others."""
    page = signed_in
    today = timezone.localdate()
    ines = person_create(owner=ada, full_name="Inès Moreau", emails=["ines@example.org"])
    encounter_log(
        owner=ada,
        participants=[ines],
        occurred_at=timezone.now() - dt.timedelta(days=60),
        summary="Talked about her ceramics studio.",
        create_followup=False,
    )
    soon = today + dt.timedelta(days=2)
    omar = person_create(owner=ada, full_name="Omar Haddad")
    # Born in a leap year, so any day of the year will do.
    milestone_create(
        owner=ada, person=omar, kind="birthday", date=dt.date(1992, soon.month, soon.day)
    )

    page.goto("/")
    check_in = page.locator("#section-check_ins").locator("li.agenda-item")
    expect(check_in).to_have_count(1)
    expect(check_in).to_contain_text("Inès Moreau")
    birthday = page.locator("#section-congratulations").locator("li.agenda-item")
    expect(birthday).to_have_count(1)
    expect(birthday).to_contain_text("Omar Haddad")

    # The draft of a check-in, before any follow-up stands for it.
    check_in.get_by_role("link", name="Draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft for Inès Moreau")
    _assert_no_sideways_scroll(page)
    page.go_back()

    # The birthday put off to tomorrow; the check-in done with a call.
    _agenda_item(page, "Omar Haddad").get_by_role("button", name="Tomorrow").click()
    expect(page.get_by_role("status").filter(has_text="Omar Haddad")).to_contain_text(
        _day(today + dt.timedelta(days=1))
    )
    item = _agenda_item(page, "Inès Moreau")
    item.locator("summary").click()
    item.get_by_label("What you talked about").fill("She is opening a second studio.")
    item.get_by_role("button", name="Log a call and mark done").click()
    expect(page.get_by_role("status").filter(has_text="Inès Moreau")).to_contain_text("logged")

    page.reload()
    expect(page.locator("#section-check_ins")).to_have_count(0)
    expect(page.locator("#section-congratulations")).to_have_count(0)
    page.goto(f"/people/{ines.pk}/")
    expect(page.locator("#last-talked")).to_have_text(_day(today))
    interval = dt.timedelta(days=ada.cadence_for(ines.circle))
    expect(page.locator("#next-check-in")).to_have_text(_day(today + interval))
