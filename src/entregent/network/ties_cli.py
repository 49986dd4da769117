"""`entregent ties` (tie strength of one person, or the circles) and `entregent radar`."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.text import Text

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    console,
    current_user,
    gettext_lazy,
    note,
    print_json,
    resolve_person,
    success,
)
from entregent.cli.render import cells, table, when
from entregent.network.radar import MAX_LIMIT, radar
from entregent.network.selectors import person_tie, tie_distribution
from entregent.network.services import tie_recompute
from entregent.network.tie_output import COMPONENT_LABELS, person_tie_data, radar_data
from entregent.people.choices import Circle


def _circle_label(value: str) -> str:
    return str(Circle(value).label) if value in Circle.values else value


def ties(
    *,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help=gettext_lazy("A person (name or id); without it, the circles."),
            show_default=False,
        ),
    ] = None,
    recompute: Annotated[
        bool,
        typer.Option(
            "--recompute",
            help=gettext_lazy(
                "Recompute everyone's tie strength first, and move the circles not pinned."
            ),
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Tie strength: one person's score and what makes it, or how many people per circle."""
    owner = current_user()
    person = resolve_person(owner, name) if name is not None else None
    result = tie_recompute(owner=owner, apply_circles=True) if recompute else None
    if result is not None and not as_json:
        success(
            ngettext(
                "Scored %(count)d person; %(moved)d circles changed.",
                "Scored %(count)d people; %(moved)d circles changed.",
                result.scored,
            )
            % {"count": result.scored, "moved": result.circles_changed}
        )
    if person is not None:
        person.refresh_from_db()
        tie = person_tie(owner=owner, person=person)
        if as_json:
            print_json(person_tie_data(tie))
            return
        pinned = _("pinned") if person.circle_pinned else _("follows the score")
        console.print(
            Text.assemble(
                (person.full_name, "bold"),
                f"  {tie.score:.2f}  ",
                _circle_label(person.circle),
                f" ({pinned})",
            )
        )
        rows = table(_("Component"), _("Weight"), _("Value"), _("Contribution"))
        for component in tie.components:
            rows.add_row(
                *cells(
                    COMPONENT_LABELS[component.name],
                    f"{component.weight:.2f}",
                    f"{component.value:.2f}",
                    f"{component.contribution:.3f}",
                )
            )
        console.print(rows)
        note(
            _("Computed %(when)s; the score puts them in the %(circle)s circle.")
            % {"when": when(tie.computed_at), "circle": _circle_label(tie.computed_circle)}
        )
        return
    distribution = tie_distribution(owner=owner)
    if as_json:
        data: dict[str, object] = {"circles": distribution}
        if result is not None:
            data["recomputed"] = {
                "scored": result.scored,
                "circles_changed": result.circles_changed,
            }
        print_json(data)
        return
    rows = table(_("Circle"), _("People"), _("Pinned"), _("Mean tie strength"))
    for line in distribution:
        mean = line["mean_score"]
        rows.add_row(
            *cells(
                _circle_label(line["circle"]),
                line["people"],
                line["pinned"],
                "" if mean is None else f"{mean:.2f}",
            )
        )
    console.print(rows)


def radar_command(
    *,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help=gettext_lazy("How many people, 1 to 100."))
    ] = 10,
    as_json: JsonOption = False,
) -> None:
    """Weak ties worth reviving now, and dormant ties whose offers meet your needs."""
    owner = current_user()
    found = radar(owner=owner, limit=max(1, min(limit, MAX_LIMIT)))
    if as_json:
        print_json(radar_data(found))
        return
    title = _("Moderately weak ties worth reviving now")
    if found.revive:
        rows = table("#", _("Person"), _("Tie strength"), _("Last contact"), _("Why"), title=title)
        for number, tie in enumerate(found.revive, start=1):
            rows.add_row(
                *cells(
                    f"{number} ({tie.person_id})",
                    tie.name,
                    f"{tie.score:.2f}",
                    when(tie.last_contact),
                    " ".join(tie.reasons),
                )
            )
        console.print(rows)
    else:
        console.print(Text(title, style="bold"))
        note(_("No weak tie to revive right now."))
    title = _("Dormant ties who can help with your needs")
    if found.dormant:
        rows = table("#", _("Person"), _("Why"), _("Matched"), title=title)
        for number, match in enumerate(found.dormant, start=1):
            rows.add_row(
                *cells(
                    f"{number} ({match.person_id})",
                    match.name,
                    match.sentence,
                    ", ".join(match.matched),
                )
            )
        console.print(rows)
    else:
        console.print(Text(title, style="bold"))
        if found.has_needs:
            note(_("No dormant tie offers what you need yet."))
        else:
            note(_("Note what you need with `entregent fact add me need …` to see who can help."))


def register(app: typer.Typer) -> None:
    """Mount `ties` and `radar` on the `entregent` command line."""
    app.command(
        "ties",
        help=gettext_lazy(
            "Tie strength from 0 to 1 (recency, frequency, duration, depth, reciprocity, "
            "mutual connections): one person's with what makes it, or the circles; "
            "--recompute scores everyone and moves the circles not pinned."
        ),
        epilog=EPILOG,
    )(ties)
    app.command(
        "radar",
        help=gettext_lazy(
            "The weak-tie radar: moderately weak ties worth reviving now, and dormant ties "
            "whose offers meet your needs."
        ),
        epilog=EPILOG,
    )(radar_command)
