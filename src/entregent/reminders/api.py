"""API routes of reminders: the private calendar address."""

from django.http import HttpRequest
from ninja import Router, Status

from entregent.core.api import owner_of, responses
from entregent.reminders.schemas import CalendarCreatedOut, CalendarOut
from entregent.reminders.selectors import calendar_feed_get
from entregent.reminders.services import calendar_feed_issue, calendar_feed_revoke

router = Router()


def _shown(feed: object) -> dict[str, object]:
    if feed is None:
        return {"active": False}
    return {
        "active": True,
        **{f: getattr(feed, f) for f in ("prefix", "created", "last_fetched")},
    }


@router.get("/calendar", response=responses({200: CalendarOut}, params=False))
def calendar_get(request: HttpRequest) -> object:
    """Whether the account has a calendar address; the address itself is shown only when made."""
    return _shown(calendar_feed_get(owner=owner_of(request)))


@router.post("/calendar", response=responses({201: CalendarCreatedOut}, unsafe=True, params=False))
def calendar_create(request: HttpRequest) -> object:
    """Make a new calendar address (an existing one stops working). Store the URL now."""
    issued = calendar_feed_issue(owner=owner_of(request))
    return Status(201, {**_shown(issued.feed), "url": issued.url})


@router.delete("/calendar", response=responses({204: None}, unsafe=True, params=False))
def calendar_delete(request: HttpRequest) -> object:
    """Revoke the calendar address: it answers 404 from now on."""
    calendar_feed_revoke(owner=owner_of(request))
    return Status(204, None)
