"""Insights: each chart's numbers, read from the database, owner by owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.goals.ledger import favour_log
from entregent.goals.services import challenge_start
from entregent.people.models import Person
from entregent.people.services import person_create
from entregent.pipeline.insights import insights_data

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def charts(owner: User) -> dict[str, object]:
    return {c.id: c for c in insights_data(owner=owner, today=TODAY).charts}


def test_growth_counts_each_person_once_in_the_month_first_met(
    alice: User, bob: User, dana: Person
) -> None:
    sam = person_create(owner=alice, full_name="Sam Okafor")
    encounter_log(owner=alice, participants=[dana], occurred_at=at(dt.date(2026, 9, 3)))
    encounter_log(owner=alice, participants=[dana, sam], occurred_at=at(dt.date(2026, 10, 5)))
    encounter_log(owner=alice, participants=[sam], occurred_at=at(dt.date(2026, 11, 2)))
    encounter_log(
        owner=bob,
        participants=[person_create(owner=bob, full_name="Bob Friend")],
        occurred_at=at(dt.date(2026, 10, 5)),
    )
    growth = charts(alice)["insights-growth"]
    rows = {row[0]: row[1] for row in growth.rows}  # type: ignore[attr-defined]
    assert rows["September 2026"] == "1"
    assert rows["October 2026"] == "1"
    assert rows["November 2026"] == "0"
    assert len(growth.rows) == 24  # type: ignore[attr-defined]


def test_interactions_per_week_by_channel(alice: User, dana: Person) -> None:
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    encounter_log(owner=alice, participants=[dana], occurred_at=at(monday), channel="email")
    encounter_log(owner=alice, participants=[dana], occurred_at=at(monday), channel="call")
    encounter_log(owner=alice, participants=[dana], occurred_at=at(TODAY), channel="email")
    chart = charts(alice)["insights-channels"]
    last = chart.rows[-1]  # type: ignore[attr-defined]
    columns = chart.columns  # type: ignore[attr-defined]
    assert last[columns.index("E-mail")] == "2"
    assert last[columns.index("Call")] == "1"


def test_give_and_take_per_month(alice: User, dana: Person) -> None:
    favour_log(owner=alice, person=dana, direction="given", occurred_on=dt.date(2026, 11, 2))
    favour_log(owner=alice, person=dana, direction="given", occurred_on=dt.date(2026, 11, 9))
    favour_log(owner=alice, person=dana, direction="received", occurred_on=dt.date(2026, 10, 9))
    rows = {r[0]: r[1:] for r in charts(alice)["insights-giving"].rows}  # type: ignore[attr-defined]
    assert rows["November 2026"] == ["2", "0"]
    assert rows["October 2026"] == ["0", "1"]


def test_challenge_chart_only_with_a_challenge(alice: User, dana: Person) -> None:
    data = insights_data(owner=alice, today=TODAY)
    assert "insights-challenge" not in {c.id for c in data.charts}
    assert data.missing
    challenge_start(owner=alice, days=30, start_on=TODAY - dt.timedelta(days=4))
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=at(TODAY - dt.timedelta(days=2)),
        meaningful=True,
    )
    chart = charts(alice)["insights-challenge"]
    assert [r[1] for r in chart.rows] == ["0", "0", "1", "0", "0"]  # type: ignore[attr-defined]


def test_empty_account_draws_every_chart_empty(alice: User) -> None:
    data = insights_data(owner=alice, today=TODAY)
    assert all(c.svg.startswith("<svg") for c in data.charts)
    assert all(c.empty for c in data.charts)
    assert all(c.rows == [] for c in data.charts)
