"""`entregent log`, `entregent encounter …` and `entregent event …`: who you met, where."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    YesOption,
    choice_value,
    console,
    current_user,
    gettext_lazy,
    note,
    paginate,
    parse_date,
    parse_when,
    print_json,
    resolve_event,
    resolve_person,
    show_page,
    success,
)
from entregent.cli.render import (
    encounter_json,
    encounters_table,
    event_json,
    events_table,
    people_table,
    person_json,
    when,
)
from entregent.encounters import selectors, services
from entregent.encounters.choices import EventKind, Initiator

event_app = typer.Typer(
    help=gettext_lazy("Events where you meet people."), epilog=EPILOG, no_args_is_help=True
)
encounter_app = typer.Typer(
    help=gettext_lazy("Encounters already logged."), epilog=EPILOG, no_args_is_help=True
)

EventArg = Annotated[
    str, typer.Argument(metavar="EVENT", help=gettext_lazy("An event's id or name."))
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, max=500, help=gettext_lazy("How many per page (default: the page size).")
    ),
]
PageOption = Annotated[int, typer.Option("--page", min=1, help=gettext_lazy("Which page, from 1."))]


def log(
    *,
    with_: Annotated[
        list[str],
        typer.Option(
            "--with",
            "-w",
            help=gettext_lazy("Who you met: an id or a name (repeatable, at least one)."),
        ),
    ],
    when_: Annotated[
        str | None,
        typer.Option(
            "--when", help=gettext_lazy("YYYY-MM-DD or “YYYY-MM-DD HH:MM” (default: now).")
        ),
    ] = None,
    channel: Annotated[
        str,
        typer.Option(
            "--channel", help=gettext_lazy("in_person, call, video, email, message or social.")
        ),
    ] = "in_person",
    place: Annotated[str, typer.Option("--place", help=gettext_lazy("Where."))] = "",
    event: Annotated[
        str | None, typer.Option("--event", help=gettext_lazy("The event (id or name)."))
    ] = None,
    summary: Annotated[
        str, typer.Option("--summary", help=gettext_lazy("What you talked about."))
    ] = "",
    not_meaningful: Annotated[
        bool,
        typer.Option(
            "--not-meaningful", help=gettext_lazy("A passing contact rather than a real exchange.")
        ),
    ] = False,
    initiated_by: Annotated[
        str, typer.Option("--initiated-by", help=gettext_lazy("me, them or mutual."))
    ] = Initiator.UNKNOWN.value,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    participants = [resolve_person(owner, ref, "participants") for ref in with_]
    encounter = services.encounter_log(
        owner=owner,
        participants=participants,
        occurred_at=parse_when(when_, "occurred_at") if when_ is not None else None,
        channel=choice_value(channel),
        place=place,
        event=resolve_event(owner, event) if event else None,
        summary=summary,
        meaningful=not not_meaningful,
        initiated_by=choice_value(initiated_by),
    )
    encounter = selectors.encounter_get(owner=owner, pk=encounter.pk)
    if as_json:
        print_json(encounter_json(encounter))
        return
    success(
        _("Logged: %(channel)s with %(names)s on %(when)s (id %(id)s).")
        % {
            "channel": encounter.get_channel_display(),
            "names": ", ".join(p.full_name for p in encounter.participants.all()),
            "when": when(encounter.occurred_at),
            "id": encounter.pk,
        }
    )


@encounter_app.command("list", help=gettext_lazy("List encounters, newest first."))
def encounter_list(
    *,
    person: Annotated[
        str, typer.Option("--person", help=gettext_lazy("Only with this person (id or name)."))
    ] = "",
    channel: Annotated[
        str, typer.Option("--channel", help=gettext_lazy("Only through this channel."))
    ] = "",
    event: Annotated[
        str, typer.Option("--event", help=gettext_lazy("Only at this event (id or name)."))
    ] = "",
    limit: LimitOption = None,
    page: PageOption = 1,
    as_json: JsonOption = False,
) -> None:
    from entregent.core.services import ensure_choice
    from entregent.encounters.choices import Channel

    owner = current_user()
    channel = choice_value(channel)
    if channel:
        ensure_choice(channel, Channel, "channel")
    qs = selectors.encounter_list(
        owner=owner,
        person=resolve_person(owner, person) if person.strip() else None,
        channel=channel,
        event=resolve_event(owner, event) if event.strip() else None,
    )
    result = paginate(qs, limit=limit or settings.ENTREGENT_PAGE_SIZE, page=page)
    show_page(
        result,
        as_json=as_json,
        to_json=encounter_json,
        table=encounters_table,
        empty=_("No encounters yet."),
        footer=_("Page %(page)s of %(pages)s (%(count)s encounters)."),
    )


@encounter_app.command("delete", help=gettext_lazy("Delete an encounter."))
def encounter_delete(
    encounter_id: Annotated[
        str, typer.Argument(metavar="ID", help=gettext_lazy("The encounter's id."))
    ],
    yes: YesOption = False,
) -> None:
    encounter = selectors.encounter_get(owner=current_user(), pk=encounter_id)
    if not yes:
        typer.confirm(_("Delete this encounter for good?"), abort=True)
    services.encounter_delete(encounter=encounter)
    success(_("Deleted the encounter."))


# Events ----------------------------------------------------------------------------------

Kind = Annotated[
    str | None,
    typer.Option(
        "--kind", help=gettext_lazy("meetup, conference, coworking, panel, workshop or social.")
    ),
]
Place = Annotated[str | None, typer.Option("--place", help=gettext_lazy("Where."))]
Size = Annotated[int | None, typer.Option("--size", help=gettext_lazy("About how many people."))]
Notes = Annotated[str | None, typer.Option("--notes", help=gettext_lazy("Free notes."))]


@event_app.command("add", help=gettext_lazy("Add an event."))
def event_add(
    *,
    name: Annotated[str, typer.Argument(help=gettext_lazy("The event's name."))],
    date: Annotated[str, typer.Option("--date", help=gettext_lazy("YYYY-MM-DD."))],
    kind: Kind = None,
    place: Place = None,
    size: Size = None,
    notes: Notes = None,
    as_json: JsonOption = False,
) -> None:
    event = services.event_create(
        owner=current_user(),
        name=name,
        date=parse_date(date, "--date"),
        kind=choice_value(kind) if kind else EventKind.MEETUP,
        place=place or "",
        size=size,
        notes=notes or "",
    )
    if as_json:
        print_json(event_json(event))
        return
    success(
        _("Added %(name)s on %(date)s (id %(id)s).")
        % {"name": event.name, "date": when(event.date), "id": event.pk}
    )


@event_app.command("list", help=gettext_lazy("List events, newest first."))
def event_list(
    *,
    q: Annotated[
        str, typer.Option("--q", "-q", help=gettext_lazy("Only names containing this."))
    ] = "",
    kind: Annotated[
        str, typer.Option("--kind", help=gettext_lazy("Only this kind of event."))
    ] = "",
    limit: LimitOption = None,
    page: PageOption = 1,
    as_json: JsonOption = False,
) -> None:
    from entregent.core.services import ensure_choice

    kind = choice_value(kind)
    if kind:
        ensure_choice(kind, EventKind, "kind")
    result = paginate(
        selectors.event_list(owner=current_user(), q=q, kind=kind),
        limit=limit or settings.ENTREGENT_PAGE_SIZE,
        page=page,
    )
    show_page(
        result,
        as_json=as_json,
        to_json=event_json,
        table=events_table,
        empty=_("No events yet."),
        footer=_("Page %(page)s of %(pages)s (%(count)s events)."),
    )


@event_app.command("show", help=gettext_lazy("Show an event and who you met there."))
def event_show(event_ref: EventArg, as_json: JsonOption = False) -> None:
    owner = current_user()
    event = resolve_event(owner, event_ref)
    detail = selectors.event_detail(owner=owner, pk=event.pk)
    # Both outputs show each person's tags: one query for all of them, not one each.
    prefetch_related_objects(detail.people, "tags")
    if as_json:
        print_json(
            {
                **event_json(detail.event),
                "people": [person_json(p) for p in detail.people],
                "encounters": [encounter_json(e) for e in detail.encounters],
            }
        )
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    e = detail.event
    for label, value in (
        (_("Date"), when(e.date)),
        (_("Kind"), str(e.get_kind_display())),
        (_("Place"), e.place),
        (_("Size"), str(e.size) if e.size is not None else ""),
        (_("Notes"), e.notes),
    ):
        if value:
            grid.add_row(label, Text(value))
    console.print(
        Panel(grid, title=Text(e.name, style="bold"), title_align="left", subtitle=f"id {e.pk}")
    )
    if detail.people:
        console.print(people_table(detail.people, title=_("Who you met there")))
    else:
        note(_("No one logged at this event yet: `entregent log --with NAME --event ID`."))
    if detail.encounters:
        console.print(encounters_table(detail.encounters, title=_("Encounters")))


@event_app.command("edit", help=gettext_lazy("Change an event; options left out stay as they are."))
def event_edit(
    *,
    event_ref: EventArg,
    name: Annotated[str | None, typer.Option("--name", help=gettext_lazy("New name."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=gettext_lazy("YYYY-MM-DD."))] = None,
    kind: Kind = None,
    place: Place = None,
    size: Size = None,
    notes: Notes = None,
    as_json: JsonOption = False,
) -> None:
    event = resolve_event(current_user(), event_ref)
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = name
    if date is not None:
        changes["date"] = parse_date(date, "--date")
    if kind is not None:
        changes["kind"] = choice_value(kind)
    if place is not None:
        changes["place"] = place
    if size is not None:
        changes["size"] = size
    if notes is not None:
        changes["notes"] = notes
    if not changes:
        note(_("Nothing to change: give at least one option (see --help)."))
        raise typer.Exit(0)
    event = services.event_update(event=event, **changes)
    if as_json:
        print_json(event_json(event))
        return
    success(_("Saved %(name)s.") % {"name": event.name})


@event_app.command(
    "delete", help=gettext_lazy("Delete an event; its encounters stay, without an event.")
)
def event_delete(event_ref: EventArg, yes: YesOption = False) -> None:
    event = resolve_event(current_user(), event_ref)
    if not yes:
        typer.confirm(_("Delete %(name)s for good?") % {"name": event.name}, abort=True)
    name = event.name
    services.event_delete(event=event)
    success(_("Deleted %(name)s.") % {"name": name})


# Event yield and preparation ---------------------------------------------------------------


def _share(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def _active(value: float | None, too_early: bool = False) -> str:
    return _("too early") if too_early or value is None else _share(value)


@event_app.command(
    "yield",
    help=gettext_lazy(
        "Which events pay off: people met, followed up within 24 hours, still active after "
        "30 and 90 days — for one event, or across events by kind and size."
    ),
)
def event_yield_command(
    event_ref: Annotated[
        str | None,
        typer.Argument(metavar="[EVENT]", help=gettext_lazy("One event's id or name.")),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    from entregent.encounters.yields import event_yield, event_yield_by_kind_and_size

    owner = current_user()
    if event_ref:
        event = resolve_event(owner, event_ref)
        one = event_yield(owner=owner, event=event)
        if as_json:
            print_json({**one.as_dict(), "event": event_json(event)})
            return
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        for label, value in (
            (_("People met"), str(one.people_met)),
            (_("First met there"), str(one.first_met)),
            (_("Already known"), str(one.already_known)),
            (_("Followed up within 24 hours"), _share(one.followed_up_share)),
            (_("Still active after 30 days"), _active(one.active_30_share, one.too_early_30)),
            (_("Still active after 90 days"), _active(one.active_90_share, one.too_early_90)),
        ):
            grid.add_row(label, value)
        console.print(
            Panel(
                grid,
                title=Text(event.name, style="bold"),
                title_align="left",
                subtitle=when(event.date),
            )
        )
        return
    summary = event_yield_by_kind_and_size(owner=owner)
    if as_json:
        print_json(summary.as_dict())
        return
    if not summary.overall.events:
        note(_("No past events attended yet: `entregent event add` and log who you met."))
        return
    for title, groups in (
        (_("By kind"), summary.by_kind),
        (_("By size"), summary.by_size),
    ):
        table = Table(title=title, title_justify="left")
        for header in (
            "",
            _("Events"),
            _("People met per event"),
            _("Followed up within 24 h"),
            _("Active after 30 days"),
            _("Active after 90 days"),
        ):
            table.add_column(header, justify="left" if not header else "right")
        for group in [*groups, summary.overall]:
            table.add_row(
                group.label or _("All events"),
                str(group.events),
                str(group.people_per_event if group.people_per_event is not None else "—"),
                _share(group.followed_up_share),
                _active(group.active_30_share),
                _active(group.active_90_share),
            )
        console.print(table)


@event_app.command(
    "prep",
    help=gettext_lazy(
        "An event's prep list: who you know who is going, who you want to meet, your intro."
    ),
)
def event_prep_command(event_ref: EventArg, as_json: JsonOption = False) -> None:
    from entregent.encounters.planning import event_prep

    owner = current_user()
    prep = event_prep(owner=owner, pk=resolve_event(owner, event_ref).pk)
    if as_json:
        print_json(prep.as_dict())
        return
    e = prep.event
    console.print(Text(f"{e.name} — {when(e.date)}", style="bold"))
    if e.place:
        console.print(Text(e.place))
    console.print(
        Text(_("My introduction: %(intro)s") % {"intro": e.my_intro})
        if e.my_intro
        else Text(_("No introduction yet: `entregent event plan EVENT --intro TEXT`."), style="dim")
    )
    for title, people in (
        (_("Who I know who is going"), prep.going),
        (_("Who I want to meet"), prep.wanted),
    ):
        if not people:
            continue
        table = Table(title=title, title_justify="left")
        table.add_column(_("Name"))
        table.add_column(_("Reminder"))
        for entry in people:
            table.add_row(Text(entry.person.full_name), Text(entry.reminder))
        console.print(table)
    if prep.want_to_meet:
        console.print(Text(_("Also looking for:"), style="bold"))
        for line in prep.want_to_meet:
            console.print(Text(f"• {line}"))
    if not (prep.going or prep.wanted or prep.want_to_meet):
        note(_("Nobody on the list yet: `entregent event plan EVENT --going NAME --want NAME`."))


@event_app.command(
    "plan",
    help=gettext_lazy(
        "Plan an event: whether you go, your one-line intro, who is going, who you want to meet."
    ),
)
def event_plan_command(
    *,
    event_ref: EventArg,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help=gettext_lazy("planned, attended or skipped (none to clear).")
        ),
    ] = None,
    intro: Annotated[
        str | None, typer.Option("--intro", help=gettext_lazy("Your one-line introduction."))
    ] = None,
    going: Annotated[
        list[str] | None,
        typer.Option("--going", help=gettext_lazy("Someone you know who is going (repeatable).")),
    ] = None,
    not_going: Annotated[
        list[str] | None,
        typer.Option("--not-going", help=gettext_lazy("Take someone off the going list.")),
    ] = None,
    want: Annotated[
        list[str] | None,
        typer.Option("--want", help=gettext_lazy("Someone you want to meet there (repeatable).")),
    ] = None,
    unwant: Annotated[
        list[str] | None,
        typer.Option("--unwant", help=gettext_lazy("Take someone off the want-to-meet list.")),
    ] = None,
    looking_for: Annotated[
        str | None,
        typer.Option(
            "--looking-for",
            help=gettext_lazy("Other names or roles to meet, separated by “;” (replaces)."),
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    from entregent.encounters.planning import event_plan, event_prep

    owner = current_user()
    event = resolve_event(owner, event_ref)
    changes: dict[str, Any] = {}
    if status is not None:
        value = choice_value(status)
        changes["attendance"] = "" if value == "none" else value
    if intro is not None:
        changes["my_intro"] = intro
    if looking_for is not None:
        changes["want_to_meet"] = "\n".join(p.strip() for p in looking_for.split(";") if p.strip())
    for adds, removes, field, current in (
        (going, not_going, "expected_people", event.expected_people),
        (want, unwant, "wanted_people", event.wanted_people),
    ):
        if adds or removes:
            people = {p.pk: p for p in current.all()}
            for ref in adds or []:
                person = resolve_person(owner, ref, field)
                people[person.pk] = person
            for ref in removes or []:
                people.pop(resolve_person(owner, ref, field).pk, None)
            changes[field] = list(people.values())
    if not changes:
        note(_("Nothing to change: give at least one option (see --help)."))
        raise typer.Exit(0)
    event_plan(event=event, **changes)
    if as_json:
        print_json(event_prep(owner=owner, pk=event.pk).as_dict())
        return
    success(_("Saved the plan for %(name)s.") % {"name": event.name})


def register(app: typer.Typer) -> None:
    """Mount `log`, `encounter` and `event` on the `entregent` command."""
    app.command(
        "log", help=gettext_lazy("Log an encounter with one or more people."), epilog=EPILOG
    )(log)
    app.add_typer(encounter_app, name="encounter")
    app.add_typer(event_app, name="event")
