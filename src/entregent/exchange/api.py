"""API routes of the exchange app."""

from ninja import Router

router = Router()
