"""Common ground and question planning in the pure engine."""

from __future__ import annotations

from entregent.matching.engine import Item, Profile, common_ground, plan_questions
from entregent.matching.engine.ground import (
    ACQUAINTANCE,
    CITY,
    COMPLEMENT,
    DIRECT,
    EVENT,
    INDUSTRY,
    INTEREST,
    INTRODUCER,
    ORGANIZATION,
)
from entregent.matching.engine.questions import GENERIC, Fact, clean_topic

ME = Profile(
    key=None,
    name="",
    topics=[Item("m1", "marathons"), Item("m2", "opera")],
    offers=[Item("m3", "product photography")],
    needs=[Item("m4", "a bookkeeper")],
)


def kinds(found: list) -> list[str]:
    return [c.kind for c in found]


def test_me_and_a_person_share_interests_people_events_and_complementary_facts() -> None:
    dana = Profile(
        key=1,
        name="Dana",
        topics=[Item("d1", "course à pied"), Item("d2", "cats")],
        offers=[Item("d3", "comptabilité pour indépendants")],
        needs=[Item("d4", "photos de produits pour Etsy")],
        acquaintances={7: "Karen Lee", 8: "Sam"},
        events={30: "Design Meetup"},
        introduced_by=8,
    )
    found = common_ground(ME, dana)
    by_kind = {c.kind: c for c in found}
    assert kinds(found).count(COMPLEMENT) == 2
    assert {c.giver for c in found if c.kind == COMPLEMENT} == {0, 1}
    interest = by_kind[INTEREST]
    assert interest.match is not None
    assert (interest.match.offer.key, interest.match.need.key) == ("m1", "d1")
    assert [(c.kind, c.label) for c in found if c.kind in {ACQUAINTANCE, INTRODUCER}] == [
        (ACQUAINTANCE, "Karen Lee"),
        (INTRODUCER, "Sam"),
    ]
    assert by_kind[EVENT].label == "Design Meetup"
    assert ORGANIZATION not in by_kind


def test_two_people_share_only_what_both_have() -> None:
    a = Profile(
        key=1,
        name="Ana",
        organization_key=5,
        organization="Acme",
        industry="Publishing",
        city="Lyon",
        acquaintances={7: "Karen", 8: "Sam", 2: "Ben"},
        events={30: "Meetup", 31: "Summit"},
        needs=[Item("a1", "a new logo")],
    )
    b = Profile(
        key=2,
        name="Ben",
        organization_key=5,
        organization="Acme",
        industry="publishing ",
        city="LYON",
        acquaintances={7: "Karen", 9: "Zoe"},
        events={31: "Summit", 32: "Gala"},
        offers=[Item("b1", "graphiste freelance")],
    )
    found = common_ground(a, b)
    assert [(c.kind, c.label) for c in found if c.kind != COMPLEMENT] == [
        (ACQUAINTANCE, "Karen"),
        (DIRECT, "Ben"),
        (EVENT, "Summit"),
        (ORGANIZATION, "Acme"),
        (INDUSTRY, "publishing "),
        (CITY, "LYON"),
    ]
    (complement,) = [c for c in found if c.kind == COMPLEMENT]
    assert complement.giver == 1


def test_strangers_have_nothing_in_common() -> None:
    a = Profile(key=1, name="A", city="Paris", topics=[Item(1, "chess")], organization_key=3)
    b = Profile(key=2, name="B", city="Oslo", topics=[Item(2, "surfing")], organization_key=4)
    assert common_ground(a, b) == []


def test_a_shared_introducer_known_to_both_counts_as_a_mutual_acquaintance() -> None:
    a = Profile(key=1, name="A", introduced_by=7, acquaintances={7: "Karen"})
    b = Profile(key=2, name="B", acquaintances={7: "Karen"})
    assert [(c.kind, c.label) for c in common_ground(a, b)] == [(ACQUAINTANCE, "Karen")]


def test_each_need_is_answered_once_and_items_are_capped_per_kind() -> None:
    me = Profile(key=None, name="", topics=[Item(i, f"topic{i} running") for i in range(9)])
    them = Profile(key=1, name="T", topics=[Item(f"t{i}", "marathon") for i in range(9)])
    interests = [c for c in common_ground(me, them, per_kind=3) if c.kind == INTEREST]
    assert len(interests) == 3
    assert len({c.match.need.key for c in interests if c.match}) == 3


def test_questions_follow_the_facts() -> None:
    facts = [
        Fact("project", 1, "Launching a ceramics shop."),
        Fact("need", 2, "Needs a bookkeeper"),
        Fact("interest", 3, "sourdough"),
        Fact("offer", 4, "web design"),
    ]
    plan = plan_questions(facts, role="Potter")
    assert [q.topic for q in plan] == ["launching a ceramics shop", "a bookkeeper", "sourdough"]
    assert len({q.template for q in plan}) == 3
    assert plan[0].template.startswith("project_")


def test_questions_differ_between_people_with_different_facts() -> None:
    plans = {
        tuple(q.template for q in plan_questions([Fact("project", key, text)]))
        for key, text in [(1, "a podcast"), (2, "a novel"), (3, "a bakery"), (4, "an app")]
    }
    assert len(plans) > 1


def test_generic_questions_fill_in_when_little_is_known() -> None:
    plan = plan_questions([])
    assert len(plan) == 3
    assert all(q.template in GENERIC and q.topic == "" for q in plan)
    assert len({q.template for q in plan}) == 3
    role_only = plan_questions([], role="Architect", organization="Atelier Nord")
    assert [q.topic for q in role_only[:2]] == ["Architect", "Atelier Nord"]
    assert role_only[2].template in GENERIC


def test_clean_topic_drops_framing_and_keeps_names() -> None:
    assert clean_topic("Cherche un expert-comptable.") == "un expert-comptable"
    assert clean_topic("Etsy shop") == "Etsy shop"
    assert clean_topic("Launching Etsy shop!") == "launching Etsy shop"
    assert clean_topic("The bakery") == "the bakery"
    assert clean_topic("UX research") == "UX research"


def test_questions_speak_to_the_person_not_about_them() -> None:
    plan = plan_questions(
        [
            Fact("need", 1, "Cherche des bêta-testeurs pour son application"),
            Fact("project", 2, "Opening her second studio"),
        ]
    )
    assert [q.topic for q in plan[:2]] == [
        "opening your second studio",
        "des bêta-testeurs pour votre application",
    ]
    assert clean_topic("A bookkeeper for her studio") == "a bookkeeper for her studio"
