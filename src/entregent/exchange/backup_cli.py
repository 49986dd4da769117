"""`entregent backup` and `entregent restore`: the whole account to a file and back."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from django.utils.translation import gettext as _
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    YesOption,
    current_user,
    err_console,
    gettext_lazy,
    note,
    print_json,
    success,
)
from entregent.core.errors import Conflict, InvalidInput
from entregent.exchange.backup import (
    Progress as ProgressCallback,
)
from entregent.exchange.backup import (
    RestoreResult,
    backup_filename,
    backup_write,
    restore,
)


@contextlib.contextmanager
def _progress(description: str, *, quiet: bool) -> Iterator[ProgressCallback]:
    """A Rich progress bar on stderr (stdout may be the archive or --json output)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task(description, total=None)

        def advance(label: str, done: int, total: int) -> None:
            bar.update(task, description=f"{description} {label}", completed=done, total=total)

        yield advance


def backup_command(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=gettext_lazy(
                "The file to write (default: entregent-NAME-DATE.json here); - for stdout."
            ),
        ),
    ] = None,
    yes: YesOption = False,
) -> None:
    owner = current_user()
    if output == "-":
        with _progress(_("Backing up"), quiet=True) as advance:
            backup_write(owner=owner, stream=sys.stdout, progress=advance)
        sys.stdout.flush()
        return
    path = Path(output or backup_filename(owner=owner))
    if path.exists() and not yes:
        raise Conflict(
            _("%(path)s already exists: choose another --output, or add --yes to replace it.")
            % {"path": str(path)}
        )
    # Written beside the target, then renamed: a failed backup never leaves half a file.
    partial = path.with_name(path.name + ".part")
    try:
        with (
            partial.open("w", encoding="utf-8") as stream,
            _progress(_("Backing up"), quiet=not sys.stderr.isatty()) as advance,
        ):
            backup_write(owner=owner, stream=stream, progress=advance)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInput.for_field("--output", exc.strerror or str(exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    success(
        _("Backup of %(name)s written to %(path)s.")
        % {"name": owner.get_username(), "path": str(path)}
    )


def _summary(result: RestoreResult) -> str:
    return ", ".join(f"{label} {count}" for label, count in result.counts.items() if count)


def restore_command(
    file: Annotated[
        str, typer.Argument(help=gettext_lazy("The backup file to load; - reads stdin."))
    ],
    yes: YesOption = False,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    if file == "-":
        if not yes:
            raise InvalidInput.for_field("--yes", _("Reading stdin needs --yes to confirm."))
        with _progress(_("Restoring"), quiet=as_json) as advance:
            result = restore(owner=owner, stream=sys.stdin.buffer, progress=advance)
    else:
        path = Path(file)
        if not path.is_file():
            raise InvalidInput.for_field("FILE", _("No such file: %(path)s") % {"path": file})
        if not yes and not typer.confirm(
            _("Restore %(path)s into the account %(name)s?")
            % {"path": file, "name": owner.get_username()}
        ):
            raise typer.Exit(1)
        with (
            path.open("rb") as stream,
            _progress(_("Restoring"), quiet=as_json) as advance,
        ):
            result = restore(owner=owner, stream=stream, progress=advance)
    if as_json:
        print_json({"restored": result.counts, "total": result.total})
        return
    success(
        _("Restored %(total)d rows into %(name)s.")
        % {"total": result.total, "name": owner.get_username()}
    )
    note(_summary(result))


def register(app: typer.Typer) -> None:
    """Mount `backup` and `restore` on the `entregent` command line."""
    app.command(
        "backup",
        help=gettext_lazy(
            "Write the whole account (people, facts, encounters, follow-ups, settings…) "
            "to a JSON archive."
        ),
        epilog=EPILOG,
    )(backup_command)
    app.command(
        "restore",
        help=gettext_lazy(
            "Load a backup archive into this account, which must hold no data yet (all or nothing)."
        ),
        epilog=EPILOG,
    )(restore_command)
