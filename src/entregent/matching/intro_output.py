"""Introductions and their suggestions as plain data: the API answers it, `--json` prints it."""

from __future__ import annotations

from typing import Any

from entregent.matching.introductions import (
    IntroSuggestion,
    StepDraft,
    current_draft,
    next_actions,
    next_step_label,
)
from entregent.matching.models import Introduction
from entregent.people.models import Person


def _person(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "full_name": person.full_name}


def suggestion_data(s: IntroSuggestion) -> dict[str, Any]:
    return {
        "person_a": _person(s.person_a),
        "person_b": _person(s.person_b),
        "score": s.score,
        "need": s.need,
        "offer": s.offer,
        "matched": list(s.matched),
        "reason": s.reason,
    }


def suggestions_data(found: list[IntroSuggestion], *, person: Person | None) -> dict[str, Any]:
    return {
        "person": _person(person) if person is not None else None,
        "count": len(found),
        "items": [suggestion_data(s) for s in found],
    }


def draft_data(draft: StepDraft) -> dict[str, Any]:
    return {
        "step": draft.step,
        "language": draft.language,
        "to": draft.to,
        "subject": draft.subject,
        "body": draft.body,
        "mailto": draft.mailto,
    }


def introduction_data(intro: Introduction, drafts: list[StepDraft] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": intro.pk,
        "person_a": _person(intro.person_a),
        "person_b": _person(intro.person_b),
        "status": intro.status,
        "status_label": str(intro.get_status_display()),
        "next_step": next_step_label(intro),
        "actions": list(next_actions(intro)),
        "reason": intro.reason,
        "need": intro.need,
        "offer": intro.offer,
        "score": intro.score,
        "note": intro.note,
        "declined_by": intro.declined_by or None,
        "created": intro.created,
        "updated": intro.updated,
        "asked_a_at": intro.asked_a_at,
        "a_answered_at": intro.a_answered_at,
        "asked_b_at": intro.asked_b_at,
        "b_answered_at": intro.b_answered_at,
        "made_at": intro.made_at,
        "closed_at": intro.closed_at,
    }
    if drafts is not None:
        current = current_draft(drafts, intro)
        data["current_step"] = current.step if current is not None else None
        data["drafts"] = [draft_data(d) for d in drafts]
    return data
