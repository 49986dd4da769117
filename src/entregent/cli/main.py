"""The `entregent` command: a typer app mounting each app's commands.

Each app's `cli.py` exposes `register(app)`, which adds its commands or sub-apps. `main()`
sets Django up and runs the command; `build()` only assembles it, so tests (where
pytest-django has already set Django up) call `build()` and invoke the result.
"""

from __future__ import annotations

import importlib
import os

import typer

from entregent.cli.common import EPILOG, EntregentGroup, gettext_lazy, root_callback

COMMAND_MODULES = [
    "entregent.accounts.cli",
    "entregent.people.cli",
    "entregent.encounters.cli",
    "entregent.followups.cli",
    "entregent.followups.today_cli",
    "entregent.reminders.cli",
    "entregent.capture.cli",
    "entregent.matching.cli",
    "entregent.matching.synergy_cli",
    "entregent.matching.intro_cli",
    "entregent.exchange.cli",
    "entregent.dedupe.cli",
    "entregent.network.cli",
    "entregent.network.map_cli",
    "entregent.network.paths_cli",
    "entregent.network.ties_cli",
    "entregent.goals.cli",
    "entregent.pipeline.cli",
    "entregent.core.cli",
]


def build() -> typer.Typer:
    """A fresh `entregent` app with every app's commands mounted (Django must be set up)."""
    app = typer.Typer(
        name="entregent",
        cls=EntregentGroup,
        help=gettext_lazy(
            "Entregent: turn everyday encounters into lasting relationships. "
            "Every read command takes --json for scripts."
        ),
        epilog=EPILOG,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(root_callback)
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
    """The console script: set Django up once, then run the command line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entregent.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from entregent.cli.common import activate_environment_language

    activate_environment_language()
    build()(prog_name="entregent")
