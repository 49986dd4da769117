"""Goals pages: the list, a goal to set or change, a goal's progress with its chart and the
pace guard, a challenge's review and its exports, and Today's goals fragment. Thin
adapters over the goals selectors and services."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entregent.core.errors import ApplicationError
from entregent.goals.goal_forms import ChallengeStartForm, GoalForm
from entregent.goals.models import Goal
from entregent.goals.review import challenge_review, review_csv, review_json, review_markdown
from entregent.goals.selectors import GoalProgress, challenge_get, goal_get, goal_list
from entregent.goals.selectors import goal_progress as read_progress
from entregent.goals.selectors import goals_progress as read_goals
from entregent.goals.services import challenge_start, goal_archive, goal_create, goal_update
from entregent.web.charts import Chart, bar_chart
from entregent.web.forms import add_application_error, error_status
from entregent.web.requests import owner_of

CHART_DAYS = 30


def _chart(result: GoalProgress) -> Chart | None:
    """Counts per day: a challenge's days so far, or a plain goal's last 30 days."""
    progress = result.progress
    if progress is None or progress.status == "upcoming":
        return None
    if progress.series:
        days = [(d.day, d.count) for d in progress.series]
    else:
        counts = result.counts or {}
        days = [
            (day, counts.get(day, 0))
            for day in (
                progress.today - dt.timedelta(days=i) for i in range(CHART_DAYS - 1, -1, -1)
            )
        ]
    return bar_chart(
        chart_id=f"goal-{result.goal.pk}-chart",
        title=_("%(goal)s, per day") % {"goal": result.goal},
        description=_("How many were done each day, from %(start)s to %(end)s.")
        % {"start": days[0][0].isoformat(), "end": days[-1][0].isoformat()}
        if days
        else "",
        labels=[day.strftime("%d/%m") for day, _n in days],
        values=[n for _day, n in days],
        label_header=_("Day"),
        value_header=pgettext("actions counted", "Done"),
        empty_message=_("Nothing yet."),
    )


@require_GET
def goal_list_view(request: HttpRequest) -> HttpResponse:
    """Active goals with where they stand, archived ones, and a challenge to start."""
    owner = owner_of(request)
    context = {
        "results": read_goals(owner=owner),
        "archived": list(goal_list(owner=owner, archived=True)[:50]),
        "start_form": ChallengeStartForm(),
    }
    return render(request, "goals/goal_list.html", context)


@require_http_methods(["GET", "POST"])
def goal_create_view(request: HttpRequest) -> HttpResponse:
    """Set a goal or a challenge."""
    status = 200
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                goal = goal_create(owner=owner_of(request), **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
                status = error_status(exc)
            else:
                messages.success(request, _("Goal saved."))
                return redirect("goals:detail", pk=goal.pk)
        else:
            status = 422
    else:
        form = GoalForm(initial={"start_on": timezone.localdate(), "length_days": 30})
    return render(request, "goals/goal_form.html", {"form": form, "editing": None}, status=status)


@require_http_methods(["GET", "POST"])
def goal_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a goal."""
    goal = goal_get(owner=owner_of(request), pk=pk)
    status = 200
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                goal_update(goal=goal, **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
                status = error_status(exc)
                goal = goal_get(owner=owner_of(request), pk=pk)
            else:
                messages.success(request, _("Goal saved."))
                return redirect("goals:detail", pk=goal.pk)
        else:
            status = 422
    else:
        form = GoalForm(initial=GoalForm.initial_for(goal))
    return render(request, "goals/goal_form.html", {"form": form, "editing": goal}, status=status)


@require_GET
def goal_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A goal's progress: today, what is left, the streak, the chart, the pace guard."""
    goal = goal_get(owner=owner_of(request), pk=pk)
    result = read_progress(goal=goal)
    return render(
        request,
        "goals/goal_detail.html",
        {"goal": goal, "result": result, "chart": _chart(result)},
    )


@require_POST
def goal_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a goal, or bring an archived one back."""
    goal = goal_get(owner=owner_of(request), pk=pk)
    goal_archive(goal=goal, archived=not goal.archived)
    messages.success(request, _("Goal archived.") if goal.archived else _("Goal restored."))
    return redirect("goals:list")


@require_POST
def challenge_start_view(request: HttpRequest) -> HttpResponse:
    """Start a challenge today from the quick form of the goals page."""
    form = ChallengeStartForm(request.POST)
    owner = owner_of(request)
    if form.is_valid():
        try:
            goal = challenge_start(owner=owner, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Challenge started. Good luck, and go easy on yourself."))
            return redirect("goals:detail", pk=goal.pk)
    context = {
        "results": read_goals(owner=owner),
        "archived": list(goal_list(owner=owner, archived=True)[:50]),
        "start_form": form,
    }
    return render(request, "goals/goal_list.html", context, status=422)


@require_GET
def challenge_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The challenge's review, printable."""
    goal = challenge_get(owner=owner_of(request), pk=pk)
    review = challenge_review(goal=goal)
    return render(request, "goals/challenge_review.html", {"goal": goal, "review": review})


EXPORTS = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


@require_GET
def challenge_review_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The review as a Markdown report, JSON, or a CSV of the people met."""
    if fmt not in EXPORTS:
        raise Http404
    goal: Goal = challenge_get(owner=owner_of(request), pk=pk)
    review = challenge_review(goal=goal)
    if fmt == "md":
        body = review_markdown(review)
    elif fmt == "json":
        body = json.dumps(review_json(review), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    else:
        body = review_csv(review)
    content_type, ext = EXPORTS[fmt]
    response = HttpResponse(body, content_type=content_type)
    name = f"challenge-{goal.pk}-review.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def today_goals_fragment(request: HttpRequest) -> HttpResponse:
    """Today's slot: what is left for today's goals, and the streaks (htmx fragment)."""
    results = [r for r in read_goals(owner=owner_of(request)) if r.progress is not None]
    running = [r for r in results if r.progress is not None and r.progress.status == "running"]
    return render(request, "goals/partials/today_goals.html", {"results": running})
