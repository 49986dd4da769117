"""The in-process command line for the dedupe CLI tests (same as tests/cli)."""

from tests.cli.conftest import _no_account_from_the_environment, cli

__all__ = ["_no_account_from_the_environment", "cli"]
