"""`entregent favour …`: the giving ledger on the command line."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.conf import settings
from django.utils.translation import gettext as _
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
    resolve_person,
    show_page,
    success,
)
from entregent.goals import ledger
from entregent.goals.choices import FavourDirection, FavourKind
from entregent.goals.models import Favour

favour_app = typer.Typer(
    help=gettext_lazy("The giving ledger: favours given and received."),
    epilog=EPILOG,
    no_args_is_help=True,
)


def favour_json(favour: Favour) -> dict[str, Any]:
    return {
        "id": favour.pk,
        "person": {"id": favour.person_id, "full_name": favour.person.full_name},
        "direction": favour.direction,
        "kind": favour.kind,
        "occurred_on": favour.occurred_on.isoformat(),
        "note": favour.note,
        "source": favour.source,
        "source_id": favour.source_id,
    }


def favours_table(favours: list[Favour]) -> Table:
    table = Table()
    for header in ("id", _("Date"), _("Person"), _("Direction"), _("Kind"), _("Note")):
        table.add_column(header)
    for f in favours:
        table.add_row(
            str(f.pk),
            f.occurred_on.isoformat(),
            Text(f.person.full_name),
            str(f.get_direction_display()),
            str(f.get_kind_display()),
            Text(f.note),
        )
    return table


@favour_app.command("add", help=gettext_lazy("Log a favour given to or received from someone."))
def favour_add(
    *,
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help=gettext_lazy("Their id or name."))
    ],
    received: Annotated[
        bool,
        typer.Option("--received", help=gettext_lazy("They did it for you (default: given).")),
    ] = False,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help=gettext_lazy("introduction, advice, referral, article, help or other."),
        ),
    ] = FavourKind.HELP.value,
    on: Annotated[
        str | None, typer.Option("--on", help=gettext_lazy("YYYY-MM-DD (default: today)."))
    ] = None,
    note_text: Annotated[str, typer.Option("--note", help=gettext_lazy("What it was."))] = "",
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    favour = ledger.favour_log(
        owner=owner,
        person=resolve_person(owner, person),
        direction=FavourDirection.RECEIVED if received else FavourDirection.GIVEN,
        kind=choice_value(kind),
        occurred_on=parse_date(on, "--on") if on else None,
        note=note_text,
    )
    if as_json:
        print_json(favour_json(favour))
        return
    message = (
        _("Logged: %(kind)s received from %(name)s (id %(id)s).")
        if received
        else _("Logged: %(kind)s given to %(name)s (id %(id)s).")
    )
    success(
        message
        % {"kind": favour.get_kind_display(), "name": favour.person.full_name, "id": favour.pk}
    )


@favour_app.command("list", help=gettext_lazy("List favours, newest first."))
def favour_list(
    *,
    person: Annotated[
        str, typer.Option("--person", help=gettext_lazy("Only with this person (id or name)."))
    ] = "",
    direction: Annotated[
        str, typer.Option("--direction", help=gettext_lazy("given or received."))
    ] = "",
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, max=500, help=gettext_lazy("How many."))
    ] = None,
    page: Annotated[int, typer.Option("--page", min=1, help=gettext_lazy("Which page."))] = 1,
    as_json: JsonOption = False,
) -> None:
    from entregent.core.services import ensure_choice

    owner = current_user()
    direction = choice_value(direction)
    if direction:
        ensure_choice(direction, FavourDirection, "direction")
    qs = ledger.favour_list(
        owner=owner,
        person=resolve_person(owner, person) if person.strip() else None,
        direction=direction,
    )
    show_page(
        paginate(qs, limit=limit or settings.ENTREGENT_PAGE_SIZE, page=page),
        as_json=as_json,
        to_json=favour_json,
        table=favours_table,
        empty=_("No favours yet: `entregent favour add NAME`."),
        footer=_("Page %(page)s of %(pages)s (%(count)s favours)."),
    )


@favour_app.command("delete", help=gettext_lazy("Forget a favour."))
def favour_delete(
    favour_id: Annotated[str, typer.Argument(metavar="ID", help=gettext_lazy("The favour's id."))],
    yes: YesOption = False,
) -> None:
    favour = ledger.favour_get(owner=current_user(), pk=favour_id)
    if not yes:
        typer.confirm(_("Forget this favour for good?"), abort=True)
    ledger.favour_delete(favour=favour)
    success(_("Forgot the favour."))


@favour_app.command(
    "ledger",
    help=gettext_lazy("Given and received per person, takers first, with ways to help."),
)
def favour_ledger(
    *,
    takers: Annotated[
        bool, typer.Option("--takers", help=gettext_lazy("Only people you mostly took from."))
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=500, help=gettext_lazy("How many people."))
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    rows = list(ledger.balances(owner=owner, takers_only=takers)[:limit])
    entries = ledger.balances_with_help(owner=owner, rows=rows)
    totals = ledger.ledger_totals(owner=owner)
    if as_json:
        print_json(
            {
                "given": totals.given,
                "received": totals.received,
                "takers": totals.takers,
                "items": [e.as_dict() for e in entries],
            }
        )
        return
    if not entries:
        note(_("No favours yet: `entregent favour add NAME`."))
        return
    table = Table(
        title=_("Given %(given)s, received %(received)s")
        % {"given": totals.given, "received": totals.received},
        title_justify="left",
    )
    for header in (_("Person"), _("Given"), _("Received"), _("Ways to help")):
        table.add_column(header)
    for e in entries:
        table.add_row(
            Text(e.person.full_name),
            str(e.given),
            str(e.received),
            Text(" ".join(s.text for s in e.suggestions)),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Mount `favour` on the `entregent` command."""
    app.add_typer(favour_app, name="favour")
