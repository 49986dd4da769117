"""Merging two people, undoing it exactly, and "not a duplicate"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from entregent.core.errors import Conflict, InvalidInput, NotFound
from entregent.dedupe.choices import MergeStatus
from entregent.dedupe.models import NotDuplicate
from entregent.dedupe.services import (
    duplicate_dismiss,
    merge_undo,
    person_merge,
    person_references,
    row_values,
)
from entregent.encounters.services import encounter_log
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Connection, EmailAddress, Fact, Person, SearchTerm
from entregent.people.services import (
    connection_create,
    fact_create,
    milestone_create,
    person_create,
)


def related_state(*people: Person) -> dict[str, Any]:
    """Every row that points at these people (any app), the people, and their search words."""
    ids = {p.pk for p in people}
    state: dict[str, Any] = {}
    for model, fk in person_references():
        for row in model._default_manager.filter(**{f"{fk.attname}__in": ids}):
            state[f"{model._meta.label}:{row.pk}"] = row_values(row)
    for person in Person.objects.filter(pk__in=ids):
        state[f"person:{person.pk}"] = row_values(person)
    state["terms"] = sorted(
        SearchTerm.objects.filter(person_id__in=ids).values_list("person_id", "term")
    )
    return state


@pytest.fixture
def pair(alice, dana):
    """Dana and her duplicate "Dana W." from a phone import, each with a history."""
    dup = person_create(
        owner=alice,
        full_name="Dana W.",
        city="Lyon",
        notes="From the phone",
        emails=["dana@example.org", "dana.w@studio.example"],
        phones=["+33612345678"],
        links=["https://www.linkedin.com/in/dana-w"],
        tags=["photo", "design"],
    )
    friend = person_create(owner=alice, full_name="Sam Friend", introduced_by=dup)
    fact_create(owner=alice, person=dup, kind="offer", text="product photos")
    fact_create(owner=alice, person=dana, kind="need", text="a printer")
    milestone_create(owner=alice, person=dup, kind="birthday", date=dt.date(1990, 4, 2))
    connection_create(owner=alice, from_person=dana, to_person=dup)
    connection_create(owner=alice, from_person=dup, to_person=friend)
    connection_create(owner=alice, from_person=friend, to_person=dana)
    encounter_log(
        owner=alice,
        participants=[dup, friend],
        occurred_at=timezone.now() - dt.timedelta(days=3),
        summary="Coffee",
    )
    encounter_log(
        owner=alice,
        participants=[dana, dup],
        occurred_at=timezone.now() - dt.timedelta(days=40),
        summary="Both of them?",
    )
    followup_create(owner=alice, person=dup, due_on=dt.date(2030, 1, 1), topic="Send deck")
    duplicate_dismiss(owner=alice, person=dup, other=friend)
    return dana, dup, friend


def test_merge_moves_every_row_to_the_survivor(alice, pair):
    dana, dup, friend = pair
    merge = person_merge(owner=alice, survivor=dana, other=dup, choices={"city": "other"})
    assert not Person.objects.filter(pk=dup.pk).exists()
    dana.refresh_from_db()
    assert dana.city == "Lyon"
    assert dana.notes == "From the phone"
    assert sorted(dana.emails.values_list("address", flat=True)) == [
        "dana.w@studio.example",
        "dana@example.org",
    ]
    assert dana.phones.count() == 1
    assert dana.links.count() == 1
    assert sorted(dana.tags.values_list("name", flat=True)) == ["design", "photo"]
    assert set(Fact.objects.filter(person=dana).values_list("text", flat=True)) == {
        "product photos",
        "a printer",
    }
    assert dana.milestones.count() == 1
    assert dana.encounters.count() == 2
    assert FollowUp.objects.filter(person=dana, topic="Send deck").exists()
    friend.refresh_from_db()
    assert friend.introduced_by_id == dana.pk
    # The connection between the two is dropped; dup→friend duplicates friend→dana.
    assert list(Connection.objects.filter(owner=alice).values_list("from_person", "to_person")) == [
        (friend.pk, dana.pk)
    ]
    assert NotDuplicate.objects.get(owner=alice).person_a_id in {dana.pk, friend.pk}
    assert dana.last_interaction_at is not None
    assert SearchTerm.objects.filter(person=dana, term="lyon").exists()
    assert merge.status == MergeStatus.MERGED
    assert merge.other_name == "Dana W."


def test_undo_restores_both_people_and_every_row_exactly(alice, pair):
    dana, dup, friend = pair
    before = related_state(dana, dup, friend)
    merge = person_merge(
        owner=alice, survivor=dana, other=dup, choices={"name": "other", "notes": "both"}
    )
    assert related_state(dana, dup, friend) != before
    merge_undo(merge=merge)
    assert related_state(dana, dup, friend) == before
    merge.refresh_from_db()
    assert merge.status == MergeStatus.UNDONE


def test_undo_twice_is_refused(alice, pair):
    dana, dup, _friend = pair
    merge = person_merge(owner=alice, survivor=dana, other=dup)
    merge_undo(merge=merge)
    with pytest.raises(Conflict):
        merge_undo(merge=merge)


def test_undo_is_refused_once_the_survivor_was_merged_again(alice, pair):
    dana, dup, friend = pair
    first = person_merge(owner=alice, survivor=dana, other=dup)
    second = person_merge(owner=alice, survivor=friend, other=dana)
    with pytest.raises(Conflict) as caught:
        merge_undo(merge=first)
    assert "undo that merge first" in caught.value.message
    merge_undo(merge=second)
    merge_undo(merge=first)
    assert Person.objects.filter(pk__in=[dana.pk, dup.pk, friend.pk]).count() == 3


def test_choices_name_the_wrong_field(alice, pair):
    dana, dup, _friend = pair
    with pytest.raises(InvalidInput) as caught:
        person_merge(owner=alice, survivor=dana, other=dup, choices={"shoe_size": "other"})
    assert "choices" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        person_merge(owner=alice, survivor=dana, other=dup, choices={"city": "both"})
    assert "city" in caught.value.errors
    assert Person.objects.filter(pk=dup.pk).exists()


def test_a_person_cannot_be_merged_with_themselves(alice, dana):
    with pytest.raises(InvalidInput):
        person_merge(owner=alice, survivor=dana, other=dana)


def test_another_owners_person_cannot_be_merged(alice, bob, dana):
    stranger = person_create(owner=bob, full_name="Dana Whitfield")
    with pytest.raises(NotFound):
        person_merge(owner=alice, survivor=dana, other=stranger)
    with pytest.raises(NotFound):
        duplicate_dismiss(owner=alice, person=dana, other=stranger)
    assert Person.objects.filter(pk=stranger.pk).exists()


def test_merge_keeps_only_one_copy_of_a_shared_email(alice, dana):
    dup = person_create(owner=alice, full_name="Dana Whitfield", emails=["dana@example.org"])
    person_merge(owner=alice, survivor=dana, other=dup)
    assert EmailAddress.objects.filter(owner=alice, address="dana@example.org").count() == 1


def test_dismissing_a_pair_twice_keeps_one_row(alice, dana):
    other = person_create(owner=alice, full_name="Dana Whitfield")
    duplicate_dismiss(owner=alice, person=dana, other=other)
    duplicate_dismiss(owner=alice, person=other, other=dana)
    assert NotDuplicate.objects.filter(owner=alice).count() == 1


def test_kept_fields_and_import_keys_of_imports_move_and_come_back(alice, dana):
    from entregent.exchange.models import ImportKey, KeptField

    dup = person_create(owner=alice, full_name="Dana W.")
    KeptField.objects.create(
        owner=alice, person=dup, source_format="vcard", name="X-ABLabel", value="studio"
    )
    ImportKey.objects.create(owner=alice, person=dup, key="urn:uuid:dana-phone")
    before = related_state(dana, dup)
    merge = person_merge(owner=alice, survivor=dana, other=dup)
    assert KeptField.objects.get(owner=alice).person_id == dana.pk
    assert ImportKey.objects.get(owner=alice).person_id == dana.pk
    merge_undo(merge=merge)
    assert related_state(dana, dup) == before
    assert ImportKey.objects.get(owner=alice).person_id == dup.pk


def test_a_survivor_introduced_by_the_other_is_no_longer_introduced_by_themselves(alice, dana):
    dup = person_create(owner=alice, full_name="Dana W.")
    dana.introduced_by = dup
    dana.save()
    person_merge(owner=alice, survivor=dana, other=dup, choices={"introduced_by": "survivor"})
    dana.refresh_from_db()
    assert dana.introduced_by_id is None
