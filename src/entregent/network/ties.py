"""Tie strength: how close I am to each person, from what is recorded (pure, no Django).

Six components, each a value from 0 to 1, are weighted and summed into a score from 0 to 1;
the contribution of a component is its weight times its value, so the contributions add up
to the score exactly (which is what the person page shows).

- recency (0.35): the last *meaningful* interaction, halving every 90 days.
- frequency (0.20): meaningful encounters per year over the relationship (at least a year
  is counted, so one meeting last week is not "52 a year"), saturating: 4 a year is 0.5.
- duration (0.10): years since the first encounter, saturating: 2 years is 0.5.
- depth (0.10): the share of encounters in person, by call or video (rather than e-mail,
  message or social) for 60 %, and the share that were meaningful for 40 %.
- reciprocity (0.15): two kinds of evidence combined so that each only adds — who
  initiates (1 when both sides reach out as often, 0 when only one side does; "both"
  counts for each) and favours (more favours count more, and favours both ways count more
  than one way): 1 - (1 - initiation) x (1 - favours).
- mutual connections (0.10): how many other people of my network this person is
  connected to, saturating: 3 is 0.5.

Recency carries most weight, and the past fades: frequency, duration, depth and reciprocity
count in full for a year after the last meaningful exchange, then halve every two more
years of silence (the value shown already includes that fading), so a tie that was close
years ago but silent since drifts to "weak", then "dormant". Mutual connections do not
fade (they are what makes an old tie easy to revive).

Circles follow from the score (thresholds below): inner from 0.65, active from 0.40, weak
from 0.20, dormant under 0.20. "Weak" is the band of moderately weak ties the radar looks
at; a pinned circle is never changed by the computation (the caller keeps it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

INNER = "inner"
ACTIVE = "active"
WEAK = "weak"
DORMANT = "dormant"

# Lowest score of each circle, strongest first; under the last one a tie is dormant.
CIRCLE_THRESHOLDS: tuple[tuple[str, float], ...] = ((INNER, 0.65), (ACTIVE, 0.40), (WEAK, 0.20))

WEIGHTS: Mapping[str, float] = {
    "recency": 0.35,
    "frequency": 0.20,
    "duration": 0.10,
    "depth": 0.10,
    "reciprocity": 0.15,
    "mutual": 0.10,
}
COMPONENTS: tuple[str, ...] = tuple(WEIGHTS)

RECENCY_HALF_LIFE_DAYS = 90.0
FREQUENCY_HALF_PER_YEAR = 4.0
FREQUENCY_MIN_YEARS = 1.0
DURATION_HALF_YEARS = 2.0
MUTUAL_HALF = 3.0
FAVOURS_HALF = 2.0
FADE_AFTER_DAYS = 365.0
FADE_HALF_LIFE_DAYS = 730.0
FADING = ("frequency", "duration", "depth", "reciprocity")
DEPTH_CHANNEL_SHARE = 0.6
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class TieSignals:
    """What is recorded about one person, aggregated (counts and dates)."""

    person_id: int
    encounters: int = 0
    meaningful: int = 0
    # Encounters in person, by call or by video.
    deep: int = 0
    first_at: dt.datetime | None = None
    last_meaningful_at: dt.datetime | None = None
    initiated_me: int = 0
    initiated_them: int = 0
    initiated_mutual: int = 0
    favours_given: int = 0
    favours_received: int = 0
    connections: int = 0


@dataclass(frozen=True)
class TieScore:
    """A person's score, circle and each component's value (0..1) and contribution."""

    person_id: int
    score: float
    circle: str
    values: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)

    def as_components(self) -> dict[str, dict[str, float]]:
        """The stored and shown form: per component, its weight, value and contribution."""
        return {
            name: {
                "weight": WEIGHTS[name],
                "value": self.values[name],
                "contribution": self.contributions[name],
            }
            for name in COMPONENTS
        }


def _saturate(amount: float, half: float) -> float:
    """0 at 0, 0.5 at `half`, towards 1 beyond."""
    if amount <= 0:
        return 0.0
    return amount / (amount + half)


def _days(later: dt.datetime, earlier: dt.datetime) -> float:
    return max(0.0, (later - earlier).total_seconds() / 86400.0)


def recency_value(last: dt.datetime | None, now: dt.datetime) -> float:
    if last is None:
        return 0.0
    return float(0.5 ** (_days(now, last) / RECENCY_HALF_LIFE_DAYS))


def frequency_value(signals: TieSignals, now: dt.datetime) -> float:
    if signals.meaningful <= 0 or signals.first_at is None:
        return 0.0
    years = max(FREQUENCY_MIN_YEARS, _days(now, signals.first_at) / DAYS_PER_YEAR)
    return _saturate(signals.meaningful / years, FREQUENCY_HALF_PER_YEAR)


def duration_value(first: dt.datetime | None, now: dt.datetime) -> float:
    if first is None:
        return 0.0
    return _saturate(_days(now, first) / DAYS_PER_YEAR, DURATION_HALF_YEARS)


def depth_value(signals: TieSignals) -> float:
    if signals.encounters <= 0:
        return 0.0
    deep = min(signals.deep, signals.encounters) / signals.encounters
    meaningful = min(signals.meaningful, signals.encounters) / signals.encounters
    return DEPTH_CHANNEL_SHARE * deep + (1 - DEPTH_CHANNEL_SHARE) * meaningful


def reciprocity_value(signals: TieSignals) -> float:
    initiation = favour = 0.0
    me, them, mutual = signals.initiated_me, signals.initiated_them, signals.initiated_mutual
    known = me + them + mutual
    if known > 0:
        mine = (me + mutual / 2) / known
        theirs = (them + mutual / 2) / known
        initiation = 1.0 - abs(mine - theirs)
    given, received = signals.favours_given, signals.favours_received
    favours = given + received
    if favours > 0:
        balance = 1.0 - abs(given - received) / favours
        favour = _saturate(favours, FAVOURS_HALF) * (0.5 + 0.5 * balance)
    return 1.0 - (1.0 - initiation) * (1.0 - favour)


def fade_factor(last: dt.datetime | None, now: dt.datetime) -> float:
    """How much of the past still counts: 1 for a year after the last meaningful exchange
    (or with none on record), then halving every FADE_HALF_LIFE_DAYS."""
    if last is None:
        return 1.0
    silent = _days(now, last) - FADE_AFTER_DAYS
    return 1.0 if silent <= 0 else float(0.5 ** (silent / FADE_HALF_LIFE_DAYS))


def mutual_value(connections: int) -> float:
    return _saturate(connections, MUTUAL_HALF)


def circle_for(score: float) -> str:
    """The circle a score falls in (see CIRCLE_THRESHOLDS)."""
    for circle, lowest in CIRCLE_THRESHOLDS:
        if score >= lowest:
            return circle
    return DORMANT


def tie_score(signals: TieSignals, *, now: dt.datetime) -> TieScore:
    """Score one person's tie at `now` (an aware datetime when the signals' dates are)."""
    values = {
        "recency": recency_value(signals.last_meaningful_at, now),
        "frequency": frequency_value(signals, now),
        "duration": duration_value(signals.first_at, now),
        "depth": depth_value(signals),
        "reciprocity": reciprocity_value(signals),
        "mutual": mutual_value(signals.connections),
    }
    fade = fade_factor(signals.last_meaningful_at, now)
    for name in FADING:
        values[name] *= fade
    values = {name: round(min(1.0, max(0.0, v)), 4) for name, v in values.items()}
    contributions = {name: round(WEIGHTS[name] * values[name], 4) for name in COMPONENTS}
    # The score is the sum of the rounded contributions, so what is shown adds up.
    score = round(min(1.0, max(0.0, sum(contributions.values()))), 4)
    return TieScore(
        person_id=signals.person_id,
        score=score,
        circle=circle_for(score),
        values=values,
        contributions=contributions,
    )


def tie_scores(signals: Iterable[TieSignals], *, now: dt.datetime) -> dict[int, TieScore]:
    """Score many people at once (person id → score)."""
    return {s.person_id: tie_score(s, now=now) for s in signals}


# The weak-tie radar -------------------------------------------------------------------

# Moderately weak ties are most useful (Rajkumar et al., Science 2022, on LinkedIn job
# mobility): the radar favours the middle of the weak band over its edges.
WEAK_BAND = (CIRCLE_THRESHOLDS[2][1], CIRCLE_THRESHOLDS[1][1])
REVIVE_AFTER_DAYS = 60
REVIVE_FULL_DAYS = 240


def revival_priority(score: float, days_since_contact: float | None) -> float:
    """How worth reviving a weak tie is now (0..1): highest in the middle of the weak band
    and once long enough has passed since the last contact; 0 outside the band or when
    the last contact is recent."""
    low, high = WEAK_BAND
    if not low <= score < high:
        return 0.0
    middle, half_width = (low + high) / 2, (high - low) / 2
    moderate = 1.0 - 0.5 * abs(score - middle) / half_width
    if days_since_contact is None:
        waited = 1.0
    elif days_since_contact < REVIVE_AFTER_DAYS:
        return 0.0
    else:
        waited = min(1.0, 0.5 + 0.5 * days_since_contact / REVIVE_FULL_DAYS)
    return round(moderate * waited, 4)
