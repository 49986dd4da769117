"""Command-line commands of the goals app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the `entregent` command line."""
    from entregent.goals.ledger_cli import register as register_ledger

    register_ledger(app)

    from entregent.goals.goal_cli import register as register_goals

    register_goals(app)
