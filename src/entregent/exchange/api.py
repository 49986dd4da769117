"""API routes of the exchange app."""

from ninja import Router

router = Router()

# Imports and export (kept in their own module).
from entregent.exchange.import_api import router as import_router  # noqa: E402

router.add_router("", import_router)

# Backup and restore (the "backup" helper's routes, kept in their own module).
from entregent.exchange.backup_api import router as backup_router  # noqa: E402

router.add_router("", backup_router)
