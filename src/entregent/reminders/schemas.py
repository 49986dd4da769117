"""API shapes of the calendar feed."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class CalendarOut(Schema):
    """The account's private calendar address, as listed: its secret is never shown again."""

    active: bool = Field(description="False when there is no address (never made, or revoked).")
    prefix: str | None = Field(None, description="The secret's first characters.")
    created: dt.datetime | None = None
    last_fetched: dt.datetime | None = Field(None, description="When a calendar app last read it.")


class CalendarCreatedOut(CalendarOut):
    """A new address, shown this once: only a digest of its secret is stored."""

    url: str = Field(description="Subscribe to this address in a calendar app. Shown only now.")
