"""Tie strength and the radar as plain data: the API answers it, `--json` prints it, and
the labels every adapter shows."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from entregent.network.radar import DormantMatch, Radar, RadarTie
from entregent.network.selectors import PersonTie
from entregent.network.services import RecomputeResult

COMPONENT_LABELS = {
    "recency": _("Recency"),
    "frequency": _("Frequency"),
    "duration": _("Duration"),
    "depth": _("Depth"),
    "reciprocity": _("Reciprocity"),
    "mutual": _("Mutual connections"),
}
COMPONENT_HELP = {
    "recency": _("The last meaningful exchange, halving every 90 days."),
    "frequency": _("Meaningful encounters per year over the relationship."),
    "duration": _("Time since the first encounter."),
    "depth": _("In person, call or video, and meaningful, rather than digital in passing."),
    "reciprocity": _("Both of you reaching out, and favours both ways."),
    "mutual": _("Other people in your network this person knows."),
}


def person_tie_data(tie: PersonTie) -> dict[str, Any]:
    person = tie.person
    return {
        "person": {"id": person.pk, "full_name": person.full_name},
        "score": tie.score,
        "computed_circle": tie.computed_circle,
        "circle": person.circle,
        "circle_pinned": person.circle_pinned,
        "computed_at": tie.computed_at,
        "components": [
            {
                "name": c.name,
                "label": str(COMPONENT_LABELS[c.name]),
                "weight": c.weight,
                "value": c.value,
                "contribution": c.contribution,
            }
            for c in tie.components
        ],
    }


def radar_tie_data(tie: RadarTie) -> dict[str, Any]:
    return {
        "person": {"id": tie.person_id, "full_name": tie.name},
        "score": tie.score,
        "priority": tie.priority,
        "last_contact": tie.last_contact,
        "reasons": list(tie.reasons),
    }


def dormant_match_data(match: DormantMatch) -> dict[str, Any]:
    return {
        "person": {"id": match.person_id, "full_name": match.name},
        "score": match.score,
        "last_contact": match.last_contact,
        "need": match.need,
        "offer": match.offer,
        "match_score": match.match_score,
        "matched": list(match.matched),
        "sentence": match.sentence,
    }


def radar_data(found: Radar) -> dict[str, Any]:
    return {
        "has_needs": found.has_needs,
        "fresh": found.fresh,
        "revive": [radar_tie_data(t) for t in found.revive],
        "dormant": [dormant_match_data(m) for m in found.dormant],
    }


def recompute_data(result: RecomputeResult) -> dict[str, Any]:
    return {"scored": result.scored, "circles_changed": result.circles_changed}
