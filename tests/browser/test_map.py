"""The network map in real Chromium, at desktop and phone widths: the Connect page's card
leads to it, vis-network draws every person (and me), the list beside it holds them, a
circle filter redraws both, and a click on a person opens their page. Also drawn: a
generated network of 2,000 people."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.core.demo import demo_generate
from entregent.people.models import Person
from entregent.people.services import connection_create, person_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CIRCLES = ["inner", "active", "weak", "dormant"]


def _network(ada: User) -> list[Person]:
    people = [
        person_create(
            owner=ada,
            full_name=f"Person {number:02d}",
            organization=f"Studio {number % 4}",
            circle=CIRCLES[number % 4],
            circle_pinned=True,
        )
        for number in range(24)
    ]
    for number, person in enumerate(people):
        for step in (1, 4):
            other = people[(number + step) % len(people)]
            connection_create(owner=ada, from_person=person, to_person=other)
    return people


def _drawn(page: Any) -> int:
    return int(page.evaluate("window.entregentMap.network.body.data.nodes.length"))


def _wait_for_map(page: Any, nodes: int) -> None:
    page.wait_for_function(
        "n => window.entregentMap && window.entregentMap.network"
        " && window.entregentMap.network.body.data.nodes.length === n",
        arg=nodes,
    )


def test_the_map_draws_my_network_filters_by_circle_and_opens_a_person(
    signed_in: Any, ada: User
) -> None:
    page = signed_in
    people = _network(ada)
    page.goto("/network/")
    page.get_by_role("link", name="Open the map").click()
    expect(page).to_have_url(re.compile(r"/network/map/$"))
    _wait_for_map(page, len(people) + 1)  # everyone, and me at the centre
    expect(page.locator("#network-map canvas")).to_have_count(1)
    expect(page.locator("#map-list li")).to_have_count(len(people))
    expect(page.get_by_role("status")).to_have_text("24 of 24 people shown.")
    expect(page.locator("#map-legend li[data-circle=inner] [data-count]")).to_have_text("(6)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "map")

    page.get_by_label("Circle").select_option("inner")
    _wait_for_map(page, 7)
    expect(page.locator("#map-list li")).to_have_count(6)
    expect(page).to_have_url(re.compile(r"/network/map/\?circle=inner$"))

    # The keyboard way: find someone in the list.
    page.get_by_label("Find someone on the map").fill("person 04")
    expect(page.locator("#map-list li:visible")).to_have_count(1)

    # A click on a node opens their page.
    target = people[4]
    page.locator("#network-map").scroll_into_view_if_needed()
    point = page.evaluate(
        """id => {
            const net = window.entregentMap.network;
            net.moveTo({scale: 1.5, position: net.getPosition(id), animation: false});
            const dom = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById('network-map').getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        target.pk,
    )
    page.mouse.click(point["x"], point["y"])
    expect(page).to_have_url(re.compile(rf"/people/{target.pk}/$"))
    expect(page.get_by_role("heading", name=target.full_name)).to_be_visible()


def test_a_bad_filter_in_the_address_is_pointed_at(signed_in: Any, ada: User) -> None:
    page = signed_in
    _network(ada)
    page.goto("/network/map/?circle=acquaintance")
    expect(page.get_by_role("status")).to_have_text(re.compile("circle"))
    expect(page.locator(".field-invalid select[name=circle]")).to_have_count(1)


def test_two_thousand_people_are_drawn(signed_in: Any, ada: User, viewport: Any) -> None:
    if viewport[0] != "desktop":
        pytest.skip("one width is enough for the large network")
    page = signed_in
    demo_generate(owner=ada, people=2000)
    shown = Person.objects.filter(owner=ada, archived=False).count()
    page.goto("/network/map/")
    page.wait_for_function("window.entregentMap && window.entregentMap.network", timeout=60_000)
    assert _drawn(page) == min(shown, 2000) + 1
    expect(page.locator("#map-list li")).to_have_count(min(shown, 2000))
    shot(page, "map-2000", full_page=False)
    # The drawing still answers: a zoom moves the view at once (no layout running).
    scale = page.evaluate(
        "(() => { const n = window.entregentMap.network; n.moveTo({scale: 2});"
        " return n.getScale(); })()"
    )
    assert scale == pytest.approx(2)
