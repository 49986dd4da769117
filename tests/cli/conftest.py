"""Run `entregent` commands in-process, inside pytest-django's database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from entregent.cli.main import build

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _no_account_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENTREGENT_USER", raising=False)


@pytest.fixture
def cli(db) -> Run:
    """Invoke the command line: `cli("--user", "alice", "person", "list")`.

    Exceptions are not swallowed, so a traceback on bad input fails the test.
    """
    app = build()
    runner = CliRunner()

    def run(*args: object, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(
            app,
            [str(a) for a in args],
            input=input,
            env={"COLUMNS": "200", **(env or {})},
            catch_exceptions=False,
        )

    return run


@pytest.fixture
def as_alice(cli: Run, alice) -> Run:
    def run(*args: object, **kwargs: object) -> Result:
        return cli("--user", "alice", *args, **kwargs)

    return run


@pytest.fixture
def as_bob(cli: Run, bob) -> Run:
    def run(*args: object, **kwargs: object) -> Result:
        return cli("--user", "bob", *args, **kwargs)

    return run
