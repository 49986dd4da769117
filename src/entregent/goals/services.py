"""Writes of the goals app: set, change, archive and delete goals; start a challenge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.services import ensure_choice, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.goals.choices import ChallengeTarget, GoalMetric, GoalPeriod
from entregent.goals.models import Goal

GOAL_FIELDS = {
    "title",
    "metric",
    "target",
    "period",
    "challenge_target",
    "start_on",
    "length_days",
    "archived",
}


def _check(goal: Goal) -> None:
    ensure_choice(goal.metric, GoalMetric, "metric")
    ensure_choice(goal.period, GoalPeriod, "period")
    ensure_choice(goal.challenge_target, ChallengeTarget, "challenge_target")
    if not goal.is_challenge:
        # Dates belong to challenges only: a plain goal runs every day, week or month.
        goal.start_on = None
        goal.length_days = None
        goal.challenge_target = ChallengeTarget.PER_DAY
    full_clean_or_raise(goal, exclude=["owner"])


@transaction.atomic
def goal_create(
    *,
    owner: User,
    metric: str,
    target: int,
    period: str = GoalPeriod.DAY,
    title: str = "",
    challenge_target: str = ChallengeTarget.PER_DAY,
    start_on: dt.date | None = None,
    length_days: int | None = None,
) -> Goal:
    """Set an action goal: `target` of `metric` per day, week or month; or a challenge
    (`period="challenge"`) from `start_on` for `length_days` days."""
    goal = Goal(
        owner=owner,
        title=clean_text(title),
        metric=metric,
        target=target,
        period=period,
        challenge_target=challenge_target,
        start_on=start_on,
        length_days=length_days,
    )
    _check(goal)
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, **changes: Any) -> Goal:
    """Change a goal's fields; fields left out stay as they are."""
    unknown = set(changes) - GOAL_FIELDS
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    for name, value in changes.items():
        setattr(goal, name, clean_text(value) if name == "title" else value)
    _check(goal)
    goal.save()
    return goal


def goal_archive(*, goal: Goal, archived: bool = True) -> Goal:
    """Archive a goal (it leaves Today and the list; its history stays derivable)."""
    return goal_update(goal=goal, archived=archived)


def goal_delete(*, goal: Goal) -> None:
    """Delete a goal; nothing it counted is touched."""
    goal.delete()


def challenge_start(
    *,
    owner: User,
    metric: str = GoalMetric.NEW_CONNECTIONS,
    per_day: int | None = None,
    total: int | None = None,
    days: int = 30,
    start_on: dt.date | None = None,
    title: str = "",
) -> Goal:
    """Start a challenge, today by default: `per_day` every day for `days` days, or a
    `total` by its end (e.g. one new meaningful connection a day for 30 days)."""
    if total is not None and per_day is not None:
        raise InvalidInput.for_field("total", _("Give a target per day or a total, not both."))
    if total is not None:
        target, mode = total, ChallengeTarget.TOTAL
    else:
        target, mode = (per_day if per_day is not None else 1), ChallengeTarget.PER_DAY
    if not title:
        title = _("%(days)s-day challenge") % {"days": days}
    return goal_create(
        owner=owner,
        metric=metric,
        target=target,
        period=GoalPeriod.CHALLENGE,
        title=title,
        challenge_target=mode,
        start_on=start_on or timezone.localdate(),
        length_days=days,
    )
