"""API shapes of quick capture: the text in, the preview and what was saved out."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from entregent.capture.services import MAX_TEXT
from entregent.core.schemas import Id, InputSchema, StorableDatetime


class CandidateOut(Schema):
    id: int
    full_name: str
    score: float = 0.0
    reason: str = ""


class PreviewPersonOut(Schema):
    """A person of the capture: known (`person_id`) or new; `ambiguous` needs a choice."""

    name: str
    role: str
    organization: str
    emails: list[str]
    person_id: int | None
    candidates: list[CandidateOut]
    ambiguous: bool


class PreviewFactOut(Schema):
    kind: str
    text: str
    person: int | None = Field(description="Index into `people` (null: the first person).")


class PreviewOut(Schema):
    """What the capture will write; send it back corrected as `preview` to save it."""

    text: str
    language: str
    occurred_at: dt.datetime | None
    channel: str
    place: str
    event: str
    introduced_by: PreviewPersonOut | None
    people: list[PreviewPersonOut]
    facts: list[PreviewFactOut]
    tags: list[str]
    followup_due: dt.date | None
    followup_topic: str
    followup_stated: bool
    note: str = Field(description="What was not understood (kept in the encounter's summary).")
    warnings: list[str]


class PreviewPersonIn(InputSchema):
    name: str = Field("", max_length=200)
    role: str = Field("", max_length=200)
    organization: str = Field("", max_length=200)
    emails: list[str] = Field(default_factory=list, max_length=10)
    person_id: Id | None = Field(None, description="The known person this is; null: a new one.")
    candidates: list[CandidateOut] = Field(default_factory=list, max_length=20)
    ambiguous: bool = False


class PreviewFactIn(InputSchema):
    kind: str = Field(max_length=20)
    text: str = Field(max_length=500)
    person: int | None = Field(None, ge=0, le=50)


class PreviewIn(InputSchema):
    """A preview as answered by a dry run, possibly corrected."""

    text: str = Field(max_length=MAX_TEXT)
    language: str = Field("en", max_length=5)
    occurred_at: StorableDatetime | None = None
    channel: str = Field("in_person", max_length=20)
    place: str = Field("", max_length=200)
    event: str = Field("", max_length=200)
    introduced_by: PreviewPersonIn | None = None
    people: list[PreviewPersonIn] = Field(default_factory=list, max_length=50)
    facts: list[PreviewFactIn] = Field(default_factory=list, max_length=100)
    tags: list[str] = Field(default_factory=list, max_length=50)
    followup_due: dt.date | None = None
    followup_topic: str = Field("", max_length=200)
    followup_stated: bool = False
    note: str = Field("", max_length=MAX_TEXT)
    warnings: list[str] = Field(default_factory=list, max_length=50)


class CaptureIn(InputSchema):
    """Free text to read, or a corrected `preview` to save."""

    text: str = Field("", max_length=MAX_TEXT, description="What happened, in English or French.")
    now: StorableDatetime | None = Field(
        None, description="Reference time for relative dates (tomorrow, next Monday); default: now."
    )
    dry_run: bool = Field(False, description="Answer the preview only; save nothing.")
    preview: PreviewIn | None = Field(
        None, description="A preview from a dry run, corrected: saved as it is (`text` ignored)."
    )


class SavedEncounterOut(Schema):
    id: int
    occurred_at: dt.datetime
    channel: str
    place: str
    event: int | None


class SavedPersonOut(Schema):
    id: int
    full_name: str
    created: bool


class SavedFactOut(Schema):
    id: int
    kind: str
    text: str


class SavedFollowUpOut(Schema):
    id: int
    person: int
    due_on: dt.date
    topic: str


class SavedOut(Schema):
    encounter: SavedEncounterOut
    people: list[SavedPersonOut]
    facts: list[SavedFactOut]
    followups: list[SavedFollowUpOut]


class CaptureOut(Schema):
    """The preview, and what was saved (null on a dry run)."""

    preview: PreviewOut
    saved: SavedOut | None
