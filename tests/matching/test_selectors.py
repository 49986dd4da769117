"""Common ground and the brief, read from the database in a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.encounters.services import encounter_log, event_create
from entregent.followups.services import followup_create
from entregent.matching.selectors import QUESTION_TEXTS, common_ground, person_brief
from entregent.people.models import Person
from entregent.people.services import connection_create, fact_create, person_create
from tests.matching.conftest import Network, add_facts


def sentences(items) -> list[str]:
    return [item.sentence for item in items]


def test_common_ground_with_me_gives_evidence_for_each_kind(alice: User, network: Network):
    ground = common_ground(owner=alice, person=network.dana)
    assert ground.first is None
    assert sentences(ground.items) == [
        "Dana Whitfield offers product photography; you need product photos for my Etsy listings.",
        "Dana Whitfield needs a bookkeeper for her studio; you offer bookkeeping for creative freelancers.",
        "You both care about running.",
        "You both know Karen Lee.",
        "Sam Ortiz introduced you to Dana Whitfield.",
        "You were both at Design Meetup.",
    ]
    by_kind = {item.kind: item for item in ground.items}
    assert by_kind["acquaintance"].person_id == network.karen.pk
    assert by_kind["introducer"].person_id == network.sam.pk
    assert by_kind["event"].event_id == network.meetup.pk
    assert by_kind["interest"].matched == ("running ~ marathons",)
    assert all(0 < item.score <= 1 for item in ground.items)


def test_a_french_need_meets_my_english_offer(alice: User, network: Network):
    ground = common_ground(owner=alice, person=network.camille)
    complement = next(item for item in ground.items if item.kind == "complement")
    assert complement.sentence == (
        "Camille Dubois needs un comptable; you offer bookkeeping for creative freelancers."
    )
    assert "comptable ~ bookkeeping" in complement.matched


def test_common_ground_between_two_people(alice: User, network: Network):
    ground = common_ground(owner=alice, person=network.dana, other=network.karen)
    assert sentences(ground.items) == [
        "Karen Lee and Dana Whitfield already know each other.",
        "Karen Lee and Dana Whitfield were both at Design Meetup.",
        "Karen Lee and Dana Whitfield are both based in Portland.",
    ]
    ground = common_ground(owner=alice, person=network.dana, other=network.sam)
    assert "Sam Ortiz and Dana Whitfield both work at Blue Bottle Studio." in sentences(
        ground.items
    )


def test_two_people_with_complementary_facts_and_a_mutual_friend(alice: User, network: Network):
    fact_create(owner=alice, person=network.karen, kind="need", text="Un logo pour mon label")
    fact_create(owner=alice, person=network.camille, kind="offer", text="Logo design")
    ground = common_ground(owner=alice, person=network.karen, other=network.camille)
    assert sentences(ground.items) == [
        "Karen Lee needs un logo pour mon label; Camille Dubois offers logo design.",
        "Camille Dubois and Karen Lee already know each other.",
    ]
    texts = sentences(common_ground(owner=alice, person=network.camille, other=network.dana).items)
    assert "Dana Whitfield and Camille Dubois both know Karen Lee." in texts


def test_nothing_in_common_is_an_empty_list(alice: User):
    stranger = person_create(owner=alice, full_name="Stranger Danger")
    assert common_ground(owner=alice, person=stranger).items == []


def test_another_owners_people_are_not_found(alice: User, bob: User, network: Network):
    bobs = person_create(owner=bob, full_name="Bob's friend")
    with pytest.raises(NotFound):
        common_ground(owner=bob, person=network.dana.pk)
    with pytest.raises(NotFound) as caught:
        common_ground(owner=alice, person=network.dana, other=bobs.pk)
    assert "with" in caught.value.errors
    with pytest.raises(NotFound):
        person_brief(owner=bob, person=network.dana)
    with pytest.raises(NotFound):
        person_brief(owner=alice, person="nonsense")


def test_a_person_compared_with_themselves_is_refused(alice: User, network: Network):
    with pytest.raises(InvalidInput) as caught:
        common_ground(owner=alice, person=network.dana, other=network.dana.pk)
    assert "with" in caught.value.errors


def test_other_owners_rows_never_leak_into_common_ground(alice: User, bob: User, network: Network):
    # Bob has a "Dana" too, with the same interests: none of it reaches Alice's view.
    bobs_dana = person_create(owner=bob, full_name="Dana Whitfield", city="Portland")
    fact_create(owner=bob, person=None, kind="offer", text="Product photography")
    fact_create(owner=bob, person=bobs_dana, kind="need", text="product photos")
    ground = common_ground(owner=alice, person=network.karen)
    assert all("Bob" not in s for s in sentences(ground.items))
    assert sentences(common_ground(owner=bob, person=bobs_dana).items) == [
        "Dana Whitfield needs product photos; you offer product photography."
    ]


def test_the_brief_gathers_facts_encounters_followups_ground_and_questions(
    alice: User, network: Network
):
    followup_create(owner=alice, person=network.dana, due_on=dt.date(2026, 12, 1), topic="Kiln")
    brief = person_brief(owner=alice, person=network.dana)
    assert brief.language == "en"
    assert [kind for kind, _label, _facts in brief.facts_by_kind] == [
        "interest",
        "offer",
        "need",
        "project",
    ]
    assert [e.summary for e in brief.encounters] == ["Talked about kiln prices and the Etsy shop."]
    assert [f.topic for f in brief.followups if f.topic] == ["Kiln"]
    assert brief.common_ground.items
    assert brief.questions == [
        "What has been the hardest part of launching a ceramics line so far?",
        "What would make the biggest difference with a bookkeeper for your studio right now?",
        "What do you enjoy most about running marathons?",
    ]


def test_the_brief_keeps_the_last_five_encounters(alice: User, network: Network):
    for day in range(1, 8):
        encounter_log(
            owner=alice,
            participants=[network.dana],
            occurred_at=dt.datetime(2026, 10, day, 12, tzinfo=dt.UTC),
            summary=f"Chat {day}",
            create_followup=False,
        )
    brief = person_brief(owner=alice, person=network.dana)
    assert [e.summary for e in brief.encounters] == [
        "Talked about kiln prices and the Etsy shop.",
        "Chat 7",
        "Chat 6",
        "Chat 5",
        "Chat 4",
    ]


def test_questions_change_with_what_is_known(alice: User, network: Network):
    first = person_brief(owner=alice, person=network.dana).questions
    add_facts(alice, network.karen, project=["A jazz record"], need=["a booking agent"])
    second = person_brief(owner=alice, person=network.karen).questions
    assert first != second
    assert any("jazz record" in q for q in second), second
    assert len(set(second)) == 3


def test_generic_questions_when_little_is_known(alice: User):
    person = person_create(owner=alice, full_name="Quiet Quinn")
    questions = person_brief(owner=alice, person=person).questions
    assert len(questions) == 3
    assert len(set(questions)) == 3
    assert all("%(" not in q and q.endswith("?") for q in questions)


@pytest.fixture
def french_catalogue(monkeypatch: pytest.MonkeyPatch):
    """The French for the question templates (the lead merges the real catalogue later)."""
    french = {
        "project_excited": "Qu'est-ce qui vous enthousiasme le plus dans %(topic)s ?",
        "need_difference": "Qu'est-ce qui ferait la plus grande différence pour %(topic)s ?",
        "interest_start": "Comment avez-vous découvert %(topic)s ?",
    }
    messages = {}
    for key, text in french.items():
        with translation.override("en"):
            messages[str(QUESTION_TEXTS[key])] = text
    catalogue = trans_real.translation("fr")
    original = catalogue.gettext
    monkeypatch.setattr(
        catalogue, "gettext", lambda message: messages.get(message) or original(message)
    )


def test_a_french_speaking_person_gets_questions_in_french(
    alice: User, network: Network, french_catalogue
):
    brief = person_brief(owner=alice, person=network.camille)
    assert brief.language == "fr"
    assert brief.questions == [
        "Qu'est-ce qui vous enthousiasme le plus dans Refonte de votre site web ?",
        "Qu'est-ce qui ferait la plus grande différence pour un comptable ?",
        "Comment avez-vous découvert le pain au levain ?",
    ]
    # The rest of the brief stays in the reader's language.
    assert translation.get_language() == "en"
    assert brief.common_ground.items[0].sentence.startswith("Camille Dubois needs")


def test_a_person_without_a_language_gets_the_owners(charlie: User, french_catalogue):
    person = person_create(owner=charlie, full_name="Jo Martin")
    fact_create(owner=charlie, person=person, kind="project", text="Un food truck")
    brief = person_brief(owner=charlie, person=person)
    assert brief.language == "fr"


def _grow(owner: User, network: Network, size: int) -> None:
    """More of everything around Dana: people she knows, events, facts, encounters."""
    for n in range(size):
        friend = person_create(owner=owner, full_name=f"Friend {n}", introduced_by=network.dana)
        connection_create(owner=owner, from_person=network.dana, to_person=friend)
        connection_create(owner=owner, from_person=network.karen, to_person=friend)
        event = event_create(owner=owner, name=f"Event {n}", date=dt.date(2026, 1, 1 + n))
        encounter_log(owner=owner, participants=[network.dana, network.karen, friend], event=event)
        fact_create(owner=owner, person=network.dana, kind="interest", text=f"topic {n}")
        fact_create(owner=owner, person=None, kind="need", text=f"need {n}")


@pytest.mark.parametrize("what", ["brief", "mine", "between"])
def test_queries_do_not_grow_with_the_network(
    alice: User, network: Network, django_assert_num_queries, what: str
):
    def read() -> None:
        if what == "brief":
            person_brief(owner=alice, person=network.dana.pk)
        elif what == "mine":
            common_ground(owner=alice, person=network.dana.pk)
        else:
            common_ground(owner=alice, person=network.dana.pk, other=network.karen.pk)

    expected = {"brief": 7, "mine": 5, "between": 6}[what]
    with django_assert_num_queries(expected):
        read()
    _grow(alice, network, 6)
    with django_assert_num_queries(expected):
        read()
    assert Person.objects.filter(owner=alice).count() >= 10


def test_two_people_share_an_interest_in_different_words(alice: User, network: Network):
    fact_create(owner=alice, person=network.karen, kind="personal", text="Court des semi-marathons")
    ground = common_ground(owner=alice, person=network.dana, other=network.karen)
    interest = next(item for item in ground.items if item.kind == "interest")
    assert interest.sentence == "Karen Lee and Dana Whitfield both care about running."
    assert len(interest.fact_ids) == 2
