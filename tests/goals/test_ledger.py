"""The giving ledger: favours logged by hand and from follow-ups, balances, ways to help."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.core.errors import InvalidInput, NotFound
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.services import followup_create, followup_done, followup_update
from entregent.goals.choices import FavourSource
from entregent.goals.ledger import (
    balances,
    balances_with_help,
    favour_delete,
    favour_get,
    favour_list,
    favour_log,
    favour_update,
    give_take_per_month,
    ledger_totals,
    person_ledger,
    ways_to_help,
)
from entregent.goals.models import Favour
from entregent.people.choices import FactKind
from entregent.people.models import Fact
from entregent.people.services import person_create

DAY = dt.date(2026, 3, 10)


@pytest.fixture
def erin(alice):
    return person_create(owner=alice, full_name="Erin Okafor")


def test_it_logs_a_favour_by_hand(alice, dana):
    favour = favour_log(
        owner=alice, person=dana, direction="received", kind="advice", occurred_on=DAY, note=" Hi "
    )
    assert (favour.direction, favour.kind, favour.note, favour.source) == (
        "received",
        "advice",
        "Hi",
        "manual",
    )


def test_logging_from_the_same_source_twice_changes_nothing(alice, dana):
    first = favour_log(owner=alice, person=dana, source=FavourSource.SHARE, source_id=7)
    again = favour_log(owner=alice, person=dana, source=FavourSource.SHARE, source_id=7)
    assert again.pk == first.pk
    assert Favour.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("direction", {"direction": "sideways"}),
        ("kind", {"kind": "bribe"}),
        ("source", {"source": "nowhere"}),
        ("occurred_on", {"occurred_on": "yesterday"}),
        ("source_id", {"source_id": -1}),
        ("note", {"note": "x" * 2001}),
    ],
)
def test_it_refuses_bad_input_naming_the_field(alice, dana, field, kwargs):
    with pytest.raises(InvalidInput) as exc:
        favour_log(owner=alice, person=dana, **kwargs)
    assert field in exc.value.errors


def test_it_refuses_another_owners_person(bob, dana):
    with pytest.raises(NotFound):
        favour_log(owner=bob, person=dana)


def test_it_updates_and_deletes_a_favour(alice, dana):
    favour = favour_log(owner=alice, person=dana, occurred_on=DAY)
    favour_update(favour=favour, kind="referral", occurred_on="2026-03-11")
    favour.refresh_from_db()
    assert (favour.kind, favour.occurred_on) == ("referral", dt.date(2026, 3, 11))
    with pytest.raises(InvalidInput):
        favour_update(favour=favour, person=dana)
    favour_delete(favour=favour)
    assert not Favour.objects.exists()


def test_favour_get_hides_another_owners_favour(alice, bob, dana):
    favour = favour_log(owner=alice, person=dana)
    with pytest.raises(NotFound):
        favour_get(owner=bob, pk=favour.pk)
    assert favour_get(owner=alice, pk=favour.pk) == favour


def test_a_share_follow_up_done_logs_an_article_given_once(alice, dana):
    followup = followup_create(
        owner=alice, person=dana, due_on=DAY, kind=FollowUpKind.SHARE, topic="An article on SEO"
    )
    followup_done(followup=followup)
    followup_update(followup=followup, status=FollowUpStatus.DONE)
    (favour,) = Favour.objects.all()
    assert (favour.direction, favour.kind, favour.source, favour.source_id) == (
        "given",
        "article",
        "follow_up",
        followup.pk,
    )
    assert favour.note == "An article on SEO"


def test_another_follow_up_done_logs_no_favour(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=DAY)
    followup_done(followup=followup)
    assert not Favour.objects.exists()


def test_person_ledger_counts_both_ways(alice, dana, erin):
    favour_log(owner=alice, person=dana, direction="given")
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=alice, person=erin, direction="given")
    ledger = person_ledger(owner=alice, person=dana)
    assert (ledger.given, ledger.received, ledger.balance, len(ledger.favours)) == (1, 2, -1, 3)


def test_balances_put_takers_first(alice, bob, dana, erin):
    favour_log(owner=alice, person=erin, direction="given")
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=bob, person=person_create(owner=bob, full_name="B"), direction="received")
    rows = list(balances(owner=alice))
    assert [(r["person_id"], r["net"]) for r in rows] == [(dana.pk, -2), (erin.pk, 1)]
    assert [r["person_id"] for r in balances(owner=alice, takers_only=True)] == [dana.pk]
    totals = ledger_totals(owner=alice)
    assert (totals.given, totals.received, totals.takers) == (1, 2, 1)


def test_ways_to_help_match_their_needs_to_my_offers(alice, dana, erin):
    Fact.objects.create(owner=alice, person=None, kind=FactKind.OFFER, text="logo design")
    Fact.objects.create(owner=alice, person=dana, kind=FactKind.NEED, text="a new logo design")
    Fact.objects.create(owner=alice, person=erin, kind=FactKind.INTEREST, text="sailing")
    found = ways_to_help(owner=alice, people=[dana, erin])
    assert found[dana.pk][0].offer == "logo design"
    assert "logo design" in found[dana.pk][0].text
    assert found[erin.pk][0].text == "Share an article about sailing."


def test_ways_to_help_without_anything_known_ask(alice, dana):
    (only,) = ways_to_help(owner=alice, people=[dana])[dana.pk]
    assert only.text == "Ask what they are working on and how you could help."


def test_balances_with_help_suggest_only_next_to_takers(
    alice, dana, erin, django_assert_max_num_queries
):
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=alice, person=erin, direction="given")
    with django_assert_max_num_queries(4):
        rows = balances_with_help(owner=alice, rows=list(balances(owner=alice)))
    assert [(b.person, b.mostly_taken, bool(b.suggestions)) for b in rows] == [
        (dana, True, True),
        (erin, False, False),
    ]


def test_give_take_per_month_includes_empty_months(alice, dana):
    favour_log(owner=alice, person=dana, direction="given", occurred_on=dt.date(2026, 1, 31))
    favour_log(owner=alice, person=dana, direction="received", occurred_on=dt.date(2026, 3, 1))
    favour_log(owner=alice, person=dana, direction="given", occurred_on=dt.date(2025, 12, 31))
    got = give_take_per_month(owner=alice, months=3, today=DAY)
    assert [(m.month, m.given, m.received) for m in got] == [
        (dt.date(2026, 1, 1), 1, 0),
        (dt.date(2026, 2, 1), 0, 0),
        (dt.date(2026, 3, 1), 0, 1),
    ]
    with pytest.raises(InvalidInput):
        give_take_per_month(owner=alice, months=0)


def test_favour_list_narrows_by_person_and_direction(alice, dana, erin):
    favour_log(owner=alice, person=dana, direction="given")
    favour_log(owner=alice, person=erin, direction="received")
    assert favour_list(owner=alice, person=dana).count() == 1
    assert favour_list(owner=alice, direction="received").get().person == erin
    assert not favour_list(owner=alice, direction="odd").exists()
