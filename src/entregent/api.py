"""The REST API: one NinjaAPI mounting each app's router, with one error mapping.

Every error answers the same JSON body, `{"detail", "code", "errors"}` (see
`core.schemas.ErrorOut`): an `ApplicationError` keeps its status and field messages, a
request that does not validate is a 422 naming the field, a body that is not JSON is a 400,
a missing or wrong credential a 401, a signed-in session without its CSRF token a 403.
"""

import logging
from typing import Any

from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from entregent.accounts.api import router as accounts_router
from entregent.accounts.models import User
from entregent.accounts.services import token_authenticate
from entregent.capture.api import router as capture_router
from entregent.core.errors import ApplicationError, NotFound, field_message
from entregent.dedupe.api import router as dedupe_router
from entregent.encounters.api import router as encounters_router
from entregent.exchange.api import router as exchange_router
from entregent.followups.api import router as followups_router
from entregent.followups.today_api import router as today_router
from entregent.goals.api import router as goals_router
from entregent.goals.ledger_api import router as ledger_router
from entregent.matching.api import router as matching_router
from entregent.matching.intro_api import router as intro_router
from entregent.matching.synergy_api import router as synergy_router
from entregent.network.api import router as network_router
from entregent.network.map_api import router as network_map_router
from entregent.network.paths_api import router as paths_router
from entregent.network.tie_api import router as tie_router
from entregent.people.api import router as people_router
from entregent.pipeline.api import router as pipeline_router
from entregent.reminders.api import router as reminders_router

logger = logging.getLogger(__name__)


def _token_user(request: HttpRequest, secret: str | None) -> User | None:
    user = token_authenticate(secret or "")
    if user is not None:
        request.user = user
        # A token request carries no session, so the account's language is applied here.
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ent_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return _token_user(request, token)


class TokenHeaderAuth(APIKeyHeader):
    """`X-API-Key: ent_…`, for tools that cannot set a bearer token."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return _token_user(request, key)


class SignedInSession(SessionAuth):
    """The browser's signed-in session; unsafe methods need the CSRF token.

    The CSRF check runs only when there is a signed-in session to protect, so a request
    with no credential at all is a 401, not a 403.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


class EntregentAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema explains, for every operation, what each status means."""

    STATUS_DESCRIPTIONS = {
        400: "The body is not valid JSON.",
        401: "No valid API token and no signed-in session.",
        403: "A signed-in session sent no valid CSRF token (send it as X-CSRFToken).",
        404: "No such object for this account (another account's objects look the same).",
        409: "The change conflicts with existing data, e.g. a duplicate name.",
        422: "A path, query or body field is not valid; `errors` names it.",
    }

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    described = self.STATUS_DESCRIPTIONS.get(int(status))
                    if described:
                        answer["description"] = described
        return schema


api = EntregentAPI(
    title="Entregent API",
    version="1",
    description=(
        "People, organizations, facts, milestones, connections, encounters, events and follow-ups "
        "of one account.\n\n"
        "**Authentication.** A personal token (`Authorization: Bearer ent_…` or "
        "`X-API-Key: ent_…`; create one with `POST /tokens` or `entregent token create`) or a "
        "signed-in session; a session must send its CSRF token (`X-CSRFToken`) on POST, PATCH "
        "and DELETE.\n\n"
        "**Lists** take `limit` (1 to 200) and `offset` and answer "
        "`{count, limit, offset, items}`.\n\n"
        "**Errors** always answer `{detail, code, errors}` where `errors` maps each field at "
        "fault to its messages: 400 `malformed` (the body is not JSON), 401 `unauthorized`, 403 "
        "`csrf_failed`, 404 `not_found` (also for another account's objects, including ids given "
        "in a body), 409 `conflict`, 422 `invalid` (a field is missing, of the wrong type, too "
        "long, not one of the allowed values, holds control characters, or is an impossible date)."
    ),
    auth=[TokenAuth(), TokenHeaderAuth(), SignedInSession()],
    urls_namespace="api",
)


def _error(
    request: HttpRequest, status: int, detail: str, code: str, errors: Any = None
) -> HttpResponse:
    return api.create_response(
        request, {"detail": detail, "code": code, "errors": errors or {}}, status=status
    )


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


def _field_of(location: tuple[Any, ...]) -> tuple[str, str]:
    """("body", "payload", "emails", 0) -> ("emails", "0"): the field, and where inside it."""
    parts = [str(p) for p in location[1:]]
    if location[:1] == ("body",) and parts[:1] == ["payload"]:
        parts = parts[1:]
    if not parts:
        return ("body" if location[:1] == ("body",) else "__all__"), ""
    return parts[0], ".".join(parts[1:])


# Pydantic words its refusals in English; the kinds a client can cause are said again here
# in the account's language. Other kinds keep pydantic's message.
_REFUSALS = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter text."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "int_parsing_size": gettext_lazy("This number is too large."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "list_type": gettext_lazy("Send a list."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "model_type": gettext_lazy("Send a JSON object."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "date_type": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "datetime_type": gettext_lazy("Enter a valid date and time."),
    "datetime_parsing": gettext_lazy("Enter a valid date and time."),
    "datetime_from_date_parsing": gettext_lazy("Enter a valid date and time."),
    "datetime_object_invalid": gettext_lazy("Enter a valid date and time."),
    "extra_forbidden": gettext_lazy("Unknown field."),
}
_LIMITS = {
    "greater_than_equal": (
        "ge",
        gettext_lazy("Enter a number greater than or equal to %(limit)s."),
    ),
    "greater_than": ("gt", gettext_lazy("Enter a number greater than %(limit)s.")),
    "less_than_equal": ("le", gettext_lazy("Enter a number less than or equal to %(limit)s.")),
    "less_than": ("lt", gettext_lazy("Enter a number less than %(limit)s.")),
}


def _refusal(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence in the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in _REFUSALS:
        return str(_REFUSALS[kind])
    if kind in _LIMITS and _LIMITS[kind][0] in ctx:
        key, message = _LIMITS[kind]
        return str(message) % {"limit": ctx[key]}
    if kind in {"literal_error", "enum"} and "expected" in ctx:
        expected = str(ctx["expected"]).replace(" or ", ", ")
        return _("Choose one of: %(expected)s.") % {"expected": expected}
    if kind == "string_too_long" and "max_length" in ctx:
        n = int(ctx["max_length"])
        return ngettext("Enter at most %(n)d character.", "Enter at most %(n)d characters.", n) % {
            "n": n
        }
    if kind == "string_too_short" and "min_length" in ctx:
        n = int(ctx["min_length"])
        return ngettext(
            "Enter at least %(n)d character.", "Enter at least %(n)d characters.", n
        ) % {"n": n}
    if kind == "too_long" and "max_length" in ctx:
        n = int(ctx["max_length"])
        return ngettext("Give at most %(n)d item.", "Give at most %(n)d items.", n) % {"n": n}
    if kind == "too_short" and "min_length" in ctx:
        n = int(ctx["min_length"])
        return ngettext("Give at least %(n)d item.", "Give at least %(n)d items.", n) % {"n": n}
    # Our own validators raise ValueError with a message already translated.
    return str(error.get("msg", _("Not valid."))).removeprefix("Value error, ")


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field, inside = _field_of(tuple(error.get("loc", ())))
        message = _refusal(error)
        errors.setdefault(field, []).append(f"{inside}: {message}" if inside else message)
    field, messages = next(iter(errors.items()), ("__all__", [_("Not valid.")]))
    return _error(request, 422, field_message(field, messages[0]), "invalid", errors)


_HTTP_CODES = {400: "malformed", 401: "unauthorized", 403: "csrf_failed", 405: "method_not_allowed"}


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        detail = _("Authentication required: send an API token or sign in.")
    elif exc.status_code == 400:
        detail = _("The request body is not valid JSON.")
    elif exc.status_code == 403:
        detail = _("CSRF check failed: send the CSRF token in the X-CSRFToken header.")
    else:
        detail = str(exc)
    return _error(request, exc.status_code, detail, _HTTP_CODES.get(exc.status_code, "error"))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, NotFound().as_dict(), status=404)


@api.exception_handler(IntegrityError)
def _integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    # Services check for duplicates first; only two writes racing each other end up here.
    logger.warning("API write refused by a database constraint: %s", exc)
    return _error(request, 409, _("This conflicts with existing data."), "conflict")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected error in %s %s", request.method, request.path)
    return _error(request, 500, _("Something went wrong on our side."), "server_error")


api.add_router("", accounts_router, tags=["account"])
api.add_router("", people_router)
api.add_router("", encounters_router)
api.add_router("", followups_router, tags=["follow-ups"])
api.add_router("", today_router, tags=["follow-ups"])
api.add_router("", capture_router, tags=["capture"])
api.add_router("", reminders_router, tags=["reminders"])
api.add_router("", matching_router, tags=["common ground"])
api.add_router("", synergy_router, tags=["synergies"])
api.add_router("", ledger_router, tags=["giving ledger"])
api.add_router("", intro_router, tags=["introductions"])
api.add_router("", exchange_router, tags=["import and export"])
api.add_router("", dedupe_router, tags=["duplicates"])
api.add_router("", network_router, tags=["network"])
api.add_router("", paths_router, tags=["introduction paths"])
api.add_router("", tie_router, tags=["tie strength"])
api.add_router("", network_map_router, tags=["network"])
api.add_router("", goals_router, tags=["goals"])
api.add_router("", pipeline_router, tags=["pipeline"])

# Anything else under /api/v1/ answers a JSON 404 instead of the web site's HTML page.
_fallback = Router(auth=None)


@_fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def _no_such_route(request: HttpRequest, rest: str) -> HttpResponse:
    raise NotFound(_("No such API route."))


api.add_router("", _fallback)
