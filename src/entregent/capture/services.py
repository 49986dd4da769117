"""Quick capture: free text -> a preview the user can correct -> records, in one transaction.

`capture_preview` runs the pure parser twice: once to find the names and e-mails written,
then again with the few known people those could be (found through the search index), so
that recognising people costs the same in a network of 100 or 100,000. `capture_save`
writes what the (possibly corrected) preview says: people, the encounter, facts, tags, who
introduced them, and the follow-up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entregent.accounts.models import User
from entregent.capture.parser import CaptureParse, ParsedPerson, parse_capture
from entregent.capture.selectors import capture_known_people
from entregent.core.errors import ApplicationError, InvalidInput, NotFound
from entregent.encounters.choices import Channel
from entregent.encounters.models import Encounter, Event
from entregent.encounters.services import encounter_log
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.choices import FactKind
from entregent.people.models import Fact, Person
from entregent.people.selectors import person_get
from entregent.people.services import fact_create, person_create, person_update

MAX_TEXT = 4000
FACT_KINDS = {"interest", "offer", "need", "project", "personal", "talking_point"}


# The preview ------------------------------------------------------------------------------


@dataclass
class PreviewCandidate:
    """A known person a written name could be."""

    id: int
    full_name: str
    score: float = 0.0
    reason: str = ""


@dataclass
class PreviewPerson:
    """One person of the capture: an existing person (`person_id`) or a new one (`name`)."""

    name: str
    role: str = ""
    organization: str = ""
    emails: list[str] = field(default_factory=list)
    person_id: int | None = None
    candidates: list[PreviewCandidate] = field(default_factory=list)
    ambiguous: bool = False

    @property
    def resolved(self) -> bool:
        return not self.ambiguous or self.person_id is not None


@dataclass
class PreviewFact:
    """Something learned; `person` is an index into the preview's people (None: the first)."""

    kind: str
    text: str
    person: int | None = None


@dataclass
class CapturePreview:
    """What a capture will write, for the user to correct before saving."""

    text: str
    language: str = "en"
    occurred_at: dt.datetime | None = None
    channel: str = Channel.IN_PERSON
    place: str = ""
    event: str = ""
    introduced_by: PreviewPerson | None = None
    people: list[PreviewPerson] = field(default_factory=list)
    facts: list[PreviewFact] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    followup_due: dt.date | None = None
    followup_topic: str = ""
    followup_stated: bool = False
    note: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ambiguous(self) -> list[PreviewPerson]:
        """People the user still has to choose for."""
        people = [*self.people, *([self.introduced_by] if self.introduced_by else [])]
        return [p for p in people if not p.resolved]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: dates and times as ISO strings."""
        data = asdict(self)
        data["occurred_at"] = self.occurred_at.isoformat() if self.occurred_at else None
        data["followup_due"] = self.followup_due.isoformat() if self.followup_due else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CapturePreview:
        """A preview sent back by a client (possibly corrected); InvalidInput names the field."""
        if not isinstance(data, dict):
            raise InvalidInput.for_field("preview", _("Send a JSON object."))
        try:
            people = [
                _person_from(p, f"people.{i}") for i, p in enumerate(data.get("people") or [])
            ]
            intro = data.get("introduced_by")
            facts = [
                PreviewFact(
                    kind=str(f["kind"]),
                    text=str(f["text"]),
                    person=None if f.get("person") is None else int(f["person"]),
                )
                for f in data.get("facts") or []
            ]
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InvalidInput.for_field("preview", _("The preview is not complete.")) from None
        return cls(
            text=str(data.get("text") or ""),
            language=str(data.get("language") or "en"),
            occurred_at=_datetime_field(data.get("occurred_at"), "occurred_at"),
            channel=str(data.get("channel") or Channel.IN_PERSON),
            place=str(data.get("place") or ""),
            event=str(data.get("event") or ""),
            introduced_by=_person_from(intro, "introduced_by") if intro else None,
            people=people,
            facts=facts,
            tags=[str(t) for t in data.get("tags") or []],
            followup_due=_date_field(data.get("followup_due"), "followup_due"),
            followup_topic=str(data.get("followup_topic") or ""),
            followup_stated=bool(data.get("followup_stated")),
            note=str(data.get("note") or ""),
        )


def _person_from(data: Any, where: str) -> PreviewPerson:
    if not isinstance(data, dict):
        raise InvalidInput.for_field(where, _("Send a JSON object."))
    person_id = data.get("person_id")
    if person_id is not None and (isinstance(person_id, bool) or not isinstance(person_id, int)):
        raise InvalidInput.for_field(f"{where}.person_id", _("Enter a whole number."))
    return PreviewPerson(
        name=str(data.get("name") or ""),
        role=str(data.get("role") or ""),
        organization=str(data.get("organization") or ""),
        emails=[str(e) for e in data.get("emails") or []],
        person_id=person_id,
        candidates=[
            PreviewCandidate(int(c["id"]), str(c["full_name"]))
            for c in data.get("candidates") or []
        ],
        ambiguous=bool(data.get("ambiguous")),
    )


def _date_field(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InvalidInput.for_field(name, _("Enter a valid date (YYYY-MM-DD).")) from None


def _datetime_field(value: Any, name: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput.for_field(name, _("Enter a valid date and time.")) from None


def warning_message(code: str, text: str) -> str:
    """One parser warning in the active language."""
    quoted = text[:120]
    if code == "not_understood":
        return _("Not understood (kept in the encounter's summary): “%(text)s”.") % {"text": quoted}
    if code == "no_person":
        return _("No person found: write a name, e.g. “Met Dana Whitfield at…”.")
    if code == "unknown_mention":
        return _("No known person is called “%(name)s”: a new person will be created.") % {
            "name": quoted
        }
    if code == "ambiguous_person":
        return _("“%(name)s” could be several people: choose one, or create a new person.") % {
            "name": quoted
        }
    if code == "future_date":
        return _("“%(text)s” is in the future: taken as the follow-up date.") % {"text": quoted}
    if code == "truncated":
        return _("The text is too long: only its first %(n)d characters were read.") % {
            "n": MAX_TEXT
        }
    return quoted


def _preview_person(parsed: ParsedPerson) -> PreviewPerson:
    # Cut to what the records hold, so a long run of words is never a refusal of its own.
    return PreviewPerson(
        name=parsed.name[:200],
        role=parsed.role[:200],
        organization=parsed.organization[:200],
        emails=list(parsed.emails),
        person_id=parsed.match.id if parsed.match else None,
        candidates=[
            PreviewCandidate(c.id, c.full_name, c.score, c.reason) for c in parsed.candidates
        ],
        ambiguous=parsed.ambiguous,
    )


def preview_from_parse(parse: CaptureParse) -> CapturePreview:
    """The service-level preview of a parse (the parser's dataclasses, made editable)."""
    return CapturePreview(
        text=parse.text,
        language=parse.language,
        occurred_at=parse.occurred_at,
        channel=parse.channel or Channel.IN_PERSON,
        place=parse.place[:200],
        event=parse.event[:200],
        introduced_by=_preview_person(parse.introduced_by) if parse.introduced_by else None,
        people=[_preview_person(p) for p in parse.people],
        facts=[PreviewFact(f.kind, f.text, f.person) for f in parse.facts],
        tags=list(parse.tags),
        followup_due=parse.followup.due if parse.followup else None,
        followup_topic=parse.followup.topic[:300] if parse.followup else "",
        followup_stated=parse.followup is not None,
        note=parse.leftover,
        warnings=[warning_message(w.code, w.text) for w in parse.warnings],
    )


def capture_preview(*, owner: User, text: str, now: dt.datetime | None = None) -> CapturePreview:
    """Read a capture into a preview, recognising the owner's people; nothing is written."""
    text = str(text or "")
    if not text.strip():
        raise InvalidInput.for_field("text", _("Write what happened, e.g. “Met Dana at…”."))
    if len(text) > MAX_TEXT:
        raise InvalidInput.for_field(
            "text",
            ngettext("Enter at most %(n)d character.", "Enter at most %(n)d characters.", MAX_TEXT)
            % {"n": MAX_TEXT},
        )
    now = timezone.localtime(now) if now and timezone.is_aware(now) else now
    now = now or timezone.localtime()
    language = owner.language or "en"
    first = parse_capture(text, now=now, default_language=language)
    names = [p.name for p in first.people]
    if first.introduced_by is not None:
        names.append(first.introduced_by.name)
    emails = [e for p in first.people for e in p.emails]
    known = capture_known_people(owner=owner, names=names, emails=emails)
    parse = (
        parse_capture(text, now=now, known_people=known, default_language=language)
        if known
        else first
    )
    return preview_from_parse(parse)


# Saving -----------------------------------------------------------------------------------


@dataclass
class CaptureResult:
    """What a saved capture wrote."""

    encounter: Encounter
    people: list[Person]
    created: list[Person]
    facts: list[Fact]
    followups: list[FollowUp]

    def to_dict(self) -> dict[str, Any]:
        created = {p.pk for p in self.created}
        return {
            "encounter": {
                "id": self.encounter.pk,
                "occurred_at": self.encounter.occurred_at.isoformat(),
                "channel": self.encounter.channel,
                "place": self.encounter.place,
                "event": self.encounter.event_id,
            },
            "people": [
                {"id": p.pk, "full_name": p.full_name, "created": p.pk in created}
                for p in self.people
            ],
            "facts": [{"id": f.pk, "kind": f.kind, "text": f.text} for f in self.facts],
            "followups": [
                {
                    "id": f.pk,
                    "person": f.person_id,
                    "due_on": f.due_on.isoformat(),
                    "topic": f.topic,
                }
                for f in self.followups
            ],
        }


def _prefixed(exc: ApplicationError, prefix: str) -> ApplicationError:
    """The same refusal with its fields named inside the preview ("people.0.full_name")."""
    errors = {f"{prefix}.{k}" if k != "__all__" else prefix: v for k, v in exc.errors.items()}
    return type(exc)(exc.message, errors=errors or {prefix: [exc.message]})


def _existing(owner: User, person_id: int, where: str) -> Person:
    try:
        return person_get(owner=owner, pk=person_id)
    except NotFound as exc:
        raise NotFound(exc.message, errors={"person_id": [exc.message]}) from None


def _save_person(
    owner: User,
    entry: PreviewPerson,
    where: str,
    *,
    tags: list[str],
    introducer: Person | None,
    how_we_met: str,
) -> tuple[Person, bool]:
    """The existing person, completed with what the capture adds; or a new person."""
    if entry.ambiguous and entry.person_id is None:
        raise InvalidInput.for_field(
            where,
            _("“%(name)s” could be several people: choose one, or create a new person.")
            % {"name": entry.name[:80]},
        )
    try:
        if entry.person_id is not None:
            person = _existing(owner, entry.person_id, where)
            changes: dict[str, Any] = {}
            if entry.role and not person.headline:
                changes["headline"] = entry.role
            if entry.organization and person.organization_id is None:
                changes["organization"] = entry.organization
            known = [e.address for e in person.emails.all()]
            new_emails = [e for e in entry.emails if e.lower() not in known]
            if new_emails:
                changes["emails"] = known + new_emails
            if tags:
                changes["tags"] = [t.name for t in person.tags.all()] + tags
            if introducer is not None and person.introduced_by_id is None and introducer != person:
                changes["introduced_by"] = introducer
            if changes:
                person = person_update(person=person, **changes)
            return person, False
        if not entry.name.strip():
            raise InvalidInput.for_field("full_name", _("A name is required."))
        person = person_create(
            owner=owner,
            full_name=entry.name,
            headline=entry.role,
            organization=entry.organization or None,
            emails=entry.emails,
            tags=tags,
            introduced_by=introducer,
            how_we_met=how_we_met,
        )
        return person, True
    except ApplicationError as exc:
        raise _prefixed(exc, where) from None


_ARTICLE = re.compile(r"^(?:the|a|an|le|la|les|l'|l\u2019|un|une)\s*", re.I)


def _event_named(owner: User, name: str) -> Event | None:
    """The owner's latest event with this name, with or without its article ("the Meetup")."""
    name = " ".join(name.split())
    names = {n for n in (name, _ARTICLE.sub("", name)) if n}
    for candidate in names:
        found = (
            Event.objects.filter(owner=owner, name__iexact=candidate)
            .order_by("-date", "-id")
            .first()
        )
        if found is not None:
            return found
    return None


@transaction.atomic
def capture_save(
    *, owner: User, preview: CapturePreview, now: dt.datetime | None = None
) -> CaptureResult:
    """Write a capture: people, encounter, facts, tags, introducer and follow-up, all or nothing.

    Ambiguous people must have been chosen (`person_id`) first. With no follow-up stated the
    encounter's own default follow-up applies; a stated one replaces it.
    """
    now = now or timezone.now()
    if not preview.people:
        raise InvalidInput.for_field(
            "people",
            _("No person found in this capture: add a name (e.g. “Met Dana Whitfield at…”).")
            + (" " + " ".join(preview.warnings) if preview.warnings else ""),
        )
    for kind_index, fact in enumerate(preview.facts):
        if fact.kind not in FactKind.values:
            raise InvalidInput.for_field(f"facts.{kind_index}.kind", _("Not a kind of fact."))
        if fact.person is not None and not 0 <= fact.person < len(preview.people):
            raise InvalidInput.for_field(f"facts.{kind_index}.person", _("No such person."))
    introducer: Person | None = None
    created: list[Person] = []
    if preview.introduced_by is not None and (
        preview.introduced_by.name.strip() or preview.introduced_by.person_id is not None
    ):
        introducer, is_new = _save_person(
            owner, preview.introduced_by, "introduced_by", tags=[], introducer=None, how_we_met=""
        )
        if is_new:
            created.append(introducer)
    where = preview.event or preview.place
    people: list[Person] = []
    for i, entry in enumerate(preview.people):
        person, is_new = _save_person(
            owner,
            entry,
            f"people.{i}",
            tags=preview.tags,
            introducer=introducer,
            how_we_met=where,
        )
        if is_new:
            created.append(person)
        if person not in people:
            people.append(person)
    event = _event_named(owner, preview.event) if preview.event else None
    stated_due = preview.followup_due
    stated = preview.followup_stated and (stated_due is not None or bool(preview.followup_topic))
    encounter = encounter_log(
        owner=owner,
        participants=people,
        occurred_at=preview.occurred_at or now,
        channel=preview.channel or Channel.IN_PERSON,
        place=preview.place if event is not None or not preview.event else preview.event,
        event=event,
        summary=preview.text,
        meaningful=True,
        create_followup=not stated,
    )
    facts = [
        fact_create(
            owner=owner,
            person=people[fact.person if fact.person is not None else 0],
            kind=fact.kind,
            text=fact.text,
            encounter=encounter,
        )
        for fact in preview.facts
        if fact.text.strip()
    ]
    followups: list[FollowUp] = []
    if stated:
        delay = getattr(owner, "followup_delay_days", 1) or 1
        due = stated_due or (timezone.localtime(now).date() + dt.timedelta(days=delay))
        for person in people:
            try:
                followups.append(
                    followup_create(
                        owner=owner, person=person, due_on=due, topic=preview.followup_topic
                    )
                )
            except ApplicationError as exc:
                raise _prefixed(exc, "followup") from None
    else:
        followups = list(
            FollowUp.objects.filter(owner=owner, source_encounter=encounter).order_by("id")
        )
    return CaptureResult(
        encounter=encounter, people=people, created=created, facts=facts, followups=followups
    )
