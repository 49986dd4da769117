"""`entregent map`: the network map's data (with --json, exactly what the API answers)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from django.utils.translation import gettext as _
from rich.text import Text

from entregent.accounts.models import User
from entregent.cli.common import (
    EPILOG,
    JsonOption,
    console,
    current_user,
    gettext_lazy,
    note,
    print_json,
    resolve_event,
    resolve_organization,
)
from entregent.cli.render import cells, table
from entregent.core.errors import InvalidInput
from entregent.network.map_data import map_data, map_filters, network_map
from entregent.people.choices import Circle
from entregent.people.models import Tag

TOP = 15


def _tag_id(owner: User, ref: str) -> int:
    """A tag by id or by name (any case)."""
    ref = ref.strip().lstrip("#")
    if ref.isascii() and ref.isdigit():
        return int(ref)
    tags = Tag.objects.filter(owner=owner)
    found = [t.pk for t in tags.only("id", "name") if t.name.casefold() == ref.casefold()]
    if not found:
        raise InvalidInput.for_field("--tag", _("No tag is called “%(ref)s”.") % {"ref": ref[:80]})
    return found[0]


def map_command(
    tag: Annotated[
        str | None,
        typer.Option("--tag", help=gettext_lazy("A tag's id or name."), show_default=False),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org", help=gettext_lazy("An organization's id or name."), show_default=False
        ),
    ] = None,
    circle: Annotated[
        str | None,
        typer.Option(
            "--circle",
            help=gettext_lazy("Only this circle: inner, active, weak or dormant."),
            show_default=False,
        ),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option("--event", help=gettext_lazy("An event's id or name."), show_default=False),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The map of your network: who is on it by circle, and the most connected people."""
    owner = current_user()
    filters = map_filters(
        owner=owner,
        tag=_tag_id(owner, tag) if tag else None,
        organization=resolve_organization(owner, org, "--org").pk if org else None,
        circle=circle,
        event=resolve_event(owner, event, "--event").pk if event else None,
    )
    found = network_map(owner=owner, filters=filters)
    if as_json:
        print_json(map_data(found))
        return
    if not found.nodes:
        note(_("Nobody matches these filters."))
        return
    console.print(
        Text(
            _("%(shown)s of %(total)s people shown, %(ties)s ties between them.")
            % {"shown": len(found.nodes), "total": found.total, "ties": len(found.edges)},
            style="bold",
        )
    )
    if found.truncated:
        note(
            _("Only the %(limit)s most connected people are shown: filter to see the others.")
            % {"limit": found.limit}
        )
    by_circle = Counter(node.circle for node in found.nodes)
    console.print(
        "  ".join(f"{label}: {by_circle.get(value, 0)}" for value, label in Circle.choices)
    )
    rows = table(_("Person"), _("Circle"), _("Organization"), _("Tie"), _("Ties on the map"))
    labels = dict(Circle.choices)
    for node in sorted(found.nodes, key=lambda n: (-n.degree, -n.score, n.name))[:TOP]:
        rows.add_row(
            *cells(
                f"{node.name} ({node.id})",
                labels.get(node.circle, node.circle),
                node.organization,
                f"{node.score:.2f}",
                node.degree,
            )
        )
    console.print(rows)
    note(_("Open the map in the browser: /network/map/"))


def register(app: typer.Typer) -> None:
    """Mount `map` on the `entregent` command line."""
    app.command(
        "map",
        help=gettext_lazy(
            "The map of your network: people by circle and their ties, filtered by tag, "
            "organization, circle and event (--json: nodes with positions, edges, my ties)."
        ),
        epilog=EPILOG,
    )(map_command)
