"""The pure graph engine: warmest introduction paths and brokers."""

from __future__ import annotations

from entregent.network.graph import (
    Edge,
    Graph,
    brokers,
    burt_constraint,
    direct_ties,
    warmest_paths,
)


def graph(*edges: tuple[int, int, float]) -> Graph:
    return Graph.from_edges(Edge(a, b, w) for a, b, w in edges)


def test_a_two_hop_path_goes_through_someone_i_know() -> None:
    g = graph((1, 9, 0.8))
    paths = warmest_paths(g, {1: 0.5}, {9})
    assert [p.people for p in paths] == [(1, 9)]
    assert paths[0].weights == (0.5, 0.8)
    assert abs(paths[0].warmth - 0.4) < 1e-9


def test_warmest_beats_shorter_but_weak() -> None:
    # me -0.2- 1 -0.9- 9  (0.18) versus me -0.9- 2 -0.9- 3 -0.9- 9 (0.729)
    g = graph((1, 9, 0.9), (2, 3, 0.9), (3, 9, 0.9))
    paths = warmest_paths(g, {1: 0.2, 2: 0.9}, {9})
    assert [p.people for p in paths] == [(2, 3, 9), (1, 9)]
    assert paths[0].warmth > paths[1].warmth


def test_no_path_longer_than_three_hops() -> None:
    # me → 1 → 2 → 3 → 9 is four hops.
    g = graph((1, 2, 1.0), (2, 3, 1.0), (3, 9, 1.0))
    assert warmest_paths(g, {1: 1.0}, {9}) == []
    assert [p.people for p in warmest_paths(g, {1: 1.0, 2: 0.1}, {9})] == [(2, 3, 9)]


def test_no_path_when_the_target_is_unreachable_or_unknown() -> None:
    g = graph((1, 2, 0.9), (8, 9, 0.9))
    assert warmest_paths(g, {1: 0.9}, {9}) == []
    assert warmest_paths(g, {1: 0.9}, {42}) == []
    assert warmest_paths(g, {1: 0.9}, set()) == []


def test_someone_i_barely_know_cannot_open_a_path() -> None:
    g = graph((1, 9, 0.9))
    assert warmest_paths(g, {1: 0.01}, {9}) == []
    assert warmest_paths(g, {}, {9}) == []


def test_paths_have_distinct_first_people_and_k_bounds_them() -> None:
    g = graph((1, 9, 0.9), (1, 8, 0.5), (2, 9, 0.6), (3, 9, 0.3))
    paths = warmest_paths(g, {1: 0.9, 2: 0.9, 3: 0.9}, {8, 9}, k=2)
    assert [p.first for p in paths] == [1, 2]
    assert paths[0].people == (1, 9)


def test_equal_warmth_is_ordered_by_hops_then_ids() -> None:
    g = graph((5, 9, 0.5), (4, 9, 0.5), (3, 6, 1.0), (6, 9, 0.5))
    paths = warmest_paths(g, {3: 1.0, 4: 1.0, 5: 1.0}, {9})
    assert [p.people for p in paths] == [(4, 9), (5, 9), (3, 6, 9)]


def test_cycles_do_not_loop_or_repeat_people() -> None:
    g = graph((1, 2, 0.9), (2, 3, 0.9), (3, 1, 0.9), (3, 9, 0.9), (2, 9, 0.2))
    paths = warmest_paths(g, {1: 0.9, 2: 0.9, 3: 0.9}, {9})
    for path in paths:
        assert len(set(path.people)) == len(path.people)
        assert path.hops <= 3
    assert paths[0].people == (3, 9)
    assert {p.first for p in paths} == {1, 2, 3}


def test_intermediaries_are_never_targets() -> None:
    g = graph((1, 8, 0.9), (8, 9, 0.9))
    paths = warmest_paths(g, {1: 0.9}, {8, 9})
    assert [p.people for p in paths] == [(1, 8)]


def test_the_warmer_of_two_edges_between_a_pair_is_kept() -> None:
    g = Graph.from_edges([Edge(1, 2, 0.5, "knows"), Edge(2, 1, 0.9, "family"), Edge(1, 2, 0.3)])
    assert g.edge(1, 2).kind == "family"
    assert g.neighbours(1) == {2: 0.9}


def test_direct_ties_are_reported_apart() -> None:
    assert direct_ties({9: 0.4, 8: 0.7, 1: 0.9}, {8, 9, 7}) == [(8, 0.7), (9, 0.4)]


def _two_cliques_and_a_bridge() -> tuple[Graph, dict[int, str]]:
    edges = []
    left, right = [1, 2, 3, 4], [5, 6, 7, 8]
    for side in (left, right):
        for i, a in enumerate(side):
            for b in side[i + 1 :]:
                edges.append((a, b, 0.5))
    edges += [(10, 1, 0.5), (10, 2, 0.5), (10, 5, 0.5), (10, 6, 0.5)]
    groups = dict.fromkeys(left, "Acme") | dict.fromkeys(right, "Globex") | {10: "Acme"}
    return graph(*edges), groups


def test_the_bridge_between_two_groups_is_the_top_broker() -> None:
    g, groups = _two_cliques_and_a_bridge()
    found = brokers(g, groups, min_contacts=3)
    assert found[0].person == 10
    assert dict(found[0].groups) == {"Acme": 2, "Globex": 2}
    assert found[0].closure < 0.5


def test_burt_constraint_matches_the_textbook_values() -> None:
    # A star: the centre's contacts do not know each other, c = n * (1/n)^2 = 1/n.
    star = graph((0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0))
    assert abs(burt_constraint(star, 0) - 0.25) < 1e-9
    # A triangle: c = 2 * (1/2 + 1/2 * 1/2)^2 = 1.125.
    triangle = graph((0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0))
    assert abs(burt_constraint(triangle, 0) - 1.125) < 1e-9


def test_people_within_one_group_are_not_brokers() -> None:
    g = graph((1, 2, 0.5), (1, 3, 0.5), (1, 4, 0.5))
    assert brokers(g, dict.fromkeys((1, 2, 3, 4), "Acme")) == []
