"""Services of reminders: the calendar feed's secret, the digest opt-in, and sending digests."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.validators import query_text
from entregent.reminders.agenda import agenda_items
from entregent.reminders.choices import DeliveryStatus
from entregent.reminders.digest import digest_message
from entregent.reminders.models import CalendarFeed, DigestDelivery, DigestSubscription, Heartbeat
from entregent.reminders.selectors import (
    DIGEST_HEARTBEAT,
    FEED_PREFIX,
    calendar_feed_url,
    secret_digest,
)

logger = logging.getLogger(__name__)

# A failed digest is tried again after 5, 10, 20… minutes, never less often than every 2 hours.
RETRY_FIRST = dt.timedelta(minutes=5)
RETRY_MAX = dt.timedelta(hours=2)


# The calendar feed ---------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedFeed:
    """A freshly made feed address: the secret exists only here and is never stored."""

    feed: CalendarFeed
    secret: str

    @property
    def url(self) -> str:
        return calendar_feed_url(self.secret)


@transaction.atomic
def calendar_feed_issue(*, owner: User) -> IssuedFeed:
    """Make the owner's private calendar address; an existing one stops working at once."""
    secret = FEED_PREFIX + secrets.token_urlsafe(32)
    feed, _created = CalendarFeed.objects.update_or_create(
        owner=owner,
        defaults={
            "digest": secret_digest(secret),
            "prefix": secret[: len(FEED_PREFIX) + 6],
            "created": timezone.now(),
            "last_fetched": None,
        },
    )
    return IssuedFeed(feed=feed, secret=secret)


def calendar_feed_revoke(*, owner: User) -> bool:
    """Stop the owner's calendar address; True when there was one."""
    deleted, _rows = CalendarFeed.objects.filter(owner=owner).delete()
    return deleted > 0


# The digest opt-in ---------------------------------------------------------------------


@transaction.atomic
def digest_subscribe(*, owner: User, email: str, enabled: bool) -> DigestSubscription:
    """Save the account's e-mail address and whether it wants the daily digest."""
    email = (email or "").strip()
    if email:
        if query_text(email) != email or len(email) > 254:
            raise InvalidInput.for_field("email", _("Enter a valid e-mail address."))
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput.for_field("email", _("Enter a valid e-mail address.")) from None
    if enabled and not email:
        raise InvalidInput.for_field(
            "email", _("Give an e-mail address to receive the daily digest.")
        )
    if owner.email != email:
        owner.email = email
        owner.save(update_fields=["email"])
    subscription, _created = DigestSubscription.objects.select_for_update().get_or_create(
        owner=owner
    )
    if enabled and not subscription.enabled:
        subscription.since = timezone.now()
    subscription.enabled = enabled
    subscription.save()
    return subscription


# Sending digests -----------------------------------------------------------------------


@dataclass
class DigestRunReport:
    """What one `entregent digest` run did."""

    due_date: dt.date
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    superseded: int = 0
    waiting: int = 0


def digest_due_date(now: dt.datetime) -> dt.date:
    """The newest digest that is due at `now`: today's from ENTREGENT_DIGEST_HOUR (local
    time), yesterday's before it."""
    local = timezone.localtime(now)
    today = local.date()
    return today if local.hour >= settings.ENTREGENT_DIGEST_HOUR else today - dt.timedelta(days=1)


def retry_delay(attempts: int) -> dt.timedelta:
    """Backoff after the n-th failed attempt (n >= 1)."""
    return min(RETRY_FIRST * 2 ** max(0, attempts - 1), RETRY_MAX)


def _delivery_row(owner: User, date: dt.date) -> DigestDelivery:
    try:
        with transaction.atomic():
            row, _created = DigestDelivery.objects.get_or_create(owner=owner, date=date)
    except IntegrityError:
        # Another run created it between our read and our insert: use theirs.
        row = DigestDelivery.objects.get(owner=owner, date=date)
    return row


def digest_claim(*, delivery: DigestDelivery, now: dt.datetime) -> bool:
    """Move a digest to `sending` if it may be sent now; only one run can ever win.

    One conditional UPDATE: the database lets exactly one concurrent run change the row
    from pending (or failed, once its backoff is over) to sending.
    """
    claimed = (
        DigestDelivery.objects.filter(pk=delivery.pk)
        .filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
        )
        .update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if claimed:
        delivery.refresh_from_db()
    return claimed == 1


def _finish(delivery: DigestDelivery, **changes: object) -> None:
    DigestDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(**changes)


def _deliver(delivery: DigestDelivery, owner: User, now: dt.datetime, report: DigestRunReport):
    today = timezone.localtime(now).date()
    try:
        # Labels the agenda builds (a milestone's kind) must be in the owner's language.
        with translation.override(owner.language or settings.LANGUAGE_CODE):
            items = agenda_items(owner=owner, today=today)
        if not items:
            _finish(delivery, status=DeliveryStatus.SKIPPED, last_error="")
            report.skipped.append(owner.username)
            return
        message = digest_message(owner=owner, items=items, today=today, to=owner.email)
        message.send(fail_silently=False)
    except Exception as exc:
        # SMTP refusals and dropped connections are expected; anything else is a bug, but
        # it must not leave the digest stuck in `sending`: it fails and is tried again.
        error = f"{type(exc).__name__}: {exc}"[:500]
        if isinstance(exc, smtplib.SMTPException | OSError):
            logger.warning("Digest for %s not sent: %s", owner.username, error)
        else:
            logger.exception("Digest for %s not sent", owner.username)
        _finish(
            delivery,
            status=DeliveryStatus.FAILED,
            last_error=error,
            next_attempt_at=now + retry_delay(delivery.attempts),
        )
        report.failed.append(owner.username)
        return
    _finish(
        delivery,
        status=DeliveryStatus.SENT,
        sent_at=timezone.now(),
        last_error="",
        next_attempt_at=None,
        recipient=owner.email,
        items=len(items),
    )
    report.sent.append(owner.username)


def digest_run(*, now: dt.datetime | None = None) -> DigestRunReport:
    """Send every digest that is due and not sent yet; safe to run every few minutes.

    - A digest is one user's Today for one local date, due from ENTREGENT_DIGEST_HOUR.
    - Missed runs are caught up: the newest due digest is sent on the next run. An older
      one that never went out is superseded by it (the new one lists every overdue item),
      so nobody receives two digests at once after downtime.
    - A failed send is retried on later runs with a growing delay, until the next day's
      digest supersedes it.
    - Never twice: a digest is sent only by the run that moved it to `sending`. A run
      killed while sending leaves it there and it is not retried (at most once).
    """
    now = now or timezone.now()
    due = digest_due_date(now)
    report = DigestRunReport(due_date=due)
    subscriptions = (
        DigestSubscription.objects.filter(enabled=True, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner")
        .order_by("owner_id")
    )
    for subscription in subscriptions:
        owner = subscription.owner
        since = subscription.since or now
        if due < timezone.localtime(since).date():
            # Opted in after that day's digest was due: the first one is the next day's.
            continue
        report.superseded += DigestDelivery.objects.filter(
            owner=owner,
            date__lt=due,
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
        ).update(status=DeliveryStatus.SUPERSEDED, next_attempt_at=None)
        delivery = _delivery_row(owner, due)
        if not digest_claim(delivery=delivery, now=now):
            if delivery.status == DeliveryStatus.FAILED:
                report.waiting += 1
            continue
        _deliver(delivery, owner, now, report)
    summary = _("%(sent)d sent, %(failed)d failed") % {
        "sent": len(report.sent),
        "failed": len(report.failed),
    }
    Heartbeat.objects.update_or_create(
        name=DIGEST_HEARTBEAT, defaults={"last_run_at": now, "summary": summary[:200]}
    )
    return report
