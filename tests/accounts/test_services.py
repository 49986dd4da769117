"""Services that change accounts: users, languages and API tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from entregent.accounts.models import ApiToken, User
from entregent.accounts.selectors import token_list, user_by_name
from entregent.accounts.services import (
    TOKEN_PREFIX,
    token_authenticate,
    token_create,
    token_revoke,
    user_create,
    user_set_language,
)
from entregent.core.errors import Conflict, InvalidInput, NotFound
from tests.conftest import PASSWORD

# Users --------------------------------------------------------------------------------


def test_it_creates_a_user_with_a_hashed_password(db):
    user = user_create(username=" dana ", password=PASSWORD, language="fr")
    assert (user.username, user.language) == ("dana", "fr")
    assert user.password != PASSWORD
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("password", ["", "short", "password123", "qwertyuiop", "alice123"])
def test_it_refuses_a_weak_password(db, password):
    with pytest.raises(InvalidInput) as exc:
        user_create(username="alice", password=password)
    assert list(exc.value.errors) == ["password"]
    assert User.objects.count() == 0


def test_it_refuses_a_name_already_taken_in_any_case(alice):
    with pytest.raises(Conflict) as exc:
        user_create(username="ALICE", password=PASSWORD)
    assert exc.value.status == 409
    assert "username" in exc.value.errors
    assert User.objects.count() == 1


@pytest.mark.parametrize("username", ["", "   ", "a" * 151, "al ice", "al\x00ice", "al\nice"])
def test_it_refuses_an_invalid_username(db, username):
    with pytest.raises(InvalidInput) as exc:
        user_create(username=username, password=PASSWORD)
    assert "username" in exc.value.errors
    assert User.objects.count() == 0


@pytest.mark.parametrize("email", ["not-an-email", "a\x00@example.org", '"a\x01b"@example.org'])
def test_it_refuses_an_invalid_email(db, email):
    with pytest.raises(InvalidInput) as exc:
        user_create(username="dana", password=PASSWORD, email=email)
    assert "email" in exc.value.errors
    assert User.objects.count() == 0


def test_it_refuses_an_unknown_language_at_sign_up(db):
    with pytest.raises(InvalidInput) as exc:
        user_create(username="dana", password=PASSWORD, language="de")
    assert "language" in exc.value.errors


def test_it_saves_the_language_the_user_chose(alice):
    user_set_language(user=alice, language="fr")
    assert User.objects.get(pk=alice.pk).language == "fr"


def test_it_refuses_a_language_we_do_not_speak(alice):
    with pytest.raises(InvalidInput) as exc:
        user_set_language(user=alice, language="klingon")
    assert "language" in exc.value.errors
    assert User.objects.get(pk=alice.pk).language == "en"


def test_it_finds_a_user_by_name(alice, bob):
    assert user_by_name("bob") == bob
    assert user_by_name("nobody") is None


# Tokens -------------------------------------------------------------------------------


def test_it_issues_a_token_that_authenticates_its_owner(alice):
    issued = token_create(owner=alice, name="laptop")
    assert issued.secret.startswith(TOKEN_PREFIX)
    assert token_authenticate(issued.secret) == alice


def test_it_stores_only_a_digest_of_the_secret(alice):
    issued = token_create(owner=alice, name="laptop")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret not in {stored.digest, stored.prefix, stored.name}
    assert len(stored.digest) == 64
    assert issued.secret.startswith(stored.prefix)
    assert len(stored.prefix) < len(issued.secret) // 2


def test_it_keeps_the_secret_out_of_every_column_in_the_database(alice):
    issued = token_create(owner=alice, name="laptop")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608 - a fixed table name
        rows = cursor.fetchall()
    assert rows
    assert not any(issued.secret in str(value) for row in rows for value in row)


def test_it_issues_a_different_secret_every_time(alice):
    assert token_create(owner=alice, name="a").secret != token_create(owner=alice, name="a").secret


def test_it_stops_accepting_a_revoked_token(alice):
    issued = token_create(owner=alice, name="laptop")
    token_revoke(owner=alice, token_id=issued.token.pk)
    assert token_authenticate(issued.secret) is None


def test_it_keeps_the_first_revocation_time(alice):
    issued = token_create(owner=alice, name="laptop")
    first = token_revoke(owner=alice, token_id=issued.token.pk).revoked
    assert token_revoke(owner=alice, token_id=issued.token.pk).revoked == first


def test_it_does_not_let_bob_revoke_alices_token(alice, bob):
    issued = token_create(owner=alice, name="laptop")
    with pytest.raises(NotFound):
        token_revoke(owner=bob, token_id=issued.token.pk)
    assert token_authenticate(issued.secret) == alice


@pytest.mark.parametrize("token_id", [0, -1, 10**30, "abc", None])
def test_it_answers_not_found_when_revoking_an_odd_token_id(alice, token_id):
    token_create(owner=alice, name="laptop")
    with pytest.raises(NotFound):
        token_revoke(owner=alice, token_id=token_id)


def test_it_refuses_a_token_of_an_inactive_user(alice):
    issued = token_create(owner=alice, name="laptop")
    alice.is_active = False
    alice.save()
    assert token_authenticate(issued.secret) is None


@pytest.mark.parametrize(
    "secret",
    [
        "",
        "garbage",
        TOKEN_PREFIX,
        TOKEN_PREFIX + "x" * 43,
        TOKEN_PREFIX + "x" * 10_000,
        TOKEN_PREFIX + "\x00",
        TOKEN_PREFIX + "\udcff",
        "Bearer " + TOKEN_PREFIX + "x",
    ],
)
def test_it_refuses_garbage_tokens(alice, secret):
    token_create(owner=alice, name="laptop")
    assert token_authenticate(secret) is None


def test_it_refuses_a_token_with_one_character_changed(alice):
    secret = token_create(owner=alice, name="laptop").secret
    tampered = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    assert token_authenticate(tampered) is None


def test_it_records_when_a_token_was_last_used(alice):
    issued = token_create(owner=alice, name="laptop")
    assert issued.token.last_used is None
    token_authenticate(issued.secret)
    assert ApiToken.objects.get(pk=issued.token.pk).last_used is not None


def test_it_refreshes_a_stale_last_used_time(alice):
    issued = token_create(owner=alice, name="laptop")
    stale = timezone.now() - dt.timedelta(days=3)
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used=stale)
    token_authenticate(issued.secret)
    last_used = ApiToken.objects.get(pk=issued.token.pk).last_used
    assert last_used is not None
    assert last_used > stale


@pytest.mark.parametrize("name", ["", "   ", "n" * 101, "lap\x00top", "lap\ntop", "lap\x1btop"])
def test_it_refuses_an_invalid_token_name(alice, name):
    with pytest.raises(InvalidInput) as exc:
        token_create(owner=alice, name=name)
    assert "name" in exc.value.errors
    assert ApiToken.objects.count() == 0


def test_it_lists_only_the_owners_tokens_newest_first(alice, bob):
    first = token_create(owner=alice, name="first").token
    second = token_create(owner=alice, name="second").token
    token_create(owner=bob, name="bob's")
    ApiToken.objects.filter(pk=first.pk).update(created=timezone.now() - dt.timedelta(days=1))
    assert list(token_list(owner=alice)) == [second, first]


@pytest.mark.parametrize("name", ["ali\x00ce", "\x00", "a" * 10_000])
def test_it_finds_no_user_by_an_odd_name(alice, name):
    assert user_by_name(name) is None
