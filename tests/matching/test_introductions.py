"""Introductions: suggestions (A's need met by B's offer) and the double opt-in workflow."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import IntegrityError, transaction

from entregent.accounts.models import User
from entregent.core.errors import Conflict, InvalidInput, NotFound
from entregent.dedupe.services import person_merge
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.goals.choices import FavourDirection, FavourKind, FavourSource
from entregent.goals.models import Favour
from entregent.matching import synergies
from entregent.matching.choices import IntroductionStatus as S
from entregent.matching.intro_drafts import ASK_A, ASK_B, INTRODUCE
from entregent.matching.intro_services import (
    intro_accept,
    intro_ask_a,
    intro_ask_b,
    intro_cancel,
    intro_dismiss,
    intro_make,
    intro_record_answer,
)
from entregent.matching.introductions import (
    current_draft,
    introduction_drafts,
    introduction_get,
    introduction_list,
    next_actions,
    suggestions,
    suggestions_for_person,
)
from entregent.matching.models import Introduction
from entregent.people.choices import ConnectionKind
from entregent.people.models import Connection, Person
from entregent.people.services import connection_create, person_create
from tests.matching.conftest import Network, add_facts


@pytest.fixture(autouse=True)
def _fresh_index(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    synergies.clear_cache()
    yield
    synergies.clear_cache()


@pytest.fixture
def sam_books(alice: User, network: Network) -> Person:
    """Sam offers bookkeeping: Dana (a bookkeeper) and Camille (un comptable) need it."""
    add_facts(alice, network.sam, offer=["Bookkeeping and accounting for small studios"])
    return network.sam


def _agreed(owner: User, a: Person, b: Person) -> Introduction:
    intro = intro_accept(owner=owner, person_a=a, person_b=b)
    intro = intro_ask_a(introduction=intro)
    intro = intro_record_answer(introduction=intro, side="a", agreed=True)
    intro = intro_ask_b(introduction=intro)
    return intro_record_answer(introduction=intro, side="b", agreed=True)


# Suggestions -------------------------------------------------------------------------------


def test_suggestions_for_a_person_pair_their_need_with_an_offer(alice, network, sam_books):
    found = suggestions_for_person(owner=alice, person=network.dana)
    assert [(s.person_a, s.person_b) for s in found] == [(network.dana, network.sam)]
    best = found[0]
    assert best.person_a == network.dana
    assert best.person_b == network.sam
    assert "bookkeeper" in best.need.lower()
    assert "Bookkeeping" in best.offer
    assert best.matched
    assert "needs" in best.reason
    assert "offers" in best.reason


def test_suggestions_for_the_one_with_the_offer_list_who_needs_it_in_either_language(
    alice, network, sam_books
):
    found = suggestions_for_person(owner=alice, person=network.sam)
    assert {s.person_a for s in found} == {network.dana, network.camille}
    assert all(s.person_b == network.sam for s in found)


def test_suggestions_across_the_network(alice, network, sam_books):
    found = suggestions(owner=alice)
    assert (network.dana, network.sam) in {(s.person_a, s.person_b) for s in found}
    assert (network.camille, network.sam) in {(s.person_a, s.person_b) for s in found}
    # Karen offers product photos, but no one in the network needs them (only I do).
    assert network.karen not in {s.person_b for s in found}


def test_suggestions_leave_out_connected_introduced_and_dismissed_pairs(alice, network, sam_books):
    connection_create(owner=alice, from_person=network.sam, to_person=network.dana)
    intro_dismiss(owner=alice, person_a=network.camille, person_b=network.sam)
    assert suggestions_for_person(owner=alice, person=network.sam) == []
    assert suggestions(owner=alice) == []


def test_suggestions_skip_archived_people(alice, network, sam_books):
    network.dana.archived = True
    network.dana.save()
    found = suggestions_for_person(owner=alice, person=network.sam)
    assert {s.person_a for s in found} == {network.camille}


def test_suggestions_never_involve_another_users_people(alice, bob, network, sam_books):
    bobs = person_create(owner=bob, full_name="Bob's Accountant")
    add_facts(bob, bobs, offer=["Bookkeeping for studios and freelancers"], need=["bookkeeper"])
    for found in (
        suggestions(owner=alice),
        suggestions_for_person(owner=alice, person=network.dana),
    ):
        assert all(s.person_a.owner_id == alice.pk == s.person_b.owner_id for s in found)
    assert suggestions(owner=bob) == []
    with pytest.raises(NotFound):
        suggestions_for_person(owner=alice, person=bobs.pk)


def test_suggestions_refuse_a_bad_limit(alice, network):
    with pytest.raises(InvalidInput) as caught:
        suggestions(owner=alice, limit=0)
    assert "limit" in caught.value.errors


def test_suggestions_for_a_person_take_bounded_queries(
    alice, network, sam_books, django_assert_max_num_queries
):
    suggestions_for_person(owner=alice, person=network.sam)  # warm the index
    with django_assert_max_num_queries(6):
        suggestions_for_person(owner=alice, person=network.sam)
    with django_assert_max_num_queries(6):
        suggestions(owner=alice)


# The workflow --------------------------------------------------------------------------------


def test_accept_starts_an_introduction_with_the_reason(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    assert intro.status == S.SUGGESTED
    assert "bookkeeper" in intro.need
    assert "Bookkeeping" in intro.offer
    assert "Sam Ortiz offers" in intro.reason
    assert intro.score
    assert intro.score > 0


def test_accept_twice_returns_the_introduction_in_progress(alice, network, sam_books):
    first = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    again = intro_accept(owner=alice, person_a=network.sam, person_b=network.dana)
    assert again.pk == first.pk
    assert Introduction.objects.filter(owner=alice).count() == 1


def test_accept_refuses_the_same_person_twice_and_connected_people(alice, network):
    with pytest.raises(InvalidInput) as caught:
        intro_accept(owner=alice, person_a=network.dana, person_b=network.dana)
    assert "person_b" in caught.value.errors
    with pytest.raises(Conflict):
        intro_accept(owner=alice, person_a=network.dana, person_b=network.karen)


def test_accept_refuses_another_users_person(alice, bob, network):
    bobs = person_create(owner=bob, full_name="Bob's friend")
    with pytest.raises(NotFound):
        intro_accept(owner=alice, person_a=network.dana, person_b=bobs)


def test_the_whole_workflow_connects_them_and_logs_the_favour_on_both(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    intro = intro_ask_a(introduction=intro)
    assert intro.status == S.ASKING_A
    assert intro.asked_a_at
    intro = intro_record_answer(introduction=intro, side="a", agreed=True)
    assert intro.status == S.A_AGREED
    assert intro.a_answered_at
    intro = intro_ask_b(introduction=intro)
    assert intro.status == S.ASKING_B
    assert intro.asked_b_at
    intro = intro_record_answer(introduction=intro, side="b", agreed=True)
    assert intro.status == S.B_AGREED
    assert intro.b_answered_at
    intro = intro_make(introduction=intro)
    assert intro.status == S.MADE
    assert intro.made_at
    assert intro.closed_at
    connection = Connection.objects.get(owner=alice, kind=ConnectionKind.INTRODUCED)
    assert {connection.from_person, connection.to_person} == {network.dana, network.sam}
    favours = Favour.objects.filter(owner=alice, source=FavourSource.INTRODUCTION)
    assert {f.person for f in favours} == {network.dana, network.sam}
    assert all(
        f.direction == FavourDirection.GIVEN
        and f.kind == FavourKind.INTRODUCTION
        and f.source_id == intro.pk
        for f in favours
    )
    check = FollowUp.objects.get(owner=alice, kind=FollowUpKind.INTRO)
    assert check.person == network.dana
    assert "Sam Ortiz" in check.topic


def test_making_it_twice_changes_nothing(alice, network, sam_books):
    intro = intro_make(introduction=_agreed(alice, network.dana, network.sam))
    again = intro_make(introduction=intro)
    assert again.status == S.MADE
    assert again.made_at == intro.made_at
    assert Favour.objects.filter(owner=alice).count() == 2
    assert Connection.objects.filter(owner=alice, kind=ConnectionKind.INTRODUCED).count() == 1
    assert FollowUp.objects.filter(owner=alice, kind=FollowUpKind.INTRO).count() == 1


def test_making_it_keeps_an_existing_introduced_connection(alice, network, sam_books):
    intro = _agreed(alice, network.dana, network.sam)
    Connection.objects.create(
        owner=alice, from_person=network.sam, to_person=network.dana, kind="introduced"
    )
    intro_make(introduction=intro, check_in=False)
    assert Connection.objects.filter(owner=alice, kind="introduced").count() == 1
    assert not FollowUp.objects.filter(owner=alice, kind=FollowUpKind.INTRO).exists()


def test_repeating_a_step_changes_nothing(alice, network, sam_books):
    intro = intro_ask_a(
        introduction=intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    )
    asked = intro.asked_a_at
    assert intro_ask_a(introduction=intro).asked_a_at == asked
    intro = intro_record_answer(introduction=intro, side="a", agreed=True)
    answered = intro.a_answered_at
    again = intro_record_answer(introduction=intro, side="a", agreed=True)
    assert again.status == S.A_AGREED
    assert again.a_answered_at == answered


def test_a_can_answer_without_being_asked_here(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    intro = intro_record_answer(introduction=intro, side="a", agreed=True)
    assert intro.status == S.A_AGREED
    assert intro.asked_a_at is not None


@pytest.mark.parametrize("side", ["a", "b"])
def test_a_no_declines_and_names_who_declined(alice, network, sam_books, side):
    intro = intro_ask_a(
        introduction=intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    )
    if side == "b":
        intro = intro_ask_b(
            introduction=intro_record_answer(introduction=intro, side="a", agreed=True)
        )
    intro = intro_record_answer(introduction=intro, side=side, agreed=False)
    assert intro.status == S.DECLINED
    assert intro.declined_by == side
    assert intro.closed_at
    assert intro_record_answer(introduction=intro, side=side, agreed=False).status == S.DECLINED
    with pytest.raises(Conflict):
        intro_make(introduction=intro)
    assert not Favour.objects.filter(owner=alice).exists()


def test_invalid_transitions_are_refused_naming_the_status(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    with pytest.raises(Conflict) as caught:
        intro_ask_b(introduction=intro)
    assert "To ask" in caught.value.message
    assert caught.value.errors == {"status": ["suggested"]}
    with pytest.raises(Conflict):
        intro_make(introduction=intro)
    with pytest.raises(Conflict):
        intro_record_answer(introduction=intro, side="b", agreed=True)
    with pytest.raises(InvalidInput) as bad:
        intro_record_answer(introduction=intro, side="c", agreed=True)
    assert "side" in bad.value.errors


def test_cancel_closes_an_open_introduction_only(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    intro = intro_cancel(introduction=intro, note="Sam is too busy this month.")
    assert intro.status == S.CANCELLED
    assert intro.closed_at
    assert intro_cancel(introduction=intro).status == S.CANCELLED
    made = intro_make(introduction=_agreed(alice, network.camille, network.sam))
    with pytest.raises(Conflict):
        intro_cancel(introduction=made)


def test_a_new_introduction_can_start_after_a_cancelled_one(alice, network, sam_books):
    first = intro_cancel(
        introduction=intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    )
    second = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    assert second.pk != first.pk
    assert second.status == S.SUGGESTED


def test_dismiss_is_idempotent_and_refused_while_in_progress(alice, network, sam_books):
    first = intro_dismiss(owner=alice, person_a=network.dana, person_b=network.sam)
    assert intro_dismiss(owner=alice, person_a=network.sam, person_b=network.dana).pk == first.pk
    intro_accept(owner=alice, person_a=network.camille, person_b=network.sam)
    with pytest.raises(Conflict):
        intro_dismiss(owner=alice, person_a=network.camille, person_b=network.sam)


def test_the_database_allows_one_open_introduction_per_pair(alice, network):
    Introduction.objects.create(owner=alice, person_a=network.dana, person_b=network.sam)
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.create(owner=alice, person_a=network.sam, person_b=network.dana)
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.create(owner=alice, person_a=network.dana, person_b=network.dana)


# Reads and drafts ----------------------------------------------------------------------------


def test_list_hides_dismissed_and_filters_by_person_and_status(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    intro_dismiss(owner=alice, person_a=network.camille, person_b=network.sam)
    assert list(introduction_list(owner=alice)) == [intro]
    assert list(introduction_list(owner=alice, person=network.camille)) == []
    assert introduction_list(owner=alice, status="dismissed").count() == 1
    with pytest.raises(InvalidInput):
        introduction_list(owner=alice, status="bogus")


def test_get_refuses_another_users_introduction(alice, bob, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    assert introduction_get(owner=alice, pk=intro.pk) == intro
    with pytest.raises(NotFound):
        introduction_get(owner=bob, pk=intro.pk)


def test_drafts_speak_each_persons_language(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.camille, person_b=network.sam)
    drafts = {d.step: d for d in introduction_drafts(owner=alice, introduction=intro)}
    assert drafts[ASK_A].language == "fr"
    assert drafts[ASK_A].body.startswith("Bonjour Camille") or "Camille" in drafts[ASK_A].body
    assert drafts[ASK_B].language == "en"
    assert drafts[ASK_B].body.startswith("Hi Sam,")
    assert "Camille Dubois" in drafts[ASK_B].body
    assert "comptable" in drafts[ASK_B].body
    assert "Alice" in drafts[INTRODUCE].body or alice.username in drafts[INTRODUCE].body
    assert drafts[INTRODUCE].language == "en"
    assert current_draft(list(drafts.values()), intro) == drafts[ASK_A]
    assert next_actions(intro) == ("ask_a", "answer_a", "cancel")


def test_drafts_without_a_match_stay_generic(alice, network):
    intro = intro_accept(owner=alice, person_a=network.sam, person_b=network.camille)
    assert intro.need == ""
    assert intro.reason == ""
    drafts = introduction_drafts(owner=alice, introduction=intro)
    assert all(d.body for d in drafts)


# Merging duplicates ----------------------------------------------------------------------


def test_merging_a_duplicate_moves_their_introductions_to_the_survivor(alice, network, sam_books):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    sam_again = person_create(owner=alice, full_name="Sam Ortiz (work)")
    person_merge(owner=alice, survivor=sam_again, other=network.sam)
    intro.refresh_from_db()
    assert intro.person_b == sam_again
    assert intro.status == S.SUGGESTED


def test_merging_the_two_people_of_an_introduction_drops_it(alice, network, sam_books):
    intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    person_merge(owner=alice, survivor=network.dana, other=network.sam)
    assert not Introduction.objects.filter(owner=alice).exists()


def test_merging_keeps_one_open_introduction_per_pair(alice, network, sam_books):
    intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    sam_again = person_create(owner=alice, full_name="Sam Ortiz (work)")
    intro_accept(owner=alice, person_a=network.dana, person_b=sam_again)
    person_merge(owner=alice, survivor=sam_again, other=network.sam)
    open_ones = Introduction.objects.filter(owner=alice, status__in=["suggested"])
    assert open_ones.count() == 1
    assert open_ones.get().person_b == sam_again
