"""The flows a user goes through, in real Chromium, at desktop and phone widths.

Each test owns its data: what the test is about is done through the pages, and what it
merely needs (a person to search for, an encounter to show) is made with the services.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log, event_create
from entregent.people.models import Person
from entregent.people.services import fact_create, person_create
from tests.browser.conftest import shot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON_PATH = re.compile(r"/people/\d+/$")
EVENT_PATH = re.compile(r"/encounters/events/\d+/$")

# Every control that is not type=hidden, and how it is named: a <label for>, aria-label or
# aria-labelledby, each with text in it. Answers the controls that have none.
UNLABELLED_CONTROLS_JS = """
() => {
  const text = (el) => (el && el.textContent || '').trim();
  const named = (el) => {
    if (el.id) {
      const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (text(label)) return true;
    }
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    return ids.some((id) => text(document.getElementById(id)));
  };
  return Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((el) => el.type !== 'hidden' && !named(el))
    .map((el) => el.outerHTML.slice(0, 160));
}
"""

# Whether the page scrolls sideways, and if so which elements stick out past the screen.
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map((el) => el.outerHTML.slice(0, 120));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}
"""


def _maya(owner: User) -> Person:
    return person_create(
        owner=owner,
        full_name="Maya Lindqvist",
        headline="Robotics engineer",
        organization="Fjord Robotics",
        emails=["maya@fjord-robotics.example"],
        tags=["robotics", "mentor"],
    )


def _maya_with_facts(owner: User) -> Person:
    maya = _maya(owner)
    fact_create(owner=owner, person=maya, kind="offer", text="Reviews pitch decks")
    fact_create(owner=owner, person=maya, kind="need", text="A bookkeeper for Swedish taxes")
    fact_create(owner=owner, person=maya, kind="interest", text="Sourdough baking")
    return maya


def _fill_people(owner: User) -> tuple[Person, Any]:
    """A small network with every kind of row, so pages show real content, long lines included."""
    maya = _maya_with_facts(owner)
    tomas = person_create(
        owner=owner,
        full_name="Tomás Ferreira-Castellanos de la Fuente",
        headline="Head of partnerships for southern European research consortia",
        organization="Universidade Técnica Internacional de Engenharia",
        emails=["tomas.ferreira-castellanos@universidade-tecnica-internacional.example"],
        phones=["+351 912 345 678"],
        links=["https://www.linkedin.com/in/tomas-ferreira-castellanos-de-la-fuente-research"],
        tags=["research", "partnerships", "portugal"],
        notes="Met at the robotics meetup; wants industrial partners for a grant application.",
    )
    event = event_create(
        owner=owner,
        name="Nordic Robotics Meetup",
        date=dt.date(2026, 3, 14),
        place="Kulturhuset, Stockholm",
        size=80,
    )
    encounter_log(
        owner=owner,
        participants=[maya, tomas],
        event=event,
        summary="Talked about grant partners and sourdough starters.",
    )
    return maya, event


def _assert_no_sideways_scroll(page: Page) -> None:
    state = page.evaluate(OVERFLOW_JS)
    assert state["scrollWidth"] <= state["width"], (
        f"{page.url} scrolls sideways ({state['scrollWidth']}px > {state['width']}px): "
        + "\n".join(state["wide"])
    )


def _open_nav_if_collapsed(page: Page) -> None:
    toggle = page.locator("label[for=nav-toggle]")
    if toggle.is_visible():
        toggle.click()


# 1. Sign in ---------------------------------------------------------------------------


def test_it_signs_in_through_the_login_form(page: Page, ada: User) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))

    page.locator("#id_username").fill("ada")
    page.locator("#id_password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    page.locator("#id_username").fill("ada")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.locator(".subtitle").first).to_contain_text("Hello, ada")
    expect(page.get_by_role("heading", name="Your network starts here")).to_be_visible()
    shot(page, "home", docs=("desktop",))


# 2. Add a person ----------------------------------------------------------------------


def test_it_adds_a_person_with_two_emails_a_phone_an_organization_and_tags(
    signed_in: Page,
) -> None:
    page = signed_in
    page.goto("/")
    page.get_by_role("link", name="Add a person").first.click()
    expect(page).to_have_url(re.compile(r"/people/new/$"))

    page.locator("#id_full_name").fill("Maya Lindqvist")
    page.locator("#id_headline").fill("Robotics engineer")
    page.locator("#id_organization").fill("Fjord Robotics")
    page.locator("#id_emails").fill("maya@fjord-robotics.example\nmaya.lindqvist@mail.example")
    page.locator("#id_phones").fill("+46 70 123 45 67")
    page.locator("#id_tags").fill("robotics, mentor")
    page.get_by_role("button", name="Add person").click()

    expect(page).to_have_url(PERSON_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Lindqvist")
    expect(page.get_by_role("link", name="Fjord Robotics")).to_be_visible()
    contact = page.locator("section", has=page.locator("#about-heading"))
    expect(contact.get_by_role("link", name="maya@fjord-robotics.example")).to_be_visible()
    expect(contact.get_by_role("link", name="maya.lindqvist@mail.example")).to_be_visible()
    # Stored as E.164, shown in international form.
    expect(contact.locator('a[href="tel:+46701234567"]')).to_have_text("+46 70 123 45 67")
    expect(contact.locator(".tag")).to_have_text(["mentor", "robotics"])


# 3. Facts -----------------------------------------------------------------------------


def test_it_adds_facts_of_three_kinds_in_place_and_groups_them_by_kind(
    signed_in: Page, ada: User
) -> None:
    page = signed_in
    maya = _maya(ada)
    page.goto(f"/people/{maya.pk}/")
    # Survives only if the facts are added without a full page load (htmx swaps the block).
    page.evaluate("window.__samePage = true")

    facts = page.locator("#facts")
    for kind, text in [
        ("offer", "Reviews pitch decks"),
        ("need", "A bookkeeper for Swedish taxes"),
        ("interest", "Sourdough baking"),
    ]:
        facts.locator("#id_fact_kind").select_option(kind)
        facts.locator("#id_fact_text").fill(text)
        facts.get_by_role("button", name="Add fact").click()
        expect(facts.locator(".fact-text", has_text=text)).to_be_visible()
        # The block came back with an empty field, ready for the next fact.
        expect(facts.locator("#id_fact_text")).to_have_value("")

    assert page.evaluate("window.__samePage") is True
    groups = facts.locator(".fact-group")
    expect(groups).to_have_count(3)
    for label, text in [
        ("Offer", "Reviews pitch decks"),
        ("Need", "A bookkeeper for Swedish taxes"),
        ("Interest", "Sourdough baking"),
    ]:
        group = groups.filter(has=page.get_by_role("heading", name=label, exact=True))
        expect(group.locator(".fact-text")).to_have_text([text])

    page.reload()
    expect(page.locator("#facts .fact-text")).to_have_count(3)
    shot(page, "person", docs=("desktop", "phone"))


# 4. Event and encounter ---------------------------------------------------------------


def test_it_logs_an_encounter_with_two_people_at_an_event(signed_in: Page, ada: User) -> None:
    page = signed_in
    maya = _maya_with_facts(ada)

    page.goto("/encounters/events/new/")
    page.locator("#id_name").fill("Nordic Robotics Meetup")
    page.locator("#id_kind").select_option("meetup")
    page.locator("#id_date").fill("2026-03-14")
    page.locator("#id_place").fill("Kulturhuset, Stockholm")
    page.locator("#id_size").fill("80")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(EVENT_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nordic Robotics Meetup")
    event_url = page.url

    page.goto("/people/new/")
    page.locator("#id_full_name").fill("Tomás Ferreira")
    page.locator("#id_organization").fill("Universidade Técnica")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tomás Ferreira")

    page.goto(event_url)
    page.get_by_role("link", name="Log an encounter at this event").click()
    expect(page).to_have_url(re.compile(r"/encounters/log/\?event=\d+$"))
    expect(page.locator("#id_event option:checked")).to_contain_text("Nordic Robotics Meetup")
    options = page.locator("#participant-options")
    options.get_by_label("Maya Lindqvist", exact=False).check()
    options.get_by_label("Tomás Ferreira", exact=False).check()
    page.locator("#id_summary").fill("Talked about grant partners and sourdough starters.")
    shot(page, "encounter-log", docs=("desktop",))
    page.get_by_role("button", name="Log encounter", exact=True).click()

    # Logged from the event page: back to the event, with both people met there.
    expect(page).to_have_url(event_url)
    met = page.locator("section", has=page.locator("#people-heading"))
    # Sorted by family name.
    expect(met.locator(".row-title")).to_have_text(["Tomás Ferreira", "Maya Lindqvist"])
    encounter = page.locator(".encounter-row")
    expect(encounter).to_have_count(1)
    expect(encounter).to_contain_text("Maya Lindqvist")
    expect(encounter).to_contain_text("Tomás Ferreira")
    shot(page, "event")

    page.goto(f"/people/{maya.pk}/")
    timeline = page.locator("#encounters .timeline > li")
    expect(timeline).to_have_count(1)
    expect(timeline.get_by_role("link", name="Nordic Robotics Meetup")).to_be_visible()
    expect(timeline).to_contain_text("With Tomás Ferreira")
    expect(timeline).to_contain_text("grant partners")


# 5. Search ----------------------------------------------------------------------------


def test_the_slash_key_focuses_the_search_box_unless_typing(signed_in: Page) -> None:
    page = signed_in
    page.goto("/search/")
    box = page.locator("#global-search")
    expect(box).not_to_be_focused()
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(box).to_have_value("")

    # A slash typed into another field is text, not a shortcut.
    page.locator("#search-page-q").fill("")
    page.locator("#search-page-q").press("/")
    expect(page.locator("#search-page-q")).to_have_value("/")
    expect(box).not_to_be_focused()


def test_it_finds_a_person_by_fact_word_and_by_name_from_the_search_box(
    signed_in: Page, ada: User
) -> None:
    page = signed_in
    _fill_people(ada)
    page.goto("/")
    results = page.locator("section", has=page.locator("#people-results"))

    page.keyboard.press("/")
    expect(page.locator("#global-search")).to_be_focused()
    page.keyboard.type("sourdough")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=sourdough$"))
    expect(results.locator(".row-title")).to_have_text(["Maya Lindqvist"])
    shot(page, "search")

    page.keyboard.press("/")
    page.keyboard.type("tomas")  # accents do not matter
    page.keyboard.press("Enter")
    expect(results.locator(".row-title")).to_have_text(["Tomás Ferreira-Castellanos de la Fuente"])

    page.keyboard.press("/")
    page.keyboard.type("lindq")  # the start of a word is enough
    page.keyboard.press("Enter")
    expect(results.locator(".row-title")).to_have_text(["Maya Lindqvist"])
    results.get_by_role("link", name="Maya Lindqvist").click()
    expect(page).to_have_url(PERSON_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Lindqvist")


# 6. French ----------------------------------------------------------------------------


def test_switching_to_french_translates_the_page_and_is_saved(signed_in: Page, ada: User) -> None:
    page = signed_in
    maya, _event = _fill_people(ada)
    page.goto(f"/people/{maya.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator("#language-switch").select_option("fr")
    page.locator(".language-switch").get_by_role("button").click()

    # Back on the same page, now in French.
    expect(page).to_have_url(PERSON_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    _open_nav_if_collapsed(page)
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(nav.get_by_role("link", name="Personnes", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Rencontres", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Ce que vous avez appris")).to_be_visible()
    expect(page.locator("#facts .fact-group h3")).to_have_text(
        ["Centre d\u2019intérêt", "Offre", "Besoin"], ignore_case=True
    )
    expect(page.get_by_role("link", name="Noter une rencontre").first).to_be_visible()
    expect(page.get_by_role("button", name="Add fact")).to_have_count(0)
    page.keyboard.press("Escape")  # folds the phone menu back for the picture
    shot(page, "person-fr", docs=("desktop",))

    ada.refresh_from_db()
    assert ada.language == "fr"
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aujourd\u2019hui")
    expect(page.locator(".subtitle").first).to_contain_text("Bonjour ada")


# 7. Phone-sized screens ---------------------------------------------------------------


MAIN_PAGES = [
    "/",
    "/people/",
    "/people/{maya}/",
    "/people/{maya}/edit/",
    "/people/new/",
    "/people/organizations/",
    "/encounters/",
    "/encounters/log/?event={event}",
    "/encounters/events/",
    "/encounters/events/{event}/",
    "/encounters/events/new/",
    "/search/?q=robotics",
    "/me/",
    "/accounts/settings/",
]


def test_no_main_page_scrolls_sideways(signed_in: Page, ada: User) -> None:
    page = signed_in
    maya, event = _fill_people(ada)
    for path in MAIN_PAGES:
        page.goto(path.format(maya=maya.pk, event=event.pk))
        expect(page.locator("main h1")).to_be_visible()
        _assert_no_sideways_scroll(page)


def test_the_navigation_is_reachable_on_every_screen(signed_in: Page, viewport: Any) -> None:
    page = signed_in
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    people = nav.get_by_role("link", name="People", exact=True)
    toggle = page.locator("label[for=nav-toggle]")
    if viewport[0] == "desktop":
        expect(toggle).to_be_hidden()
        expect(people).to_be_visible()
    else:
        # Folded behind the menu button; Escape folds it again and leaves focus on the button.
        expect(people).to_be_hidden()
        toggle.click()
        expect(people).to_be_visible()
        page.keyboard.press("Escape")
        expect(people).to_be_hidden()
        expect(page.locator("#nav-toggle")).to_be_focused()
        page.keyboard.press("Space")
        expect(people).to_be_visible()
    _assert_no_sideways_scroll(page)
    people.click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("People")


@pytest.mark.parametrize(
    "path", ["/people/new/", "/people/{maya}/edit/", "/encounters/log/", "/encounters/events/new/"]
)
def test_every_form_control_has_an_accessible_label(signed_in: Page, ada: User, path: str) -> None:
    page = signed_in
    maya, _event = _fill_people(ada)
    page.goto(path.format(maya=maya.pk))
    expect(page.locator("main form").first).to_be_visible()
    assert page.locator("main").locator("input, select, textarea").count() > 2
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == []
    _assert_no_sideways_scroll(page)


# 8. Keyboard --------------------------------------------------------------------------


def _tab_until(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab in {limit} presses")


def test_the_person_form_works_with_the_keyboard_alone(signed_in: Page) -> None:
    page = signed_in
    page.goto("/people/new/")

    # The first stop is the skip link, which takes focus past the header to the page.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    _tab_until(page, "#id_full_name")
    page.keyboard.type("Ines Okafor")
    _tab_until(page, "#id_emails")
    page.keyboard.type("ines@example.org")
    page.keyboard.press("Enter")  # a new line in the textarea: the next address
    page.keyboard.type("ines.okafor@example.net")
    _tab_until(page, "#id_tags")
    page.keyboard.type("design")
    _tab_until(page, "button[type=submit]:not(.button-link)")
    expect(page.get_by_role("button", name="Add person")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(PERSON_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ines Okafor")
    expect(page.get_by_role("link", name="ines@example.org")).to_be_visible()
    expect(page.get_by_role("link", name="ines.okafor@example.net")).to_be_visible()
