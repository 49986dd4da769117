"""Sign-in, first-run setup, settings, API tokens and the language switch, through the pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from entregent.accounts.models import ApiToken, User
from entregent.accounts.services import token_authenticate, token_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


# Sign-in and first run -------------------------------------------------------------------


def test_the_login_page_redirects_to_setup_when_no_account_exists(client: Client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:setup")


def test_signed_out_visitors_are_sent_to_setup_on_a_fresh_install(client: Client):
    response = client.get(reverse("web:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:setup")
    assert response.status_code == 200


def test_setup_creates_the_first_account_and_signs_in(client: Client):
    response = client.post(
        reverse("accounts:setup"),
        {"username": "alice", "password": PASSWORD, "password_again": PASSWORD, "language": "fr"},
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.username == "alice"
    assert user.language == "fr"
    home = client.get(reverse("web:home"))
    assert home.status_code == 200
    assert '<html lang="fr">' in home.content.decode()


def test_setup_shows_a_weak_password_on_the_password_field(client: Client):
    response = client.post(
        reverse("accounts:setup"),
        {"username": "alice", "password": "123", "password_again": "123", "language": "en"},
    )
    assert response.status_code == 422
    assert "password" in response.context["form"].errors
    assert not User.objects.exists()


def test_setup_refuses_two_different_passwords(client: Client):
    response = client.post(
        reverse("accounts:setup"),
        {
            "username": "alice",
            "password": PASSWORD,
            "password_again": PASSWORD + "!",
            "language": "en",
        },
    )
    assert response.status_code == 422
    assert "password_again" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["", "a" * 10_000, "bad\x00name", "two words"])
def test_setup_refuses_a_bad_name_on_the_name_field(client: Client, username: str):
    response = client.post(
        reverse("accounts:setup"),
        {"username": username, "password": PASSWORD, "password_again": PASSWORD, "language": "en"},
    )
    assert response.status_code == 422
    assert "username" in response.context["form"].errors
    assert not User.objects.exists()


def test_the_setup_page_is_gone_once_an_account_exists(client: Client, alice: User):
    assert client.get(reverse("accounts:setup")).status_code == 404
    response = client.post(
        reverse("accounts:setup"),
        {"username": "mallory", "password": PASSWORD, "password_again": PASSWORD, "language": "en"},
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="mallory").exists()


def test_it_signs_in_and_out(client: Client, alice: User):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert 'for="id_username"' in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 302


def test_a_wrong_password_does_not_sign_in(client: Client, alice: User):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("web:home")).status_code == 302


# Settings ------------------------------------------------------------------------------


def test_the_settings_page_renders(alice_client: Client):
    response = alice_client.get(reverse("accounts:settings"))
    assert response.status_code == 200
    assert "API tokens" in response.content.decode()


def test_it_saves_language_and_phone_region(alice_client: Client, alice: User):
    response = alice_client.post(
        reverse("accounts:settings"), {"language": "fr", "phone_region": "fr"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.language, alice.phone_region) == ("fr", "FR")


def test_an_unknown_phone_region_is_a_field_error_and_nothing_changes(
    alice_client: Client, alice: User
):
    response = alice_client.post(
        reverse("accounts:settings"), {"language": "fr", "phone_region": "QQ"}
    )
    assert response.status_code == 422
    assert "phone_region" in response.context["preferences_form"].errors
    alice.refresh_from_db()
    assert (alice.language, alice.phone_region) == ("en", "")


def test_it_changes_the_password_and_stays_signed_in(alice_client: Client, alice: User):
    new = "another long passphrase"
    response = alice_client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert alice_client.get(reverse("web:home")).status_code == 200


def test_a_wrong_old_password_is_a_field_error(alice_client: Client, alice: User):
    new = "another long passphrase"
    response = alice_client.post(
        reverse("accounts:password"),
        {"old_password": "nope", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 422
    assert "old_password" in response.context["password_form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


# API tokens ------------------------------------------------------------------------------


def test_a_new_token_secret_is_shown_once(alice_client: Client, alice: User):
    response = alice_client.post(reverse("accounts:token_create"), {"name": "laptop script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["new_token"].secret
    assert secret in response.content.decode()
    assert token_authenticate(secret) == alice
    again = alice_client.get(reverse("accounts:settings")).content.decode()
    assert secret not in again
    assert "laptop script" in again
    assert ApiToken.objects.get(owner=alice).prefix in again


def test_an_empty_token_name_is_a_field_error(alice_client: Client, alice: User):
    response = alice_client.post(reverse("accounts:token_create"), {"name": " "})
    assert response.status_code == 422
    assert "name" in response.context["token_form"].errors
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token(alice_client: Client, alice: User):
    issued = token_create(owner=alice, name="old")
    response = alice_client.post(reverse("accounts:token_revoke", args=[issued.token.pk]))
    assert response.status_code == 302
    assert token_authenticate(issued.secret) is None
    assert "Revoked" in alice_client.get(reverse("accounts:settings")).content.decode()


def test_bob_cannot_revoke_alices_token(bob_client: Client, alice: User):
    issued = token_create(owner=alice, name="alice's")
    assert (
        bob_client.post(reverse("accounts:token_revoke", args=[issued.token.pk])).status_code == 404
    )
    assert token_authenticate(issued.secret) == alice


def test_bob_does_not_see_alices_tokens(bob_client: Client, alice: User):
    token_create(owner=alice, name="alice-secret-token")
    assert "alice-secret-token" not in bob_client.get(reverse("accounts:settings")).content.decode()


# Language switch -------------------------------------------------------------------------


def test_the_language_switch_persists_and_the_page_comes_back_in_french(
    alice_client: Client, alice: User
):
    response = alice_client.post(
        reverse("accounts:language"), {"language": "fr", "next": reverse("people:list")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:list")
    alice.refresh_from_db()
    assert alice.language == "fr"
    page = alice_client.get(reverse("people:list")).content.decode()
    assert '<html lang="fr">' in page
    # A fresh session (another browser) gets French too: it is saved on the account.
    other = Client()
    other.force_login(alice)
    assert '<html lang="fr">' in other.get(reverse("web:home")).content.decode()


def test_the_language_switch_never_redirects_off_site(alice_client: Client):
    response = alice_client.post(
        reverse("accounts:language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("web:home")


def test_an_unknown_language_is_refused(alice_client: Client, alice: User):
    response = alice_client.post(reverse("accounts:language"), {"language": "xx"})
    assert response.status_code == 422
    alice.refresh_from_db()
    assert alice.language == "en"


def test_signed_out_visitors_can_switch_the_sign_in_page_to_french(client: Client, alice: User):
    response = client.post(
        reverse("accounts:language"), {"language": "fr", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    assert '<html lang="fr">' in client.get(reverse("accounts:login")).content.decode()
