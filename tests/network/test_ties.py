"""The tie-strength engine: each component moves the score the right way, within bounds."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from entregent.network import ties
from entregent.network.ties import TieSignals, circle_for, revival_priority, tie_score
from entregent.people.choices import Circle

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def _ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


BASE = TieSignals(
    person_id=1,
    encounters=4,
    meaningful=3,
    deep=2,
    first_at=_ago(400),
    last_meaningful_at=_ago(60),
    initiated_me=2,
    initiated_them=1,
    favours_given=1,
    connections=2,
)


def _score(**changes: object) -> float:
    return tie_score(dataclasses.replace(BASE, **changes), now=NOW).score  # type: ignore[arg-type]


def test_nothing_recorded_scores_zero_and_is_dormant():
    result = tie_score(TieSignals(person_id=7), now=NOW)
    assert result.score == 0.0
    assert result.circle == "dormant"
    assert set(result.contributions) == set(ties.COMPONENTS)


def test_the_weights_add_up_to_one():
    assert sum(ties.WEIGHTS.values()) == pytest.approx(1.0)


def test_the_contributions_add_up_to_the_score():
    result = tie_score(BASE, now=NOW)
    assert sum(result.contributions.values()) == pytest.approx(result.score, abs=1e-9)
    for name in ties.COMPONENTS:
        assert result.contributions[name] == pytest.approx(
            ties.WEIGHTS[name] * result.values[name], abs=1e-4
        )


def test_a_more_recent_exchange_scores_higher():
    assert _score(last_meaningful_at=_ago(5)) > _score() > _score(last_meaningful_at=_ago(300))


def _values(**changes: object) -> dict[str, float]:
    return tie_score(dataclasses.replace(BASE, **changes), now=NOW).values  # type: ignore[arg-type]


def test_more_frequent_exchanges_score_higher():
    assert _score(meaningful=4, deep=3, encounters=5) > _score()
    assert _values(meaningful=8, encounters=8)["frequency"] > _values()["frequency"]


def test_a_longer_relationship_counts_for_more():
    assert _values(first_at=_ago(2000))["duration"] > _values()["duration"]
    assert _score(first_at=_ago(600), meaningful=4, encounters=5) > _score()
    assert _score(first_at=_ago(100)) < _score()


def test_the_past_fades_after_a_year_of_silence():
    recent, silent = _values(), _values(last_meaningful_at=_ago(1000))
    for name in ties.FADING:
        assert silent[name] < recent[name]
    assert silent["mutual"] == recent["mutual"]


def test_deeper_exchanges_score_higher():
    assert _score(deep=4) > _score() > _score(deep=0)
    assert _score(meaningful=4) > _score(meaningful=1)


def test_reaching_out_both_ways_scores_higher_than_one_way():
    assert _score(initiated_me=2, initiated_them=2) > _score()
    assert _score(initiated_me=3, initiated_them=0) < _score()
    assert _score(initiated_mutual=3) > _score(initiated_me=3, initiated_them=0)


def test_favours_both_ways_score_higher():
    assert _score(favours_received=1) > _score()
    assert _score(favours_given=0) < _score()


def test_mutual_connections_score_higher():
    assert _score(connections=10) > _score() > _score(connections=0)


def test_scores_stay_between_zero_and_one():
    strongest = TieSignals(
        person_id=1,
        encounters=10_000,
        meaningful=10_000,
        deep=10_000,
        first_at=_ago(20_000),
        last_meaningful_at=NOW,
        initiated_mutual=500,
        favours_given=500,
        favours_received=500,
        connections=10_000,
    )
    result = tie_score(strongest, now=NOW)
    assert 0.9 < result.score <= 1.0
    assert result.circle == "inner"
    future = tie_score(dataclasses.replace(BASE, last_meaningful_at=NOW + dt.timedelta(1)), now=NOW)
    assert 0.0 <= future.score <= 1.0
    assert all(0.0 <= v <= 1.0 for v in future.values.values())


@pytest.mark.parametrize(
    ("score", "circle"),
    [
        (1.0, "inner"),
        (0.65, "inner"),
        (0.6499, "active"),
        (0.40, "active"),
        (0.3999, "weak"),
        (0.20, "weak"),
        (0.1999, "dormant"),
        (0.0, "dormant"),
    ],
)
def test_circle_thresholds(score: float, circle: str):
    assert circle_for(score) == circle


def test_the_engine_circles_are_the_model_choices():
    assert {ties.INNER, ties.ACTIVE, ties.WEAK, ties.DORMANT} == set(Circle.values)


def test_one_recent_meeting_in_person_is_an_active_tie():
    met = TieSignals(
        person_id=1,
        encounters=1,
        meaningful=1,
        deep=1,
        first_at=_ago(7),
        last_meaningful_at=_ago(7),
    )
    assert tie_score(met, now=NOW).circle == "active"


def test_a_tie_left_silent_for_years_becomes_dormant():
    old = dataclasses.replace(BASE, last_meaningful_at=_ago(1500), first_at=_ago(1600))
    assert tie_score(old, now=NOW).circle == "dormant"


def test_revival_favours_the_middle_of_the_weak_band_and_a_long_silence():
    assert revival_priority(0.30, 200) > revival_priority(0.21, 200)
    assert revival_priority(0.30, 200) > revival_priority(0.39, 200)
    assert revival_priority(0.30, 200) > revival_priority(0.30, 80)
    assert revival_priority(0.30, 10) == 0.0
    assert revival_priority(0.45, 200) == 0.0
    assert revival_priority(0.10, 200) == 0.0
    assert 0.0 < revival_priority(0.30, None) <= 1.0
