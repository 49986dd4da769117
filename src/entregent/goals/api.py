"""API routes of the goals app."""

from ninja import Router

router = Router()
