"""Goal progress as plain data, shared by the API and the CLI's --json; the pace guard's words."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entregent.goals.engine import PaceAdvice
from entregent.goals.models import Goal
from entregent.goals.selectors import GoalProgress


def pace_message(pace: PaceAdvice) -> str:
    """The pace guard's kind word, in the active language."""
    if pace.reason == "followups":
        first = _(
            "You met your daily target on several days this week, while overdue follow-ups "
            "went from %(then)s to %(now)s. New people matter less than the ones you already "
            "met: take a slower day and catch up on them."
        ) % {"then": pace.overdue_week_ago, "now": pace.overdue_now}
    else:
        first = _(
            "This week you averaged %(recent).1f a day, far above your usual %(usual).1f. "
            "That pace is hard to keep: it is fine to slow down."
        ) % {"recent": pace.recent_mean, "usual": pace.usual}
    second = ngettext(
        "A sustainable pace could be about %(count)s a day.",
        "A sustainable pace could be about %(count)s a day.",
        pace.suggested_per_day,
    ) % {"count": pace.suggested_per_day}
    return f"{first} {second}"


def goal_json(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "metric": goal.metric,
        "target": goal.target,
        "period": goal.period,
        "challenge_target": goal.challenge_target,
        "start_on": goal.start_on,
        "length_days": goal.length_days,
        "end_on": goal.end_on,
        "archived": goal.archived,
        "created": goal.created,
        "updated": goal.updated,
    }


def progress_json(result: GoalProgress) -> dict[str, Any]:
    """A goal with where it stands (the API's ProgressOut shape)."""
    data: dict[str, Any] = {
        "goal": goal_json(result.goal),
        "available": result.progress is not None,
        "detail": result.unavailable,
    }
    if result.progress is not None:
        fields = dataclasses.asdict(result.progress)
        data.update(fields)
    if result.pace is not None:
        data["pace"] = {**dataclasses.asdict(result.pace), "message": pace_message(result.pace)}
    else:
        data["pace"] = None
    return data
