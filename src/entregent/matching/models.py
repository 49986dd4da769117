"""Models of the matching app: introductions between two people of the network."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line, single_line
from entregent.matching.choices import OPEN_STATUSES, IntroductionSide, IntroductionStatus


class Introduction(OwnedModel):
    """An introduction of A to B with a double opt-in: ask A, ask B, then introduce them.

    A is the person with the need (asked first), B the one whose offer meets it. `need`
    and `offer` keep the facts' words that made the suggestion, for the drafts; each step
    stamps its own time. A dismissed suggestion is kept (status `dismissed`) so that it is
    not suggested again.
    """

    person_a = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="introductions_as_a",
        verbose_name=_("first person"),
    )
    person_b = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="introductions_as_b",
        verbose_name=_("second person"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.SUGGESTED,
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True, validators=[single_line])
    need = models.CharField(_("need"), max_length=300, blank=True, validators=[single_line])
    offer = models.CharField(_("offer"), max_length=300, blank=True, validators=[single_line])
    score = models.FloatField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[multi_line])
    asked_a_at = models.DateTimeField(_("first person asked at"), null=True, blank=True)
    a_answered_at = models.DateTimeField(_("first person answered at"), null=True, blank=True)
    asked_b_at = models.DateTimeField(_("second person asked at"), null=True, blank=True)
    b_answered_at = models.DateTimeField(_("second person answered at"), null=True, blank=True)
    made_at = models.DateTimeField(_("introduced at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    declined_by = models.CharField(
        _("declined by"), max_length=1, blank=True, choices=IntroductionSide.choices
    )

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-updated", "-id"]
        indexes = [
            models.Index(fields=["owner", "status"], name="intro_owner_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person_a=models.F("person_b")), name="intro_not_self"
            ),
            models.UniqueConstraint(
                "owner",
                Least("person_a", "person_b"),
                Greatest("person_a", "person_b"),
                condition=models.Q(status__in=OPEN_STATUSES),
                name="intro_one_open_per_pair",
                violation_error_message=_(
                    "An introduction between these two people is already in progress."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=IntroductionStatus.values),
                name="intro_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} → {self.person_b_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
