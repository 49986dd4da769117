"""Command-line commands of the pipeline app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the `entregent` command line."""
