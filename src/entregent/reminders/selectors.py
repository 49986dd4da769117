"""Reads of reminders: the calendar feed behind a secret, subscriptions, delivery history."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from entregent.accounts.models import User
from entregent.reminders.models import CalendarFeed, DigestDelivery, DigestSubscription, Heartbeat

FEED_PREFIX = "cal_"
DIGEST_HEARTBEAT = "digest"
STALE_AFTER = dt.timedelta(days=1)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def calendar_feed_get(*, owner: User) -> CalendarFeed | None:
    """The owner's active calendar feed, or None when there is none (or it was revoked)."""
    return CalendarFeed.objects.filter(owner=owner).first()


def calendar_feed_owner(secret: str) -> User | None:
    """The owner of the feed with this secret, or None for an unknown or revoked one.

    Records when the feed was last fetched (at most once a minute, to spare writes).
    """
    if not isinstance(secret, str) or not secret.startswith(FEED_PREFIX) or len(secret) > 100:
        return None
    if not secret.isascii():
        return None
    feed = (
        CalendarFeed.objects.select_related("owner")
        .filter(digest=secret_digest(secret), owner__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_fetched is None or now - feed.last_fetched > dt.timedelta(minutes=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched=now)
    return feed.owner


def calendar_feed_url(secret: str) -> str:
    """The absolute address calendar apps subscribe to."""
    from django.urls import reverse

    return settings.ENTREGENT_BASE_URL + reverse("reminders:calendar_feed", args=[secret])


def digest_subscription_get(*, owner: User) -> DigestSubscription | None:
    return DigestSubscription.objects.filter(owner=owner).first()


def digest_delivery_list(*, owner: User) -> QuerySet[DigestDelivery]:
    """The owner's digests, newest first."""
    return DigestDelivery.objects.filter(owner=owner).order_by("-date")


def digest_configured() -> bool:
    """Whether an SMTP server is set, so digests can be sent at all."""
    return bool(settings.ENTREGENT_SMTP_HOST)


def digest_last_run() -> dt.datetime | None:
    heartbeat = Heartbeat.objects.filter(name=DIGEST_HEARTBEAT).first()
    return heartbeat.last_run_at if heartbeat else None


def digest_is_stale(*, now: dt.datetime | None = None) -> bool:
    """True when digests are configured and wanted but `entregent digest` has not run for a day.

    Before its first run, the day counts from the earliest opt-in, so a new server without
    a cron line is noticed the next day.
    """
    if not digest_configured():
        return False
    subscriptions = DigestSubscription.objects.filter(enabled=True, owner__is_active=True).exclude(
        owner__email=""
    )
    first = subscriptions.order_by("since").values_list("since", flat=True).first()
    if first is None and not subscriptions.exists():
        return False
    now = now or timezone.now()
    reference = digest_last_run() or first or now
    return now - reference > STALE_AFTER
