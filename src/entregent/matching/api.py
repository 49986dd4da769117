"""API routes of the matching app."""

from ninja import Router

router = Router()
