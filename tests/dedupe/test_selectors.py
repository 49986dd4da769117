"""The engine fed from the database: bounded queries, dismissed pairs, owners apart."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from entregent.dedupe.selectors import candidate_rows, duplicate_candidates
from entregent.dedupe.services import duplicate_dismiss
from entregent.people.services import person_create


def test_candidates_come_from_a_fixed_number_of_queries(alice, dana):
    given = [
        "Ann",
        "Bo",
        "Cy",
        "Di",
        "Ed",
        "Flo",
        "Gus",
        "Hal",
        "Ivy",
        "Jo",
        "Kai",
        "Lou",
        "Max",
        "Nia",
        "Oz",
        "Pia",
        "Quin",
        "Rex",
        "Sue",
        "Ty",
    ]
    for i, name in enumerate(given):
        person_create(owner=alice, full_name=f"{name} Tremblay", emails=[f"p{i}@example.org"])
    person_create(owner=alice, full_name="Dana Whitfeild", emails=["dana@example.org"])
    with CaptureQueriesContext(connection) as queries:
        found = duplicate_candidates(owner=alice, use_cache=False).candidates
    assert len(queries) <= 6
    assert len(found) == 1
    rows = candidate_rows(owner=alice, candidates=found)
    assert rows[0].first.full_name == "Dana Whitfield"
    assert "same e-mail dana@example.org" in rows[0].reasons


def test_a_dismissed_pair_does_not_come_back(alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfield")
    assert len(duplicate_candidates(owner=alice).candidates) == 1
    duplicate_dismiss(owner=alice, person=twin, other=dana)
    assert duplicate_candidates(owner=alice).candidates == []


def test_other_owners_people_are_never_paired(alice, bob, dana):
    person_create(owner=bob, full_name="Dana Whitfield", emails=["dana@example.org"])
    assert duplicate_candidates(owner=alice).candidates == []
    assert duplicate_candidates(owner=bob).candidates == []


def test_the_search_is_cached_until_the_people_change(alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfield")
    first = duplicate_candidates(owner=alice)
    assert len(first.candidates) == 1
    with CaptureQueriesContext(connection) as queries:
        again = duplicate_candidates(owner=alice)
    assert again.candidates == first.candidates
    assert len(queries) == 5  # the version check only
    duplicate_dismiss(owner=alice, person=twin, other=dana)
    assert duplicate_candidates(owner=alice).candidates == []
    person_create(owner=alice, full_name="Dana Whitfeild", emails=["dana@example.org"])
    assert len(duplicate_candidates(owner=alice).candidates) == 2
