"""API routes of follow-ups: create, read, update, delete; done, snooze, dismiss; Today."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, lookup_optional, owner_of, paginate, responses
from entregent.followups.choices import FollowUpKind
from entregent.followups.draft_selectors import Draft, draft_for_followup
from entregent.followups.draft_services import draft_discard, draft_save
from entregent.followups.schemas import (
    DraftIn,
    DraftOut,
    FollowUpDoneIn,
    FollowUpIn,
    FollowUpOut,
    FollowUpPage,
    FollowUpPatch,
    FollowUpQuery,
    FollowUpSnoozeIn,
    TodayOut,
    TodayQuery,
)
from entregent.followups.selectors import followup_get, followup_list, today_agenda
from entregent.followups.services import (
    followup_create,
    followup_delete,
    followup_dismiss,
    followup_done,
    followup_snooze,
    followup_update,
)
from entregent.people.selectors import person_get

router = Router()


@router.get("/followups", response=responses({200: FollowUpPage}, lookup=True))
def followups_list(request: HttpRequest, query: Query[FollowUpQuery]) -> object:
    """Follow-ups, soonest due first, of one person or everyone, by status."""
    owner = owner_of(request)
    person = lookup_optional(person_get, owner, query.person, "person")
    return paginate(followup_list(owner=owner, person=person, status=query.status or ""), query)


@router.post(
    "/followups", response=responses({201: FollowUpOut}, body=True, unsafe=True, lookup=True)
)
def followups_create(request: HttpRequest, payload: FollowUpIn) -> object:
    """Plan something to do for a person by a date."""
    owner = owner_of(request)
    followup = followup_create(
        owner=owner,
        person=lookup(person_get, owner, payload.person_id, "person_id"),
        due_on=payload.due_on,
        kind=payload.kind,
        topic=payload.topic,
    )
    return Status(201, followup)


@router.get("/followups/{followup_id}", response=responses({200: FollowUpOut}, lookup=True))
def followups_get(request: HttpRequest, followup_id: ObjectId) -> object:
    """One follow-up."""
    return followup_get(owner=owner_of(request), pk=followup_id)


@router.patch(
    "/followups/{followup_id}",
    response=responses({200: FollowUpOut}, body=True, unsafe=True, lookup=True),
)
def followups_update(request: HttpRequest, followup_id: ObjectId, payload: FollowUpPatch) -> object:
    """Change a follow-up's date, kind, topic or status."""
    followup = followup_get(owner=owner_of(request), pk=followup_id)
    return followup_update(followup=followup, **payload.model_dump(exclude_unset=True))


@router.delete(
    "/followups/{followup_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def followups_delete(request: HttpRequest, followup_id: ObjectId) -> object:
    """Forget a follow-up."""
    followup_delete(followup=followup_get(owner=owner_of(request), pk=followup_id))
    return Status(204, None)


@router.get("/today", response=responses({200: TodayOut}))
def today_get(request: HttpRequest, query: Query[TodayQuery]) -> object:
    """Today's agenda: overdue and due follow-ups, check-ins due, milestones coming up;
    at most 50 items per section, ranked, with the total of each."""
    return today_agenda(owner=owner_of(request), today=query.date)


@router.post(
    "/followups/{followup_id}/done",
    response=responses({200: FollowUpOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def followups_done(
    request: HttpRequest, followup_id: ObjectId, payload: FollowUpDoneIn | None = None
) -> object:
    """Mark a follow-up done, optionally logging the encounter that settled it; 409 when it
    is already done or dismissed."""
    followup = followup_get(owner=owner_of(request), pk=followup_id)
    log = payload.log_encounter if payload is not None else None
    return followup_done(
        followup=followup, log_encounter=log.model_dump(exclude_unset=True) if log else None
    )


@router.post(
    "/followups/{followup_id}/snooze",
    response=responses({200: FollowUpOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def followups_snooze(
    request: HttpRequest, followup_id: ObjectId, payload: FollowUpSnoozeIn
) -> object:
    """Put a follow-up off until tomorrow, next week or a date; it comes back on Today then."""
    followup = followup_get(owner=owner_of(request), pk=followup_id)
    return followup_snooze(followup=followup, until=payload.until)


@router.post(
    "/followups/{followup_id}/dismiss",
    response=responses({200: FollowUpOut}, unsafe=True, lookup=True, conflict=True),
)
def followups_dismiss(request: HttpRequest, followup_id: ObjectId) -> object:
    """Drop a follow-up without doing it; it stays in the history (status dismissed)."""
    return followup_dismiss(followup=followup_get(owner=owner_of(request), pk=followup_id))


def _draft_out(draft: Draft) -> DraftOut:
    return DraftOut(
        followup_id=draft.followup.pk if draft.followup is not None else None,
        person_id=draft.person.pk,
        kind=FollowUpKind(draft.kind),
        language=draft.language,
        subject=draft.subject,
        body=draft.body,
        to=draft.to,
        mailto=draft.mailto,
        word_count=draft.word_count,
        edited=draft.edited,
        edited_at=draft.edited_at,
        next_step=draft.generated.next_step,
        value_kind=draft.generated.value_kind,
    )


@router.get("/followups/{followup_id}/draft", response=responses({200: DraftOut}, lookup=True))
def followups_draft(request: HttpRequest, followup_id: ObjectId) -> object:
    """The follow-up's message (at most 120 words, in the person's language): where and
    when you met, one thing of value, one next step. Nothing is sent."""
    owner = owner_of(request)
    return _draft_out(
        draft_for_followup(owner=owner, followup=followup_get(owner=owner, pk=followup_id))
    )


@router.put(
    "/followups/{followup_id}/draft",
    response=responses({200: DraftOut}, body=True, unsafe=True, lookup=True),
)
def followups_draft_save(request: HttpRequest, followup_id: ObjectId, payload: DraftIn) -> object:
    """Keep your own version of the draft; it is returned instead of the generated one."""
    owner = owner_of(request)
    followup = draft_save(
        followup=followup_get(owner=owner, pk=followup_id),
        subject=payload.subject,
        body=payload.body,
    )
    return _draft_out(draft_for_followup(owner=owner, followup=followup))


@router.delete(
    "/followups/{followup_id}/draft",
    response=responses({204: None}, unsafe=True, lookup=True),
)
def followups_draft_discard(request: HttpRequest, followup_id: ObjectId) -> object:
    """Discard your edit: the next GET writes the draft again from what is known now."""
    draft_discard(followup=followup_get(owner=owner_of(request), pk=followup_id))
    return Status(204, None)
