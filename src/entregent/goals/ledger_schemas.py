"""API shapes of the giving ledger."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import Id, InputSchema, PageOut, PageQuery, PersonRef, text, unchanged
from entregent.goals.choices import FavourDirection, FavourKind, FavourSource
from entregent.goals.models import Favour


class FavourOut(Schema):
    """A favour given to or received from a person."""

    id: int
    person: PersonRef
    direction: FavourDirection
    kind: FavourKind
    occurred_on: dt.date
    note: str
    source: FavourSource = Field(description="Where it was logged from (by hand, a share…).")
    source_id: int | None
    created: dt.datetime
    updated: dt.datetime


class FavourIn(InputSchema):
    person_id: Id
    direction: FavourDirection = FavourDirection.GIVEN
    kind: FavourKind = FavourKind.HELP
    occurred_on: dt.date | None = Field(None, description="Default: today.")
    note: str = text(Favour, "note", default="")


class FavourPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    direction: FavourDirection = unchanged()
    kind: FavourKind = unchanged()
    occurred_on: dt.date = unchanged()
    note: str = text(Favour, "note", default=None)


class FavourQuery(PageQuery):
    person: Id | None = Field(None, description="Favours with this person.")
    direction: FavourDirection | None = None


class FavourPage(PageOut):
    items: list[FavourOut]


class SuggestionOut(Schema):
    text: str
    need: str
    offer: str


class BalanceOut(Schema):
    """Given and received with one person; ways to help next to anyone mostly taken from."""

    person: PersonRef
    given: int
    received: int
    balance: int
    mostly_taken: bool
    last_on: dt.date | None
    ways_to_help: list[SuggestionOut]


class MonthOut(Schema):
    month: dt.date
    given: int
    received: int


class LedgerOut(PageOut):
    """The whole ledger: totals, a page of balances (takers first), the last 12 months."""

    given: int
    received: int
    takers: int = Field(description="People I have received more from than given to.")
    items: list[BalanceOut]
    months: list[MonthOut]


class LedgerQuery(PageQuery):
    takers: bool = Field(False, description="Only people I have mostly taken from.")
