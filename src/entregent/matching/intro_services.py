"""Services of the introduction workflow: accept or dismiss a suggestion, ask A, record
answers, ask B, make the introduction, cancel.

Each step checks the status it starts from and refuses anything else with a Conflict that
names the current status; repeating the step that led to the current status changes
nothing (a double click, a retried request). Making the introduction connects A and B
(kind "introduced") and records it on both people in the giving ledger.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import Conflict, InvalidInput
from entregent.core.services import ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.goals.choices import FavourDirection, FavourKind, FavourSource
from entregent.goals.ledger import favour_log
from entregent.matching.choices import OPEN_STATUSES, IntroductionSide, IntroductionStatus
from entregent.matching.introductions import best_match, reason_sentence
from entregent.matching.models import Introduction
from entregent.people.choices import ConnectionKind
from entregent.people.models import Connection, Person

# How long after the introduction to check how it went.
CHECK_AFTER_DAYS = 7

S = IntroductionStatus


def _locked(introduction: Introduction) -> Introduction:
    """The introduction read again inside the transaction, locked where the database can."""
    return (
        Introduction.objects.select_for_update()
        .select_related("person_a", "person_b")
        .get(pk=introduction.pk, owner_id=introduction.owner_id)
    )


def _refuse(introduction: Introduction, message: str) -> Conflict:
    """A Conflict naming the introduction's status (`message` has a %(status)s)."""
    text = message % {"status": introduction.get_status_display()}
    return Conflict(text, errors={"status": [introduction.status]})


def _pair_filter(a: Person, b: Person) -> Q:
    return Q(person_a=a, person_b=b) | Q(person_a=b, person_b=a)


def _check_pair(owner: User, person_a: Person, person_b: Person) -> None:
    ensure_owned(owner, person_a, "person_a")
    ensure_owned(owner, person_b, "person_b")
    if person_a.pk == person_b.pk:
        raise InvalidInput.for_field("person_b", _("Choose two different people."))


@transaction.atomic
def intro_accept(
    *,
    owner: User,
    person_a: Person,
    person_b: Person,
    note: str = "",
    reason: str | None = None,
) -> Introduction:
    """Start introducing A (who has the need, asked first) to B: from a suggestion, or by
    hand. The reason and the need and offer behind it come from their facts unless given.

    Accepting a pair with an introduction already in progress returns that one unchanged;
    two people already connected are refused.
    """
    _check_pair(owner, person_a, person_b)
    existing = (
        Introduction.objects.filter(owner=owner, status__in=OPEN_STATUSES)
        .filter(_pair_filter(person_a, person_b))
        .first()
    )
    if existing is not None:
        return existing
    connected = Connection.objects.filter(
        owner=owner,
        from_person_id__in=[person_a.pk, person_b.pk],
        to_person_id__in=[person_a.pk, person_b.pk],
    )
    if connected.exists():
        raise Conflict(
            _("%(a)s and %(b)s already know each other.")
            % {"a": person_a.full_name, "b": person_b.full_name},
            errors={"person_b": [_("Already connected.")]},
        )
    match = best_match(owner=owner, person_a=person_a, person_b=person_b)
    introduction = Introduction(
        owner=owner,
        person_a=person_a,
        person_b=person_b,
        status=S.SUGGESTED,
        note=clean_text(note, multiline=True),
    )
    if match is not None:
        introduction.need = clean_text(match.need.text)[:300]
        introduction.offer = clean_text(match.offer.text)[:300]
        introduction.score = match.score
    if reason is not None:
        introduction.reason = clean_text(reason)[:500]
    elif match is not None:
        introduction.reason = reason_sentence(
            person_a.full_name, person_b.full_name, match.need.text, match.offer.text
        )[:500]
    full_clean_or_raise(introduction, exclude=["owner", "person_a", "person_b"])
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise Conflict(
            _("An introduction between these two people is already in progress.")
        ) from None
    return introduction


@transaction.atomic
def intro_dismiss(*, owner: User, person_a: Person, person_b: Person) -> Introduction:
    """Never suggest this pair again (either way round). Dismissing twice changes nothing;
    a pair with an introduction in progress is refused (cancel it instead)."""
    _check_pair(owner, person_a, person_b)
    rows = Introduction.objects.filter(owner=owner).filter(_pair_filter(person_a, person_b))
    open_one = rows.filter(status__in=OPEN_STATUSES).first()
    if open_one is not None:
        raise _refuse(
            open_one,
            _("This pair cannot be dismissed: an introduction is “%(status)s”; cancel it instead."),
        )
    dismissed = rows.filter(status=S.DISMISSED).first()
    if dismissed is not None:
        return dismissed
    introduction = Introduction(
        owner=owner,
        person_a=person_a,
        person_b=person_b,
        status=S.DISMISSED,
        closed_at=timezone.now(),
    )
    full_clean_or_raise(introduction, exclude=["owner", "person_a", "person_b"])
    introduction.save()
    return introduction


def _save(introduction: Introduction) -> Introduction:
    full_clean_or_raise(introduction, exclude=["owner", "person_a", "person_b"])
    introduction.save()
    return introduction


@transaction.atomic
def intro_ask_a(*, introduction: Introduction) -> Introduction:
    """I asked A whether they would like to meet B."""
    introduction = _locked(introduction)
    if introduction.status == S.ASKING_A:
        return introduction
    if introduction.status != S.SUGGESTED:
        raise _refuse(
            introduction, _("Cannot ask the first person: the introduction is “%(status)s”.")
        )
    introduction.status = S.ASKING_A
    introduction.asked_a_at = timezone.now()
    return _save(introduction)


@transaction.atomic
def intro_ask_b(*, introduction: Introduction) -> Introduction:
    """I asked B whether they would like to meet A (A agreed)."""
    introduction = _locked(introduction)
    if introduction.status == S.ASKING_B:
        return introduction
    if introduction.status != S.A_AGREED:
        raise _refuse(
            introduction,
            _(
                "Cannot ask the second person before the first agreed: the introduction is “%(status)s”."
            ),
        )
    introduction.status = S.ASKING_B
    introduction.asked_b_at = timezone.now()
    return _save(introduction)


@transaction.atomic
def intro_record_answer(*, introduction: Introduction, side: str, agreed: bool) -> Introduction:
    """A's or B's answer. A answers once asked (or right away, if I asked outside
    Entregent); B once A agreed. A no declines the introduction, naming who declined."""
    if side not in IntroductionSide.values:
        raise InvalidInput.for_field(
            "side",
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": str(side)[:40], "choices": ", ".join(IntroductionSide.values)},
        )
    introduction = _locked(introduction)
    now = timezone.now()
    if side == IntroductionSide.A:
        if agreed and introduction.status == S.A_AGREED:
            return introduction
        if introduction.status not in (S.SUGGESTED, S.ASKING_A):
            if not agreed and _declined_by(introduction, side):
                return introduction
            raise _refuse(
                introduction,
                _("Cannot record the first person's answer: the introduction is “%(status)s”."),
            )
        introduction.asked_a_at = introduction.asked_a_at or now
        introduction.a_answered_at = now
        agreed_status = S.A_AGREED
    else:
        if agreed and introduction.status == S.B_AGREED:
            return introduction
        if introduction.status not in (S.A_AGREED, S.ASKING_B):
            if not agreed and _declined_by(introduction, side):
                return introduction
            raise _refuse(
                introduction,
                _("Cannot record the second person's answer: the introduction is “%(status)s”."),
            )
        introduction.asked_b_at = introduction.asked_b_at or now
        introduction.b_answered_at = now
        agreed_status = S.B_AGREED
    if agreed:
        introduction.status = agreed_status
    else:
        introduction.status = S.DECLINED
        introduction.declined_by = side
        introduction.closed_at = now
    return _save(introduction)


def _declined_by(introduction: Introduction, side: str) -> bool:
    return introduction.status == S.DECLINED and introduction.declined_by == side


@transaction.atomic
def intro_make(
    *, introduction: Introduction, today: dt.date | None = None, check_in: bool = True
) -> Introduction:
    """Both agreed and I introduced them: connect A and B ("introduced"), record the
    introduction given on both people in the giving ledger, and (unless `check_in` is
    false) plan a follow-up with A a week later to ask how it went."""
    introduction = _locked(introduction)
    if introduction.status == S.MADE:
        return introduction
    if introduction.status != S.B_AGREED:
        raise _refuse(
            introduction, _("Cannot make the introduction before both agreed: it is “%(status)s”.")
        )
    now = timezone.now()
    today = today or timezone.localdate()
    owner_id = introduction.owner_id
    a, b = introduction.person_a, introduction.person_b
    introduction.status = S.MADE
    introduction.made_at = now
    introduction.closed_at = now
    _save(introduction)
    pair = [a.pk, b.pk]
    if not Connection.objects.filter(
        owner_id=owner_id,
        kind=ConnectionKind.INTRODUCED,
        from_person_id__in=pair,
        to_person_id__in=pair,
    ).exists():
        Connection.objects.create(
            owner_id=owner_id,
            from_person=a,
            to_person=b,
            kind=ConnectionKind.INTRODUCED,
            note=(introduction.reason or "")[:300],
        )
    for person, other in ((a, b), (b, a)):
        note = _("Introduced to %(name)s.") % {"name": other.full_name}
        favour_log(
            owner=introduction.owner,
            person=person,
            direction=FavourDirection.GIVEN,
            kind=FavourKind.INTRODUCTION,
            occurred_on=today,
            note=note,
            source=FavourSource.INTRODUCTION,
            source_id=introduction.pk,
        )
    if check_in:
        topic = _("How did the introduction to %(name)s go?") % {"name": b.full_name}
        if not FollowUp.objects.filter(
            owner_id=owner_id,
            person=a,
            kind=FollowUpKind.INTRO,
            topic=topic[:300],
            status=FollowUpStatus.OPEN,
        ).exists():
            FollowUp.objects.create(
                owner_id=owner_id,
                person=a,
                kind=FollowUpKind.INTRO,
                due_on=today + dt.timedelta(days=CHECK_AFTER_DAYS),
                topic=topic[:300],
            )
    return introduction


@transaction.atomic
def intro_cancel(*, introduction: Introduction, note: str | None = None) -> Introduction:
    """Stop an introduction in progress (I changed my mind, or it is no longer needed)."""
    introduction = _locked(introduction)
    if introduction.status == S.CANCELLED:
        return introduction
    if introduction.status not in OPEN_STATUSES:
        raise _refuse(introduction, _("Cannot cancel: the introduction is “%(status)s”."))
    introduction.status = S.CANCELLED
    introduction.closed_at = timezone.now()
    if note is not None:
        introduction.note = clean_text(note, multiline=True)
    return _save(introduction)
