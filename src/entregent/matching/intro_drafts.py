"""Drafts of a double opt-in introduction: a pure composer, no Django.

Three short messages: asking A whether they would like to meet B, asking B the same once
A agreed, and the introduction itself, addressed to both. The words come in an
`IntroPhrases` already in the recipient's language (built with gettext by
`matching.introductions.intro_phrases`); this module only puts them together. It never
invents: every name, need and offer comes from the `IntroInput`.
"""

from __future__ import annotations

from dataclasses import dataclass

ASK_A = "ask_a"
ASK_B = "ask_b"
INTRODUCE = "introduce"
STEPS = (ASK_A, ASK_B, INTRODUCE)


@dataclass(frozen=True)
class IntroPhrases:
    """Every sentence of the three drafts, as %-format templates in one language."""

    greeting: str  # %(name)s
    greeting_both: str  # %(a)s %(b)s
    ask_subject: str  # %(name)s: the person they could meet
    ask_a_need: str  # %(other)s %(need)s %(offer)s
    ask_a_plain: str  # %(other)s
    ask_b_need: str  # %(other)s %(need)s %(offer)s
    ask_b_plain: str  # %(other)s
    ask_a_question: str  # %(other)s
    ask_b_question: str  # %(other)s
    no_pressure: str
    intro_subject: str  # %(a)s %(b)s
    intro_opening: str
    intro_a: str  # %(a)s %(b)s %(need)s
    intro_b: str  # %(a)s %(b)s %(offer)s
    intro_plain: str  # %(a)s %(b)s
    intro_close: str
    sign_off: str


@dataclass(frozen=True)
class IntroInput:
    """The two people (given names for greetings, full names to present them), what
    one needs and the other offers (either may be empty), and who writes."""

    a_given: str
    a_name: str
    b_given: str
    b_name: str
    my_name: str
    need: str = ""
    offer: str = ""


@dataclass(frozen=True)
class IntroDraft:
    subject: str
    body: str


def _sign(body: list[str], phrases: IntroPhrases, my_name: str) -> str:
    return "\n\n".join([*body, f"{phrases.sign_off}\n{my_name}"])


def compose_ask(data: IntroInput, phrases: IntroPhrases, *, side: str) -> IntroDraft:
    """Asking one of the two (`side` "a" or "b") whether they would like to meet the other.

    A is asked first, about their need; B is asked once A agreed, about their offer.
    """
    if side == "a":
        name, other, other_given = data.a_given, data.b_name, data.b_given
        with_need, plain, question = phrases.ask_a_need, phrases.ask_a_plain, phrases.ask_a_question
    else:
        name, other, other_given = data.b_given, data.a_name, data.a_given
        with_need, plain, question = phrases.ask_b_need, phrases.ask_b_plain, phrases.ask_b_question
    values = {"other": other, "need": data.need, "offer": data.offer, "name": other_given}
    why = with_need % values if data.need and data.offer else plain % values
    paragraph = " ".join([why, question % values, phrases.no_pressure])
    body = _sign([phrases.greeting % {"name": name}, paragraph], phrases, data.my_name)
    return IntroDraft(subject=phrases.ask_subject % {"name": other}, body=body)


def compose_introduction(data: IntroInput, phrases: IntroPhrases) -> IntroDraft:
    """The introduction itself, to both: who each is to the other, then step aside."""
    values = {"a": data.a_given, "b": data.b_given, "need": data.need, "offer": data.offer}
    if data.need and data.offer:
        middle = " ".join([phrases.intro_a % values, phrases.intro_b % values])
    else:
        middle = phrases.intro_plain % values
    paragraph = " ".join([phrases.intro_opening, middle, phrases.intro_close])
    body = _sign([phrases.greeting_both % values, paragraph], phrases, data.my_name)
    subject = phrases.intro_subject % {"a": data.a_name, "b": data.b_name}
    return IntroDraft(subject=subject, body=body)
