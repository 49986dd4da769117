"""Open-ended questions to ask someone, planned from what is known about them.

The plan names a question *template* (a key) and the topic to put in it; the caller holds
the wording of each template in each language. Each fact gives at most one question, each
template is used at most once, and which template a fact gets depends on the fact, so two
people with different projects get different questions. Generic questions fill the plan
when little is known.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from entregent.matching.engine.stopwords import STOP_WORDS
from entregent.matching.engine.text import normalise
from entregent.matching.engine.vocabulary import CONCEPTS

# Question templates by what they are about; each takes a %(topic)s except the generic ones.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "project": ("project_excited", "project_hardest", "project_success", "project_next"),
    "need": ("need_difference", "need_tried", "need_ideal"),
    "interest": ("interest_start", "interest_enjoy", "interest_recommend"),
    "personal": ("interest_enjoy", "interest_start"),
    "talking_point": ("talking_point_news", "talking_point_view"),
    "offer": ("offer_proudest", "offer_learned", "offer_ideal_client"),
    "role": ("role_enjoy", "role_change"),
    "organization": ("organization_week",),
}
GENERIC: tuple[str, ...] = (
    "generic_excited",
    "generic_highlight",
    "generic_learn",
    "generic_meet",
    "generic_help",
)
# Which facts are asked about first: projects and needs make the best conversations.
KIND_ORDER = ("project", "need", "interest", "talking_point", "personal", "offer")

_FRAMING = re.compile(
    r"^\s*(?:(?:she|he|they|is|are|currently|really)\s+)*"
    r"(?:needs?|wants?|looking\s+for|is\s+looking\s+for|seeking|searching\s+for|"
    r"offers?|can\s+help\s+with|a\s+besoin\s+d(?:e\b|')|besoin\s+d(?:e\b|')|"
    r"cherche|recherche|veut|voudrait|propose|peut\s+aider\s+(?:a|à|avec))\b\s*[:\u2013-]?\s*",
    re.IGNORECASE,
)
_COMMON_ENDINGS = ("ing", "ment", "tion", "ance", "ence", "age")
_TRAILING = re.compile(r"[\s.!?;:,]+$")
MAX_TOPIC = 80
_TO_SECOND_PERSON = {
    "his": "your",
    "her": "your",
    "their": "your",
    "son": "votre",
    "sa": "votre",
    "ses": "vos",
    "leur": "votre",
    "leurs": "vos",
}
_POSSESSIVE = re.compile(r"\b(?:his|her|their|son|sa|ses|leur|leurs)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """What the planner needs of a fact: its kind, a stable key and its text."""

    kind: str
    key: object
    text: str


@dataclass(frozen=True)
class Question:
    """A question to ask: the template's key and the topic to put in it ("" for generic)."""

    template: str
    topic: str = ""
    source: object = None


def clean_topic(text: str, *, addressed: bool = False) -> str:
    """A fact's text fit to go inside a sentence: no framing verb, no final period,
    a lower-case first letter unless the word looks like a name or an acronym.

    `addressed`: the topic goes in a question to the person, so notes written about them
    ("her studio", "son application") speak to them ("your studio", "votre application").
    """
    topic = _TRAILING.sub("", _FRAMING.sub("", text.strip(), count=1)).strip()
    if addressed:
        topic = _POSSESSIVE.sub(lambda m: _TO_SECOND_PERSON[m.group(0).casefold()], topic)
    if len(topic) > MAX_TOPIC:
        topic = topic[:MAX_TOPIC].rsplit(" ", 1)[0] + "…"
    first = topic.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1) and _common_word(first):
        topic = topic[0].lower() + topic[1:]
    return topic


def _common_word(word: str) -> bool:
    """A word that is capitalised only because it starts the note (not a name)."""
    folded = normalise(word)
    return folded in STOP_WORDS or folded.endswith(_COMMON_ENDINGS) or folded in _vocabulary_words()


@lru_cache(maxsize=1)
def _vocabulary_words() -> frozenset[str]:
    """Words of the vocabulary's phrases: ordinary words, never names."""
    words = {word for concept in CONCEPTS for p in concept.phrases for word in p.split()}
    return frozenset(words - _NAMES)


# Names in the vocabulary that keep their capital.
_NAMES = frozenset(
    [
        "etsy",
        "shopify",
        "wordpress",
        "webflow",
        "instagram",
        "tiktok",
        "youtube",
        "figma",
        "django",
        "python",
        "javascript",
        "chatgpt",
        "google",
        "linkedin",
        "android",
        "ios",
    ]
)


def _pick(options: Sequence[str], key: object, used: set[str]) -> str | None:
    start = zlib.crc32(str(key).encode()) % len(options)
    for offset in range(len(options)):
        template = options[(start + offset) % len(options)]
        if template not in used:
            return template
    return None


def plan_questions(
    facts: Sequence[Fact], *, role: str = "", organization: str = "", count: int = 3
) -> list[Question]:
    """Up to `count` questions: from facts (projects first), then role, then generic ones."""
    used: set[str] = set()
    plan: list[Question] = []
    ordered = sorted(
        (f for f in facts if f.kind in TEMPLATES and f.text.strip()),
        key=lambda f: KIND_ORDER.index(f.kind) if f.kind in KIND_ORDER else len(KIND_ORDER),
    )
    # One question per kind first, so three projects do not crowd out a need or an interest.
    first_of_kind: list[Fact] = []
    rest: list[Fact] = []
    seen_kinds: set[str] = set()
    for fact in ordered:
        (rest if fact.kind in seen_kinds else first_of_kind).append(fact)
        seen_kinds.add(fact.kind)
    sources: list[tuple[str, object, str]] = [(f.kind, f.key, f.text) for f in first_of_kind]
    if role.strip():
        sources.append(("role", role, role))
    if organization.strip():
        sources.append(("organization", organization, organization))
    sources += [(f.kind, f.key, f.text) for f in rest]
    for kind, key, text in sources:
        if len(plan) >= count:
            break
        if kind in {"role", "organization"}:
            topic = text.strip()
        else:
            topic = clean_topic(text, addressed=True)
        # Chosen by the words, not the key: the same facts always give the same questions.
        template = _pick(TEMPLATES[kind], normalise(topic), used) if topic else None
        if template is None:
            continue
        used.add(template)
        plan.append(Question(template, topic, key))
    seed = "".join(q.topic for q in plan)
    while len(plan) < count:
        template = _pick(GENERIC, seed or "generic", used)
        if template is None:
            break
        used.add(template)
        plan.append(Question(template))
    return plan
