"""`entregent log`, `entregent encounter …` and `entregent event …`: who you met, where."""

from __future__ import annotations

from typing import Annotated

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


def register(app: typer.Typer) -> None:
    """Mount `log`, `encounter` and `event` on the `entregent` command."""
    app.command(
        "log", help=gettext_lazy("Log an encounter with one or more people."), epilog=EPILOG
    )(log)
    app.add_typer(encounter_app, name="encounter")
    app.add_typer(event_app, name="event")
