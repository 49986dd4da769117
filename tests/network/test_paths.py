"""Introduction paths and brokers read from the database (selectors)."""

from __future__ import annotations

import pytest

from entregent.core.errors import InvalidInput, NotFound
from entregent.encounters.services import encounter_log
from entregent.network import paths
from entregent.network.paths import introduction_paths, network_brokers, path_target
from entregent.people.services import connection_create, person_archive, person_create
from tests.network.paths_world import World, build_world


@pytest.fixture
def world(alice) -> World:
    return build_world(alice)


@pytest.fixture
def ties(world: World, monkeypatch: pytest.MonkeyPatch) -> dict[int, float]:
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: dict(world.ties))
    return world.ties


def test_paths_to_an_organization_are_the_warmest_first(alice, world, ties) -> None:
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="Acme"))
    assert [[p.name for p in path.people] for path in answer.paths] == [
        ["Ana Duarte", "Karim Haddad"],
        ["Tom Weak", "Léa Martin"],
        ["Bruno Costa", "Léa Martin"],
    ]
    assert answer.paths[0].warmth == pytest.approx(0.4)
    assert answer.targets_count == 2
    assert [(p.name, tie) for p, tie in answer.direct] == [("Karim Haddad", 0.05)]


def test_each_step_is_explained(alice, world, ties) -> None:
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="acme"))
    first = answer.paths[0]
    assert [s.explanation for s in first.steps] == [
        "You know Ana Duarte well (0.80).",
        "Ana Duarte and Karim Haddad know each other.",
    ]
    family = answer.paths[1].steps[1]
    assert family.explanation == "Tom Weak and Léa Martin are family."


def test_a_three_hop_path_names_the_middle_person(alice, world, ties) -> None:
    ties[world.bruno.pk] = 0.0
    ties[world.tom.pk] = 0.0
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, person="Léa Martin"))
    assert [p.name for p in answer.paths[0].people] == ["Ana Duarte", "Bruno Costa", "Léa Martin"]
    assert "colleagues at Studio" in answer.paths[0].steps[1].explanation
    draft = answer.paths[0].draft
    assert "Bruno Costa" in draft.subject
    assert draft.language == "fr"


def test_the_draft_asks_the_first_person_in_their_language(alice, world, ties) -> None:
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="Acme"))
    tom = answer.paths[1]
    assert tom.draft.language == "en"
    assert tom.draft.to == "tom@example.org"
    assert tom.draft.body.startswith("Hi Tom,")
    assert "Léa Martin at Acme" in tom.draft.body
    assert tom.draft.mailto.startswith("mailto:tom@example.org?")


def test_a_skill_finds_who_offers_it_across_languages(alice, world, ties) -> None:
    target = path_target(owner=alice, skill="photos de produits")
    assert target.people == {world.zoe.pk}
    answer = introduction_paths(owner=alice, target=target)
    assert [[p.name for p in path.people] for path in answer.paths] == [["Tom Weak", "Zoé Photo"]]
    assert answer.paths[0].steps[-1].explanation == "Zoé Photo offers “product photography”."
    assert "photos de produits" in answer.paths[0].draft.body


def test_encounters_together_warm_a_tie_and_can_make_one(alice, world, ties) -> None:
    encounter_log(owner=alice, participants=[world.ana, world.karim], create_followup=False)
    encounter_log(owner=alice, participants=[world.bruno, world.karim], create_followup=False)
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, person="Karim"))
    by_first = {path.first.name: path for path in answer.paths}
    assert by_first["Ana Duarte"].warmth == pytest.approx(0.8 * 0.6)
    assert "You saw them together once." in by_first["Ana Duarte"].steps[1].explanation
    assert by_first["Bruno Costa"].steps[1].kind == "together"
    assert by_first["Bruno Costa"].warmth == pytest.approx(
        0.3 * 0.45
    )  # as warm as via Ana, shorter


def test_introduced_by_counts_as_knowing(alice, world, ties) -> None:
    nora = person_create(owner=alice, full_name="Nora Quist", introduced_by=world.ana)
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, person="Nora"))
    assert [p.name for p in answer.paths[0].people] == ["Ana Duarte", "Nora Quist"]
    assert answer.paths[0].steps[1].explanation == (
        "Ana Duarte introduced you to Nora Quist, so they know each other."
    )
    assert nora.pk in path_target(owner=alice, person=str(nora.pk)).people


def test_archived_people_are_left_out(alice, world, ties) -> None:
    person_archive(person=world.ana)
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="Acme"))
    assert "Ana Duarte" not in {p.name for path in answer.paths for p in path.people}


def test_no_path_is_an_empty_answer(alice, world, ties) -> None:
    loner = person_create(owner=alice, full_name="Solo Person", organization="Nowhere Inc")
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="Nowhere"))
    assert answer.paths == ()
    assert loner.pk in answer.target.people


def test_exactly_one_kind_of_target_is_required(alice, world) -> None:
    with pytest.raises(InvalidInput) as none:
        path_target(owner=alice)
    assert "person" in none.value.errors
    with pytest.raises(InvalidInput) as two:
        path_target(owner=alice, person="Ana", org="Acme")
    assert "org" in two.value.errors


def test_unknown_targets_name_their_field(alice, world) -> None:
    with pytest.raises(NotFound) as org:
        path_target(owner=alice, org="Initech")
    assert "org" in org.value.errors
    with pytest.raises(NotFound) as person:
        path_target(owner=alice, person="Nobody Here")
    assert "person" in person.value.errors


def test_another_owners_people_never_appear(alice, bob, world, ties) -> None:
    other = build_world(bob)
    connection_create(owner=bob, from_person=other.zoe, to_person=other.karim, kind="family")
    with pytest.raises(NotFound):
        path_target(owner=alice, org=str(other.karim.organization_id))
    with pytest.raises(NotFound):
        path_target(owner=alice, person=str(other.karim.pk))
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="Acme"))
    bobs = {p.pk for p in (other.ana, other.bruno, other.tom, other.karim, other.lea, other.zoe)}
    assert not bobs & {p.id for path in answer.paths for p in path.people}


def test_paths_query_count_does_not_grow_with_the_network(
    alice, world, ties, django_assert_max_num_queries
) -> None:
    for n in range(30):
        extra = person_create(owner=alice, full_name=f"Extra Person {n}", organization="Acme")
        connection_create(owner=alice, from_person=world.ana, to_person=extra)
    target = path_target(owner=alice, org="Acme")
    with django_assert_max_num_queries(16):
        introduction_paths(owner=alice, target=target)


def _bridge_world(owner) -> dict[str, int]:
    people = {}
    for name, org in [
        ("A1", "Acme"),
        ("A2", "Acme"),
        ("A3", "Acme"),
        ("G1", "Globex"),
        ("G2", "Globex"),
        ("G3", "Globex"),
        ("Bridget", "Acme"),
    ]:
        people[name] = person_create(owner=owner, full_name=f"{name} Person", organization=org)
    for group in (["A1", "A2", "A3"], ["G1", "G2", "G3"]):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                connection_create(owner=owner, from_person=people[a], to_person=people[b])
    for other in ("A1", "A2", "G1", "G2"):
        connection_create(owner=owner, from_person=people["Bridget"], to_person=people[other])
    return {name: p.pk for name, p in people.items()}


@pytest.fixture
def no_ties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: {})


def test_the_bridge_between_two_organizations_is_the_top_broker(alice, bob, no_ties) -> None:
    ids = _bridge_world(alice)
    _bridge_world(bob)
    found = network_brokers(owner=alice)
    assert found[0].person.id == ids["Bridget"]
    assert dict(found[0].groups) == {"Acme": 2, "Globex": 2}
    assert "Acme, Globex" in found[0].explanation
    assert all(b.person.id in ids.values() for b in found)


def test_brokers_are_recomputed_when_the_network_changes(alice, no_ties) -> None:
    ids = _bridge_world(alice)
    assert network_brokers(owner=alice)[0].person.id == ids["Bridget"]
    hub = person_create(owner=alice, full_name="Hub Person", city="Paris")
    for name in ("A3", "G3", "A1", "G1"):
        connection_create(owner=alice, from_person=hub, to_person=_person(alice, ids[name]))
    solo = person_create(owner=alice, full_name="Lone Lyon", city="Lyon")
    connection_create(owner=alice, from_person=hub, to_person=solo)
    assert hub.pk in {b.person.id for b in network_brokers(owner=alice)}


def _person(owner, pk):
    from entregent.people.models import Person

    return Person.objects.get(owner=owner, pk=pk)


def test_my_ties_come_from_tie_strength(alice, world) -> None:
    for _ in range(3):
        encounter_log(owner=alice, participants=[world.ana], create_followup=False)
    answer = introduction_paths(owner=alice, target=path_target(owner=alice, org="Acme"))
    assert answer.paths[0].first.name == "Ana Duarte"
    assert 0 < answer.paths[0].steps[0].weight <= 1


def test_archived_people_who_offer_a_skill_are_not_targets(alice, world, ties) -> None:
    assert path_target(owner=alice, skill="product photography").people == {world.zoe.pk}
    person_archive(person=world.zoe)
    assert path_target(owner=alice, skill="product photography").people == set()
