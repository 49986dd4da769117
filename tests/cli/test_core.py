"""`entregent serve|migrate|search|demo`, the root command, and `main()`."""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from pathlib import Path

import pytest

from entregent.accounts.models import User
from entregent.cli import main as cli_main
from entregent.core import cli as core_cli
from entregent.core.cli import FirstAccount, ensure_first_account
from entregent.core.errors import InvalidInput
from entregent.people.services import organization_create, person_create
from tests.conftest import PASSWORD

# Search ----------------------------------------------------------------------------------


def test_it_finds_people_organizations_and_events(as_alice, alice, dana, meetup):
    organization_create(owner=alice, name="Design Council")
    data = json.loads(as_alice("search", "design", "--json").stdout)
    assert [p["full_name"] for p in data["people"]] == ["Dana Whitfield"]
    assert [o["name"] for o in data["organizations"]] == ["Design Council"]
    assert [e["name"] for e in data["events"]] == ["Design Meetup"]
    shown = as_alice("search", "design").stdout
    assert "Dana Whitfield" in shown
    assert "Design Council" in shown


def test_it_says_when_nothing_matches(as_alice, dana):
    result = as_alice("search", "zebra")
    assert result.exit_code == 0
    assert "Nothing matches" in result.stdout


def test_it_refuses_an_empty_search(as_alice):
    assert as_alice("search", "  ").exit_code == 1


def test_search_limits_each_kind(as_alice, alice):
    for n in range(5):
        person_create(owner=alice, full_name=f"Robin Number{n}")
    data = json.loads(as_alice("search", "robin", "--limit", "2", "--json").stdout)
    assert len(data["people"]) == 2


# The root command ------------------------------------------------------------------------


def test_help_documents_the_exit_codes(cli):
    result = cli("--help")
    assert result.exit_code == 0
    assert "3 not found" in result.stdout
    assert "4 conflicts" in result.stdout


def test_an_unknown_command_is_a_usage_error(cli, alice):
    assert cli("frobnicate").exit_code == 2


def test_main_runs_a_command_without_setting_django_up_again(monkeypatch, capsys, alice, dana):
    import django

    def refuse() -> None:
        raise AssertionError("django.setup() called twice")

    monkeypatch.setattr(django, "setup", refuse)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setattr(sys, "argv", ["entregent", "person", "list", "--json"])
    with pytest.raises(SystemExit) as exited:
        cli_main.main()
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["count"] == 1


def test_build_gives_a_fresh_app_each_time():
    assert cli_main.build() is not cli_main.build()


# Serve: the first account ----------------------------------------------------------------


def test_it_creates_the_first_account_from_the_environment(db):
    env = {"ENTREGENT_USERNAME": "alice", "ENTREGENT_PASSWORD": PASSWORD}
    outcome, user = ensure_first_account(env=env, interactive=False)
    assert outcome is FirstAccount.FROM_ENVIRONMENT
    assert user is not None
    assert user.check_password(PASSWORD)


def test_it_leaves_existing_accounts_alone(alice):
    env = {"ENTREGENT_USERNAME": "other", "ENTREGENT_PASSWORD": PASSWORD}
    assert ensure_first_account(env=env, interactive=True) == (FirstAccount.EXISTS, None)
    assert list(User.objects.values_list("username", flat=True)) == ["alice"]


def test_it_needs_both_variables(db):
    with pytest.raises(InvalidInput) as refused:
        ensure_first_account(env={"ENTREGENT_USERNAME": "alice"}, interactive=False)
    assert "ENTREGENT_PASSWORD" in refused.value.errors
    assert not User.objects.exists()


def test_it_refuses_a_weak_password_from_the_environment(db):
    with pytest.raises(InvalidInput):
        ensure_first_account(
            env={"ENTREGENT_USERNAME": "alice", "ENTREGENT_PASSWORD": "123"}, interactive=False
        )
    assert not User.objects.exists()


def test_it_leaves_the_first_account_to_the_browser_without_a_terminal(db):
    def ask() -> tuple[str, str]:
        raise AssertionError("must not prompt without a terminal")

    assert ensure_first_account(env={}, interactive=False, ask=ask) == (
        FirstAccount.IN_BROWSER,
        None,
    )
    assert not User.objects.exists()


def test_it_asks_on_a_terminal_until_the_password_is_acceptable(db):
    answers = iter([("alice", "short"), ("alice", PASSWORD)])
    outcome, user = ensure_first_account(env={}, interactive=True, ask=lambda: next(answers))
    assert outcome is FirstAccount.PROMPTED
    assert user is not None
    assert user.username == "alice"


def test_it_gives_up_after_three_refused_answers(db):
    with pytest.raises(InvalidInput):
        ensure_first_account(env={}, interactive=True, ask=lambda: ("alice", "short"))
    assert not User.objects.exists()


# Serve: the command ----------------------------------------------------------------------


@pytest.fixture
def serve_steps(monkeypatch):
    """Record the steps `serve` runs instead of migrating and starting a server."""
    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(core_cli, "migrate_database", lambda **kw: calls.append(("migrate", kw)))
    monkeypatch.setattr(core_cli, "collect_static", lambda: calls.append(("static", None)) or True)
    monkeypatch.setattr(
        core_cli, "run_gunicorn", lambda options: calls.append(("gunicorn", dict(options)))
    )
    monkeypatch.setattr(
        core_cli, "run_dev_server", lambda host, port: calls.append(("dev", (host, port)))
    )
    monkeypatch.setattr(core_cli, "start_worker", lambda: None)
    monkeypatch.delenv("ENTREGENT_USERNAME", raising=False)
    monkeypatch.delenv("ENTREGENT_PASSWORD", raising=False)
    monkeypatch.delenv("RUN_MAIN", raising=False)
    return calls


def test_serve_points_to_the_setup_page_without_a_terminal(cli, serve_steps):
    result = cli("serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/accounts/setup/" in result.stdout
    assert "http://127.0.0.1:8123/" in result.stdout
    assert [name for name, _ in serve_steps] == ["migrate", "static", "gunicorn"]
    options = serve_steps[-1][1]
    assert options["bind"] == "127.0.0.1:8123"
    assert options["workers"] == 2
    assert not User.objects.exists()


def test_serve_creates_the_first_account_from_the_environment(cli, serve_steps):
    env = {"ENTREGENT_USERNAME": "alice", "ENTREGENT_PASSWORD": PASSWORD}
    result = cli("serve", env=env)
    assert result.exit_code == 0, result.output
    assert User.objects.get().username == "alice"
    assert "accounts/setup" not in result.stdout


def test_serve_stops_on_a_bad_first_account(cli, serve_steps):
    result = cli("serve", env={"ENTREGENT_USERNAME": "alice", "ENTREGENT_PASSWORD": "123"})
    assert result.exit_code == 1
    assert "password" in result.stderr
    assert "gunicorn" not in [name for name, _ in serve_steps]


def test_serve_dev_uses_the_development_server(cli, alice, serve_steps):
    result = cli("serve", "--dev", "--host", "0.0.0.0", "--port", "9000", "--workers", "4")  # noqa: S104
    assert result.exit_code == 0, result.output
    assert serve_steps[-1] == ("dev", ("0.0.0.0", 9000))  # noqa: S104
    assert "http://127.0.0.1:9000/" in result.stdout
    assert "ENTREGENT_ALLOWED_HOSTS" in result.stdout


def test_the_reloaded_dev_server_does_not_prepare_again(cli, alice, serve_steps, monkeypatch):
    monkeypatch.setenv("RUN_MAIN", "true")
    cli("serve", "--dev")
    assert [name for name, _ in serve_steps] == ["dev"]


def test_serve_refuses_a_bad_port(cli, serve_steps):
    assert cli("serve", "--port", "70000").exit_code == 2
    assert serve_steps == []


@pytest.mark.parametrize(
    ("host", "bind", "url"),
    [
        ("127.0.0.1", "127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("0.0.0.0", "0.0.0.0:8000", "http://127.0.0.1:8000/"),  # noqa: S104
        ("::", "[::]:8000", "http://127.0.0.1:8000/"),
        ("::1", "[::1]:8000", "http://[::1]:8000/"),
        ("example.org", "example.org:8000", "http://example.org:8000/"),
    ],
)
def test_it_binds_and_announces_the_right_address(host, bind, url):
    assert core_cli.bind_address(host, 8000) == bind
    assert core_cli.public_url(host, 8000) == url


def test_static_files_are_collected_once_until_they_change(settings, tmp_path: Path):
    settings.STATIC_ROOT = tmp_path / "static"
    assert core_cli.collect_static() is True
    assert (tmp_path / "static" / "web" / "app.css").exists()
    assert core_cli.collect_static() is False


def test_migrate_is_idempotent(cli, db):
    assert cli("migrate").exit_code == 0


# Demo ------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Counts:
    people: int
    facts: int


def test_demo_reports_progress_and_counts(as_alice, alice, monkeypatch):
    seen: dict[str, object] = {}

    def demo_generate(*, owner, people, seed=0, progress=None):
        seen.update(owner=owner, people=people, seed=seed)
        for done in range(1, people + 1):
            progress(done, people)
        return _Counts(people=people, facts=people * 5)

    fake = types.ModuleType("entregent.core.demo")
    fake.demo_generate = demo_generate  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "entregent.core.demo", fake)
    result = as_alice("demo", "--people", "7", "--seed", "3", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"people": 7, "facts": 35}
    assert seen == {"owner": alice, "people": 7, "seed": 3}
    table = as_alice("demo", "--people", "2")
    assert "facts" in table.stdout


def test_demo_fills_the_account_with_the_real_generator(as_alice, alice, bob):
    pytest.importorskip("entregent.core.demo")
    from entregent.people.models import Person

    result = as_alice("demo", "--people", "12", "--seed", "1", "--json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert Person.objects.filter(owner=alice).count() == 12
    assert not Person.objects.filter(owner=bob).exists()
    assert counts


def test_it_speaks_the_terminals_language_until_an_account_is_known(monkeypatch):
    from django.utils import translation

    from entregent.cli.common import activate_environment_language

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    try:
        activate_environment_language()
        assert translation.get_language() == "fr"
    finally:
        translation.deactivate()


def test_a_database_that_is_not_ready_gets_a_hint_not_a_traceback(as_alice, monkeypatch):
    from django.db import OperationalError

    from entregent.people import selectors

    def broken(**kwargs):
        raise OperationalError("no such table: people_person")

    monkeypatch.setattr(selectors, "person_list", broken)
    result = as_alice("person", "list")
    assert result.exit_code == 1
    assert "entregent migrate" in result.stderr


def test_an_argument_with_a_nul_byte_is_refused_before_any_query(as_alice, dana):
    result = as_alice("person", "list", "--tag", "de\x00sign")
    assert result.exit_code == 1
    assert "--tag: Control characters are not allowed." in result.stderr
    result = as_alice("person", "add", "Sam\x00Lee")
    assert result.exit_code == 1
    assert "argument 5" in result.stderr


def test_a_read_only_static_root_does_not_stop_the_server(settings, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    settings.STATIC_ROOT = blocker / "static"
    assert core_cli.collect_static() is False
