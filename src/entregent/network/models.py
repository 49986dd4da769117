"""Models of the network app."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.people.choices import Circle


class TieStrength(OwnedModel):
    """A person's last computed tie strength (0..1), with each component's contribution.

    Derived data: recomputed from encounters, favours and connections (see
    `network.services.tie_recompute`), stored so lists, paths and the map read one row.
    """

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="tie_strength",
        verbose_name=_("person"),
    )
    score = models.FloatField(
        _("tie strength"), validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    circle = models.CharField(
        _("computed circle"), max_length=10, choices=Circle.choices, default=Circle.DORMANT
    )
    components = models.JSONField(_("components"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("tie strength")
        verbose_name_plural = _("tie strengths")
        ordering = ["-score", "id"]
        indexes = [
            models.Index(fields=["owner", "-score"], name="tie_owner_score"),
            models.Index(fields=["owner", "computed_at"], name="tie_owner_computed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0.0) & models.Q(score__lte=1.0),
                name="tie_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.score:.2f}"
