"""API routes for synergies (ways to help, who can help, a person's) and "share this"."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, owner_of, responses
from entregent.matching.share import share_followups_create, share_suggest
from entregent.matching.synergies import person_synergies, ways_to_help, who_can_help
from entregent.matching.synergy_output import (
    person_synergies_data,
    share_data,
    share_followups_data,
    synergies_data,
)
from entregent.matching.synergy_schemas import (
    PersonSynergiesOut,
    ShareFollowUpsIn,
    ShareFollowUpsOut,
    ShareIn,
    ShareOut,
    SynergiesOut,
    SynergiesQuery,
    WhoCanHelpQuery,
)

router = Router()


@router.get("/synergies/ways-to-help", response=responses({200: SynergiesOut}))
def ways_to_help_get(request: HttpRequest, query: Query[SynergiesQuery]) -> object:
    """People across your network whose needs your offers can meet (giving first), best
    first, each with a sentence, a score and the words or concepts that matched. Your
    offers are the facts about you (kind `offer`, no person)."""
    return synergies_data(ways_to_help(owner=owner_of(request), limit=query.limit))


@router.get("/synergies/who-can-help", response=responses({200: SynergiesOut}))
def who_can_help_get(request: HttpRequest, query: Query[WhoCanHelpQuery]) -> object:
    """People whose offers meet `need` (in your own words, English or French), or your
    recorded needs when `need` is absent; best first, with what matched."""
    found = who_can_help(owner=owner_of(request), need=query.need, limit=query.limit)
    return synergies_data(found, need=query.need)


@router.get(
    "/people/{person_id}/synergies",
    response=responses({200: PersonSynergiesOut}, lookup=True),
)
def person_synergies_get(request: HttpRequest, person_id: ObjectId) -> object:
    """A person's needs your offers meet, and their offers that meet your needs."""
    return person_synergies_data(person_synergies(owner=owner_of(request), person=person_id))


@router.post("/share", response=responses({200: ShareOut}, body=True, unsafe=True))
def share_post(request: HttpRequest, payload: ShareIn) -> object:
    """Who would care about an article: people whose interests, projects or needs its
    address, title and text speak to, with those facts as evidence. Changes nothing
    (200); plan the follow-ups with `POST /share/followups`."""
    result = share_suggest(
        owner=owner_of(request),
        url=payload.url,
        title=payload.title,
        text=payload.text,
        limit=payload.limit,
    )
    return share_data(result)


@router.post(
    "/share/followups",
    response=responses({201: ShareFollowUpsOut}, body=True, unsafe=True, lookup=True),
)
def share_followups_post(request: HttpRequest, payload: ShareFollowUpsIn) -> object:
    """Plan a share follow-up (kind `share`, topic the title and address) for each person;
    one already open for the same person and topic is kept, not doubled. 404 when a
    person is not yours (nothing is created then)."""
    done = share_followups_create(
        owner=owner_of(request),
        people=payload.people,
        url=payload.url,
        title=payload.title,
        text=payload.text,
        due_on=payload.due_on,
    )
    return Status(201, share_followups_data(done))
