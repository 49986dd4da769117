"""Web-side mapping of application errors, and sign-in required everywhere but the API."""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entregent.core.errors import ApplicationError, NotFound


class WebLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user; the API answers 401 itself instead of redirecting."""

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ApplicationErrorMiddleware:
    """An ApplicationError escaping a view becomes a page, never a 500.

    NotFound is a 404 (another owner's rows are indistinguishable from missing ones).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path_info.startswith("/api/") or not isinstance(exception, ApplicationError):
            return None
        status = 404 if isinstance(exception, NotFound) else exception.status
        return render(request, "web/error.html", {"error": exception}, status=status)
