"""The `entregent` command: a typer app mounting each app's commands.

Each app's `cli.py` exposes `register(app)`, which adds its commands or sub-apps.
"""

from __future__ import annotations

import importlib
import os

import typer

app = typer.Typer(
    name="entregent",
    help="Entregent: turn everyday encounters into lasting relationships.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

COMMAND_MODULES = [
    "entregent.accounts.cli",
    "entregent.people.cli",
    "entregent.encounters.cli",
    "entregent.core.cli",
]


def build() -> typer.Typer:
    """Import each app's commands once Django is set up."""
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(app)
    return app


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entregent.settings")
    import django

    django.setup()
    build()()
