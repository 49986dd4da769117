"""API route of quick capture: `POST /capture`."""

from django.http import HttpRequest
from ninja import Router, Status

from entregent.capture.schemas import CaptureIn, CaptureOut
from entregent.capture.services import CapturePreview, capture_preview, capture_save
from entregent.core.api import owner_of, responses

router = Router()


@router.post(
    "/capture",
    response=responses({200: CaptureOut, 201: CaptureOut}, body=True, unsafe=True, lookup=True),
)
def capture(request: HttpRequest, payload: CaptureIn) -> object:
    """Read free text about an encounter; save it unless `dry_run`.

    200: the preview of a dry run (nothing saved). 201: saved; `saved` lists what was
    written. 422: no person found, an ambiguous person not chosen, or a field at fault.
    404: a corrected preview names another account's person.
    """
    owner = owner_of(request)
    if payload.preview is not None:
        preview = CapturePreview.from_dict(payload.preview.model_dump())
    else:
        preview = capture_preview(owner=owner, text=payload.text, now=payload.now)
    if payload.dry_run:
        return Status(200, {"preview": preview.to_dict(), "saved": None})
    result = capture_save(owner=owner, preview=preview, now=payload.now)
    return Status(201, {"preview": preview.to_dict(), "saved": result.to_dict()})
