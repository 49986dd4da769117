"""Sign-in, first-run setup, settings (language, phone region, password, API tokens)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entregent.accounts.forms import LanguageForm, PreferencesForm, SetupForm, TokenForm
from entregent.accounts.selectors import token_list, users_exist
from entregent.accounts.services import (
    IssuedToken,
    token_create,
    token_revoke,
    user_create,
    user_set_language,
    user_set_phone_region,
)
from entregent.core.errors import ApplicationError, InvalidInput
from entregent.followups.forms import CadenceForm
from entregent.web.forms import add_application_error, error_status, focus_first_error
from entregent.web.requests import owner_of


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    """Django's sign-in with our page; before any account exists it sends to the setup page."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not users_exist():
            return redirect("accounts:setup")
        return super().dispatch(request, *args, **kwargs)


@login_not_required
@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    """Create the first account and sign in; the page exists only while there is no account."""
    if users_exist():
        raise Http404(_("Setup is done."))
    if request.method != "POST":
        return render(request, "accounts/setup.html", {"form": SetupForm()})
    form = SetupForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create(
                username=data["username"], password=data["password"], language=data["language"]
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to Entregent. Start by adding someone you met recently.")
            )
            return redirect("web:home")
    focus_first_error(form)
    return render(request, "accounts/setup.html", {"form": form}, status=status)


def _settings_page(
    request: HttpRequest,
    *,
    preferences_form: PreferencesForm | None = None,
    password_form: PasswordChangeForm | None = None,
    token_form: TokenForm | None = None,
    new_token: IssuedToken | None = None,
    cadence_form: CadenceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = owner_of(request)
    password_form = password_form or PasswordChangeForm(user)
    # Django's form grabs focus; on a page of several forms that would scroll past the rest.
    password_form.fields["old_password"].widget.attrs.pop("autofocus", None)
    for form in (preferences_form, password_form, token_form, cadence_form):
        if form is not None:
            focus_first_error(form)
    context = {
        "preferences_form": preferences_form
        or PreferencesForm(initial={"language": user.language, "phone_region": user.phone_region}),
        "password_form": password_form,
        "token_form": token_form or TokenForm(),
        "tokens": token_list(owner=user),
        "new_token": new_token,
        "cadence_form": cadence_form or CadenceForm.for_user(user),
        "default_region": settings.ENTREGENT_PHONE_REGION,
    }
    return render(request, "accounts/settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    """The settings page; a POST saves the preferences (language, default phone region)."""
    if request.method != "POST":
        return _settings_page(request)
    user = owner_of(request)
    form = PreferencesForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            with transaction.atomic():
                user_set_phone_region(user=user, region=form.cleaned_data["phone_region"])
                user_set_language(user=user, language=form.cleaned_data["language"])
        except ApplicationError as exc:
            user.refresh_from_db()
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("Preferences saved."))
            return redirect("accounts:settings")
    return _settings_page(request, preferences_form=form, status=status)


@require_POST
def password_view(request: HttpRequest) -> HttpResponse:
    """Change the password; the current session stays signed in."""
    user = owner_of(request)
    form = PasswordChangeForm(user, request.POST)
    if not form.is_valid():
        return _settings_page(request, password_form=form, status=422)
    form.save()
    update_session_auth_hash(request, form.user)
    messages.success(request, _("Password changed."))
    return redirect("accounts:settings")


@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    """Issue an API token and show its secret on this answer only; it is never shown again."""
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            issued = token_create(owner=owner_of(request), name=form.cleaned_data["name"])
        except ApplicationError as exc:
            add_application_error(form, exc)
            return _settings_page(request, token_form=form, status=error_status(exc))
        response = _settings_page(request, new_token=issued)
        # The secret is on this page only: keep it out of every cache.
        response["Cache-Control"] = "no-store"
        return response
    return _settings_page(request, token_form=form, status=422)


@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of my tokens; it stops working at once."""
    token = token_revoke(owner=owner_of(request), token_id=pk)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return HttpResponseRedirect(reverse("accounts:settings") + "#tokens")


@login_not_required
@require_POST
def language_view(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: saved on the account, and in a cookie for the sign-in page."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        raise InvalidInput.for_field("language", _("Choose English or French."))
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_language(user=owner_of(request), language=language)
    target = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("web:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
