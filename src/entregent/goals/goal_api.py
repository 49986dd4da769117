"""API routes of goals and challenges: thin adapters over the goals services and selectors."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, owner_of, paginate, responses
from entregent.goals.goal_schemas import (
    ChallengeIn,
    GoalIn,
    GoalOut,
    GoalPage,
    GoalPatch,
    GoalQuery,
    ProgressOut,
    ReviewOut,
)
from entregent.goals.progress_json import progress_json
from entregent.goals.review import challenge_review, review_json
from entregent.goals.selectors import challenge_get, goal_get, goal_list, goal_progress
from entregent.goals.services import challenge_start, goal_create, goal_delete, goal_update

router = Router(tags=["goals"])


@router.get("/goals", response=responses({200: GoalPage}))
def goals_list(request: HttpRequest, query: Query[GoalQuery]) -> object:
    """Goals and challenges, newest first; `archived=true` lists the archived ones."""
    return paginate(goal_list(owner=owner_of(request), archived=query.archived), query)


@router.post("/goals", response=responses({201: GoalOut}, body=True, unsafe=True))
def goals_create(request: HttpRequest, payload: GoalIn) -> object:
    """Set a goal: a target per day, week or month of one action counted from what is
    recorded; or a challenge (`period: "challenge"`, `start_on`, `length_days`)."""
    return Status(201, goal_create(owner=owner_of(request), **payload.model_dump()))


@router.get("/goals/{goal_id}", response=responses({200: GoalOut}, lookup=True))
def goals_get(request: HttpRequest, goal_id: ObjectId) -> object:
    """One goal."""
    return goal_get(owner=owner_of(request), pk=goal_id)


@router.patch(
    "/goals/{goal_id}", response=responses({200: GoalOut}, body=True, unsafe=True, lookup=True)
)
def goals_update(request: HttpRequest, goal_id: ObjectId, payload: GoalPatch) -> object:
    """Change a goal's fields; `archived: true` archives it."""
    goal = goal_get(owner=owner_of(request), pk=goal_id)
    return goal_update(goal=goal, **payload.model_dump(exclude_unset=True))


@router.delete("/goals/{goal_id}", response=responses({204: None}, unsafe=True, lookup=True))
def goals_delete(request: HttpRequest, goal_id: ObjectId) -> object:
    """Delete a goal; nothing it counted is touched."""
    goal_delete(goal=goal_get(owner=owner_of(request), pk=goal_id))
    return Status(204, None)


@router.get("/goals/{goal_id}/progress", response=responses({200: ProgressOut}, lookup=True))
def goals_progress(request: HttpRequest, goal_id: ObjectId) -> object:
    """Where a goal stands today: today's count, what is left, the streak, the days met,
    a challenge's days so far, and the pace guard's kind word when the pace looks hard
    to keep."""
    return progress_json(goal_progress(goal=goal_get(owner=owner_of(request), pk=goal_id)))


@router.post("/challenges", response=responses({201: GoalOut}, body=True, unsafe=True))
def challenges_start(request: HttpRequest, payload: ChallengeIn) -> object:
    """Start a challenge, today by default (e.g. one new meaningful connection a day for
    30 days)."""
    return Status(201, challenge_start(owner=owner_of(request), **payload.model_dump()))


@router.get("/challenges/{goal_id}/review", response=responses({200: ReviewOut}, lookup=True))
def challenges_review(request: HttpRequest, goal_id: ObjectId) -> object:
    """The challenge's review, any time and at its end: what was done, who was met, which
    relationships lasted (30/90 days later), which sources worked."""
    return review_json(challenge_review(goal=challenge_get(owner=owner_of(request), pk=goal_id)))
