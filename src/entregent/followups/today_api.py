"""API routes acting on Today's check-ins and congratulations, which are listed by person
(no follow-up stands behind them until one is acted on): done, snooze, dismiss, and the
follow-up itself (for its draft). Each answers the follow-up that now records it."""

from django.http import HttpRequest
from ninja import Router

from entregent.core.api import ObjectId, owner_of, responses
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.followups.schemas import FollowUpDoneIn, FollowUpOut, FollowUpSnoozeIn
from entregent.followups.selectors import agenda_item_when
from entregent.followups.services import agenda_item_act, agenda_item_followup
from entregent.people.selectors import person_get

router = Router()

ACTED = responses({200: FollowUpOut}, body=True, unsafe=True, lookup=True, conflict=True)
NO_BODY = responses({200: FollowUpOut}, unsafe=True, lookup=True, conflict=True)


def _act(
    request: HttpRequest,
    person_id: int,
    kind: str,
    action: str,
    *,
    done: FollowUpDoneIn | None = None,
    snooze: FollowUpSnoozeIn | None = None,
) -> FollowUp:
    owner = owner_of(request)
    person = person_get(owner=owner, pk=person_id)
    log = done.log_encounter if done is not None else None
    return agenda_item_act(
        owner=owner,
        person=person,
        kind=kind,
        action=action,
        until=snooze.until if snooze is not None else None,
        log_encounter=log.model_dump(exclude_unset=True) if log else None,
    )


def _followup(request: HttpRequest, person_id: int, kind: str) -> FollowUp:
    owner = owner_of(request)
    person = person_get(owner=owner, pk=person_id)
    due_on, topic = agenda_item_when(owner=owner, person=person, kind=kind)
    return agenda_item_followup(owner=owner, person=person, kind=kind, due_on=due_on, topic=topic)


@router.post("/today/check-ins/{person_id}/done", response=ACTED)
def today_check_in_done(
    request: HttpRequest, person_id: ObjectId, payload: FollowUpDoneIn | None = None
) -> object:
    """Checked in with this person. With `log_encounter` (e.g. `{"channel": "call",
    "summary": "…"}`) the conversation is logged and the next check-in counts from it;
    without, the next check-in moves one interval on."""
    return _act(request, person_id, FollowUpKind.CHECK_IN, "done", done=payload)


@router.post("/today/check-ins/{person_id}/snooze", response=ACTED)
def today_check_in_snooze(
    request: HttpRequest, person_id: ObjectId, payload: FollowUpSnoozeIn
) -> object:
    """Put the check-in off until tomorrow, next week or a date; it comes back on Today."""
    return _act(request, person_id, FollowUpKind.CHECK_IN, "snooze", snooze=payload)


@router.post("/today/check-ins/{person_id}/dismiss", response=NO_BODY)
def today_check_in_dismiss(request: HttpRequest, person_id: ObjectId) -> object:
    """Skip this check-in: the next one comes a full interval later."""
    return _act(request, person_id, FollowUpKind.CHECK_IN, "dismiss")


@router.post("/today/check-ins/{person_id}/followup", response=NO_BODY)
def today_check_in_followup(request: HttpRequest, person_id: ObjectId) -> object:
    """The follow-up standing for this check-in (recorded now if there is none yet), e.g.
    to read its draft at `/followups/{id}/draft`."""
    return _followup(request, person_id, FollowUpKind.CHECK_IN)


@router.post("/today/congratulations/{person_id}/done", response=ACTED)
def today_congratulation_done(
    request: HttpRequest, person_id: ObjectId, payload: FollowUpDoneIn | None = None
) -> object:
    """Congratulated: recorded as done (optionally logging the call or message), so the
    milestone leaves Today."""
    return _act(request, person_id, FollowUpKind.CONGRATULATE, "done", done=payload)


@router.post("/today/congratulations/{person_id}/snooze", response=ACTED)
def today_congratulation_snooze(
    request: HttpRequest, person_id: ObjectId, payload: FollowUpSnoozeIn
) -> object:
    """Put the congratulation off until tomorrow, next week or a date."""
    return _act(request, person_id, FollowUpKind.CONGRATULATE, "snooze", snooze=payload)


@router.post("/today/congratulations/{person_id}/dismiss", response=NO_BODY)
def today_congratulation_dismiss(request: HttpRequest, person_id: ObjectId) -> object:
    """Let this milestone pass without a message; it stays in the history."""
    return _act(request, person_id, FollowUpKind.CONGRATULATE, "dismiss")


@router.post("/today/congratulations/{person_id}/followup", response=NO_BODY)
def today_congratulation_followup(request: HttpRequest, person_id: ObjectId) -> object:
    """The follow-up standing for this congratulation (recorded now if there is none yet),
    e.g. to read its draft at `/followups/{id}/draft`."""
    return _followup(request, person_id, FollowUpKind.CONGRATULATE)
