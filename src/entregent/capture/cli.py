"""`entregent capture "…"`: a note about an encounter, read, shown, and saved."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from django.utils import timezone
from django.utils.translation import gettext as _
from rich.table import Table
from rich.text import Text

from entregent.capture.services import (
    CapturePreview,
    PreviewPerson,
    capture_preview,
    capture_save,
)
from entregent.cli.common import (
    EPILOG,
    console,
    current_user,
    gettext_lazy,
    note,
    parse_when,
    print_json,
    safe,
    success,
)


def _reference_time(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = parse_when(value, "--now")
    if not isinstance(parsed, dt.datetime):
        parsed = dt.datetime.combine(parsed, dt.time(12, 0))
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _person_line(entry: PreviewPerson) -> str:
    parts = [entry.name]
    if entry.role or entry.organization:
        parts.append(" · ".join(p for p in (entry.role, entry.organization) if p))
    if entry.person_id is not None:
        parts.append(_("(known, #%(id)d)") % {"id": entry.person_id})
    elif entry.ambiguous:
        parts.append(
            _("(which one? %(list)s)")
            % {"list": "; ".join(f"#{c.id} {c.full_name}" for c in entry.candidates)}
        )
    else:
        parts.append(_("(new)"))
    return "  ".join(parts)


def show_preview(preview: CapturePreview) -> None:
    """The preview as a two-column table, then its warnings."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()

    def row(label: str, value: object) -> None:
        if value:
            table.add_row(label, safe(value))

    for entry in preview.people:
        row(_("Person"), _person_line(entry))
    if preview.occurred_at:
        when = preview.occurred_at
        if timezone.is_aware(when):
            when = timezone.localtime(when)
        row(_("When"), when.strftime("%Y-%m-%d %H:%M"))
    row(_("Channel"), preview.channel)
    row(_("Event"), preview.event)
    row(_("Place"), preview.place)
    if preview.introduced_by is not None:
        row(_("Introduced by"), _person_line(preview.introduced_by))
    for fact in preview.facts:
        row(fact.kind, fact.text)
    row(_("Tags"), " ".join(f"#{t}" for t in preview.tags))
    if preview.followup_stated:
        due = preview.followup_due.isoformat() if preview.followup_due else _("default delay")
        row(_("Follow-up"), f"{due}  {preview.followup_topic}".strip())
    row(_("Not understood"), preview.note)
    console.print(table)
    for warning in preview.warnings:
        console.print(Text(warning, style="yellow"))


def _choose(preview: CapturePreview) -> None:
    """Ask which known person each ambiguous name means (a number, or 0 for a new person)."""
    for entry in preview.ambiguous:
        console.print(safe(_("Who is “%(name)s”?") % {"name": entry.name}))
        for number, candidate in enumerate(entry.candidates, start=1):
            console.print(f"  {number}. {safe(candidate.full_name)} (#{candidate.id})")
        console.print("  0. " + safe(_("A new person")))
        choice = typer.prompt(_("Choice"), type=int, default=1)
        if 1 <= choice <= len(entry.candidates):
            entry.person_id = entry.candidates[choice - 1].id
        else:
            entry.ambiguous = False
            entry.candidates = []


def capture(
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help=gettext_lazy("What happened, in your words."))
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=gettext_lazy("Show what would be saved; save nothing.")),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help=gettext_lazy("Print JSON only, for scripts."))
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help=gettext_lazy(
                "Read relative dates (tomorrow, next Monday) from this time, YYYY-MM-DD[THH:MM]."
            ),
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help=gettext_lazy("Save without asking for confirmation.")),
    ] = False,
) -> None:
    owner = current_user()
    reference = _reference_time(now)
    preview = capture_preview(owner=owner, text=text, now=reference)
    if dry_run:
        if as_json:
            print_json({"preview": preview.to_dict(), "saved": None})
        else:
            show_preview(preview)
            note(_("Dry run: nothing was saved."))
        return
    if not as_json:
        show_preview(preview)
    if not yes and not as_json:
        _choose(preview)
        typer.confirm(_("Save this?"), default=True, abort=True)
    result = capture_save(owner=owner, preview=preview, now=reference)
    if as_json:
        print_json({"preview": preview.to_dict(), "saved": result.to_dict()})
        return
    names = ", ".join(p.full_name for p in result.people)
    success(_("Saved the encounter with %(names)s.") % {"names": names})
    for followup in result.followups:
        note(
            _("Follow-up due %(date)s: %(topic)s")
            % {"date": followup.due_on.isoformat(), "topic": followup.topic or "-"}
        )


def register(app: typer.Typer) -> None:
    """Mount `capture` on the `entregent` command."""
    app.command(
        "capture",
        help=gettext_lazy(
            "Capture an encounter in free text (English or French): people, place, facts, "
            "tags and follow-up are read from it, shown, then saved."
        ),
        epilog=EPILOG,
    )(capture)
