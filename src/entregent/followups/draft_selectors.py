"""Reads behind a follow-up's draft: what to recall, what to offer, in which language.

The composing itself is pure (`followups.drafts`); here the rows are read (a bounded
number of indexed queries), the phrases are translated into the person's language, and
the user's own edit, when there is one, wins over the generated text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.encounters.models import Encounter
from entregent.followups import drafts
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.followups.selectors import milestone_occurrence
from entregent.matching.engine import Item, match_offers_to_needs
from entregent.people.choices import FactKind
from entregent.people.models import EmailAddress, Fact, Milestone, Person

# Bounds: the needs, my offers and the network's offers a draft looks at.
NEEDS_LIMIT = 20
MY_OFFERS_LIMIT = 100
NETWORK_OFFERS_LIMIT = 500
# A congratulation recalls the milestone within this many days before today.
MILESTONE_DAYS_BEFORE = 7
# A person's latest encounters looked at, and the people whose cities tell the owner's.
ENCOUNTERS_LIMIT = 500
CITY_SAMPLE = 500


def phrases_for(language: str) -> drafts.Phrases:
    """Every sentence of a draft in one language (the translations live in the catalogue)."""
    with translation.override(language):
        return drafts.Phrases(
            greeting=pgettext("draft", "Hi %(name)s,"),
            greeting_no_name=pgettext("draft", "Hello,"),
            sign_off=pgettext("draft", "Best,"),
            today=pgettext("draft", "today"),
            yesterday=pgettext("draft", "yesterday"),
            on_weekday=pgettext("draft", "on %(weekday)s"),
            last_week=pgettext("draft", "last week"),
            on_date=pgettext("draft", "on %(month)s %(day)s"),
            in_month=pgettext("draft", "in %(month)s"),
            in_month_year=pgettext("draft", "in %(month)s %(year)s"),
            weekdays=tuple(str(WEEKDAYS[n]) for n in range(7)),
            months=tuple(str(MONTHS[n]) for n in range(1, 13)),
            subject_follow_up=pgettext("draft", "Following up on our conversation"),
            subject_follow_up_topic=pgettext("draft", "Following up: %(topic)s"),
            subject_check_in=pgettext("draft", "Catching up, %(name)s"),
            subject_congratulate=pgettext("draft", "Congratulations, %(name)s!"),
            subject_birthday=pgettext("draft", "Happy birthday, %(name)s!"),
            subject_share=pgettext("draft", "Something I thought you would like"),
            subject_share_topic=pgettext("draft", "For you: %(topic)s"),
            subject_intro=pgettext("draft", "An introduction"),
            subject_intro_topic=pgettext("draft", "Introduction: %(topic)s"),
            subject_custom=pgettext("draft", "News from %(me)s"),
            recall_at=pgettext("draft", "Thanks again for our chat %(when)s at %(where)s."),
            recall=pgettext("draft", "Thanks again for our chat %(when)s."),
            recall_call=pgettext("draft", "Thanks again for the call %(when)s."),
            check_in_at=pgettext(
                "draft",
                "I was thinking of our chat at %(where)s %(when)s and wanted to hear how "
                "you are doing.",
            ),
            check_in_since=pgettext(
                "draft", "I was thinking of our last chat %(when)s and wanted to hear how you are."
            ),
            check_in=pgettext("draft", "It has been a while, and I wanted to hear how you are."),
            topic=pgettext("draft", "As promised, I am following up about %(topic)s."),
            summary=pgettext("draft", "We talked about %(summary)s."),
            share_topic=pgettext(
                "draft", "As promised, here is what I wanted to share about %(topic)s: [link]"
            ),
            intro_topic=pgettext(
                "draft", "As promised, here is the introduction we talked about: %(topic)s."
            ),
            congrats_birthday=pgettext("draft", "Happy birthday! I hope you have a great day."),
            congrats_new_job=pgettext("draft", "Congratulations on the new job!"),
            congrats_launch=pgettext("draft", "Congratulations on the launch!"),
            congrats_anniversary=pgettext("draft", "Happy anniversary!"),
            congrats_other=pgettext("draft", "Congratulations!"),
            congrats_note=pgettext("draft", "I just saw the news: %(note)s."),
            value_offer=pgettext(
                "draft", "You mentioned %(need)s: I would be glad to help with %(offer)s."
            ),
            value_intro=pgettext(
                "draft",
                "You mentioned %(need)s: I would be glad to introduce you to %(other)s, "
                "who offers %(offer)s.",
            ),
            value_need=pgettext("draft", "Is there anything I can do to help with %(need)s?"),
            value_project=pgettext("draft", "How is %(project)s coming along?"),
            value_generic=pgettext("draft", "If there is anything I can help with, just ask."),
            next_coffee=pgettext("draft", "Would you like to grab a coffee next week?"),
            next_call=pgettext("draft", "Would you have 20 minutes for a call next week?"),
        )


def draft_language(owner: User, person: Person) -> str:
    """The person's language, else the owner's (else the site's)."""
    supported = {code for code, _name in settings.LANGUAGES}
    for language in (person.language, owner.language):
        if language in supported:
            return str(language)
    return str(settings.LANGUAGE_CODE)


def my_name(owner: User) -> str:
    return owner.first_name.strip() or owner.get_full_name().strip() or owner.get_username()


def given_name(person: Person) -> str:
    return person.given_name.strip() or (person.full_name.split() or [""])[0]


def first_email(person: Person) -> str:
    address = (
        EmailAddress.objects.filter(owner_id=person.owner_id, person=person)
        .order_by("position", "id")
        .values_list("address", flat=True)
        .first()
    )
    return address or ""


def _meeting(owner: User, person: Person, followup: FollowUp | None) -> drafts.Meeting | None:
    """The follow-up's own encounter, else the last meaningful encounter with the person."""
    encounter: Encounter | None = None
    if followup is not None and followup.source_encounter_id is not None:
        encounter = (
            Encounter.objects.filter(owner=owner, pk=followup.source_encounter_id)
            .select_related("event")
            .first()
        )
    if encounter is None:
        # The person's encounters first (the participants index), then the latest of those:
        # filtering all the owner's encounters by participant walks every one of them.
        through = Encounter.participants.through
        ids = list(
            through.objects.filter(person_id=person.pk)
            .order_by()
            .values_list("encounter_id", flat=True)[:ENCOUNTERS_LIMIT]
        )
        # Unordered, so the rows are read by id; the latest is picked here.
        rows = (
            Encounter.objects.filter(owner=owner, pk__in=ids, meaningful=True)
            .select_related("event")
            .order_by()
            if ids
            else []
        )
        encounter = max(rows, key=lambda e: (e.occurred_at, e.pk), default=None)
    if encounter is None:
        return None
    return drafts.Meeting(
        on=timezone.localtime(encounter.occurred_at).date(),
        channel=encounter.channel,
        where=encounter.event.name if encounter.event else encounter.place,
        summary=encounter.summary,
    )


def _value(owner: User, person: Person) -> drafts.Value | None:
    """One of my offers that fits one of their needs, else someone I know who offers it,
    else their need or their project to ask about."""
    needs = [
        Item(pk, text)
        for pk, text in Fact.objects.filter(owner=owner, person=person, kind=FactKind.NEED)
        .order_by("-id")
        .values_list("id", "text")[:NEEDS_LIMIT]
    ]
    if needs:
        mine = [
            Item(pk, text)
            for pk, text in Fact.objects.filter(
                owner=owner, person__isnull=True, kind=FactKind.OFFER
            )
            .order_by("-id")
            .values_list("id", "text")[:MY_OFFERS_LIMIT]
        ]
        matches = match_offers_to_needs(mine, needs) if mine else []
        if matches:
            best = matches[0]
            return drafts.Value(drafts.VALUE_OFFER, text=best.offer.text, need=best.need.text)
        names: dict[int, str] = {}
        theirs = []
        for pk, text, name in (
            Fact.objects.filter(
                owner=owner, kind=FactKind.OFFER, person__isnull=False, person__archived=False
            )
            .exclude(person=person)
            .order_by("-id")
            .values_list("id", "text", "person__full_name")[:NETWORK_OFFERS_LIMIT]
        ):
            names[pk] = name
            theirs.append(Item(pk, text))
        matches = match_offers_to_needs(theirs, needs) if theirs else []
        if matches:
            best = matches[0]
            return drafts.Value(
                drafts.VALUE_INTRO,
                text=best.offer.text,
                need=best.need.text,
                other=names[best.offer.key],  # type: ignore[index]
            )
        return drafts.Value(drafts.VALUE_NEED, need=needs[0].text)
    project = (
        Fact.objects.filter(owner=owner, person=person, kind=FactKind.PROJECT)
        .order_by("-id")
        .values_list("text", flat=True)
        .first()
    )
    if project:
        return drafts.Value(drafts.VALUE_PROJECT, text=project)
    return None


def _home_city(owner: User) -> str:
    """Where the owner lives, as far as the data tells: the city most of their people
    live in (among the latest people with a city, so the cost does not grow with the
    network)."""
    cities = Counter(
        city.strip().casefold()
        for city in Person.objects.filter(owner=owner, archived=False)
        .exclude(city="")
        .order_by("-id")
        .values_list("city", flat=True)[:CITY_SAMPLE]
    )
    return min(cities.items(), key=lambda c: (-c[1], c[0]))[0] if cities else ""


def _same_city(owner: User, person: Person) -> bool:
    if not person.city.strip():
        return True
    home = _home_city(owner)
    return not home or home.casefold() == person.city.strip().casefold()


def _milestone(owner: User, person: Person, today: dt.date) -> Milestone | None:
    """The person's milestone nearest to today, from a week ago to the congratulation window."""
    start = today - dt.timedelta(days=MILESTONE_DAYS_BEFORE)
    ahead = owner.congratulate_days_ahead + MILESTONE_DAYS_BEFORE
    found: list[tuple[int, int, Milestone]] = []
    for milestone in Milestone.objects.filter(owner=owner, person=person).order_by("id")[:50]:
        when = milestone_occurrence(milestone, start, ahead)
        if when is not None:
            found.append((abs((when - today).days), milestone.pk, milestone))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


@dataclass(frozen=True)
class Draft:
    """A follow-up's message: the user's edit if saved, else the generated text."""

    person: Person
    kind: str
    followup: FollowUp | None
    language: str
    subject: str
    body: str
    generated: drafts.ComposedDraft
    edited: bool
    to: str
    sender: str
    edited_at: dt.datetime | None = None

    @property
    def mailto(self) -> str:
        return drafts.mailto_url(self.to, self.subject, self.body)

    @property
    def word_count(self) -> int:
        return drafts.word_count(self.body)

    def eml(self, now: dt.datetime | None = None) -> bytes:
        return drafts.eml_bytes(
            to=self.to,
            sender=self.sender,
            subject=self.subject,
            body=self.body,
            date=now or timezone.now(),
        )


def compose_draft(
    *,
    owner: User,
    person: Person,
    kind: str,
    followup: FollowUp | None = None,
    today: dt.date | None = None,
) -> drafts.ComposedDraft:
    """The generated draft for a person and a kind of follow-up, in the person's language."""
    today = today or timezone.localdate()
    milestone = _milestone(owner, person, today) if kind == FollowUpKind.CONGRATULATE else None
    topic = followup.topic if followup is not None else ""
    data = drafts.DraftInput(
        kind=kind,
        given_name=given_name(person),
        my_name=my_name(owner),
        today=today,
        meeting=_meeting(owner, person, followup),
        topic="" if milestone is not None else topic,
        value=_value(owner, person),
        milestone_kind=milestone.kind if milestone is not None else "",
        milestone_note=milestone.note if milestone is not None else topic,
        same_city=_same_city(owner, person),
    )
    return drafts.compose(data, phrases_for(draft_language(owner, person)))


def draft_for_followup(*, owner: User, followup: FollowUp, today: dt.date | None = None) -> Draft:
    """The draft of one of the owner's follow-ups (the caller found it with followup_get)."""
    person = followup.person
    generated = compose_draft(
        owner=owner, person=person, kind=followup.kind, followup=followup, today=today
    )
    edited = followup.draft_edited_at is not None
    return Draft(
        person=person,
        kind=followup.kind,
        followup=followup,
        language=draft_language(owner, person),
        subject=followup.draft_subject if edited else generated.subject,
        body=followup.draft_body if edited else generated.body,
        generated=generated,
        edited=edited,
        to=first_email(person),
        sender=owner.email,
        edited_at=followup.draft_edited_at,
    )


def draft_for_person(
    *, owner: User, person: Person, kind: str, today: dt.date | None = None
) -> Draft:
    """A draft for a Today item that no follow-up stands behind yet (a check-in or a
    congratulation): generated, not editable until saved onto a follow-up."""
    if kind not in FollowUpKind.values:
        raise InvalidInput.for_field("kind", _("Choose a kind of follow-up."))
    generated = compose_draft(owner=owner, person=person, kind=kind, today=today)
    return Draft(
        person=person,
        kind=kind,
        followup=None,
        language=draft_language(owner, person),
        subject=generated.subject,
        body=generated.body,
        generated=generated,
        edited=False,
        to=first_email(person),
        sender=owner.email,
    )
