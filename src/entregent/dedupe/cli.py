"""`entregent dedupe`: list likely duplicates, merge two people, undo a merge, ignore a pair."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    YesOption,
    console,
    current_user,
    gettext_lazy,
    note,
    print_json,
    resolve_person,
    safe,
    success,
)
from entregent.core.errors import InvalidInput
from entregent.dedupe.models import Merge
from entregent.dedupe.selectors import (
    candidate_json,
    candidate_rows,
    duplicate_candidates,
    merge_get,
    merge_list,
    merge_preview,
)
from entregent.dedupe.services import duplicate_dismiss, merge_undo, person_merge

dedupe_app = typer.Typer(
    help=gettext_lazy(
        "Likely duplicate people: list them (the default), merge two, undo a merge, "
        "or say two people are different."
    ),
    epilog=EPILOG,
    invoke_without_command=True,
)

PersonA = Annotated[
    str, typer.Argument(metavar="A", help=gettext_lazy("The person to keep (id or name)."))
]
PersonB = Annotated[
    str,
    typer.Argument(metavar="B", help=gettext_lazy("The person merged into A (id or name).")),
]


def merge_json(merge: Merge) -> dict[str, Any]:
    """The same shape as the API's merges."""
    rows = merge.snapshot.get("rows", [])
    return {
        "id": merge.pk,
        "survivor_id": merge.survivor_pk,
        "other_id": merge.other_pk,
        "survivor_name": merge.survivor_name,
        "other_name": merge.other_name,
        "status": merge.status,
        "created": merge.created,
        "undone_at": merge.undone_at,
        "moved": sum(1 for r in rows if r["action"] != "deleted"),
        "dropped": sum(1 for r in rows if r["action"] == "deleted"),
    }


@dedupe_app.callback()
def dedupe_list(
    ctx: typer.Context,
    *,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score", min=0.0, max=1.0, help=gettext_lazy("Leave out pairs scoring less.")
        ),
    ] = 0.6,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=500, help=gettext_lazy("How many pairs."))
    ] = 20,
    page: Annotated[int, typer.Option("--page", min=1, help=gettext_lazy("Which page."))] = 1,
    as_json: JsonOption = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    owner = current_user()
    found = duplicate_candidates(owner=owner, min_score=min_score).candidates
    start = (page - 1) * limit
    rows = candidate_rows(owner=owner, candidates=found[start : start + limit])
    pages = max(1, -(-len(found) // limit))
    if as_json:
        print_json(
            {
                "count": len(found),
                "page": page,
                "pages": pages,
                "results": [candidate_json(r) for r in rows],
            }
        )
        return
    if not rows:
        note(_("No likely duplicates."))
        return
    table = Table()
    for column in (_("Score"), _("A"), _("B"), _("Why")):
        table.add_column(column)
    for row in rows:
        table.add_row(
            f"{row.percent}%",
            f"#{row.first.pk} {safe(row.first.full_name)}",
            f"#{row.second.pk} {safe(row.second.full_name)}",
            safe("; ".join(row.reasons)),
        )
    console.print(table)
    note(
        _("Page %(page)s of %(pages)s (%(count)s pairs).")
        % {"page": page, "pages": pages, "count": len(found)}
    )
    note(_("Merge a pair with `entregent dedupe merge A B`, or `entregent dedupe ignore A B`."))


def _parse_keep(values: list[str]) -> dict[str, str]:
    choices: dict[str, str] = {}
    for value in values:
        field, sep, keep = value.partition("=")
        if not sep or not field.strip():
            raise InvalidInput.for_field(
                "--keep-field",
                _("Write FIELD=other, FIELD=survivor or notes=both, not “%(value)s”.")
                % {"value": value[:40]},
            )
        choices[field.strip().replace("-", "_")] = keep.strip().lower()
    return choices


@dedupe_app.command("merge", help=gettext_lazy("Merge B into A; everything about B moves to A."))
def dedupe_merge(
    survivor_ref: PersonA,
    other_ref: PersonB,
    *,
    keep_field: Annotated[
        list[str] | None,
        typer.Option(
            "--keep-field",
            metavar="FIELD=other",
            help=gettext_lazy(
                "Keep B's value of a field (name, headline, organization, city, language, "
                "how_we_met, introduced_by, circle, cadence_days, notes), or notes=both. "
                "Repeat for several fields."
            ),
        ),
    ] = None,
    yes: YesOption = False,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    survivor = resolve_person(owner, survivor_ref, "survivor")
    other = resolve_person(owner, other_ref, "other")
    choices = _parse_keep(keep_field or [])
    if not yes and not as_json:
        preview = merge_preview(survivor=survivor, other=other)
        if preview:
            table = Table(title=_("Fields that differ"), title_justify="left")
            for column in (_("Field"), f"A #{survivor.pk}", f"B #{other.pk}", _("Kept")):
                table.add_column(column)
            for item in preview:
                kept = choices.get(item.name, item.default)
                table.add_row(item.label, safe(item.survivor_value), safe(item.other_value), kept)
            console.print(table)
        typer.confirm(
            _("Merge %(other)s into %(survivor)s?")
            % {"other": other.full_name, "survivor": survivor.full_name},
            abort=True,
        )
    merge = person_merge(owner=owner, survivor=survivor, other=other, choices=choices)
    if as_json:
        print_json(merge_json(merge))
        return
    success(
        _(
            "Merged %(other)s into %(survivor)s (merge #%(id)s; undo with `entregent dedupe undo %(id)s`)."
        )
        % {"other": merge.other_name, "survivor": merge.survivor_name, "id": merge.pk}
    )


@dedupe_app.command("undo", help=gettext_lazy("Undo a merge: both people as they were."))
def dedupe_undo(
    merge_id: Annotated[
        str, typer.Argument(metavar="MERGE_ID", help=gettext_lazy("The merge's id."))
    ],
    as_json: JsonOption = False,
) -> None:
    merge = merge_undo(merge=merge_get(owner=current_user(), pk=merge_id.lstrip("#")))
    if as_json:
        print_json(merge_json(merge))
        return
    success(
        _("Undone: %(other)s and %(survivor)s are two people again.")
        % {"other": merge.other_name, "survivor": merge.survivor_name}
    )


@dedupe_app.command("ignore", help=gettext_lazy("Say A and B are different people."))
def dedupe_ignore(
    person_ref: Annotated[str, typer.Argument(metavar="A", help=gettext_lazy("Id or name."))],
    other_ref: Annotated[str, typer.Argument(metavar="B", help=gettext_lazy("Id or name."))],
) -> None:
    owner = current_user()
    person = resolve_person(owner, person_ref, "person")
    other = resolve_person(owner, other_ref, "other")
    duplicate_dismiss(owner=owner, person=person, other=other)
    success(
        _("%(a)s and %(b)s will not be proposed as duplicates again.")
        % {"a": person.full_name, "b": other.full_name}
    )


@dedupe_app.command("history", help=gettext_lazy("List merges, newest first."))
def dedupe_history(
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=500, help=gettext_lazy("How many."))
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    merges = list(merge_list(owner=current_user())[:limit])
    if as_json:
        print_json({"results": [merge_json(m) for m in merges]})
        return
    if not merges:
        note(_("No merges yet."))
        return
    table = Table()
    for column in (_("Id"), _("When"), _("Merged"), _("Into"), _("Status")):
        table.add_column(column)
    for m in merges:
        table.add_row(
            str(m.pk),
            m.created.strftime("%Y-%m-%d %H:%M"),
            f"#{m.other_pk} {safe(m.other_name)}",
            f"#{m.survivor_pk} {safe(m.survivor_name)}",
            str(m.get_status_display()),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Mount `dedupe` on the `entregent` command line."""
    app.add_typer(dedupe_app, name="dedupe")
