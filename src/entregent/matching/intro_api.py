"""API routes of introductions: suggestions, the list, one introduction with its drafts,
and the double opt-in steps. A step the status does not allow answers 409 naming it."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, lookup_optional, owner_of, responses
from entregent.core.errors import InvalidInput
from entregent.matching.intro_output import introduction_data, suggestions_data
from entregent.matching.intro_schemas import (
    IntroAnswerIn,
    IntroCancelIn,
    IntroductionDetailOut,
    IntroductionIn,
    IntroductionOut,
    IntroductionsOut,
    IntroductionsQuery,
    IntroSuggestionsOut,
    IntroSuggestionsQuery,
)
from entregent.matching.intro_services import (
    intro_accept,
    intro_ask_a,
    intro_ask_b,
    intro_cancel,
    intro_dismiss,
    intro_make,
    intro_record_answer,
)
from entregent.matching.introductions import (
    introduction_drafts,
    introduction_get,
    introduction_list,
    suggestions,
    suggestions_for_person,
)
from entregent.matching.models import Introduction
from entregent.people.selectors import person_get

router = Router()


def _detail(request: HttpRequest, intro: Introduction) -> dict[str, object]:
    drafts = introduction_drafts(owner=owner_of(request), introduction=intro)
    return introduction_data(intro, drafts)


@router.get("/introductions", response=responses({200: IntroductionsOut}, lookup=True))
def introductions_list(request: HttpRequest, query: Query[IntroductionsQuery]) -> object:
    """Your introductions, latest change first, each with its status and next step.
    Dismissed suggestions only with `status=dismissed`."""
    owner = owner_of(request)
    person = lookup_optional(person_get, owner, query.person, "person")
    qs = introduction_list(owner=owner, status=query.status, open_only=query.open, person=person)
    items = list(qs[query.offset : query.offset + query.limit])
    return {"count": qs.count(), "items": [introduction_data(i) for i in items]}


@router.get(
    "/introductions/suggestions", response=responses({200: IntroSuggestionsOut}, lookup=True)
)
def introductions_suggestions(request: HttpRequest, query: Query[IntroSuggestionsQuery]) -> object:
    """Who to introduce to whom: A's need met by B's offer (English or French), best first,
    with the words that matched. Pairs already connected, introduced, in progress,
    declined or dismissed are left out. With `person`: introductions they would be part
    of, either way round."""
    owner = owner_of(request)
    if query.person is not None:
        person = lookup(person_get, owner, query.person, "person")
        found = suggestions_for_person(owner=owner, person=person, limit=query.limit)
        return suggestions_data(found, person=person)
    return suggestions_data(suggestions(owner=owner, limit=query.limit), person=None)


@router.post(
    "/introductions",
    response=responses(
        {201: IntroductionDetailOut}, body=True, unsafe=True, lookup=True, conflict=True
    ),
)
def introductions_create(request: HttpRequest, payload: IntroductionIn) -> object:
    """Start introducing A (the person with the need, asked first) to B: accept a
    suggestion, or pick two people. A pair with an introduction in progress answers that
    one; two people already connected answer 409."""
    owner = owner_of(request)
    a = lookup(person_get, owner, payload.person_a, "person_a")
    b = lookup(person_get, owner, payload.person_b, "person_b")
    intro = intro_accept(owner=owner, person_a=a, person_b=b, note=payload.note)
    return Status(201, _detail(request, intro))


@router.post(
    "/introductions/dismiss",
    response=responses({200: IntroductionOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def introductions_dismiss(request: HttpRequest, payload: IntroductionIn) -> object:
    """Never suggest this pair again, either way round (409 while one is in progress)."""
    owner = owner_of(request)
    a = lookup(person_get, owner, payload.person_a, "person_a")
    b = lookup(person_get, owner, payload.person_b, "person_b")
    return introduction_data(intro_dismiss(owner=owner, person_a=a, person_b=b))


@router.get(
    "/introductions/{intro_id}", response=responses({200: IntroductionDetailOut}, lookup=True)
)
def introduction_detail(request: HttpRequest, intro_id: ObjectId) -> object:
    """One introduction: status, timestamps of each step, the next step, and the three
    drafts (asking A in A's language, asking B in B's, the introduction to both)."""
    return _detail(request, introduction_get(owner=owner_of(request), pk=intro_id))


_STEP = responses({200: IntroductionDetailOut}, unsafe=True, lookup=True, conflict=True)
_STEP_BODY = responses(
    {200: IntroductionDetailOut}, body=True, unsafe=True, lookup=True, conflict=True
)


@router.post("/introductions/{intro_id}/ask-a", response=_STEP)
def introduction_ask_a(request: HttpRequest, intro_id: ObjectId) -> object:
    """I asked A. From `suggested`; again changes nothing; otherwise 409."""
    intro = introduction_get(owner=owner_of(request), pk=intro_id)
    return _detail(request, intro_ask_a(introduction=intro))


@router.post("/introductions/{intro_id}/answer", response=_STEP_BODY)
def introduction_answer(request: HttpRequest, intro_id: ObjectId, payload: IntroAnswerIn) -> object:
    """A's answer (from `suggested` or `asking_a`) or B's (from `a_agreed` or `asking_b`).
    A no declines the introduction; the same answer again changes nothing."""
    intro = introduction_get(owner=owner_of(request), pk=intro_id)
    side, agreed = payload.side, payload.agreed
    if side is None:
        raise InvalidInput.for_field("side", _("This field is required."))
    if agreed is None:
        raise InvalidInput.for_field("agreed", _("This field is required."))
    changed = intro_record_answer(introduction=intro, side=side, agreed=agreed)
    return _detail(request, changed)


@router.post("/introductions/{intro_id}/ask-b", response=_STEP)
def introduction_ask_b(request: HttpRequest, intro_id: ObjectId) -> object:
    """I asked B, once A agreed (`a_agreed`); otherwise 409."""
    intro = introduction_get(owner=owner_of(request), pk=intro_id)
    return _detail(request, intro_ask_b(introduction=intro))


@router.post("/introductions/{intro_id}/make", response=_STEP)
def introduction_make(request: HttpRequest, intro_id: ObjectId) -> object:
    """Both agreed and I introduced them (`b_agreed`): connects them ("introduced"), logs
    the introduction given on both people, plans a check-in with A in a week."""
    intro = introduction_get(owner=owner_of(request), pk=intro_id)
    return _detail(request, intro_make(introduction=intro))


@router.post("/introductions/{intro_id}/cancel", response=_STEP_BODY)
def introduction_cancel(
    request: HttpRequest, intro_id: ObjectId, payload: IntroCancelIn | None = None
) -> object:
    """Stop an introduction in progress; 409 once made, declined or dismissed."""
    intro = introduction_get(owner=owner_of(request), pk=intro_id)
    note = payload.note if payload is not None else None
    return _detail(request, intro_cancel(introduction=intro, note=note))
