"""The `entregent` command: a typer app mounting each app's commands."""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="entregent",
    help="Entregent: turn everyday encounters into lasting relationships.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entregent.settings")
    import django

    django.setup()
    app()
