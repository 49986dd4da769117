"""API shapes of duplicates and merges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import Id, InputSchema, PageOut, PageQuery
from entregent.dedupe.choices import Keep, MergeStatus


class ReasonOut(Schema):
    """Why the pair looks alike (positive weight) or not (negative)."""

    code: str = Field(description="Stable code, e.g. same_email, nickname, swapped, initial.")
    text: str = Field(description="The reason in the account's language.")
    weight: float


class DuplicatePersonOut(Schema):
    id: int
    full_name: str
    organization: str | None
    city: str


class DuplicateOut(Schema):
    """Two people who are likely the same, with the score (0..1) and the reasons."""

    score: float
    people: list[DuplicatePersonOut]
    reasons: list[ReasonOut]


class DuplicateQuery(PageQuery):
    min_score: float = Field(0.6, ge=0, le=1, description="Leave out pairs scoring less.")


class DuplicatePage(PageOut):
    items: list[DuplicateOut]


class MergeIn(InputSchema):
    """Merge `other_id` into `survivor_id`. `choices` maps a field to whose value to keep."""

    survivor_id: Id
    other_id: Id
    choices: dict[str, Keep] = Field(
        default_factory=dict,
        description="Fields: name, headline, organization, city, language, how_we_met, "
        "introduced_by, circle, cadence_days, notes. Values: survivor, other (both: notes "
        "joined). Fields left out keep the survivor's value unless it is empty.",
    )


class DismissIn(InputSchema):
    """Two people who are not the same: the pair is not proposed again."""

    person_id: Id
    other_id: Id


class DismissOut(Schema):
    """A pair remembered as two different people."""

    id: int
    person_id: int
    other_id: int

    @staticmethod
    def resolve_person_id(obj: Any) -> int:
        return int(obj.person_a_id)

    @staticmethod
    def resolve_other_id(obj: Any) -> int:
        return int(obj.person_b_id)


class MergeOut(Schema):
    """A merge: who was merged into whom, and whether it was undone."""

    id: int
    survivor_id: int
    other_id: int
    survivor_name: str
    other_name: str
    status: MergeStatus
    created: dt.datetime
    undone_at: dt.datetime | None
    moved: int = Field(description="Rows moved to the survivor.")
    dropped: int = Field(description="Duplicate or self-referencing rows dropped.")

    @staticmethod
    def resolve_survivor_id(obj: Any) -> int:
        return int(obj.survivor_pk)

    @staticmethod
    def resolve_other_id(obj: Any) -> int:
        return int(obj.other_pk)

    @staticmethod
    def resolve_moved(obj: Any) -> int:
        return sum(1 for r in obj.snapshot.get("rows", []) if r["action"] != "deleted")

    @staticmethod
    def resolve_dropped(obj: Any) -> int:
        return sum(1 for r in obj.snapshot.get("rows", []) if r["action"] == "deleted")


class MergePage(PageOut):
    items: list[MergeOut]
