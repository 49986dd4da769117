"""`entregent goal list|add|show|archive` and `entregent challenge start|status|review`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from rich.table import Table

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    choice_value,
    console,
    current_user,
    gettext_lazy,
    note,
    parse_date,
    print_json,
    safe,
    success,
)
from entregent.core.errors import InvalidInput, NotFound
from entregent.goals.choices import GoalMetric, GoalPeriod
from entregent.goals.models import Goal
from entregent.goals.progress_json import goal_json, pace_message, progress_json
from entregent.goals.review import challenge_review, review_json, review_markdown
from entregent.goals.selectors import GoalProgress, challenge_get, goal_get, goal_list
from entregent.goals.selectors import goal_progress as read_progress
from entregent.goals.services import challenge_start, goal_archive, goal_create

goal_app = typer.Typer(
    help=gettext_lazy(
        "Action goals counted from what you record: list them, add one, see where one "
        "stands, archive one."
    ),
    epilog=EPILOG,
    no_args_is_help=True,
)
challenge_app = typer.Typer(
    help=gettext_lazy(
        "Networking challenges: start one (e.g. one new meaningful connection a day for "
        "30 days), see where it stands, review it."
    ),
    epilog=EPILOG,
    no_args_is_help=True,
)

METRICS = ", ".join(GoalMetric.values)
GoalId = Annotated[int, typer.Argument(metavar="ID", min=1, help=gettext_lazy("The goal's id."))]
MetricOption = Annotated[
    str,
    typer.Option(
        "--metric", help=gettext_lazy("What to count: %(metrics)s.") % {"metrics": METRICS}
    ),
]


def _progress_lines(result: GoalProgress) -> None:
    goal, p = result.goal, result.progress
    console.print(f"[bold]#{goal.pk} {safe(goal)}[/bold] · {safe(goal.get_metric_display())}")
    if p is None:
        note(result.unavailable)
        return
    if goal.is_challenge:
        console.print(
            _("From %(start)s to %(end)s (%(status)s).")
            % {"start": goal.start_on, "end": goal.end_on, "status": p.status}
        )
    if goal.period in {GoalPeriod.WEEK, GoalPeriod.MONTH}:
        console.print(
            _("This period: %(count)s of %(target)s.")
            % {"count": p.period_count, "target": p.target}
        )
    elif goal.is_challenge and goal.challenge_target == "total":
        console.print(
            _("So far: %(count)s of %(target)s.") % {"count": p.period_count, "target": p.target}
        )
    console.print(
        _("Today: %(count)s · left today: %(left)s · streak: %(streak)s")
        % {"count": p.today_count, "left": p.left_today, "streak": p.streak}
    )
    if goal.is_challenge:
        console.print(
            _("Days met: %(met)s of %(days)s.") % {"met": p.days_met, "days": p.days_elapsed}
        )
    if result.pace is not None:
        console.print(f"[yellow]{safe(pace_message(result.pace))}[/yellow]")


@goal_app.command("list", help=gettext_lazy("Goals and challenges with today's progress."))
def goal_list_command(
    *,
    archived: Annotated[
        bool, typer.Option("--archived", help=gettext_lazy("List archived goals instead."))
    ] = False,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    goals = list(goal_list(owner=owner, archived=archived)[:200])
    results = [read_progress(goal=g, with_pace=False) for g in goals]
    if as_json:
        print_json({"count": len(goals), "results": [progress_json(r) for r in results]})
        return
    if not goals:
        note(_("No goals yet. Start one with `entregent challenge start --days 30`."))
        return
    table = Table()
    for column in (_("Id"), _("Goal"), _("What"), _("Today"), _("Left today"), _("Streak")):
        table.add_column(column)
    for r in results:
        p = r.progress
        table.add_row(
            str(r.goal.pk),
            safe(r.goal),
            safe(r.goal.get_metric_display()),
            str(p.today_count) if p else "—",
            str(p.left_today) if p else "—",
            str(p.streak) if p else "—",
        )
    console.print(table)


@goal_app.command("add", help=gettext_lazy("Set a goal: a target per day, week or month."))
def goal_add_command(
    metric: Annotated[
        str,
        typer.Argument(help=gettext_lazy("What to count: %(metrics)s.") % {"metrics": METRICS}),
    ],
    target: Annotated[int, typer.Argument(help=gettext_lazy("How many per period."))],
    *,
    period: Annotated[
        str, typer.Option("--period", help=gettext_lazy("day, week or month."))
    ] = GoalPeriod.DAY,
    title: Annotated[str, typer.Option("--title", help=gettext_lazy("A title."))] = "",
    as_json: JsonOption = False,
) -> None:
    if choice_value(period) == GoalPeriod.CHALLENGE:
        raise InvalidInput.for_field(
            "--period", _("Start a challenge with `entregent challenge start`.")
        )
    goal = goal_create(
        owner=current_user(),
        metric=choice_value(metric),
        target=target,
        period=choice_value(period),
        title=title,
    )
    if as_json:
        print_json(goal_json(goal))
        return
    success(_("Goal #%(id)s set: %(goal)s.") % {"id": goal.pk, "goal": goal})


@goal_app.command("show", help=gettext_lazy("Where a goal stands today."))
def goal_show_command(goal_id: GoalId, *, as_json: JsonOption = False) -> None:
    result = read_progress(goal=goal_get(owner=current_user(), pk=goal_id))
    if as_json:
        print_json(progress_json(result))
        return
    _progress_lines(result)


@goal_app.command("archive", help=gettext_lazy("Archive a goal (or bring it back)."))
def goal_archive_command(
    goal_id: GoalId,
    *,
    restore: Annotated[
        bool, typer.Option("--restore", help=gettext_lazy("Bring an archived goal back."))
    ] = False,
) -> None:
    goal = goal_archive(goal=goal_get(owner=current_user(), pk=goal_id), archived=not restore)
    if restore:
        success(_("Goal #%(id)s restored.") % {"id": goal.pk})
    else:
        success(_("Goal #%(id)s archived.") % {"id": goal.pk})


@challenge_app.command("start", help=gettext_lazy("Start a challenge, today by default."))
def challenge_start_command(
    *,
    days: Annotated[
        int, typer.Option("--days", min=1, help=gettext_lazy("How many days it lasts."))
    ] = 30,
    metric: MetricOption = GoalMetric.NEW_CONNECTIONS,
    per_day: Annotated[
        int | None, typer.Option("--per-day", min=1, help=gettext_lazy("The target every day."))
    ] = None,
    total: Annotated[
        int | None,
        typer.Option("--total", min=1, help=gettext_lazy("A total to reach by the end instead.")),
    ] = None,
    start: Annotated[
        str, typer.Option("--start", help=gettext_lazy("The first day (YYYY-MM-DD)."))
    ] = "",
    title: Annotated[str, typer.Option("--title", help=gettext_lazy("A title."))] = "",
    as_json: JsonOption = False,
) -> None:
    goal = challenge_start(
        owner=current_user(),
        metric=choice_value(metric),
        per_day=per_day,
        total=total,
        days=days,
        start_on=parse_date(start, "--start") if start else None,
        title=title,
    )
    if as_json:
        print_json(goal_json(goal))
        return
    success(
        _("Challenge #%(id)s started: %(goal)s, from %(start)s to %(end)s.")
        % {"id": goal.pk, "goal": goal, "start": goal.start_on, "end": goal.end_on}
    )


def _challenges(owner_goal_id: int | None) -> list[Goal]:
    owner = current_user()
    if owner_goal_id is not None:
        return [challenge_get(owner=owner, pk=owner_goal_id)]
    return [g for g in goal_list(owner=owner)[:200] if g.is_challenge]


ChallengeId = Annotated[
    int | None,
    typer.Argument(
        metavar="[ID]", min=1, help=gettext_lazy("The challenge's id (default: the latest).")
    ),
]


@challenge_app.command("status", help=gettext_lazy("Where your challenges stand today."))
def challenge_status_command(
    challenge_id: ChallengeId = None, *, as_json: JsonOption = False
) -> None:
    results = [read_progress(goal=g) for g in _challenges(challenge_id)]
    if as_json:
        print_json({"count": len(results), "results": [progress_json(r) for r in results]})
        return
    if not results:
        note(_("No challenge yet. Start one with `entregent challenge start --days 30`."))
        return
    for result in results:
        _progress_lines(result)


@challenge_app.command(
    "review", help=gettext_lazy("What a challenge brought: done, met, lasted, sources.")
)
def challenge_review_command(
    challenge_id: ChallengeId = None,
    *,
    as_json: JsonOption = False,
    markdown: Annotated[
        Path | None,
        typer.Option(
            "--markdown", metavar="FILE", help=gettext_lazy("Write the review as Markdown here.")
        ),
    ] = None,
) -> None:
    found = _challenges(challenge_id)
    if not found:
        raise NotFound(_("No challenge yet."))
    review = challenge_review(goal=found[0])
    text = review_markdown(review)
    if markdown is not None:
        try:
            markdown.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InvalidInput.for_field("--markdown", str(exc.strerror or exc)) from None
    if as_json:
        print_json(json.loads(json.dumps(review_json(review), cls=DjangoJSONEncoder)))
        return
    if markdown is not None:
        success(_("Review written to %(file)s.") % {"file": markdown})
        return
    console.print(text, markup=False)


def register(app: typer.Typer) -> None:
    """Mount `goal` and `challenge` on the `entregent` command line."""
    app.add_typer(goal_app, name="goal")
    app.add_typer(challenge_app, name="challenge")
