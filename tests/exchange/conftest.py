"""Fixtures of the exchange tests: background tasks run at once, imports in a temp data dir."""

from __future__ import annotations

import pytest

from tests.cli.conftest import (  # noqa: F401
    _no_account_from_the_environment,
    as_alice,
    as_bob,
    cli,
)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    """Jobs run through the same task code, synchronously; uploads go to a fresh directory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
