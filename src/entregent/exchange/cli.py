"""Command-line commands of the exchange app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the `entregent` command line."""
    from entregent.exchange import import_cli

    import_cli.register(app)
    from entregent.exchange import backup_cli

    backup_cli.register(app)
