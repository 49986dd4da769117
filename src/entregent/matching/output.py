"""The brief and common ground as plain data: the API answers it, `--json` prints it."""

from __future__ import annotations

from typing import Any

from entregent.encounters.models import Encounter
from entregent.followups.models import FollowUp
from entregent.matching.selectors import Brief, CommonGround, GroundItem
from entregent.people.models import Person


def person_ref(person: Person | None) -> dict[str, Any] | None:
    return None if person is None else {"id": person.pk, "full_name": person.full_name}


def ground_items_data(items: list[GroundItem]) -> list[dict[str, Any]]:
    return [
        {
            "kind": item.kind,
            "sentence": item.sentence,
            "score": item.score,
            "person_id": item.person_id,
            "event_id": item.event_id,
            "fact_ids": list(item.fact_ids),
            "matched": list(item.matched),
        }
        for item in items
    ]


def common_ground_data(ground: CommonGround) -> dict[str, Any]:
    return {
        "person": person_ref(ground.second),
        "other": person_ref(ground.first),
        "items": ground_items_data(ground.items),
    }


def _encounter(encounter: Encounter) -> dict[str, Any]:
    event = encounter.event
    return {
        "id": encounter.pk,
        "occurred_at": encounter.occurred_at,
        "channel": encounter.channel,
        "place": encounter.place,
        "event": None
        if event is None
        else {"id": event.pk, "name": event.name, "date": event.date},
        "summary": encounter.summary,
        "meaningful": encounter.meaningful,
    }


def _followup(followup: FollowUp) -> dict[str, Any]:
    return {
        "id": followup.pk,
        "person_id": followup.person_id,
        "due_on": followup.due_on,
        "kind": followup.kind,
        "topic": followup.topic,
        "status": followup.status,
        "source_encounter_id": followup.source_encounter_id,
        "completed_at": followup.completed_at,
        "created": followup.created,
        "updated": followup.updated,
    }


def brief_data(brief: Brief) -> dict[str, Any]:
    return {
        "person": person_ref(brief.person),
        "language": brief.language,
        "facts": [
            {
                "kind": kind,
                "label": label,
                "facts": [{"id": f.pk, "text": f.text} for f in facts],
            }
            for kind, label, facts in brief.facts_by_kind
        ],
        "encounters": [_encounter(e) for e in brief.encounters],
        "followups": [_followup(f) for f in brief.followups],
        "common_ground": ground_items_data(brief.common_ground.items),
        "questions": brief.questions,
    }
