"""A short message asking someone for an introduction: a pure composer, no Django.

The words come in an `AskPhrases` already in the recipient's language (built with gettext
by `network.paths.ask_phrases`); this module only puts them together. It never invents:
every name, organization or skill comes from the `AskInput`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AskPhrases:
    """Every sentence of the request, as %-format templates in one language."""

    greeting: str  # %(name)s
    subject: str  # %(name)s
    hope: str
    why_org: str  # %(target)s %(org)s
    why_skill: str  # %(target)s %(skill)s
    why: str  # %(target)s
    knows: str  # %(target)s
    knows_through: str  # %(middle)s %(target)s
    ask: str
    ask_through: str  # %(middle)s
    no_pressure: str
    sign_off: str


@dataclass(frozen=True)
class AskInput:
    """Who is asked (`given_name`), whom I want to meet, and through whom when 3 hops."""

    given_name: str
    my_name: str
    target: str
    middle: str = ""  # the person between them and the target, on a 3-hop path
    organization: str = ""
    skill: str = ""


@dataclass(frozen=True)
class AskDraft:
    subject: str
    body: str


def compose_ask(data: AskInput, phrases: AskPhrases) -> AskDraft:
    """The request: greet, say whom and why, say how they are linked, ask, no pressure, sign."""
    values = {
        "name": data.given_name,
        "target": data.target,
        "middle": data.middle,
        "org": data.organization,
        "skill": data.skill,
    }
    if data.skill:
        why = phrases.why_skill % values
    elif data.organization:
        why = phrases.why_org % values
    else:
        why = phrases.why % values
    if data.middle:
        link = phrases.knows_through % values
        ask = phrases.ask_through % values
    else:
        link = phrases.knows % values
        ask = phrases.ask
    paragraph = " ".join([phrases.hope, why, link, ask, phrases.no_pressure])
    body = "\n\n".join(
        [phrases.greeting % values, paragraph, f"{phrases.sign_off}\n{data.my_name}"]
    )
    subject_name = data.middle or data.target
    return AskDraft(subject=phrases.subject % {"name": subject_name}, body=body)
