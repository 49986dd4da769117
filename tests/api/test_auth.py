"""Authentication: personal tokens (bearer or X-API-Key), sessions with CSRF, token lifecycle."""

from __future__ import annotations

import hashlib

from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from entregent.accounts.models import ApiToken
from entregent.accounts.services import token_create
from entregent.people.models import Person
from tests.api.conftest import BASE, ApiClient


def alice_people_exist(alice) -> bool:
    return Person.objects.filter(owner=alice).exists()


def test_it_refuses_a_request_without_credentials_with_a_json_401(anonymous_api):
    response = anonymous_api.get("/people")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "unauthorized"
    assert response.json()["detail"]


def test_it_refuses_an_unauthenticated_write_with_401_not_403(anonymous_api):
    response = anonymous_api.post("/people", {"full_name": "Dana"})

    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_it_refuses_a_wrong_token(db):
    response = ApiClient("ent_not-a-real-token").get("/people")

    assert response.status_code == 401


def test_it_accepts_a_bearer_token(alice_api, dana):
    response = alice_api.get("/people")

    assert response.status_code == 200
    assert [p["full_name"] for p in response.json()["items"]] == ["Dana Whitfield"]


def test_it_accepts_a_token_in_the_x_api_key_header(alice, dana):
    secret = token_create(owner=alice, name="script").secret

    response = Client().get(f"{BASE}/people", headers={"X-API-Key": secret})

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_it_accepts_a_signed_in_session_for_reads(alice_client, dana):
    response = alice_client.get(f"{BASE}/people")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_it_refuses_a_session_write_without_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(
        f"{BASE}/people", '{"full_name": "Dana"}', content_type="application/json"
    )

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "csrf_failed"
    assert not alice_people_exist(alice)


def test_it_accepts_a_session_write_with_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    # The docs page sets the CSRF cookie, as any page of the site does.
    client.get(f"{BASE}/docs")
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        f"{BASE}/people",
        '{"full_name": "Dana"}',
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert response.status_code == 201
    assert alice_people_exist(alice)


def test_a_token_request_needs_no_csrf_token(alice):
    secret = token_create(owner=alice, name="script").secret
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"{BASE}/people",
        '{"full_name": "Dana"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.status_code == 201


def test_it_creates_a_token_and_shows_its_secret_once(alice_api, alice):
    response = alice_api.post("/tokens", {"name": "backup script"})

    assert response.status_code == 201
    created = response.json()
    assert created["secret"].startswith("ent_")
    assert created["secret"].startswith(created["prefix"])
    assert created["active"] is True
    listed = alice_api.get("/tokens").json()
    assert "backup script" in [t["name"] for t in listed]
    assert all("secret" not in t for t in listed)
    assert created["secret"] not in str(alice_api.get("/tokens").content)


def test_it_stores_only_a_digest_of_the_secret(alice_api, alice):
    secret = alice_api.post("/tokens", {"name": "backup script"}).json()["secret"]

    token = ApiToken.objects.get(owner=alice, name="backup script")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.digest}


def test_a_created_token_works(alice_api, dana):
    secret = alice_api.post("/tokens", {"name": "new"}).json()["secret"]

    response = ApiClient(secret).get("/people")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_revoked_token_is_refused(alice_api):
    created = alice_api.post("/tokens", {"name": "old"}).json()
    new_api = ApiClient(created["secret"])
    assert new_api.get("/me").status_code == 200

    response = alice_api.delete(f"/tokens/{created['id']}")

    assert response.status_code == 204
    assert response.content == b""
    assert new_api.get("/me").status_code == 401
    listed = {t["id"]: t for t in alice_api.get("/tokens").json()}
    assert listed[created["id"]]["active"] is False
    assert listed[created["id"]]["revoked"] is not None


def test_it_refuses_a_token_without_a_name(alice_api):
    response = alice_api.post("/tokens", {"name": ""})

    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_it_refuses_a_token_name_with_a_nul_byte(alice_api, alice):
    response = alice_api.post("/tokens", {"name": "bad\x00name"})

    assert response.status_code == 422
    assert "name" in response.json()["errors"]
    assert not ApiToken.objects.filter(owner=alice, name__startswith="bad").exists()


def test_bob_cannot_revoke_alices_token(alice, bob_api):
    token = token_create(owner=alice, name="alice's").token

    response = bob_api.delete(f"/tokens/{token.pk}")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_me_tells_who_the_token_belongs_to(alice_api):
    response = alice_api.get("/me")

    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_it_answers_in_the_token_owners_language(charlie):
    api = ApiClient(token_create(owner=charlie, name="fr").secret)

    response = api.get("/people/999999")

    assert response.status_code == 404
    with translation.override("fr"):
        assert response.json()["detail"] == gettext("No such person.")


def test_it_changes_the_account_language(alice_api, alice):
    response = alice_api.patch("/me", {"language": "fr"})

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.language == "fr"


def test_it_refuses_an_unknown_language(alice_api):
    response = alice_api.patch("/me", {"language": "de"})

    assert response.status_code == 422
    assert "language" in response.json()["errors"]
