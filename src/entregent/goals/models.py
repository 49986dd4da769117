"""Models of the goals app: the giving ledger (goals, challenges and insights build on it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line
from entregent.goals.choices import FavourDirection, FavourKind, FavourSource


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
