"""Services that change accounts: users, languages and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.choices import Language
from entregent.accounts.models import ApiToken, User
from entregent.core.errors import Conflict, InvalidInput, NotFound
from entregent.core.services import full_clean_or_raise

TOKEN_PREFIX = "ent_"  # noqa: S105 - a public marker that tells tokens apart, not a secret


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def user_create(
    *, username: str, password: str, language: str = Language.ENGLISH, email: str = ""
) -> User:
    """Create an account after checking the name and the password's strength."""
    username = (username or "").strip()
    # Check the name's form before it reaches a query: PostgreSQL refuses NUL bytes outright.
    # (full_clean_or_raise also refuses control characters that the e-mail validator allows.)
    probe = User(username=username, language=language, email=email)
    full_clean_or_raise(probe, exclude=["password"])
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            _("An account with this name already exists."),
            errors={"username": [_("Already taken.")]},
        )
    user = User(username=username, language=language, email=email)
    try:
        user.full_clean(exclude=["password"])
        validate_password(password, user)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise InvalidInput.from_validation_error(exc) from None
        raise InvalidInput.from_validation_error(
            ValidationError({"password": exc.messages})
        ) from None
    user.set_password(password)
    user.save()
    return user


def user_set_language(*, user: User, language: str) -> User:
    """Save the interface language the user chose."""
    if language not in Language.values:
        raise InvalidInput.for_field("language", _("Choose English or French."))
    user.language = language
    user.save(update_fields=["language"])
    return user


def user_set_phone_region(*, user: User, region: str) -> User:
    """Save the country code applied to phone numbers written without +; blank means the default."""
    import phonenumbers

    region = (region or "").strip().upper()
    if region and region not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput.for_field(
            "phone_region",
            _("“%(value)s” is not a known two-letter country code.") % {"value": region[:8]},
        )
    user.phone_region = region
    user.save(update_fields=["phone_region"])
    return user


@dataclass(frozen=True)
class IssuedToken:
    """A freshly created token: `secret` exists only here and is never stored."""

    token: ApiToken
    secret: str


@transaction.atomic
def token_create(*, owner: User, name: str) -> IssuedToken:
    """Issue a new API token for the owner; the secret is returned once."""
    name = (name or "").strip()
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        owner=owner, name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], digest=_digest(secret)
    )
    # Also refuses control characters in the name, for which the model declares no validator.
    full_clean_or_raise(token, exclude=["owner"])
    token.save()
    return IssuedToken(token=token, secret=secret)


def token_revoke(*, owner: User, token_id: int) -> ApiToken:
    """Revoke one of the owner's tokens; it stops working at once."""
    try:
        token = ApiToken.objects.filter(owner=owner, pk=int(token_id)).first()
    except (TypeError, ValueError, OverflowError):
        token = None
    if token is None:
        raise NotFound(_("No such token."))
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


def token_authenticate(secret: str) -> User | None:
    """Return the owner of an active token, or None; records when it was last used."""
    if not isinstance(secret, str) or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    if not secret.isascii():
        # Secrets are ASCII; anything else (an undecodable byte from the environment) is garbage.
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(digest=_digest(secret), revoked__isnull=True)
        .first()
    )
    if token is None or not token.owner.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.owner
