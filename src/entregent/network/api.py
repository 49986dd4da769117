"""API routes of the network app."""

from ninja import Router

router = Router()
