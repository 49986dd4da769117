"""The reminders page (calendar address, daily digest) and the calendar feed itself."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entregent.core.errors import ApplicationError
from entregent.reminders.feed import calendar_stream, calendar_version
from entregent.reminders.forms import DigestForm
from entregent.reminders.selectors import (
    calendar_feed_get,
    calendar_feed_owner,
    digest_configured,
    digest_delivery_list,
    digest_last_run,
    digest_subscription_get,
)
from entregent.reminders.services import IssuedFeed, calendar_feed_issue, calendar_feed_revoke
from entregent.reminders.services import digest_subscribe as digest_subscribe_service
from entregent.web.forms import add_application_error, error_status, focus_first_error
from entregent.web.requests import owner_of


def _page(
    request: HttpRequest,
    *,
    issued: IssuedFeed | None = None,
    digest_form: DigestForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = owner_of(request)
    subscription = digest_subscription_get(owner=user)
    if digest_form is None:
        digest_form = DigestForm(
            initial={"email": user.email, "enabled": bool(subscription and subscription.enabled)}
        )
    else:
        focus_first_error(digest_form)
    context = {
        "feed": calendar_feed_get(owner=user),
        "issued": issued,
        "webcal_url": issued.url.replace("https://", "webcal://", 1).replace(
            "http://", "webcal://", 1
        )
        if issued
        else "",
        "digest_form": digest_form,
        "deliveries": list(digest_delivery_list(owner=user)[:7]),
        "digest_configured": digest_configured(),
        "digest_hour": settings.ENTREGENT_DIGEST_HOUR,
        "last_run": digest_last_run(),
    }
    response = render(request, "reminders/settings.html", context, status=status)
    if issued:
        # The secret is on this answer only: keep it out of every cache.
        response["Cache-Control"] = "no-store"
    return response


@require_GET
def settings_view(request: HttpRequest) -> HttpResponse:
    """Calendar address and daily digest settings."""
    return _page(request)


@require_POST
def calendar_issue_view(request: HttpRequest) -> HttpResponse:
    """Make (or remake) the private calendar address and show it this once."""
    return _page(request, issued=calendar_feed_issue(owner=owner_of(request)))


@require_POST
def calendar_revoke_view(request: HttpRequest) -> HttpResponse:
    """Stop the calendar address; calendar apps subscribed to it get nothing more."""
    if calendar_feed_revoke(owner=owner_of(request)):
        messages.success(request, _("Calendar address revoked."))
    return redirect("reminders:settings")


@require_POST
def digest_view(request: HttpRequest) -> HttpResponse:
    """Save the e-mail address and the daily digest switch."""
    form = DigestForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            digest_subscribe_service(
                owner=owner_of(request),
                email=form.cleaned_data["email"],
                enabled=form.cleaned_data["enabled"],
            )
        except ApplicationError as exc:
            owner_of(request).refresh_from_db()
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("Daily digest settings saved."))
            return redirect("reminders:settings")
    return _page(request, digest_form=form, status=status)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def calendar_feed_view(request: HttpRequest, secret: str) -> HttpResponseBase:
    """The private calendar: no session, the secret in the address is the credential."""
    owner = calendar_feed_owner(secret)
    if owner is None:
        raise Http404(_("No such calendar."))
    today = timezone.localdate()
    version = calendar_version(owner=owner, today=today)
    # The stream is only read if the answer is not a 304: an unchanged feed costs three
    # aggregate queries, however big the network.
    response = StreamingHttpResponse(
        calendar_stream(owner=owner, today=today),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="entregent.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    response["ETag"] = version.etag
    response["Last-Modified"] = http_date(version.last_modified.timestamp())
    # A 304 (or 412) when the client's copy is current, else this response.
    answer = get_conditional_response(
        request,
        etag=version.etag,
        last_modified=int(version.last_modified.timestamp()),
        response=response,  # type: ignore[arg-type]  # only its headers are read
    )
    return answer or response
