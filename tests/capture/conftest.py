"""Fixtures shared with the CLI and API suites, for capture's own tests."""

from tests.api.conftest import alice_api, anonymous_api, bob_api  # noqa: F401
from tests.cli.conftest import (  # noqa: F401
    _no_account_from_the_environment,
    as_alice,
    as_bob,
    cli,
)
