"""The OpenAPI schema and the interactive docs: served locally, every status documented."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from entregent.api import api

EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture
def schema() -> dict:
    return api.get_openapi_schema()


def _operations(schema: dict):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield method.upper(), path, operation


def test_the_docs_page_loads_without_signing_in(db):
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    assert b"swagger-ui" in response.content


def test_the_docs_page_uses_no_external_script_or_style(db):
    html = Client().get("/api/v1/docs").content.decode()

    assert not EXTERNAL_URL.search(html), EXTERNAL_URL.search(html)
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert assets
    assert all(url.startswith("/static/") for url in assets), assets


def test_the_docs_assets_are_served_locally(db):
    html = Client().get("/api/v1/docs").content.decode()

    for url in re.findall(r"""(?:src|href)=["'](/static/[^"']+)["']""", html):
        response = Client().get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert content


def test_the_openapi_schema_is_served_as_json(db):
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Entregent API"
    assert "/api/v1/people" in response.json()["paths"]


def test_every_operation_documents_401_and_its_success(schema):
    for method, path, operation in _operations(schema):
        codes = set(operation["responses"])
        assert "401" in codes or 401 in codes, (method, path)
        success = {int(c) for c in codes if int(c) < 300}
        assert success, (method, path)
        if method == "POST" and path.endswith(("/done", "/snooze", "/dismiss", "/undo")):
            # Actions on an existing follow-up (or merge) change it; they create nothing.
            assert success == {200}, (method, path)
        elif method == "POST" and path.startswith("/api/v1/today/") and path.endswith("/followup"):
            # The follow-up standing for a Today item: the same one on every call (200).
            assert success == {200}, (method, path)
        elif method == "POST" and path.startswith("/api/v1/imports"):
            # An import (or its commit) is queued for the worker: accepted, a job to poll.
            assert success == {202}, (method, path)
        elif method == "POST" and path.endswith("/capture"):
            # A dry run answers the preview (200); a capture that is saved creates (201).
            assert success == {200, 201}, (method, path)
        elif method == "POST" and path == "/api/v1/share":
            # Who would care about an article: a suggestion, nothing is written (200).
            assert success == {200}, (method, path)
        elif method == "POST" and path == "/api/v1/ties/recompute":
            # Derived scores refreshed in place: nothing is created (200).
            assert success == {200}, (method, path)
        elif method == "POST" and path.startswith("/api/v1/introductions/{intro_id}/"):
            # A step of an introduction's workflow moves it on; it creates no introduction.
            assert success == {200}, (method, path)
        elif method == "POST" and path == "/api/v1/opportunities/{opportunity_id}/move":
            # A move changes the opportunity's stage and place; it creates none (200).
            assert success == {200}, (method, path)
        elif method == "POST":
            assert success == {201}, (method, path)
        if method == "DELETE":
            assert success == {204}, (method, path)


def test_every_write_documents_403_for_a_missing_csrf_token(schema):
    for method, path, operation in _operations(schema):
        if method in {"POST", "PATCH", "DELETE"}:
            assert 403 in {int(c) for c in operation["responses"]}, (method, path)


def test_every_write_with_a_body_documents_400_and_422(schema):
    for method, path, operation in _operations(schema):
        if "requestBody" in operation:
            codes = {int(c) for c in operation["responses"]}
            assert {400, 422} <= codes, (method, path)


def test_every_route_with_an_id_documents_404(schema):
    for method, path, operation in _operations(schema):
        if "{" in path:
            assert 404 in {int(c) for c in operation["responses"]}, (method, path)


def test_organization_and_connection_writes_document_409(schema):
    paths = schema["paths"]
    assert "409" in {str(c) for c in paths["/api/v1/organizations"]["post"]["responses"]}
    assert "409" in {str(c) for c in paths["/api/v1/connections"]["post"]["responses"]}


def test_every_error_response_has_the_error_schema_and_a_description(schema):
    for method, path, operation in _operations(schema):
        for code, answer in operation["responses"].items():
            if int(code) >= 400:
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), (method, path, code)
                assert answer["description"], (method, path, code)
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == {"detail", "code", "errors"}


def test_the_schema_documents_both_token_headers_and_the_session(schema):
    assert set(schema["components"]["securitySchemes"]) == {
        "TokenAuth",
        "TokenHeaderAuth",
        "SignedInSession",
    }
