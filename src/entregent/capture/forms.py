"""The preview page's fields, read back into a `CapturePreview` (the service checks values)."""

from __future__ import annotations

import json
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from entregent.capture.services import (
    CapturePreview,
    PreviewCandidate,
    PreviewFact,
    PreviewPerson,
)
from entregent.core.errors import InvalidInput

MAX_ROWS = 50


def _count(data: QueryDict, name: str) -> int:
    try:
        return max(0, min(MAX_ROWS, int(data.get(name, "0"))))
    except ValueError:
        raise InvalidInput.for_field(name, _("Enter a whole number.")) from None


def _candidates(raw: str) -> list[PreviewCandidate]:
    try:
        items = json.loads(raw or "[]")
        return [PreviewCandidate(int(c["id"]), str(c["full_name"])) for c in items][:20]
    except (ValueError, TypeError, KeyError):
        return []


def _person(data: QueryDict, prefix: str) -> PreviewPerson:
    choice = data.get(f"{prefix}-choice", "new")
    person_id: int | None = None
    ambiguous = data.get(f"{prefix}-ambiguous") == "1"
    if choice not in {"", "new", "ask"}:
        try:
            person_id = int(choice)
        except ValueError:
            raise InvalidInput.for_field(f"{prefix}-choice", _("Choose a person.")) from None
    elif choice == "new":
        ambiguous = False
    return PreviewPerson(
        name=data.get(f"{prefix}-name", ""),
        role=data.get(f"{prefix}-role", ""),
        organization=data.get(f"{prefix}-organization", ""),
        emails=[e for e in data.get(f"{prefix}-emails", "").split() if e],
        person_id=person_id,
        candidates=_candidates(data.get(f"{prefix}-candidates", "")),
        ambiguous=ambiguous,
    )


def preview_from_post(data: QueryDict) -> CapturePreview:
    """The corrected preview as the page posted it."""
    people: list[PreviewPerson] = []
    # Facts point at people by their row; rows left out shift the ones after them.
    position: dict[int, int] = {}
    for i in range(_count(data, "people-count")):
        if data.get(f"people-{i}-remove"):
            continue
        person = _person(data, f"people-{i}")
        if person.name.strip() or person.person_id is not None:
            position[i] = len(people)
            people.append(person)
    facts = []
    for i in range(_count(data, "facts-count")):
        text = data.get(f"facts-{i}-text", "").strip()
        if not text:
            continue
        raw_person = data.get(f"facts-{i}-person", "")
        facts.append(
            PreviewFact(
                kind=data.get(f"facts-{i}-kind", ""),
                text=text,
                person=position.get(int(raw_person)) if raw_person.isdigit() else None,
            )
        )
    intro = _person(data, "intro")
    values: dict[str, Any] = {
        "text": data.get("text", ""),
        "language": data.get("language", "en"),
        "occurred_at": data.get("occurred_at") or None,
        "channel": data.get("channel", ""),
        "place": data.get("place", ""),
        "event": data.get("event", ""),
        "tags": [t.lstrip("#") for t in data.get("tags", "").split() if t.lstrip("#")],
        "followup_due": data.get("followup_due") or None,
        "followup_topic": data.get("followup_topic", ""),
        "followup_stated": data.get("followup_stated") == "1",
        "note": data.get("note", ""),
    }
    preview = CapturePreview.from_dict(values)
    preview.people = people
    preview.facts = facts
    preview.introduced_by = intro if intro.name.strip() or intro.person_id else None
    return preview
