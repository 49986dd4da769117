"""The REST API: one NinjaAPI mounting each app's router, with one error mapping."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from entregent.accounts.services import token_authenticate
from entregent.core.errors import ApplicationError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ent_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class TokenHeaderAuth(APIKeyHeader):
    """`X-API-Key: ent_…`, for tools that cannot set a bearer token."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None):  # type: ignore[no-untyped-def]
        user = token_authenticate(key or "")
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Entregent API",
    version="1",
    description="People, encounters, events and facts of one account. Authenticate with a personal "
    "token (`Authorization: Bearer ent_…`) or a signed-in session with its CSRF token.",
    auth=[TokenAuth(), TokenHeaderAuth(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)
