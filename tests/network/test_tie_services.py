"""Tie strength computed and stored for an owner's people: aggregate signals, bulk writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.goals.models import Favour
from entregent.network.models import TieStrength
from entregent.network.selectors import tie_signals, tie_strengths
from entregent.network.services import tie_recompute, ties_ensure_fresh
from entregent.network.ties import TieSignals, tie_score
from entregent.people.models import Connection, Person
from entregent.people.services import person_create

NOW = timezone.now()


def _ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def _fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


@pytest.fixture
def world(alice: User) -> dict[str, Person]:
    close = person_create(owner=alice, full_name="Close Friend")
    faded = person_create(owner=alice, full_name="Faded Colleague")
    new = person_create(owner=alice, full_name="Just Added")
    for i, days in enumerate((3, 20, 45, 70, 100, 130, 160, 200, 250, 300, 400, 700)):
        encounter_log(
            owner=alice,
            participants=[close],
            occurred_at=_ago(days),
            channel="in_person",
            initiated_by="them" if i % 2 else "me",
        )
    encounter_log(owner=alice, participants=[faded], occurred_at=_ago(900), channel="email")
    Connection.objects.create(owner=alice, from_person=close, to_person=faded)
    Favour.objects.create(owner=alice, person=close, direction="received", occurred_on=NOW.date())
    return {"close": close, "faded": faded, "new": new}


def test_the_signals_come_from_encounters_favours_and_connections(alice, world):
    signals = tie_signals(owner=alice)
    close = signals[world["close"].pk]
    assert close.encounters == 12
    assert close.meaningful == 12
    assert close.deep == 12
    assert close.initiated_me == 6
    assert close.initiated_them == 6
    assert close.favours_received == 1
    assert close.connections == 1
    assert signals[world["faded"].pk].connections == 1
    assert world["new"].pk not in signals


def test_recompute_stores_one_score_per_person(alice, world):
    result = tie_recompute(owner=alice, now=NOW)
    assert result.scored == 3
    scores = tie_strengths(owner=alice)
    assert scores[world["close"].pk] > scores[world["faded"].pk] > scores[world["new"].pk] - 1e-9
    assert all(0.0 <= s <= 1.0 for s in scores.values())


def test_bulk_compute_matches_one_by_one(alice, world):
    tie_recompute(owner=alice, now=NOW)
    bulk = tie_strengths(owner=alice)
    for person in world.values():
        one = tie_signals(owner=alice, person_ids=[person.pk]).get(
            person.pk, TieSignals(person_id=person.pk)
        )
        assert tie_score(one, now=NOW).score == pytest.approx(bulk[person.pk])


def test_recompute_moves_unpinned_circles_and_their_check_in(alice, world):
    faded = world["faded"]
    before = _fresh(faded)
    assert before.circle == "active"
    tie_recompute(owner=alice, apply_circles=True, now=NOW)
    after = _fresh(faded)
    assert after.circle == "dormant"
    assert after.next_check_in != before.next_check_in
    assert _fresh(world["close"]).circle == "inner"
    # Nothing recorded about a person: no evidence to move their circle.
    assert _fresh(world["new"]).circle == "active"


def test_a_pinned_circle_is_never_moved(alice, world):
    Person.objects.filter(pk=world["faded"].pk).update(circle="inner", circle_pinned=True)
    tie_recompute(owner=alice, apply_circles=True, now=NOW)
    assert _fresh(world["faded"]).circle == "inner"
    assert TieStrength.objects.get(person=world["faded"]).circle == "dormant"


def test_logging_an_encounter_refreshes_that_persons_score(alice, world):
    tie_recompute(owner=alice, now=NOW)
    before = tie_strengths(owner=alice)[world["faded"].pk]
    encounter_log(owner=alice, participants=[world["faded"]], channel="in_person")
    assert tie_strengths(owner=alice)[world["faded"].pk] > before


def test_tie_strengths_computes_on_first_use(alice, world):
    TieStrength.objects.all().delete()
    assert len(tie_strengths(owner=alice)) == 3


def test_recompute_uses_a_fixed_number_of_queries(alice, django_assert_max_num_queries):
    def grow(n: int) -> None:
        people = [
            person_create(owner=alice, full_name=f"P {len(people_made) + i}") for i in range(n)
        ]
        people_made.extend(people)
        for i, person in enumerate(people):
            encounter_log(owner=alice, participants=[person], occurred_at=_ago(10 + i))

    people_made: list[Person] = []
    grow(3)
    with django_assert_max_num_queries(12) as few:
        tie_recompute(owner=alice, apply_circles=True, now=NOW)
    grow(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        tie_recompute(owner=alice, apply_circles=True, now=NOW)


def test_bobs_encounters_and_people_never_count_for_alice(alice, bob, world):
    bobs = person_create(owner=bob, full_name="Bob's friend")
    encounter_log(owner=bob, participants=[bobs], channel="in_person")
    tie_recompute(owner=alice, now=NOW)
    tie_recompute(owner=bob, now=NOW)
    assert bobs.pk not in tie_strengths(owner=alice)
    assert set(tie_strengths(owner=bob)) == {bobs.pk}
    assert bobs.pk not in tie_signals(owner=alice)


def test_ensure_fresh_recomputes_only_when_a_day_old(alice, world):
    def computed() -> set[dt.datetime]:
        return set(TieStrength.objects.filter(owner=alice).values_list("computed_at", flat=True))

    later = NOW + dt.timedelta(days=2)
    assert ties_ensure_fresh(owner=alice, now=later)
    assert computed() == {later}
    assert ties_ensure_fresh(owner=alice, now=later + dt.timedelta(hours=2))
    assert computed() == {later}
    assert ties_ensure_fresh(owner=alice, now=later + dt.timedelta(days=2))
    assert computed() == {later + dt.timedelta(days=2)}


def test_logging_a_favour_refreshes_that_persons_score(alice, world):
    from entregent.goals.ledger import favour_delete, favour_log

    tie_recompute(owner=alice, now=NOW)
    before = tie_strengths(owner=alice)[world["faded"].pk]
    favour = favour_log(owner=alice, person=world["faded"], direction="received")
    assert tie_strengths(owner=alice)[world["faded"].pk] > before
    favour_delete(favour=favour)
    assert tie_strengths(owner=alice)[world["faded"].pk] == pytest.approx(before, abs=0.01)


def test_a_large_network_is_not_recomputed_while_a_page_waits(alice, world):
    later = NOW + dt.timedelta(days=2)
    assert ties_ensure_fresh(owner=alice, now=later, max_people=2) is False
    assert ties_ensure_fresh(owner=alice, now=later, max_people=3) is True
