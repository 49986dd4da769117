"""Services of the pipeline: create, change, move and delete opportunities, settle a
referral request, act on a next step, and plan the gentle follow-up of an unanswered
referral request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.services import ensure_choice, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Organization, Person
from entregent.pipeline.choices import OpportunityKind, ReferralOutcome, Stage
from entregent.pipeline.models import Opportunity, StageChange

# A referral request without an answer gets one gentle follow-up this long after asking.
REFERRAL_FOLLOWUP_AFTER = dt.timedelta(days=7)
TEXT_FIELDS = {"title", "next_step", "notes", "asked_for"}
UPDATABLE = {
    "kind",
    "title",
    "organization",
    "people",
    "next_step",
    "next_step_on",
    "notes",
    "asked_person",
    "asked_for",
    "asked_on",
    "referral_outcome",
}


def _own_id(owner: User, model: Any, value: Any, field: str) -> Any:
    """An instance or an id of the owner's own row; anything else names the field (422)."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        if value.owner_id != owner.pk:
            raise InvalidInput.for_field(field, _("No such item among yours."))
        return value
    try:
        return model.objects.get(owner=owner, pk=int(value))
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise InvalidInput.for_field(field, _("No such item among yours.")) from None


def _own_people(owner: User, values: Iterable[Any], field: str = "people") -> list[Person]:
    ids: list[int] = []
    for value in values:
        if isinstance(value, Person):
            if value.owner_id != owner.pk:
                raise InvalidInput.for_field(field, _("No such item among yours."))
            ids.append(value.pk)
            continue
        try:
            ids.append(int(value))
        except (ValueError, TypeError, OverflowError):
            raise InvalidInput.for_field(field, _("No such item among yours.")) from None
    found = list(Person.objects.filter(owner=owner, pk__in=ids))
    if len(found) != len(set(ids)):
        raise InvalidInput.for_field(field, _("No such item among yours."))
    return found


def _next_position(owner: User, kind: str, stage: str) -> int:
    top = Opportunity.objects.filter(owner=owner, kind=kind, stage=stage).aggregate(
        m=Max("position")
    )["m"]
    return 0 if top is None else top + 1


def _record(opportunity: Opportunity, from_stage: str, at: dt.datetime | None = None) -> None:
    StageChange.objects.create(
        owner_id=opportunity.owner_id,
        opportunity=opportunity,
        kind=opportunity.kind,
        from_stage=from_stage,
        to_stage=opportunity.stage,
        at=at or timezone.now(),
    )


def _clean(opportunity: Opportunity) -> None:
    if opportunity.kind != OpportunityKind.REFERRAL_REQUEST:
        opportunity.asked_person = None
        opportunity.asked_for = ""
        opportunity.asked_on = None
        opportunity.referral_outcome = ReferralOutcome.PENDING
    elif opportunity.asked_person is not None and opportunity.asked_on is None:
        opportunity.asked_on = timezone.localdate()
    full_clean_or_raise(
        opportunity, exclude=["owner", "organization", "asked_person", "referral_followup"]
    )


@transaction.atomic
def opportunity_create(
    *,
    owner: User,
    title: str,
    kind: str = OpportunityKind.DREAM_CLIENT,
    stage: str = Stage.IDEA,
    organization: Organization | int | None = None,
    people: Sequence[Person | int] = (),
    next_step: str = "",
    next_step_on: dt.date | None = None,
    notes: str = "",
    asked_person: Person | int | None = None,
    asked_for: str = "",
    asked_on: dt.date | None = None,
    referral_outcome: str = ReferralOutcome.PENDING,
    at: dt.datetime | None = None,
) -> Opportunity:
    """Put an opportunity on its board, at the bottom of its stage's column; the history
    starts with its first stage (pitches are counted from it)."""
    ensure_choice(kind, OpportunityKind, "kind")
    ensure_choice(stage, Stage, "stage")
    ensure_choice(referral_outcome, ReferralOutcome, "referral_outcome")
    opportunity = Opportunity(
        owner=owner,
        kind=kind,
        title=clean_text(title),
        stage=stage,
        organization=_own_id(owner, Organization, organization, "organization"),
        next_step=clean_text(next_step),
        next_step_on=next_step_on,
        notes=notes.strip(),
        asked_person=_own_id(owner, Person, asked_person, "asked_person"),
        asked_for=clean_text(asked_for),
        asked_on=asked_on,
        referral_outcome=referral_outcome,
        position=_next_position(owner, kind, stage),
    )
    members = _own_people(owner, people)
    _clean(opportunity)
    opportunity.save()
    if members:
        opportunity.people.set(members)
    _record(opportunity, "", at)
    return opportunity


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, **changes: Any) -> Opportunity:
    """Change an opportunity's fields (its stage moves through `opportunity_move`)."""
    if "stage" in changes or "position" in changes:
        raise InvalidInput.for_field(
            "stage" if "stage" in changes else "position", _("Move the opportunity instead.")
        )
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    owner = opportunity.owner
    if "kind" in changes:
        ensure_choice(changes["kind"], OpportunityKind, "kind")
    if "referral_outcome" in changes:
        ensure_choice(changes["referral_outcome"], ReferralOutcome, "referral_outcome")
    members = _own_people(owner, changes.pop("people")) if "people" in changes else None
    if "organization" in changes:
        changes["organization"] = _own_id(
            owner, Organization, changes["organization"], "organization"
        )
    if "asked_person" in changes:
        changes["asked_person"] = _own_id(owner, Person, changes["asked_person"], "asked_person")
    old_kind = opportunity.kind
    for field, value in changes.items():
        cleaned = value
        if field in TEXT_FIELDS and isinstance(value, str):
            cleaned = value.strip() if field == "notes" else clean_text(value)
        setattr(opportunity, field, cleaned)
    if opportunity.kind != old_kind:
        opportunity.position = _next_position(owner, opportunity.kind, opportunity.stage)
        # The history follows the opportunity to its new board's funnel.
        opportunity.stage_changes.update(kind=opportunity.kind)
    _clean(opportunity)
    opportunity.save()
    if members is not None:
        opportunity.people.set(members)
    return opportunity


@transaction.atomic
def opportunity_move(
    *,
    opportunity: Opportunity,
    stage: str,
    position: int | None = None,
    at: dt.datetime | None = None,
) -> Opportunity:
    """Move an opportunity to a stage (at a position in that column, else at its bottom),
    renumbering the column; a change of stage is recorded in the history."""
    ensure_choice(stage, Stage, "stage")
    if position is not None and (not isinstance(position, int) or position < 0):
        raise InvalidInput.for_field("position", _("Enter a whole number, 0 or more."))
    owner = opportunity.owner
    from_stage = opportunity.stage
    column = list(
        Opportunity.objects.filter(owner=owner, kind=opportunity.kind, stage=stage)
        .exclude(pk=opportunity.pk)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    index = len(column) if position is None else min(position, len(column))
    column.insert(index, opportunity.pk)
    for pos, pk in enumerate(column):
        if pk != opportunity.pk:
            Opportunity.objects.filter(pk=pk).exclude(position=pos).update(position=pos)
    opportunity.stage = stage
    opportunity.position = index
    opportunity.save(update_fields=["stage", "position", "updated"])
    if from_stage != stage:
        _record(opportunity, from_stage, at)
        if (
            opportunity.kind == OpportunityKind.REFERRAL_REQUEST
            and stage == Stage.NO_REPLY
            and not opportunity.referral_outcome
        ):
            opportunity.referral_outcome = ReferralOutcome.NO_REPLY
            opportunity.save(update_fields=["referral_outcome", "updated"])
    return opportunity


def opportunity_delete(*, opportunity: Opportunity) -> None:
    """Take an opportunity off its board, with its history."""
    opportunity.delete()


@transaction.atomic
def referral_outcome_set(*, opportunity: Opportunity, outcome: str) -> Opportunity:
    """Record what came of a referral request: introduced, "let me think", no reply."""
    if opportunity.kind != OpportunityKind.REFERRAL_REQUEST:
        raise InvalidInput.for_field("referral_outcome", _("Only referral requests have one."))
    ensure_choice(outcome, ReferralOutcome, "referral_outcome")
    opportunity.referral_outcome = outcome
    opportunity.save(update_fields=["referral_outcome", "updated"])
    if outcome == ReferralOutcome.INTRODUCED and opportunity.stage in (
        Stage.IDEA,
        Stage.REACHED_OUT,
    ):
        opportunity_move(opportunity=opportunity, stage=Stage.REPLIED)
    elif outcome == ReferralOutcome.NO_REPLY and opportunity.stage != Stage.NO_REPLY:
        opportunity_move(opportunity=opportunity, stage=Stage.NO_REPLY)
    return opportunity


@transaction.atomic
def next_step_done(
    *, opportunity: Opportunity, next_step: str = "", on: dt.date | None = None
) -> Opportunity:
    """The next step is done: clear it, or plan the one after it."""
    opportunity.next_step = clean_text(next_step)
    opportunity.next_step_on = on if next_step else None
    full_clean_or_raise(
        opportunity, exclude=["owner", "organization", "asked_person", "referral_followup"]
    )
    opportunity.save(update_fields=["next_step", "next_step_on", "updated"])
    return opportunity


@transaction.atomic
def next_step_reschedule(*, opportunity: Opportunity, on: dt.date) -> Opportunity:
    """Move the next step to another day."""
    if not isinstance(on, dt.date):
        raise InvalidInput.for_field("next_step_on", _("Enter a valid date."))
    opportunity.next_step_on = on
    opportunity.save(update_fields=["next_step_on", "updated"])
    return opportunity


@transaction.atomic
def referral_followups_plan(*, owner: User, today: dt.date | None = None) -> list[FollowUp]:
    """A week after a referral request without an answer, plan one gentle follow-up with
    the person asked, once (the follow-up is remembered on the request). Idempotent: run
    from Today and from the daily job."""
    today = today or timezone.localdate()
    due = (
        Opportunity.objects.filter(
            owner=owner,
            kind=OpportunityKind.REFERRAL_REQUEST,
            referral_outcome=ReferralOutcome.PENDING,
            referral_followup__isnull=True,
            asked_person__isnull=False,
            asked_on__lte=today - REFERRAL_FOLLOWUP_AFTER,
        )
        .exclude(stage__in=[Stage.WON, Stage.LOST, Stage.NO_REPLY])
        .select_related("asked_person")
        .select_for_update()
    )
    created: list[FollowUp] = []
    for opportunity in due:
        person = opportunity.asked_person
        assert person is not None
        what = opportunity.asked_for or opportunity.title
        followup = followup_create(
            owner=owner,
            person=person,
            due_on=today,
            kind=FollowUpKind.FOLLOW_UP,
            topic=(_("Gently ask again about: %(what)s") % {"what": what})[:300],
        )
        Opportunity.objects.filter(pk=opportunity.pk).update(
            referral_followup=followup, updated=timezone.now()
        )
        created.append(followup)
    return created
