"""API routes of the account: who am I, my preferences, my API tokens."""

from django.db import transaction
from django.http import HttpRequest
from ninja import Path, Router, Status

from entregent.accounts.schemas import MeOut, MePatch, TokenCreatedOut, TokenIn, TokenOut
from entregent.accounts.selectors import token_list
from entregent.accounts.services import (
    token_create,
    token_revoke,
    user_set_language,
    user_set_phone_region,
)
from entregent.core.api import owner_of, responses
from entregent.core.schemas import MAX_ID
from entregent.followups.services import CADENCE_FIELDS, cadence_settings_update

router = Router()


@router.get("/me", response=responses({200: MeOut}, params=False))
def me_get(request: HttpRequest) -> object:
    """The account this request acts for."""
    return owner_of(request)


@router.patch("/me", response=responses({200: MeOut}, body=True, unsafe=True))
def me_update(request: HttpRequest, payload: MePatch) -> object:
    """Change the account's language, default phone region or keep-in-touch settings."""
    user = owner_of(request)
    changes = payload.model_dump(exclude_unset=True)
    with transaction.atomic():
        if "language" in changes:
            user_set_language(user=user, language=changes["language"])
        if "phone_region" in changes:
            user_set_phone_region(user=user, region=changes["phone_region"])
        cadences = {k: v for k, v in changes.items() if k in CADENCE_FIELDS}
        if cadences:
            cadence_settings_update(user=user, **cadences)
    return user


@router.get("/tokens", response=responses({200: list[TokenOut]}, params=False))
def tokens_list(request: HttpRequest) -> object:
    """The account's API tokens, newest first, revoked ones included. Secrets are never listed."""
    return token_list(owner=owner_of(request))


@router.post("/tokens", response=responses({201: TokenCreatedOut}, body=True, unsafe=True))
def tokens_create(request: HttpRequest, payload: TokenIn) -> object:
    """Issue a token. Its secret is in this answer only: store it now."""
    issued = token_create(owner=owner_of(request), name=payload.name)
    token = issued.token
    shown = {
        field: getattr(token, field)
        for field in ("id", "name", "prefix", "created", "last_used", "revoked")
    }
    return Status(201, {**shown, "is_active": token.is_active, "secret": issued.secret})


@router.delete("/tokens/{token_id}", response=responses({204: None}, unsafe=True, lookup=True))
def tokens_revoke(request: HttpRequest, token_id: int = Path(..., ge=1, le=MAX_ID)) -> object:
    """Revoke a token: it stops working at once and stays listed as revoked."""
    token_revoke(owner=owner_of(request), token_id=token_id)
    return Status(204, None)
