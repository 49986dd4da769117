"""API routes of the goals app."""

from ninja import Router

from entregent.goals.goal_api import router as goal_router

router = Router()
router.add_router("", goal_router)
