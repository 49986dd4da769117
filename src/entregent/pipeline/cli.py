"""`entregent pipeline list|add|move|show|next|funnel` and `entregent insights`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.utils import timezone
from django.utils.translation import gettext as _

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
    resolve_organization,
    resolve_person,
    safe,
    success,
)
from entregent.cli.render import cells, ref, table, when
from entregent.core.services import ensure_choice
from entregent.pipeline.choices import OpportunityKind, Stage
from entregent.pipeline.insights import insights_data
from entregent.pipeline.models import Opportunity
from entregent.pipeline.selectors import funnel, next_steps_due, opportunity_get, opportunity_list
from entregent.pipeline.services import (
    opportunity_create,
    opportunity_move,
    referral_followups_plan,
)

pipeline_app = typer.Typer(
    help=gettext_lazy(
        "The opportunity pipeline: dream clients, collaborations, skill swaps, referral "
        "requests and jobs, by stage."
    ),
    epilog=EPILOG,
    no_args_is_help=True,
)

OpportunityArg = Annotated[
    int, typer.Argument(metavar="ID", min=1, help=gettext_lazy("The opportunity's id."))
]
KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help=gettext_lazy("dream-client, collaboration, skill-swap, referral or job."),
        show_default=False,
    ),
]
StageHelp = gettext_lazy("idea, reached-out, replied, call-booked, active, won, lost or no-reply.")


def opportunity_json(opp: Opportunity) -> dict[str, Any]:
    """The same shape as the API's opportunities."""
    return {
        "id": opp.pk,
        "kind": opp.kind,
        "title": opp.title,
        "stage": opp.stage,
        "position": opp.position,
        "organization": ref(opp.organization),
        "people": [{"id": p.pk, "full_name": p.full_name} for p in opp.people.all()],
        "next_step": opp.next_step,
        "next_step_on": opp.next_step_on,
        "notes": opp.notes,
        "asked_person": ref(opp.asked_person, "full_name"),
        "asked_for": opp.asked_for,
        "asked_on": opp.asked_on,
        "referral_outcome": opp.referral_outcome,
        "referral_followup_id": opp.referral_followup_id,
        "created": opp.created,
        "updated": opp.updated,
    }


def _table(opportunities: list[Opportunity], title: str | None = None) -> None:
    out = table(
        _("Id"), _("Kind"), _("Title"), _("Stage"), _("Organization"), _("Next step"), title=title
    )
    for opp in opportunities:
        step = opp.next_step
        if opp.next_step_on:
            step = f"{step} ({when(opp.next_step_on)})".strip()
        out.add_row(
            *cells(
                f"#{opp.pk}",
                opp.get_kind_display(),
                opp.title,
                opp.get_stage_display(),
                opp.organization.name if opp.organization else "",
                step,
            )
        )
    console.print(out)


@pipeline_app.command("list", help=gettext_lazy("Opportunities in board order."))
def pipeline_list(
    *,
    kind: KindOption = None,
    stage: Annotated[
        str | None, typer.Option("--stage", help=StageHelp, show_default=False)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    kind_value = choice_value(kind) if kind else ""
    stage_value = choice_value(stage) if stage else ""
    if kind_value:
        ensure_choice(kind_value, OpportunityKind, "--kind")
    if stage_value:
        ensure_choice(stage_value, Stage, "--stage")
    found = list(opportunity_list(owner=owner, kind=kind_value, stage=stage_value)[:500])
    if as_json:
        print_json({"count": len(found), "results": [opportunity_json(o) for o in found]})
        return
    if not found:
        note(_("No opportunity yet. Add one with `entregent pipeline add TITLE`."))
        return
    _table(found)


@pipeline_app.command("add", help=gettext_lazy("Put an opportunity on its board."))
def pipeline_add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help=gettext_lazy("What it is."))],
    *,
    kind: KindOption = None,
    stage: Annotated[str, typer.Option("--stage", help=StageHelp)] = "idea",
    organization: Annotated[
        str | None,
        typer.Option("--org", help=gettext_lazy("An organization's id or name.")),
    ] = None,
    people: Annotated[
        list[str] | None,
        typer.Option("--person", help=gettext_lazy("A person's id or name (repeatable).")),
    ] = None,
    next_step: Annotated[
        str, typer.Option("--next-step", help=gettext_lazy("The next thing to do."))
    ] = "",
    next_on: Annotated[
        str | None,
        typer.Option("--next-on", metavar="YYYY-MM-DD", help=gettext_lazy("When to do it.")),
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help=gettext_lazy("Notes."))] = "",
    asked: Annotated[
        str | None,
        typer.Option(
            "--asked", help=gettext_lazy("For a referral request: whom you asked (id or name).")
        ),
    ] = None,
    asked_for: Annotated[
        str, typer.Option("--asked-for", help=gettext_lazy("For a referral request: what for."))
    ] = "",
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    opp = opportunity_create(
        owner=owner,
        title=title,
        kind=choice_value(kind) if kind else OpportunityKind.DREAM_CLIENT,
        stage=choice_value(stage),
        organization=resolve_organization(owner, organization, "--org") if organization else None,
        people=[resolve_person(owner, p, "--person") for p in people or []],
        next_step=next_step,
        next_step_on=parse_date(next_on, "--next-on") if next_on else None,
        notes=notes,
        asked_person=resolve_person(owner, asked, "--asked") if asked else None,
        asked_for=asked_for,
    )
    opp = opportunity_get(owner=owner, pk=opp.pk)
    if as_json:
        print_json(opportunity_json(opp))
        return
    success(_("Added #%(id)s “%(title)s”.") % {"id": opp.pk, "title": safe(opp.title)})


@pipeline_app.command("move", help=gettext_lazy("Move an opportunity to a stage."))
def pipeline_move(
    opportunity_id: OpportunityArg,
    stage: Annotated[str, typer.Argument(metavar="STAGE", help=StageHelp)],
    *,
    position: Annotated[
        int | None,
        typer.Option(
            "--position", min=0, help=gettext_lazy("Place in the column, from 0 (default: last).")
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    opp = opportunity_get(owner=owner, pk=opportunity_id)
    opportunity_move(opportunity=opp, stage=choice_value(stage), position=position)
    opp = opportunity_get(owner=owner, pk=opportunity_id)
    if as_json:
        print_json(opportunity_json(opp))
        return
    success(
        _("“%(title)s” moved to %(stage)s.")
        % {"title": safe(opp.title), "stage": opp.get_stage_display()}
    )


@pipeline_app.command("show", help=gettext_lazy("One opportunity, with its stage history."))
def pipeline_show(opportunity_id: OpportunityArg, *, as_json: JsonOption = False) -> None:
    owner = current_user()
    opp = opportunity_get(owner=owner, pk=opportunity_id)
    history = list(opp.stage_changes.order_by("at", "id"))
    if as_json:
        data = opportunity_json(opp)
        data["history"] = [{"from": c.from_stage, "to": c.to_stage, "at": c.at} for c in history]
        print_json(data)
        return
    _table([opp], title=safe(opp.title))
    people = ", ".join(p.full_name for p in opp.people.all())
    if people:
        console.print(cells(_("People: %(names)s") % {"names": people})[0])
    if opp.kind == OpportunityKind.REFERRAL_REQUEST and opp.asked_person:
        console.print(
            cells(
                _("Asked %(name)s for: %(what)s (%(outcome)s)")
                % {
                    "name": opp.asked_person.full_name,
                    "what": opp.asked_for or "—",
                    "outcome": opp.get_referral_outcome_display(),
                }
            )[0]
        )
    out = table(_("When"), _("From"), _("To"), title=_("History"))
    for change in history:
        out.add_row(
            *cells(when(change.at), change.get_from_stage_display(), change.get_to_stage_display())
        )
    console.print(out)
    if opp.notes:
        console.print(cells(opp.notes)[0])


@pipeline_app.command(
    "next", help=gettext_lazy("Next steps due today or overdue (plans referral follow-ups).")
)
def pipeline_next(*, as_json: JsonOption = False) -> None:
    owner = current_user()
    planned = referral_followups_plan(owner=owner)
    due = list(next_steps_due(owner=owner, on=timezone.localdate())[:200])
    if as_json:
        print_json(
            {
                "next_steps": [opportunity_json(o) for o in due],
                "referral_followups_planned": [f.pk for f in planned],
            }
        )
        return
    if planned:
        note(
            _("Planned %(count)s gentle follow-up(s) of unanswered referral requests.")
            % {"count": len(planned)}
        )
    if not due:
        note(_("No next step due."))
        return
    _table(due)


@pipeline_app.command("funnel", help=gettext_lazy("Per kind: pitched → replied → calls → won."))
def pipeline_funnel(*, as_json: JsonOption = False) -> None:
    funnels = funnel(owner=current_user())
    if as_json:
        print_json(
            [
                {
                    "kind": f.kind,
                    "label": f.label,
                    "summary": f.summary,
                    "steps": [{"key": s.key, "label": s.label, "count": s.count} for s in f.steps],
                }
                for f in funnels
            ]
        )
        return
    out = table(_("Kind"), *[s.label for s in funnels[0].steps])
    for f in funnels:
        out.add_row(*cells(f.label, *[s.count for s in f.steps]))
    console.print(out)


def insights(*, as_json: JsonOption = False) -> None:
    """The insights page's charts as tables (or JSON)."""
    data = insights_data(owner=current_user())
    if as_json:
        print_json(data.as_dict())
        return
    for chart in data.charts:
        if chart.empty:
            note(f"{chart.title}: {chart.description}")
            continue
        out = table(*chart.columns, title=safe(chart.title))
        for row in chart.rows:
            out.add_row(*cells(*row))
        console.print(out)
    for missing in data.missing:
        note(missing)


def register(app: typer.Typer) -> None:
    """Mount `pipeline` and `insights` on the `entregent` command line."""
    app.add_typer(pipeline_app, name="pipeline")
    app.command(
        "insights",
        help=gettext_lazy("Charts' data: growth, interactions, challenge, events, funnel, giving."),
    )(insights)
