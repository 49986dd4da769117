"""`entregent person|org|fact|milestone …` and `entregent connect`: people and what we know."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.conf import settings
from django.utils.translation import gettext as _
from rich.console import Group
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
    print_json,
    resolve_organization,
    resolve_person,
    show_page,
    success,
)
from entregent.cli.render import (
    cells,
    connection_json,
    encounter_json,
    encounters_table,
    fact_json,
    followup_json,
    milestone_json,
    organization_json,
    organizations_table,
    people_table,
    person_full_json,
    person_json,
    table,
    when,
)
from entregent.people import selectors, services
from entregent.people.choices import Circle, ConnectionKind

person_app = typer.Typer(
    help=gettext_lazy("Add, find, show, change and archive people."),
    epilog=EPILOG,
    no_args_is_help=True,
)
org_app = typer.Typer(
    help=gettext_lazy("Organizations people belong to."), epilog=EPILOG, no_args_is_help=True
)
fact_app = typer.Typer(
    help=gettext_lazy("What you learned about a person (or about yourself: “me”)."),
    epilog=EPILOG,
    no_args_is_help=True,
)
milestone_app = typer.Typer(
    help=gettext_lazy("Dates worth marking: birthdays, new jobs, launches."),
    epilog=EPILOG,
    no_args_is_help=True,
)

ME = "me"

PersonArg = Annotated[
    str, typer.Argument(metavar="PERSON", help=gettext_lazy("A person's id or name."))
]
OrgArg = Annotated[
    str, typer.Argument(metavar="ORG", help=gettext_lazy("An organization's id or name."))
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, max=500, help=gettext_lazy("How many per page (default: the page size).")
    ),
]
PageOption = Annotated[int, typer.Option("--page", min=1, help=gettext_lazy("Which page, from 1."))]


# Options shared by `person add` and `person edit`; in `edit` an option left out is unchanged.
Headline = Annotated[str | None, typer.Option("--headline", help=gettext_lazy("Role or headline."))]
Org = Annotated[
    str | None, typer.Option("--org", help=gettext_lazy("Organization name (created if new)."))
]
Emails = Annotated[
    list[str] | None, typer.Option("--email", help=gettext_lazy("An e-mail address (repeatable)."))
]
Phones = Annotated[
    list[str] | None,
    typer.Option(
        "--phone", help=gettext_lazy("A phone number, best with +country code (repeatable).")
    ),
]
Links = Annotated[
    list[str] | None,
    typer.Option("--link", help=gettext_lazy("A web address, e.g. LinkedIn (repeatable).")),
]
City = Annotated[str | None, typer.Option("--city", help=gettext_lazy("City."))]
Language = Annotated[
    str | None, typer.Option("--language", help=gettext_lazy("Their language: en or fr."))
]
Tags = Annotated[list[str] | None, typer.Option("--tag", help=gettext_lazy("A tag (repeatable)."))]
IntroducedBy = Annotated[
    str | None,
    typer.Option(
        "--introduced-by", help=gettext_lazy("Who introduced you (a person's id or name).")
    ),
]
HowWeMet = Annotated[str | None, typer.Option("--how-we-met", help=gettext_lazy("How you met."))]
CircleOpt = Annotated[
    str | None,
    typer.Option(
        "--circle", help=gettext_lazy("inner, active, weak or dormant; setting it pins the circle.")
    ),
]
Notes = Annotated[str | None, typer.Option("--notes", help=gettext_lazy("Free notes."))]
GivenName = Annotated[
    str | None,
    typer.Option("--given-name", help=gettext_lazy("Given name (parsed from the name otherwise).")),
]
FamilyName = Annotated[
    str | None,
    typer.Option(
        "--family-name", help=gettext_lazy("Family name (parsed from the name otherwise).")
    ),
]
Cadence = Annotated[
    int | None, typer.Option("--cadence", help=gettext_lazy("Keep in touch every N days."))
]


def _person_fields(
    owner: Any,
    *,
    headline: str | None,
    org: str | None,
    email: list[str] | None,
    phone: list[str] | None,
    link: list[str] | None,
    city: str | None,
    language: str | None,
    tag: list[str] | None,
    introduced_by: str | None,
    how_we_met: str | None,
    circle: str | None,
    notes: str | None,
    given_name: str | None,
    family_name: str | None,
    cadence: int | None,
) -> dict[str, Any]:
    """The options that were given, as a person service's keyword arguments."""
    fields: dict[str, Any] = {}
    for key, value in (
        ("headline", headline),
        ("organization", org),
        ("city", city),
        ("how_we_met", how_we_met),
        ("notes", notes),
        ("given_name", given_name),
        ("family_name", family_name),
        ("cadence_days", cadence),
        ("emails", email),
        ("phones", phone),
        ("links", link),
        ("tags", tag),
    ):
        if value is not None:
            fields[key] = value
    if language is not None:
        fields["language"] = language.strip().lower()
    if circle is not None:
        fields["circle"] = choice_value(circle)
        fields["circle_pinned"] = True
    if introduced_by is not None:
        fields["introduced_by"] = (
            resolve_person(owner, introduced_by, "introduced_by") if introduced_by.strip() else None
        )
    return fields


# People ----------------------------------------------------------------------------------


@person_app.command("add", help=gettext_lazy("Add a person."))
def person_add(
    *,
    name: Annotated[str, typer.Argument(help=gettext_lazy("Full name, e.g. “Dana Whitfield”."))],
    headline: Headline = None,
    org: Org = None,
    email: Emails = None,
    phone: Phones = None,
    link: Links = None,
    city: City = None,
    language: Language = None,
    tag: Tags = None,
    introduced_by: IntroducedBy = None,
    how_we_met: HowWeMet = None,
    circle: CircleOpt = None,
    notes: Notes = None,
    given_name: GivenName = None,
    family_name: FamilyName = None,
    cadence: Cadence = None,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    fields = _person_fields(
        owner,
        headline=headline,
        org=org,
        email=email,
        phone=phone,
        link=link,
        city=city,
        language=language,
        tag=tag,
        introduced_by=introduced_by,
        how_we_met=how_we_met,
        circle=circle,
        notes=notes,
        given_name=given_name,
        family_name=family_name,
        cadence=cadence,
    )
    person = services.person_create(owner=owner, full_name=name, **fields)
    detail = selectors.person_detail(owner=owner, pk=person.pk)
    if as_json:
        print_json(person_full_json(detail.person))
        return
    success(_("Added %(name)s (id %(id)s).") % {"name": person.full_name, "id": person.pk})


@person_app.command(
    "edit", help=gettext_lazy("Change a person; options left out stay as they are.")
)
def person_edit(
    *,
    person_ref: PersonArg,
    name: Annotated[str | None, typer.Option("--name", help=gettext_lazy("New full name."))] = None,
    headline: Headline = None,
    org: Org = None,
    email: Emails = None,
    phone: Phones = None,
    link: Links = None,
    city: City = None,
    language: Language = None,
    tag: Tags = None,
    introduced_by: IntroducedBy = None,
    how_we_met: HowWeMet = None,
    circle: CircleOpt = None,
    notes: Notes = None,
    given_name: GivenName = None,
    family_name: FamilyName = None,
    cadence: Cadence = None,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    person = resolve_person(owner, person_ref)
    changes = _person_fields(
        owner,
        headline=headline,
        org=org,
        email=email,
        phone=phone,
        link=link,
        city=city,
        language=language,
        tag=tag,
        introduced_by=introduced_by,
        how_we_met=how_we_met,
        circle=circle,
        notes=notes,
        given_name=given_name,
        family_name=family_name,
        cadence=cadence,
    )
    if name is not None:
        changes["full_name"] = name
    if not changes:
        note(_("Nothing to change: give at least one option (see --help)."))
        raise typer.Exit(0)
    person = services.person_update(person=person, **changes)
    if as_json:
        print_json(person_full_json(selectors.person_detail(owner=owner, pk=person.pk).person))
        return
    success(_("Saved %(name)s.") % {"name": person.full_name})


@person_app.command("list", help=gettext_lazy("List people, narrowed by search and filters."))
def person_list(
    *,
    q: Annotated[
        str,
        typer.Option(
            "--q", "-q", help=gettext_lazy("Search names, organizations, tags, facts, notes.")
        ),
    ] = "",
    tag: Annotated[
        str, typer.Option("--tag", help=gettext_lazy("Only people with this tag."))
    ] = "",
    org: Annotated[
        str,
        typer.Option("--org", help=gettext_lazy("Only people of this organization (id or name).")),
    ] = "",
    circle: Annotated[
        str, typer.Option("--circle", help=gettext_lazy("inner, active, weak or dormant."))
    ] = "",
    channel: Annotated[
        str, typer.Option("--channel", help=gettext_lazy("Only people met through this channel."))
    ] = "",
    archived: Annotated[
        bool, typer.Option("--archived", help=gettext_lazy("List archived people instead."))
    ] = False,
    limit: LimitOption = None,
    page: PageOption = 1,
    as_json: JsonOption = False,
) -> None:
    from entregent.core.services import ensure_choice
    from entregent.encounters.choices import Channel

    owner = current_user()
    circle, channel = choice_value(circle), choice_value(channel)
    if circle:
        ensure_choice(circle, Circle, "circle")
    if channel:
        ensure_choice(channel, Channel, "channel")
    filters = selectors.PersonFilters(
        q=q,
        tag=tag.strip(),
        organization=resolve_organization(owner, org, "organization").pk if org.strip() else None,
        circle=circle,
        channel=channel,
        archived=archived,
    )
    result = paginate(
        selectors.person_list(owner=owner, filters=filters),
        limit=limit or settings.ENTREGENT_PAGE_SIZE,
        page=page,
    )
    show_page(
        result,
        as_json=as_json,
        to_json=person_json,
        table=people_table,
        empty=_("No one matches."),
        footer=_("Page %(page)s of %(pages)s (%(count)s people)."),
    )


def _person_panel(detail: selectors.PersonDetail) -> Panel:
    p = detail.person
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows: list[tuple[str, str]] = [
        (_("Role"), p.headline),
        (_("Organization"), p.organization.name if p.organization else ""),
        (_("City"), p.city),
        (_("Language"), p.get_language_display() if p.language else ""),
        (_("E-mail"), ", ".join(e.address for e in p.emails.all())),
        (_("Phone"), ", ".join(ph.number for ph in p.phones.all())),
        (_("Links"), "\n".join(link.url for link in p.links.all())),
        (_("Tags"), ", ".join(t.name for t in p.tags.all())),
        (_("Circle"), str(p.get_circle_display()) + (" 📌" if p.circle_pinned else "")),
        (_("How we met"), p.how_we_met),
        (_("Introduced by"), p.introduced_by.full_name if p.introduced_by else ""),
        (_("Notes"), p.notes),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, Text(value))
    title = Text(p.full_name, style="bold")
    if p.archived:
        title.append(" (" + _("archived") + ")", style="dim")
    return Panel(
        grid, title=title, title_align="left", subtitle=f"id {p.pk}", subtitle_align="right"
    )


@person_app.command(
    "show", help=gettext_lazy("Show a person: facts by kind, encounters, connections, milestones.")
)
def person_show(person_ref: PersonArg, as_json: JsonOption = False) -> None:
    owner = current_user()
    person = resolve_person(owner, person_ref)
    detail = selectors.person_detail(owner=owner, pk=person.pk)
    if as_json:
        print_json(
            {
                "person": person_full_json(detail.person),
                "facts": {
                    kind: [fact_json(f, detail.person) for f in facts]
                    for kind, _label, facts in detail.facts_by_kind
                },
                "encounters": [encounter_json(e) for e in detail.encounters],
                "connections": [connection_json(c, other) for c, other in detail.connections],
                "milestones": [milestone_json(m) for m in detail.milestones],
                "followups": [followup_json(f) for f in detail.followups],
            }
        )
        return
    parts: list[Any] = [_person_panel(detail)]
    if detail.facts_by_kind:
        facts = table(_("Kind"), _("Id"), _("What you learned"), title=_("Facts"))
        for _kind, label, items in detail.facts_by_kind:
            for position, fact in enumerate(items):
                facts.add_row(*cells(label if position == 0 else "", fact.pk, fact.text))
        parts.append(facts)
    if detail.encounters:
        parts.append(encounters_table(detail.encounters, title=_("Encounters")))
    if detail.connections:
        links = table(_("Id"), _("Person"), _("Connection"), _("Note"), title=_("Connections"))
        for connection, other in detail.connections:
            links.add_row(
                *cells(
                    connection.pk, other.full_name, connection.get_kind_display(), connection.note
                )
            )
        parts.append(links)
    if detail.milestones:
        dates = table(
            _("Id"), _("Date"), _("Milestone"), _("Repeats"), _("Note"), title=_("Milestones")
        )
        for m in detail.milestones:
            repeats = _("every year") if m.yearly else _("once")
            dates.add_row(*cells(m.pk, when(m.date), m.get_kind_display(), repeats, m.note))
        parts.append(dates)
    if detail.followups:
        todo = table(_("Due"), _("Kind"), _("Topic"), title=_("Follow-ups"))
        for f in detail.followups:
            todo.add_row(*cells(when(f.due_on), f.get_kind_display(), f.topic))
        parts.append(todo)
    console.print(Group(*parts))


@person_app.command(
    "archive", help=gettext_lazy("Archive a person (they leave lists, keep their history).")
)
def person_archive(
    person_ref: PersonArg,
    undo: Annotated[
        bool, typer.Option("--undo", help=gettext_lazy("Bring an archived person back."))
    ] = False,
) -> None:
    person = resolve_person(current_user(), person_ref)
    services.person_archive(person=person, archived=not undo)
    message = _("Brought back %(name)s.") if undo else _("Archived %(name)s.")
    success(message % {"name": person.full_name})


@person_app.command(
    "delete", help=gettext_lazy("Delete a person and everything recorded only about them.")
)
def person_delete(person_ref: PersonArg, yes: YesOption = False) -> None:
    person = resolve_person(current_user(), person_ref)
    if not yes:
        typer.confirm(_("Delete %(name)s for good?") % {"name": person.full_name}, abort=True)
    name = person.full_name
    services.person_delete(person=person)
    success(_("Deleted %(name)s.") % {"name": name})


# Organizations ---------------------------------------------------------------------------

OrgName = Annotated[str | None, typer.Option("--name", help=gettext_lazy("New name."))]
Domain = Annotated[
    str | None, typer.Option("--domain", help=gettext_lazy("Web domain, e.g. example.org."))
]
Industry = Annotated[str | None, typer.Option("--industry", help=gettext_lazy("Industry."))]


@org_app.command("add", help=gettext_lazy("Add an organization."))
def org_add(
    *,
    name: Annotated[str, typer.Argument(help=gettext_lazy("The organization's name."))],
    domain: Domain = None,
    industry: Industry = None,
    notes: Notes = None,
    as_json: JsonOption = False,
) -> None:
    org = services.organization_create(
        owner=current_user(),
        name=name,
        domain=domain or "",
        industry=industry or "",
        notes=notes or "",
    )
    if as_json:
        print_json(organization_json(org))
        return
    success(_("Added %(name)s (id %(id)s).") % {"name": org.name, "id": org.pk})


@org_app.command("list", help=gettext_lazy("List organizations with how many people each has."))
def org_list(
    *,
    q: Annotated[
        str, typer.Option("--q", "-q", help=gettext_lazy("Only names containing this."))
    ] = "",
    limit: LimitOption = None,
    page: PageOption = 1,
    as_json: JsonOption = False,
) -> None:
    result = paginate(
        selectors.organization_list(owner=current_user(), q=q),
        limit=limit or settings.ENTREGENT_PAGE_SIZE,
        page=page,
    )
    show_page(
        result,
        as_json=as_json,
        to_json=organization_json,
        table=organizations_table,
        empty=_("No organizations yet."),
        footer=_("Page %(page)s of %(pages)s (%(count)s organizations)."),
    )


@org_app.command("show", help=gettext_lazy("Show an organization and its people."))
def org_show(org_ref: OrgArg, as_json: JsonOption = False) -> None:
    owner = current_user()
    org = resolve_organization(owner, org_ref)
    people = list(
        selectors.person_list(owner=owner, filters=selectors.PersonFilters(organization=org.pk))[
            :200
        ]
    )
    if as_json:
        print_json({**organization_json(org), "people": [person_json(p) for p in people]})
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in (
        (_("Domain"), org.domain),
        (_("Industry"), org.industry),
        (_("Notes"), org.notes),
    ):
        if value:
            grid.add_row(label, Text(value))
    console.print(
        Panel(grid, title=Text(org.name, style="bold"), title_align="left", subtitle=f"id {org.pk}")
    )
    if people:
        console.print(people_table(people, title=_("People")))


@org_app.command(
    "edit", help=gettext_lazy("Change an organization; options left out stay as they are.")
)
def org_edit(
    *,
    org_ref: OrgArg,
    name: OrgName = None,
    domain: Domain = None,
    industry: Industry = None,
    notes: Notes = None,
    as_json: JsonOption = False,
) -> None:
    org = resolve_organization(current_user(), org_ref)
    changes = {
        k: v
        for k, v in (("name", name), ("domain", domain), ("industry", industry), ("notes", notes))
        if v is not None
    }
    if not changes:
        note(_("Nothing to change: give at least one option (see --help)."))
        raise typer.Exit(0)
    org = services.organization_update(organization=org, **changes)
    if as_json:
        print_json(organization_json(org))
        return
    success(_("Saved %(name)s.") % {"name": org.name})


@org_app.command(
    "delete", help=gettext_lazy("Delete an organization; its people stay, without one.")
)
def org_delete(org_ref: OrgArg, yes: YesOption = False) -> None:
    org = resolve_organization(current_user(), org_ref)
    if not yes:
        typer.confirm(_("Delete %(name)s for good?") % {"name": org.name}, abort=True)
    name = org.name
    services.organization_delete(organization=org)
    success(_("Deleted %(name)s.") % {"name": name})


# Facts -----------------------------------------------------------------------------------

FactPersonArg = Annotated[
    str,
    typer.Argument(
        metavar="PERSON|me", help=gettext_lazy("A person's id or name, or “me” for yourself.")
    ),
]


@fact_app.command(
    "add",
    help=gettext_lazy(
        "Record a fact. KIND: interest, offer, need, project, personal, talking_point."
    ),
)
def fact_add(
    *,
    person_ref: FactPersonArg,
    kind: Annotated[str, typer.Argument(metavar="KIND", help=gettext_lazy("What kind of fact."))],
    text: Annotated[str, typer.Argument(help=gettext_lazy("What you learned."))],
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    person = None if person_ref.strip().casefold() == ME else resolve_person(owner, person_ref)
    fact = services.fact_create(owner=owner, person=person, kind=choice_value(kind), text=text)
    if as_json:
        print_json(fact_json(fact, person))
        return
    who = person.full_name if person else _("you")
    success(
        _("Noted (%(kind)s) for %(who)s: %(text)s (id %(id)s).")
        % {"kind": fact.get_kind_display(), "who": who, "text": fact.text, "id": fact.pk}
    )


@fact_app.command(
    "list", help=gettext_lazy("List the facts about a person, or about you (“me”), by kind.")
)
def fact_list(person_ref: FactPersonArg, as_json: JsonOption = False) -> None:
    owner = current_user()
    person = None if person_ref.strip().casefold() == ME else resolve_person(owner, person_ref)
    grouped = selectors.facts_grouped(owner=owner, person=person)
    if as_json:
        print_json([fact_json(f, person) for _kind, _label, facts in grouped for f in facts])
        return
    if not grouped:
        note(_("No facts yet."))
        return
    title = person.full_name if person else _("About you")
    result = table(_("Kind"), _("Id"), _("What you learned"), title=title)
    for _kind, label, facts in grouped:
        for position, fact in enumerate(facts):
            result.add_row(*cells(label if position == 0 else "", fact.pk, fact.text))
    console.print(result)


@fact_app.command("edit", help=gettext_lazy("Correct a fact's kind or text."))
def fact_edit(
    *,
    fact_id: Annotated[str, typer.Argument(metavar="ID", help=gettext_lazy("The fact's id."))],
    kind: Annotated[str | None, typer.Option("--kind", help=gettext_lazy("New kind."))] = None,
    text: Annotated[str | None, typer.Option("--text", help=gettext_lazy("New text."))] = None,
    as_json: JsonOption = False,
) -> None:
    fact = selectors.fact_get(owner=current_user(), pk=fact_id)
    fact = services.fact_update(
        fact=fact, kind=choice_value(kind) if kind is not None else None, text=text
    )
    if as_json:
        print_json(fact_json(fact, fact.person))
        return
    success(_("Saved: %(text)s.") % {"text": fact.text})


@fact_app.command("delete", help=gettext_lazy("Forget a fact."))
def fact_delete(
    fact_id: Annotated[str, typer.Argument(metavar="ID", help=gettext_lazy("The fact's id."))],
) -> None:
    fact = selectors.fact_get(owner=current_user(), pk=fact_id)
    text = fact.text
    services.fact_delete(fact=fact)
    success(_("Forgot: %(text)s.") % {"text": text})


# Connections and milestones --------------------------------------------------------------


def connect(
    *,
    a: Annotated[str, typer.Argument(metavar="A", help=gettext_lazy("A person's id or name."))],
    b: Annotated[
        str, typer.Argument(metavar="B", help=gettext_lazy("Another person's id or name."))
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help=gettext_lazy("knows, introduced, colleague, family or met_at_event.")
        ),
    ] = ConnectionKind.KNOWS.value,
    connection_note: Annotated[str, typer.Option("--note", help=gettext_lazy("A note."))] = "",
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    first = resolve_person(owner, a, "from_person")
    second = resolve_person(owner, b, "to_person")
    connection = services.connection_create(
        owner=owner,
        from_person=first,
        to_person=second,
        kind=choice_value(kind),
        note=connection_note,
    )
    if as_json:
        print_json(
            {
                **connection_json(connection, second),
                "from_person": {"id": first.pk, "name": first.full_name},
            }
        )
        return
    success(
        _("Connected %(a)s and %(b)s (%(kind)s, id %(id)s).")
        % {
            "a": first.full_name,
            "b": second.full_name,
            "kind": connection.get_kind_display(),
            "id": connection.pk,
        }
    )


def disconnect(
    connection_id: Annotated[
        str, typer.Argument(metavar="ID", help=gettext_lazy("The connection's id."))
    ],
) -> None:
    connection = selectors.connection_get(owner=current_user(), pk=connection_id)
    services.connection_delete(connection=connection)
    success(
        _("Removed the connection between %(a)s and %(b)s.")
        % {"a": connection.from_person.full_name, "b": connection.to_person.full_name}
    )


@milestone_app.command(
    "add", help=gettext_lazy("Mark a date. KIND: birthday, new_job, launch, anniversary, other.")
)
def milestone_add(
    *,
    person_ref: PersonArg,
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help=gettext_lazy("What kind of milestone."))
    ],
    date: Annotated[str, typer.Argument(metavar="DATE", help=gettext_lazy("YYYY-MM-DD."))],
    yearly: Annotated[
        bool | None,
        typer.Option(
            "--yearly/--once",
            help=gettext_lazy("Repeat every year (default: yes for birthdays and anniversaries)."),
        ),
    ] = None,
    milestone_note: Annotated[str, typer.Option("--note", help=gettext_lazy("A note."))] = "",
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    person = resolve_person(owner, person_ref)
    milestone = services.milestone_create(
        owner=owner,
        person=person,
        kind=choice_value(kind),
        date=parse_date(date, "date"),
        yearly=yearly,
        note=milestone_note,
    )
    if as_json:
        print_json(milestone_json(milestone))
        return
    success(
        _("Marked %(kind)s on %(date)s for %(name)s (id %(id)s).")
        % {
            "kind": milestone.get_kind_display(),
            "date": when(milestone.date),
            "name": person.full_name,
            "id": milestone.pk,
        }
    )


@milestone_app.command("delete", help=gettext_lazy("Remove a milestone."))
def milestone_delete(
    milestone_id: Annotated[
        str, typer.Argument(metavar="ID", help=gettext_lazy("The milestone's id."))
    ],
) -> None:
    milestone = selectors.milestone_get(owner=current_user(), pk=milestone_id)
    services.milestone_delete(milestone=milestone)
    success(_("Removed the milestone."))


def register(app: typer.Typer) -> None:
    """Mount `person`, `org`, `fact`, `milestone`, `connect` and `disconnect`."""
    app.add_typer(person_app, name="person")
    app.add_typer(org_app, name="org")
    app.add_typer(fact_app, name="fact")
    app.add_typer(milestone_app, name="milestone")
    app.command(
        "connect", help=gettext_lazy("Record that two people know each other."), epilog=EPILOG
    )(connect)
    app.command("disconnect", help=gettext_lazy("Remove a connection by its id."), epilog=EPILOG)(
        disconnect
    )
