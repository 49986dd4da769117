"""Fixtures of the exchange tests: background tasks run at once, imports in a temp data dir."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    """Jobs run through the same task code, synchronously; uploads go to a fresh directory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
