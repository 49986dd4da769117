"""API routes of the dedupe app."""

from ninja import Router

router = Router()
