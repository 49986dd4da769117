"""The in-process command line for the dedupe CLI tests (same as tests/cli), and a clean
cache of duplicate searches for every test."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from tests.cli.conftest import _no_account_from_the_environment, cli

__all__ = ["_no_account_from_the_environment", "cli"]


@pytest.fixture(autouse=True)
def _no_cached_search() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
