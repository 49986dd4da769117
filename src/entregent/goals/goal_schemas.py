"""API shapes of goals, their progress, and a challenge's review."""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import InputSchema, PageOut, PageQuery, text, unchanged
from entregent.goals.choices import ChallengeTarget, GoalMetric, GoalPeriod
from entregent.goals.models import MAX_CHALLENGE_DAYS, MAX_TARGET, Goal

Target = Annotated[int, Field(ge=1, le=MAX_TARGET)]
Days = Annotated[int, Field(ge=1, le=MAX_CHALLENGE_DAYS)]


class GoalOut(Schema):
    id: int
    title: str
    metric: GoalMetric
    target: int = Field(description="Per day, week or month; a challenge's per day or total.")
    period: GoalPeriod
    challenge_target: ChallengeTarget
    start_on: dt.date | None
    length_days: int | None
    end_on: dt.date | None
    archived: bool
    created: dt.datetime
    updated: dt.datetime


class GoalIn(InputSchema):
    title: str = text(Goal, "title", default="")
    metric: GoalMetric
    target: Target
    period: GoalPeriod = GoalPeriod.DAY
    challenge_target: ChallengeTarget = ChallengeTarget.PER_DAY
    start_on: dt.date | None = Field(None, description="A challenge's first day.")
    length_days: Days | None = Field(None, description="A challenge's length in days.")


class GoalPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    title: str = text(Goal, "title", default=None)
    metric: GoalMetric = unchanged()
    target: Target = unchanged()
    period: GoalPeriod = unchanged()
    challenge_target: ChallengeTarget = unchanged()
    start_on: dt.date | None = None
    length_days: Days | None = None
    archived: bool = unchanged()


class ChallengeIn(InputSchema):
    """Start a challenge: `per_day` every day, or a `total` by its end."""

    metric: GoalMetric = GoalMetric.NEW_CONNECTIONS
    per_day: Target | None = None
    total: Target | None = None
    days: Days = 30
    start_on: dt.date | None = Field(None, description="Today when left out.")
    title: str = text(Goal, "title", default="")


class GoalQuery(PageQuery):
    archived: bool = Field(False, description="List archived goals instead of active ones.")


class GoalPage(PageOut):
    items: list[GoalOut]


class DayCountOut(Schema):
    day: dt.date
    count: int
    met: bool


class PaceOut(Schema):
    """The pace guard's kind word: never a block."""

    reason: str = Field(description="fast (far above the usual pace) or followups (left undone).")
    message: str
    recent_mean: float
    usual: float
    overdue_now: int
    overdue_week_ago: int
    suggested_per_day: int


class ProgressOut(Schema):
    goal: GoalOut
    available: bool = Field(description="False when the metric cannot be counted here.")
    detail: str = ""
    today: dt.date | None = None
    today_count: int = 0
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_count: int = 0
    target: int = 0
    left: int = 0
    left_today: int = 0
    met: bool = False
    streak: int = 0
    days_met: int = 0
    days_elapsed: int = 0
    status: str = ""
    series: list[DayCountOut] = []
    pace: PaceOut | None = None


class ReviewOut(Schema):
    """A challenge's review (the same shape as `entregent challenge review --json`)."""

    challenge: dict[str, Any]
    reviewed_until: dt.date
    finished: bool
    days_met: int
    days_elapsed: int
    done: list[dict[str, Any]]
    people_count: int
    people: list[dict[str, Any]]
    lasted: dict[str, dict[str, int]]
    sources: list[dict[str, Any]]
