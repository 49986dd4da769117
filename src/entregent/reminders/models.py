"""Reminders that reach the user: a private calendar feed and a daily digest e-mail.

Kept apart from follow-ups so that the rules (what is due) and the delivery (how it
reaches you) change independently, and each app owns its own migrations.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.reminders.choices import DeliveryStatus


class CalendarFeed(models.Model):
    """A user's private iCalendar address. Only a SHA-256 digest of its secret is stored.

    Revoking deletes the row, so a revoked or unknown secret looks the same: not found.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("owner"),
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=16)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_fetched = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.prefix}…"


class DigestSubscription(models.Model):
    """Whether a user wants the daily digest e-mail (sent to the account's e-mail address)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_subscription",
        verbose_name=_("owner"),
    )
    enabled = models.BooleanField(_("send me the daily digest"), default=False)
    since = models.DateTimeField(_("subscribed since"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        indexes = [models.Index(fields=["enabled"], name="digestsub_enabled")]

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.enabled}"


class DigestDelivery(models.Model):
    """One user's digest for one local date. The unique constraint is what makes two
    concurrent runs unable to send the same digest: both may try to create the row, one
    wins, and only a run that moves it from pending/failed to sending may send it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_deliveries",
        verbose_name=_("owner"),
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipient = models.EmailField(_("recipient"), blank=True)
    items = models.PositiveIntegerField(_("items"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-date", "owner_id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "date"], name="digestdelivery_one_per_day")
        ]
        indexes = [models.Index(fields=["status", "date"], name="digestdelivery_status_date")]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.date.isoformat()} {self.status}"


class Heartbeat(models.Model):
    """When a periodic command last ran, so the web app can say when it has stopped."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    last_run_at = models.DateTimeField(_("last run at"))
    summary = models.CharField(_("summary"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.last_run_at.isoformat()}"
