"""The matching engine: pure Python (no Django), dataclasses in and out.

`match_offers_to_needs` pairs offers with needs and `shared_topics` finds interests in
common, in English and French alike; `common_ground` assembles everything two people (or
the user and a person) have in common from plain records.
"""

from entregent.matching.engine.ground import Common, Profile, common_ground
from entregent.matching.engine.matcher import (
    Item,
    Match,
    OfferIndex,
    analyse,
    concepts_in,
    match_offers_to_needs,
    shared_topics,
)
from entregent.matching.engine.questions import Question, plan_questions
from entregent.matching.engine.vocabulary import CONCEPTS, CONCEPTS_BY_KEY, Concept

__all__ = [
    "CONCEPTS",
    "CONCEPTS_BY_KEY",
    "Common",
    "Concept",
    "Item",
    "Match",
    "OfferIndex",
    "Profile",
    "Question",
    "analyse",
    "common_ground",
    "concepts_in",
    "match_offers_to_needs",
    "plan_questions",
    "shared_topics",
]
