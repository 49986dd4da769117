"""Fixtures for API tests: a JSON client per user, authenticated with a personal token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from entregent.accounts.models import User
from entregent.accounts.services import token_create

BASE = "/api/v1"


class ApiClient:
    """A test client that speaks JSON to /api/v1/ with a bearer token (or a session)."""

    def __init__(self, secret: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def _send(
        self,
        method: str,
        path: str,
        body: Any = None,
        raw: str | bytes | None = None,
        **params: Any,
    ):
        url = BASE + path
        call = getattr(self.client, method)
        if method == "get":
            return call(url, params, headers=self.headers)
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        return call(url, data, content_type="application/json", headers=self.headers)

    def get(self, path: str, **params: Any):
        return self._send("get", path, **params)

    def post(self, path: str, body: Any = None, raw: str | bytes | None = None):
        return self._send("post", path, body, raw)

    def patch(self, path: str, body: Any = None, raw: str | bytes | None = None):
        return self._send("patch", path, body, raw)

    def delete(self, path: str):
        return self._send("delete", path)


def api_for(user: User) -> ApiClient:
    return ApiClient(token_create(owner=user, name="tests").secret)


@pytest.fixture
def alice_api(alice: User) -> ApiClient:
    return api_for(alice)


@pytest.fixture
def bob_api(bob: User) -> ApiClient:
    return api_for(bob)


@pytest.fixture
def anonymous_api(db) -> ApiClient:
    return ApiClient()
