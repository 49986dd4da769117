"""`entregent import FILE` and `entregent export`: bring people in, take them out.

`import` runs in this process with a Rich progress bar: it reads the file once to show
what would happen (new, updated, likely duplicates, skipped with their lines), asks, then
imports it in one transaction. `export` writes vCard 4.0/3.0 or CSV to a file or stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from django.utils.translation import gettext as _
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    YesOption,
    console,
    current_user,
    err_console,
    gettext_lazy,
    note,
    print_json,
    safe,
    success,
)
from entregent.cli.render import cells, table
from entregent.core.errors import InvalidInput
from entregent.exchange.choices import ExportFormat, ImportFormat
from entregent.exchange.importer import ImportReport
from entregent.exchange.selectors import export_stream
from entregent.exchange.services import import_file


def parse_mapping(values: list[str]) -> dict[str, str]:
    """`--mapping "Courriel=emails"` options as {column: field}."""
    mapping: dict[str, str] = {}
    for value in values:
        column, sep, target = value.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise InvalidInput.for_field(
                "--mapping",
                _("“%(value)s”: write COLUMN=FIELD, e.g. Courriel=emails.") % {"value": value[:60]},
            )
        mapping[column.strip()] = target.strip()
    return mapping


def report_table(report: ImportReport, *, title: str) -> Any:
    summary = table(_("What"), _("How many"), title=title)
    for label, value in (
        (_("New people"), report.new),
        (_("Updated"), report.updated),
        (_("Unchanged"), report.unchanged),
        (_("Likely duplicates (imported, to review)"), report.duplicates),
        (_("Skipped"), report.skipped),
    ):
        summary.add_row(*cells(label, value))
    return summary


def show_report(report: ImportReport, *, title: str) -> None:
    console.print(report_table(report, title=title))
    for outcome, label in (("duplicate", _("Likely duplicates")), ("updated", _("Updated"))):
        for sample in report.samples.get(outcome, []):
            other = sample.get("duplicate_of")
            extra = (
                _(" (like #%(id)s %(name)s)") % {"id": other["id"], "name": other["name"]}
                if other
                else ""
            )
            note(f"{label}: {safe(sample['name'])}{safe(extra)}")
    if report.skipped_records:
        skipped = table(_("Line"), _("Why it was skipped"), title=_("Skipped"))
        for item in report.skipped_records[:50]:
            skipped.add_row(*cells(item["line"], item["reason"]))
        console.print(skipped)
        if report.skipped > 50:
            note(_("…and %(n)d more.") % {"n": report.skipped - 50})


def _run(
    owner: Any,
    path: Path,
    fmt: str,
    mapping: dict[str, str],
    *,
    dry_run: bool,
    skip: bool,
    quiet: bool,
) -> tuple[str, ImportReport]:
    size = path.stat().st_size if path.exists() else 0
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[records]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task(
            _("Reading") if dry_run else _("Importing"), total=size or None, records=""
        )

        def on_bytes(position: int) -> None:
            progress.update(task, completed=position)

        def on_records(count: int) -> None:
            progress.update(task, records=_("%(n)d records") % {"n": count})

        return import_file(
            owner=owner,
            path=path,
            fmt=fmt,
            mapping=mapping or None,
            dry_run=dry_run,
            skip_duplicates=skip,
            on_bytes=on_bytes,
            on_records=on_records,
        )


def import_command(
    *,
    file: Annotated[
        Path, typer.Argument(help=gettext_lazy("A vCard (.vcf) or CSV file."), show_default=False)
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help=gettext_lazy(
                "Read the file as: vcard, linkedin, google, google_legacy, outlook, "
                "outlook_express, entregent or generic (default: detected)."
            ),
        ),
    ] = "",
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--mapping",
            help=gettext_lazy(
                "For a generic CSV: COLUMN=FIELD (e.g. Courriel=emails); repeat for each column."
            ),
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=gettext_lazy("Show what would happen; change nothing.")),
    ] = False,
    skip_duplicates: Annotated[
        bool,
        typer.Option(
            "--skip-duplicates",
            help=gettext_lazy("Skip records that look like someone you already have."),
        ),
    ] = False,
    yes: YesOption = False,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    fmt = fmt.strip().lower().replace("-", "_")
    if fmt == "csv":
        fmt = ImportFormat.CSV
    columns = parse_mapping(mapping or [])
    if not file.is_file():
        raise InvalidInput.for_field(
            "file", _("“%(path)s” is not a file.") % {"path": str(file)[:200]}
        )
    if as_json and not (yes or dry_run):
        raise InvalidInput.for_field("--json", _("With --json, add --yes or --dry-run."))
    if dry_run or not yes:
        detected, preview = _run(
            owner, file, fmt, columns, dry_run=True, skip=skip_duplicates, quiet=as_json
        )
        if dry_run:
            if as_json:
                print_json({"format": detected, "dry_run": True, **preview.as_dict()})
            else:
                show_report(preview, title=_("Preview (nothing was changed)"))
            return
        show_report(preview, title=_("Preview"))
        if preview.total == preview.skipped:
            note(_("Nothing to import."))
            return
        typer.confirm(_("Import these people?"), default=True, abort=True)
        fmt = detected
    detected, report = _run(
        owner, file, fmt, columns, dry_run=False, skip=skip_duplicates, quiet=as_json
    )
    if as_json:
        print_json({"format": detected, "dry_run": False, **report.as_dict()})
        return
    success(
        _("Imported: %(new)d new, %(updated)d updated, %(skipped)d skipped.")
        % {
            "new": report.new + report.duplicates,
            "updated": report.updated,
            "skipped": report.skipped,
        }
    )
    if yes:
        show_report(report, title=_("Import"))


def export_command(
    *,
    fmt: Annotated[
        str,
        typer.Option("--format", help=gettext_lazy("vcard4, vcard3 or csv.")),
    ] = ExportFormat.VCARD4,
    tag: Annotated[
        str, typer.Option("--tag", help=gettext_lazy("Only the people with this tag."))
    ] = "",
    query: Annotated[
        str, typer.Option("--search", help=gettext_lazy("Only the people these words find."))
    ] = "",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=gettext_lazy("Write to this file (default: stdout).")),
    ] = None,
) -> None:
    owner = current_user()
    chunks, _type, _name = export_stream(owner=owner, fmt=fmt.strip().lower(), tag=tag, q=query)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
    success(_("Exported to %(path)s.") % {"path": str(output)})


def register(app: typer.Typer) -> None:
    """Mount `import` and `export` on the `entregent` command."""
    app.command(
        "import",
        help=gettext_lazy(
            "Import people from a vCard or CSV file (LinkedIn, Google, Outlook, any CSV): "
            "preview, confirm, then all or nothing."
        ),
        epilog=EPILOG,
    )(import_command)
    app.command(
        "export",
        help=gettext_lazy("Export people as vCard 4.0, vCard 3.0 or CSV."),
        epilog=EPILOG,
    )(export_command)
