"""API shapes of the account and its tokens."""

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from entregent.accounts.choices import Language
from entregent.accounts.models import ApiToken
from entregent.core.schemas import InputSchema, NoControlCharacters, max_length, unchanged


class MeOut(Schema):
    """The account the request acts for."""

    id: int
    username: str
    language: Language
    phone_region: str = Field(description="Country code for phone numbers written without +.")
    cadence_inner_days: int = Field(description="Keep-in-touch interval of the inner circle.")
    cadence_active_days: int
    cadence_weak_days: int
    cadence_dormant_days: int
    followup_delay_days: int = Field(description="Follow-up due this many days after meeting.")
    congratulate_days_ahead: int = Field(description="Milestones show this many days ahead.")


class MePatch(InputSchema):
    """Preferences to change; fields left out stay as they are."""

    language: Language = unchanged(description="Interface and message language.")
    phone_region: str = unchanged(max_length=2, description="Two-letter country code, or empty.")
    cadence_inner_days: int = unchanged(ge=1, le=3650, description="Days, inner circle.")
    cadence_active_days: int = unchanged(ge=1, le=3650, description="Days, active circle.")
    cadence_weak_days: int = unchanged(ge=1, le=3650, description="Days, weak ties.")
    cadence_dormant_days: int = unchanged(ge=1, le=3650, description="Days, dormant.")
    followup_delay_days: int = unchanged(ge=0, le=365, description="Days after an encounter.")
    congratulate_days_ahead: int = unchanged(ge=0, le=60, description="Days ahead.")


class TokenIn(InputSchema):
    """A name to recognise the token by, e.g. the script that uses it."""

    name: Annotated[
        str,
        Field(min_length=1, max_length=max_length(ApiToken, "name")),
        NoControlCharacters,
    ]


class TokenOut(Schema):
    """A token as listed: its secret is never shown again, only its first characters."""

    id: int
    name: str
    prefix: str = Field(description="The first characters of the secret, to recognise it.")
    created: dt.datetime
    last_used: dt.datetime | None
    revoked: dt.datetime | None
    active: bool = Field(validation_alias="is_active", description="False once revoked.")


class TokenCreatedOut(TokenOut):
    """A new token with its secret, shown this once: only a digest of it is stored."""

    secret: str = Field(description="Send as `Authorization: Bearer <secret>`. Shown only now.")
