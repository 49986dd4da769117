"""The network map: the radial layout (pure), the selector (filters, owner isolation, edge
weights, the cap, query counts) and the web page, its data and the Connect page's card."""

from __future__ import annotations

import itertools
import math

import pytest
from django.test import Client
from django.urls import reverse

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.network import map_data as map_module
from entregent.network.map_data import MapFilters, map_data, map_filters, network_map
from entregent.network.map_layout import (
    CIRCLE_BANDS,
    LayoutLink,
    LayoutNode,
    communities,
    radial_layout,
)
from entregent.people.models import Tag
from entregent.people.services import connection_create, person_create
from tests.network.map_world import World, world

__all__ = ["world"]

# ---------------------------------------------------------------------------------------
# The layout engine


def test_communities_group_people_who_know_each_other():
    links = [LayoutLink(1, 2, 1.0), LayoutLink(2, 3, 1.0), LayoutLink(1, 3, 1.0)]
    links += [LayoutLink(10, 11, 1.0), LayoutLink(11, 12, 1.0), LayoutLink(10, 12, 1.0)]
    labels = communities([1, 2, 3, 10, 11, 12, 20], links)
    assert labels[1] == labels[2] == labels[3]
    assert labels[10] == labels[11] == labels[12]
    assert labels[1] != labels[10]
    assert labels[20] == 20


def _radius(point: object) -> float:
    return math.hypot(point.x, point.y)  # type: ignore[attr-defined]


def test_layout_puts_each_circle_on_its_ring_and_stronger_ties_nearer():
    nodes = [
        LayoutNode(1, 0.9, "inner"),
        LayoutNode(2, 0.6, "active"),
        LayoutNode(3, 0.3, "weak"),
        LayoutNode(4, 0.05, "dormant"),
        LayoutNode(5, 0.2, "unknown-circle"),
    ]
    positions = radial_layout(nodes, [])
    for node in nodes:
        inside, outside = CIRCLE_BANDS.get(node.circle, CIRCLE_BANDS["weak"])
        assert inside <= _radius(positions[node.id]) <= outside
    assert _radius(positions[1]) < _radius(positions[2]) < _radius(positions[3])
    assert _radius(positions[3]) < _radius(positions[4])


def test_layout_is_deterministic_and_keeps_a_community_together():
    nodes = [LayoutNode(i, 0.5, "active") for i in range(1, 41)]
    links = [LayoutLink(a, b, 0.5) for a in range(1, 11) for b in range(a + 1, 11)]
    first = radial_layout(nodes, links)
    assert first == radial_layout(list(reversed(nodes)), list(reversed(links)))
    angles = sorted(math.atan2(first[i].y, first[i].x) % (2 * math.pi) for i in range(1, 11))
    # Ten of forty people who all know each other share one arc, not the whole circle.
    assert angles[-1] - angles[0] < math.pi / 2


def test_layout_of_nobody_is_empty():
    assert radial_layout([], []) == {}


# ---------------------------------------------------------------------------------------
# The selector


def _names(found: map_module.NetworkMap) -> set[str]:
    return {node.name for node in found.nodes}


def test_the_map_holds_my_people_and_their_ties_weighted_by_kind(alice: User, world: World):
    found = network_map(owner=alice)
    assert _names(found) == {"Dana Whitfield", "Karen Lee", "Sam Ortiz", "Lee Park"}
    assert found.total == 4
    assert not found.truncated
    edges = {(e.a, e.b): e for e in found.edges}
    dana_karen = edges[(min(world.dana.pk, world.karen.pk), max(world.dana.pk, world.karen.pk))]
    # Two rows for one pair make one edge, the closer kind.
    assert (dana_karen.kind, dana_karen.weight) == ("family", 0.9)
    sam_lee = edges[(min(world.sam.pk, world.lee.pk), max(world.sam.pk, world.lee.pk))]
    assert sam_lee.weight == 0.35
    # The archived person and their tie are not on the map.
    assert len(found.edges) == 3
    assert all(node.id != world.ghost.pk for node in found.nodes)
    degrees = {node.name: node.degree for node in found.nodes}
    assert degrees == {"Dana Whitfield": 2, "Karen Lee": 1, "Sam Ortiz": 2, "Lee Park": 1}


def test_my_ties_are_the_tie_strengths(alice: User, world: World, monkeypatch):
    scores = {world.dana.pk: 0.8, world.karen.pk: 0.4}
    monkeypatch.setattr(map_module, "tie_strengths", lambda owner: scores)
    data = map_data(network_map(owner=alice))
    assert {(t["person"], t["weight"]) for t in data["my_ties"]} == {
        (world.dana.pk, 0.8),
        (world.karen.pk, 0.4),
    }
    by_id = {node["id"]: node for node in data["nodes"]}
    assert by_id[world.sam.pk]["score"] == 0.0
    assert by_id[world.sam.pk]["organization"]["name"] == "Blue Bottle Studio"


def test_filters_by_tag_organization_circle_and_event(alice: User, world: World):
    def names(**given: object) -> set[str]:
        return _names(network_map(owner=alice, filters=map_filters(owner=alice, **given)))

    assert names(tag=world.design.pk) == {"Dana Whitfield"}
    assert names(organization=world.sam.organization_id) == {"Dana Whitfield", "Sam Ortiz"}
    assert names(circle="dormant") == {"Lee Park"}
    assert names(event=world.meetup.pk) == {"Dana Whitfield", "Karen Lee"}
    assert names(event=str(world.meetup.pk), circle="inner") == {"Karen Lee"}
    assert names(tag=" ", organization="", circle="", event="") == _names(network_map(owner=alice))


def test_a_filtered_map_keeps_only_the_ties_among_the_people_shown(alice: User, world: World):
    found = network_map(owner=alice, filters=map_filters(owner=alice, event=world.meetup.pk))
    assert [(e.kind, e.weight) for e in found.edges] == [("family", 0.9)]


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"tag": "abc"}, "tag"),
        ({"tag": 999999}, "tag"),
        ({"organization": "-3"}, "org"),
        ({"circle": "acquaintance"}, "circle"),
        ({"event": "1.5"}, "event"),
        ({"event": 999999}, "event"),
    ],
)
def test_a_bad_filter_names_its_field(alice: User, world: World, given: dict, field: str):
    with pytest.raises(InvalidInput) as caught:
        map_filters(owner=alice, **given)
    assert list(caught.value.errors) == [field]
    assert caught.value.status == 422


def test_another_accounts_people_and_filters_never_show(alice: User, bob: User, world: World):
    bobs_friend = person_create(owner=bob, full_name="Bob's Friend", tags=["design"])
    bobs_other = person_create(owner=bob, full_name="Bob's Other")
    connection_create(owner=bob, from_person=bobs_friend, to_person=bobs_other)
    assert _names(network_map(owner=bob)) == {"Bob's Friend", "Bob's Other"}
    assert "Bob's Friend" not in _names(network_map(owner=alice))
    bobs_tag = Tag.objects.get(owner=bob, name="design")
    assert map_filters(owner=bob, tag=bobs_tag.pk).tag == bobs_tag
    for given in (
        {"tag": world.design.pk},
        {"event": world.meetup.pk},
        {"organization": world.sam.organization_id},
    ):
        with pytest.raises(InvalidInput):
            map_filters(owner=bob, **given)


def test_beyond_the_limit_the_most_connected_are_shown(alice: User, world: World):
    found = network_map(owner=alice, limit=1)
    assert found.total == 4
    assert found.truncated
    # Dana has the most connections recorded (Karen twice, Sam, and an archived person).
    assert _names(found) == {"Dana Whitfield"}
    assert found.edges == []
    data = map_data(found)
    assert (data["shown"], data["total"], data["truncated"]) == (1, 4, True)
    assert _names(network_map(owner=alice, limit=4)) == _names(network_map(owner=alice))


def _crowd(owner: User, size: int) -> None:
    people = [
        person_create(owner=owner, full_name=f"Person {n}", organization=f"Org {n % 3}")
        for n in range(size)
    ]
    for first, second in itertools.pairwise(people):
        connection_create(owner=owner, from_person=first, to_person=second)


def test_the_number_of_queries_does_not_grow_with_the_network(
    alice: User, world: World, django_assert_max_num_queries
):
    filters = MapFilters(tag=None, circle="active")
    network_map(owner=alice)  # computes the tie strengths once
    with django_assert_max_num_queries(4):
        network_map(owner=alice, filters=filters)
    _crowd(alice, 30)
    network_map(owner=alice)
    with django_assert_max_num_queries(4):
        small = network_map(owner=alice, filters=filters)
    with django_assert_max_num_queries(6):
        capped = network_map(owner=alice, limit=10)
    assert small.total >= 1
    assert capped.truncated


# ---------------------------------------------------------------------------------------
# The web page, its data and the Connect page's card


def test_the_map_page_renders_the_filters_and_the_legend(alice_client: Client, world: World):
    response = alice_client.get(reverse("network:map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="network-map"' in html
    assert "network/vendor/vis-network.min.js" in html
    assert "Blue Bottle Studio" in html
    assert "Design Meetup" in html
    for label in ("Inner", "Active", "Weak", "Dormant"):
        assert label in html


def test_the_map_page_points_at_a_bad_filter(alice_client: Client, world: World):
    response = alice_client.get(reverse("network:map"), {"circle": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Choose one of: inner, active, weak, dormant.") == 1
    assert html.count('class="errorlist"') == 1


def test_the_map_data_answers_json_and_422_on_a_bad_filter(alice_client: Client, world: World):
    url = reverse("network:map_data")
    data = alice_client.get(url, {"circle": "inner"}).json()
    assert [node["name"] for node in data["nodes"]] == ["Karen Lee"]
    refused = alice_client.get(url, {"org": "x"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"org": ["Enter a whole number."]}


def test_the_connect_page_links_to_the_map_with_a_summary(alice_client: Client, world: World):
    page = alice_client.get(reverse("network:connect")).content.decode()
    assert reverse("network:map_card") in page
    card = alice_client.get(reverse("network:map_card")).content.decode()
    assert "4 people" in card
    assert "4 ties between them" in card
    assert reverse("network:map") in card


def test_the_graph_library_is_found_in_the_installed_package():
    from django.contrib.staticfiles import finders

    from entregent.network.vendor import PackageFilesFinder

    found = finders.find("network/vendor/vis-network.min.js")
    assert found is not None
    assert "pyvis" in str(found)
    finder = PackageFilesFinder()
    assert finder.check() == []
    listed = [(path, storage.prefix) for path, storage in finder.list(None)]
    assert listed == [("vis-network.min.js", "network/vendor")]
    assert finder.find("network/vendor/nothing.js") is None
    assert finder.find("network/vendor/vis-network.min.js", find_all=True) == [str(found)]


def test_the_graph_library_is_served(alice_client: Client):
    from django.templatetags.static import static

    response = alice_client.get(static("network/vendor/vis-network.min.js"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert b"vis-network" in body[:400]
