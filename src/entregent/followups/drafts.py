"""Drafts of follow-up messages: a pure composer, dataclasses in, subject and body out.

Nothing here imports Django. The words come in a `Phrases` object already in the
recipient's language (built with gettext under that language by
`followups.draft_selectors.phrases_for`); this module only decides what to say: greet by
given name, recall where and when we met and what about, offer one thing of value, propose
one next step, sign, and stay within `MAX_WORDS`. It never invents: every name, place,
date, topic, offer or need in a draft comes from the `DraftInput` it is given.

Also here: the `mailto:` link (RFC 6068) and the `.eml` file (RFC 5322, UTF-8) of a draft.
Nothing is ever sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote

MAX_WORDS = 120
# A fact or a topic quoted in a draft is cut to this many words, a subject's topic to fewer.
QUOTE_WORDS = 12
SUBJECT_WORDS = 8
# An encounter's summary is recalled only when it is this short: long notes (a whole
# capture, say) read as notes, not as something to write to the person.
SUMMARY_WORDS = 10

# What the follow-up asks for (the values of FollowUpKind).
FOLLOW_UP = "follow_up"
CHECK_IN = "check_in"
CONGRATULATE = "congratulate"
SHARE = "share"
INTRO = "intro"
CUSTOM = "custom"
KINDS = (FOLLOW_UP, CHECK_IN, CONGRATULATE, SHARE, INTRO, CUSTOM)

# The thing of value a draft offers, best first.
VALUE_OFFER = "offer"  # one of my offers fits one of their needs
VALUE_INTRO = "intro"  # someone I know offers what they need
VALUE_SHARE = "share"  # the follow-up is about something to share or an introduction to make
VALUE_NEED = "need"  # they need something nobody offers: ask how to help
VALUE_PROJECT = "project"  # their project: ask how it goes
VALUE_GENERIC = "generic"  # nothing known: an open offer to help

NEXT_COFFEE = "coffee"
NEXT_CALL = "call"

IN_PERSON = "in_person"
VOICE = {"call", "video"}

# Openings of a summary that only repeat "we talked about" (English and French notes).
_SUMMARY_LEADS = re.compile(
    r"^(?:we\s+)?(?:talked|chatted|spoke)\s+about\s+|^discussed\s+|^(?:on\s+a\s+)?(?:parl[ée]|discut[ée])\s+(?:de\s+|du\s+|des\s+)?",
    re.IGNORECASE,
)
_TRAILING = ".!?;:,…\u2014\u2013 "


@dataclass(frozen=True)
class Phrases:
    """Every sentence a draft is made of, as %-format templates in one language."""

    greeting: str  # %(name)s
    greeting_no_name: str
    sign_off: str
    # When: relative days.
    today: str
    yesterday: str
    on_weekday: str  # %(weekday)s
    last_week: str
    on_date: str  # %(day)s %(month)s
    in_month: str  # %(month)s
    in_month_year: str  # %(month)s %(year)s
    weekdays: tuple[str, ...]  # Monday first
    months: tuple[str, ...]  # January first
    # Subjects.
    subject_follow_up: str
    subject_follow_up_topic: str  # %(topic)s
    subject_check_in: str  # %(name)s
    subject_congratulate: str  # %(name)s
    subject_birthday: str  # %(name)s
    subject_share: str
    subject_share_topic: str  # %(topic)s
    subject_intro: str
    subject_intro_topic: str  # %(topic)s
    subject_custom: str  # %(me)s
    # Recalling the last encounter.
    recall_at: str  # %(when)s %(where)s
    recall: str  # %(when)s
    recall_call: str  # %(when)s
    check_in_at: str  # %(when)s %(where)s
    check_in_since: str  # %(when)s
    check_in: str
    # What it is about.
    topic: str  # %(topic)s
    summary: str  # %(summary)s
    share_topic: str  # %(topic)s
    intro_topic: str  # %(topic)s
    # Congratulations, by milestone kind.
    congrats_birthday: str
    congrats_new_job: str
    congrats_launch: str
    congrats_anniversary: str
    congrats_other: str
    congrats_note: str  # %(note)s
    # The thing of value.
    value_offer: str  # %(need)s %(offer)s
    value_intro: str  # %(need)s %(other)s %(offer)s
    value_need: str  # %(need)s
    value_project: str  # %(project)s
    value_generic: str
    # The next step.
    next_coffee: str
    next_call: str


@dataclass(frozen=True)
class Meeting:
    """The last meaningful encounter: when, how, where (event name or place), about what."""

    on: dt.date
    channel: str = IN_PERSON
    where: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Value:
    """One thing of value to offer. `text` is the offer (mine or `other`'s) or their project;
    `need` the need it answers."""

    kind: str
    text: str = ""
    need: str = ""
    other: str = ""


@dataclass(frozen=True)
class DraftInput:
    """Everything a draft may say, already chosen and owned by the caller."""

    kind: str
    given_name: str
    my_name: str
    today: dt.date
    meeting: Meeting | None = None
    topic: str = ""
    value: Value | None = None
    milestone_kind: str = ""
    milestone_note: str = ""
    same_city: bool = True


@dataclass(frozen=True)
class ComposedDraft:
    subject: str
    body: str
    next_step: str
    value_kind: str

    @property
    def word_count(self) -> int:
        return word_count(self.body)


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces, punctuation alone
    (a French "?" or "—") not counted."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def clip(text: str, words: int = QUOTE_WORDS) -> str:
    """User text fit to quote inside a sentence: one line, at most `words` words (an
    ellipsis marks the cut), without the full stop the sentence adds itself."""
    parts = " ".join(text.split()).strip(_TRAILING).split(" ")
    if len(parts) > words:
        return " ".join(parts[:words]).rstrip(_TRAILING) + "…"
    return " ".join(parts)


def recallable_summary(summary: str, topic: str = "") -> str:
    """The encounter's summary when it is one short phrase worth recalling, else ''."""
    text = " ".join(summary.split()).strip(_TRAILING)
    if not text or re.search(r"[.!?\n]\s", summary.strip()):
        return ""
    text = _SUMMARY_LEADS.sub("", text).strip(_TRAILING)
    if not text or word_count(text) > SUMMARY_WORDS:
        return ""
    if topic and text.casefold() == topic.strip(_TRAILING).casefold():
        return ""
    return text


def relative_day(day: dt.date, today: dt.date, p: Phrases) -> str:
    """ "yesterday", "on Tuesday", "last week", "on 3 November", "in March" (and in French)."""
    delta = (today - day).days
    if delta <= 0:
        return p.today
    if delta == 1:
        return p.yesterday
    if delta < 7:
        return p.on_weekday % {"weekday": p.weekdays[day.weekday()]}
    if delta < 14:
        return p.last_week
    if delta < 60:
        return p.on_date % {"day": day.day, "month": p.months[day.month - 1]}
    if day.year == today.year:
        return p.in_month % {"month": p.months[day.month - 1]}
    return p.in_month_year % {"month": p.months[day.month - 1], "year": day.year}


def _subject(data: DraftInput, p: Phrases) -> str:
    topic = clip(data.topic, SUBJECT_WORDS)
    name = data.given_name
    if data.kind == CHECK_IN:
        return p.subject_check_in % {"name": name}
    if data.kind == CONGRATULATE:
        template = (
            p.subject_birthday if data.milestone_kind == "birthday" else p.subject_congratulate
        )
        return template % {"name": name}
    if data.kind == SHARE:
        return p.subject_share_topic % {"topic": topic} if topic else p.subject_share
    if data.kind == INTRO:
        return p.subject_intro_topic % {"topic": topic} if topic else p.subject_intro
    if data.kind == CUSTOM:
        return topic or p.subject_custom % {"me": data.my_name}
    return p.subject_follow_up_topic % {"topic": topic} if topic else p.subject_follow_up


def _recall(data: DraftInput, p: Phrases) -> str:
    meeting = data.meeting
    if meeting is None:
        return ""
    when = relative_day(meeting.on, data.today, p)
    where = clip(meeting.where)
    if meeting.channel in VOICE:
        return p.recall_call % {"when": when}
    if where:
        return p.recall_at % {"when": when, "where": where}
    return p.recall % {"when": when}


def _check_in(data: DraftInput, p: Phrases) -> str:
    meeting = data.meeting
    if meeting is None:
        return p.check_in
    when = relative_day(meeting.on, data.today, p)
    where = clip(meeting.where)
    if where and meeting.channel not in VOICE:
        return p.check_in_at % {"when": when, "where": where}
    return p.check_in_since % {"when": when}


def _congratulations(data: DraftInput, p: Phrases) -> tuple[str, str]:
    line = {
        "birthday": p.congrats_birthday,
        "new_job": p.congrats_new_job,
        "launch": p.congrats_launch,
        "anniversary": p.congrats_anniversary,
    }.get(data.milestone_kind, p.congrats_other)
    note = clip(data.milestone_note)
    if note and data.milestone_kind != "birthday":
        return line, p.congrats_note % {"note": note}
    return line, ""


def _value(data: DraftInput, p: Phrases) -> tuple[str, str]:
    """The one thing of value: what the follow-up itself promises (something to share, an
    introduction), else the best the caller found, else an open offer to help."""
    topic = clip(data.topic)
    if data.kind == SHARE and topic:
        return VALUE_SHARE, p.share_topic % {"topic": topic}
    if data.kind == INTRO and topic:
        return VALUE_SHARE, p.intro_topic % {"topic": topic}
    value = data.value
    if value is not None:
        need, text = clip(value.need), clip(value.text)
        if value.kind == VALUE_OFFER and need and text:
            return VALUE_OFFER, p.value_offer % {"need": need, "offer": text}
        if value.kind == VALUE_INTRO and need and text and value.other.strip():
            other = clip(value.other, 6)
            return VALUE_INTRO, p.value_intro % {"need": need, "other": other, "offer": text}
        if value.kind == VALUE_NEED and need:
            return VALUE_NEED, p.value_need % {"need": need}
        if value.kind == VALUE_PROJECT and text:
            return VALUE_PROJECT, p.value_project % {"project": text}
    return VALUE_GENERIC, p.value_generic


def next_step(data: DraftInput) -> str:
    """Coffee when we met in person and live in the same city, else a short call."""
    meeting = data.meeting
    if meeting is not None and meeting.channel == IN_PERSON and data.same_city:
        return NEXT_COFFEE
    return NEXT_CALL


def compose(data: DraftInput, p: Phrases) -> ComposedDraft:
    """The draft: greeting, what we share (where and when we met, what about), one thing of
    value, one next step, and the signature; at most MAX_WORDS words, the least needed
    sentences left out first when the quoted facts make it too long."""
    name = clip(data.given_name, 4)
    greeting = p.greeting % {"name": name} if name else p.greeting_no_name
    topic = clip(data.topic)
    # What we talked about: the follow-up's topic, else a short summary of the encounter.
    summary = (
        clip(recallable_summary(data.meeting.summary))
        if data.meeting is not None and not topic
        else ""
    )

    # (sentence, how much it matters: higher stays longer); one list per paragraph.
    opening: list[tuple[str, int]] = []
    if data.kind == CONGRATULATE:
        line, note = _congratulations(data, p)
        opening += [(line, 100), (note, 6)]
    elif data.kind == CHECK_IN:
        opening.append((_check_in(data, p), 8))
        if topic:
            opening.append((p.topic % {"topic": topic}, 5))
    else:
        opening.append((_recall(data, p), 8))
        if topic and data.kind in {FOLLOW_UP, CUSTOM}:
            opening.append((p.topic % {"topic": topic}, 7))
    if summary and data.kind != CONGRATULATE:
        opening.append((p.summary % {"summary": summary}, 3))
    value_kind, value_line = _value(data, p)
    step = next_step(data)
    step_line = p.next_coffee if step == NEXT_COFFEE else p.next_call
    signature = f"{p.sign_off}\n{data.my_name}".rstrip()

    paragraphs: list[list[tuple[str, int]]] = [
        [(greeting, 100)],
        [(s, w) for s, w in opening if s],
        [(value_line, 9)],
        [(step_line, 100)],
        [(signature, 100)],
    ]

    def render() -> str:
        return "\n\n".join(
            " ".join(s for s, _w in paragraph) for paragraph in paragraphs if paragraph
        )

    body = render()
    while word_count(body) > MAX_WORDS:
        optional = [
            (w, i, j)
            for i, paragraph in enumerate(paragraphs)
            for j, (_s, w) in enumerate(paragraph)
            if w < 100
        ]
        if not optional:
            break
        _w, i, j = min(optional)
        del paragraphs[i][j]
        if value_line and not any(s == value_line for s, _w in paragraphs[2]):
            value_kind = ""
        body = render()
    return ComposedDraft(
        subject=_subject(data, p), body=body, next_step=step, value_kind=value_kind
    )


# Sending it yourself -----------------------------------------------------------------------


def mailto_url(to: str, subject: str, body: str) -> str:
    """A `mailto:` link that opens the draft in the mail app (RFC 6068: every reserved
    character percent-encoded, line breaks as CRLF)."""
    crlf = "\r\n".join(body.splitlines())
    query = f"subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"


def eml_bytes(*, to: str, sender: str, subject: str, body: str, date: dt.datetime) -> bytes:
    """The draft as an .eml file a mail app opens as a message to send (UTF-8 body)."""
    message = EmailMessage(policy=SMTP)
    if to:
        message["To"] = to
    if sender:
        message["From"] = sender
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8")
    return message.as_bytes()
