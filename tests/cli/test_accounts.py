"""`entregent user …` and `entregent token …`."""

from __future__ import annotations

import json

import pytest

from entregent.accounts.models import ApiToken, User
from entregent.accounts.services import token_authenticate, token_create
from tests.conftest import PASSWORD


def test_it_creates_an_account_with_the_password_from_stdin(cli):
    result = cli("user", "create", "erin", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="erin")
    assert user.check_password(PASSWORD)
    assert "erin" in result.stdout


def test_it_creates_an_account_with_the_password_from_the_prompt(cli):
    result = cli("user", "create", "erin", "--language", "fr", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="erin")
    assert user.check_password(PASSWORD)
    assert user.language == "fr"


def test_it_refuses_a_short_password_naming_the_field(cli):
    result = cli("user", "create", "erin", "--password-stdin", input="short\n")
    assert result.exit_code == 1
    assert "password" in result.stderr
    assert not User.objects.filter(username="erin").exists()


def test_it_refuses_an_empty_password_on_stdin(cli):
    result = cli("user", "create", "erin", "--password-stdin", input="")
    assert result.exit_code == 1
    assert "password" in result.stderr


def test_it_refuses_a_taken_name_as_a_conflict(cli, alice):
    result = cli("user", "create", "Alice", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 4
    assert "already exists" in result.stderr


def test_it_refuses_an_unknown_language(cli):
    result = cli(
        "user", "create", "erin", "--password-stdin", "--language", "de", input=PASSWORD + "\n"
    )
    assert result.exit_code == 1
    assert "language" in result.stderr


def test_it_lists_accounts_as_json(cli, alice, bob):
    result = cli("user", "list", "--json")
    assert result.exit_code == 0
    assert [u["username"] for u in json.loads(result.stdout)] == ["alice", "bob"]


def test_it_lists_accounts_as_a_table(cli, alice, bob):
    result = cli("user", "list")
    assert "alice" in result.stdout
    assert "bob" in result.stdout


def test_it_sets_the_accounts_language(as_alice, alice):
    result = as_alice("user", "language", "fr")
    assert result.exit_code == 0
    alice.refresh_from_db()
    assert alice.language == "fr"


def test_it_refuses_an_unknown_interface_language(as_alice):
    result = as_alice("user", "language", "klingon")
    assert result.exit_code == 1
    assert "language" in result.stderr


def test_it_prints_a_token_secret_that_authenticates(as_alice, alice):
    result = as_alice("token", "create", "laptop")
    assert result.exit_code == 0
    secret = result.stdout.strip().splitlines()[-1]
    assert token_authenticate(secret) == alice
    assert secret not in ApiToken.objects.get(owner=alice).digest


def test_it_creates_a_token_as_json(as_alice, alice):
    data = json.loads(as_alice("token", "create", "script", "--json").stdout)
    assert data["name"] == "script"
    assert token_authenticate(data["secret"]) == alice


def test_it_refuses_a_token_without_a_name(as_alice):
    result = as_alice("token", "create", "  ")
    assert result.exit_code == 1
    assert "name" in result.stderr


def test_it_lists_tokens_without_their_secret(as_alice, alice):
    issued = token_create(owner=alice, name="laptop")
    result = as_alice("token", "list", "--json")
    tokens = json.loads(result.stdout)
    assert [t["name"] for t in tokens] == ["laptop"]
    assert issued.secret not in result.stdout
    assert "laptop" in as_alice("token", "list").stdout


def test_it_revokes_a_token(as_alice, alice):
    issued = token_create(owner=alice, name="laptop")
    result = as_alice("token", "revoke", issued.token.pk)
    assert result.exit_code == 0
    assert token_authenticate(issued.secret) is None


def test_it_reports_an_unknown_token_as_not_found(as_alice):
    result = as_alice("token", "revoke", 999999)
    assert result.exit_code == 3


def test_bob_cannot_revoke_alices_token(as_bob, alice):
    issued = token_create(owner=alice, name="laptop")
    result = as_bob("token", "revoke", issued.token.pk)
    assert result.exit_code == 3
    assert token_authenticate(issued.secret) == alice


def test_a_non_numeric_token_id_is_a_usage_error(as_alice):
    assert as_alice("token", "revoke", "abc").exit_code == 2


@pytest.mark.parametrize("name", ["", "bad name!", "x" * 200, "tab\tname"])
def test_it_refuses_an_invalid_account_name(cli, name):
    result = cli("user", "create", name, "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 1
    assert "name" in result.stderr
    assert not User.objects.exists()
