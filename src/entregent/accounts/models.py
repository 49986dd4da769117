"""Accounts: the user, their preferences, and their API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.accounts.choices import Language


class User(AbstractUser):
    """A person using Entregent; every other row belongs to one user."""

    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    phone_region = models.CharField(
        _("default phone region"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code used for phone numbers written without +."),
    )
    # Keep-in-touch intervals per circle, the delay of the follow-up after a meaningful
    # encounter, and how early a milestone shows up on Today.
    cadence_inner_days = models.PositiveIntegerField(
        _("inner circle: keep in touch every (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    cadence_active_days = models.PositiveIntegerField(
        _("active circle: keep in touch every (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    cadence_weak_days = models.PositiveIntegerField(
        _("weak ties: keep in touch every (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    cadence_dormant_days = models.PositiveIntegerField(
        _("dormant: keep in touch every (days)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    followup_delay_days = models.PositiveIntegerField(
        _("follow up after a meaningful encounter within (days)"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(365)],
    )
    congratulate_days_ahead = models.PositiveIntegerField(
        _("show milestones ahead (days)"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def default_phone_region(self) -> str:
        return (self.phone_region or settings.ENTREGENT_PHONE_REGION).upper()

    def cadence_for(self, circle: str) -> int:
        """The keep-in-touch interval in days of a circle (the active one for an unknown value)."""
        return int(getattr(self, f"cadence_{circle}_days", self.cadence_active_days))


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the secret is shown once."""

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked is None
