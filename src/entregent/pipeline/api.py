"""API routes of the pipeline app."""

from ninja import Router

router = Router()
