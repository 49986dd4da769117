"""API routes of backup and restore: `GET /backup` (streamed JSON) and `POST /restore`."""

from __future__ import annotations

from django.http import HttpRequest, StreamingHttpResponse
from ninja import File, Router, Schema, Status, UploadedFile

from entregent.accounts.models import User
from entregent.core.api import owner_of, responses
from entregent.exchange.backup import FORMAT, VERSION, backup_filename, backup_iter, restore

router = Router(tags=["backup"])


class BackupOut(Schema):
    """The archive (abridged here): every model's rows under `models`, in dependency order."""

    format: str = FORMAT
    version: int = VERSION
    created: str
    account: dict[str, object]
    counts: dict[str, int]
    models: dict[str, list[dict[str, object]]]


class RestoreOut(Schema):
    restored: dict[str, int]
    total: int


def backup_response(owner: User) -> StreamingHttpResponse:
    """The account's archive, streamed as it is written (web and API share it)."""
    response = StreamingHttpResponse(
        backup_iter(owner=owner), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{backup_filename(owner=owner)}"'
    response["Cache-Control"] = "no-store"
    return response


@router.get("/backup", response=responses({200: BackupOut}, params=False))
def backup_get(request: HttpRequest) -> object:
    """A complete, versioned JSON archive of the account, streamed (API tokens, the
    calendar address and the search index are left out; restore rebuilds the index)."""
    return backup_response(owner_of(request))


@router.post(
    "/restore",
    response=responses({201: RestoreOut}, body=True, unsafe=True, conflict=True, params=False),
)
def restore_post(request: HttpRequest, file: File[UploadedFile]) -> object:
    """Load an archive (multipart field `file`) into this account, which must hold no data
    yet (409 otherwise). All or nothing: a problem answers 422 naming the model, the row and
    the field, and nothing is written."""
    result = restore(owner=owner_of(request), stream=file)
    return Status(201, {"restored": result.counts, "total": result.total})
