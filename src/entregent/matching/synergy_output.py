"""Synergies and "share this" as plain data: the API answers it, `--json` prints it."""

from __future__ import annotations

from typing import Any

from entregent.matching.share import ShareFollowUps, ShareResult
from entregent.matching.synergies import PersonSynergies, Synergy, SynergyMatch
from entregent.people.models import Person


def _person(person: Person) -> dict[str, Any]:
    organization = person.organization
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "headline": person.headline,
        "organization": organization.name if organization is not None else "",
    }


def match_data(match: SynergyMatch) -> dict[str, Any]:
    return {
        "need_id": match.need_id,
        "need": match.need,
        "offer_id": match.offer_id,
        "offer": match.offer,
        "score": match.score,
        "matched": list(match.matched),
    }


def synergies_data(found: list[Synergy], *, need: str | None = None) -> dict[str, Any]:
    return {
        "need": need,
        "count": len(found),
        "items": [
            {
                "person": _person(s.person),
                "score": s.score,
                "sentence": s.sentence,
                "matches": [match_data(m) for m in s.matches],
            }
            for s in found
        ],
    }


def person_synergies_data(found: PersonSynergies) -> dict[str, Any]:
    return {
        "person": {"id": found.person.pk, "full_name": found.person.full_name},
        "i_can_help": [match_data(m) for m in found.i_can_help],
        "they_can_help": [match_data(m) for m in found.they_can_help],
    }


def share_data(result: ShareResult) -> dict[str, Any]:
    article = result.article
    return {
        "url": article.url,
        "title": article.title,
        "topic": article.topic,
        "count": len(result.suggestions),
        "items": [
            {
                "person": _person(s.person),
                "score": s.score,
                "planned": s.planned,
                "reasons": [
                    {
                        "kind": r.kind,
                        "fact_id": r.fact_id,
                        "text": r.text,
                        "score": r.score,
                        "matched": list(r.matched),
                    }
                    for r in s.reasons
                ],
            }
            for s in result.suggestions
        ],
    }


def share_followups_data(done: ShareFollowUps) -> dict[str, Any]:
    def followup(f: Any) -> dict[str, Any]:
        return {
            "id": f.pk,
            "person_id": f.person_id,
            "due_on": f.due_on,
            "kind": f.kind,
            "topic": f.topic,
            "status": f.status,
        }

    return {
        "topic": done.article.topic,
        "created": [followup(f) for f in done.created],
        "existing": [followup(f) for f in done.existing],
    }
