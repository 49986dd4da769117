"""Models of the goals app: the giving ledger, and action goals and challenges."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line, single_line
from entregent.goals.choices import (
    ChallengeTarget,
    FavourDirection,
    FavourKind,
    FavourSource,
    GoalMetric,
    GoalPeriod,
)


class Favour(OwnedModel):
    """A favour given to or received from a person: the giving ledger's one entry.

    Logged by hand or by the workflow where it happened (an introduction made, an article
    shared, a follow-up); `source` and `source_id` name that origin, so logging it again
    from the same place changes nothing.
    """

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="favours",
        verbose_name=_("person"),
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=FavourDirection.choices,
        default=FavourDirection.GIVEN,
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=FavourKind.choices, default=FavourKind.HELP
    )
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[multi_line])
    source = models.CharField(
        _("logged from"), max_length=16, choices=FavourSource.choices, default=FavourSource.MANUAL
    )
    source_id = models.PositiveBigIntegerField(_("origin"), null=True, blank=True)

    class Meta:
        verbose_name = _("favour")
        verbose_name_plural = _("favours")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["owner", "person", "direction"], name="favour_owner_person"),
            models.Index(fields=["owner", "-occurred_on"], name="favour_owner_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person", "direction", "source", "source_id"],
                condition=models.Q(source_id__isnull=False),
                name="favour_unique_origin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%Y-%m-%d}"


MAX_TARGET = 10_000
MAX_CHALLENGE_DAYS = 366


class Goal(OwnedModel):
    """An action goal: how many of one action (a metric counted from what is recorded) to
    do per day, week or month; or a challenge, from a start date for a number of days,
    with a target met every day or reached in total by its end."""

    title = models.CharField(_("title"), max_length=200, blank=True, validators=[single_line])
    metric = models.CharField(_("what to count"), max_length=20, choices=GoalMetric.choices)
    target = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1), MaxValueValidator(MAX_TARGET)]
    )
    period = models.CharField(
        _("period"), max_length=10, choices=GoalPeriod.choices, default=GoalPeriod.DAY
    )
    challenge_target = models.CharField(
        _("challenge target"),
        max_length=10,
        choices=ChallengeTarget.choices,
        default=ChallengeTarget.PER_DAY,
    )
    start_on = models.DateField(_("start date"), null=True, blank=True)
    length_days = models.PositiveIntegerField(
        _("length (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CHALLENGE_DAYS)],
    )
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["archived", "-created", "-id"]
        indexes = [models.Index(fields=["owner", "archived"], name="goal_owner_archived")]
        constraints = [
            models.CheckConstraint(condition=models.Q(target__gte=1), name="goal_target_positive"),
            models.CheckConstraint(
                condition=~models.Q(period="challenge")
                | models.Q(start_on__isnull=False, length_days__gte=1),
                name="goal_challenge_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_metric_display()

    @property
    def is_challenge(self) -> bool:
        return self.period == GoalPeriod.CHALLENGE

    @property
    def end_on(self) -> dt.date | None:
        """The challenge's last day (included)."""
        if not self.is_challenge or self.start_on is None or self.length_days is None:
            return None
        return self.start_on + dt.timedelta(days=self.length_days - 1)

    def clean(self) -> None:
        if self.is_challenge:
            errors = {}
            if self.start_on is None:
                errors["start_on"] = _("A challenge needs a start date.")
            if self.length_days is None:
                errors["length_days"] = _("A challenge needs a length in days.")
            if errors:
                raise ValidationError(errors)
