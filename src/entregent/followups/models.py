"""Follow-ups: what to do next with a person (behaviour comes with the networking loop)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line, single_line
from entregent.followups.choices import FollowUpKind, FollowUpStatus


class FollowUp(OwnedModel):
    """Something to do for a person by a date: follow up, check in, congratulate, share."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="followups",
        verbose_name=_("person"),
    )
    due_on = models.DateField(_("due on"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=FollowUpKind.choices, default=FollowUpKind.FOLLOW_UP
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True, validators=[single_line])
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    source_encounter = models.ForeignKey(
        "encounters.Encounter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("source encounter"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    snoozed_at = models.DateTimeField(_("last snoozed at"), null=True, blank=True)
    snooze_count = models.PositiveIntegerField(_("times snoozed"), default=0)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    # The user's own version of the drafted message; empty means "use the generated one".
    # Database defaults too, so rows written in bulk by raw SQL (the demo) need not name them.
    draft_subject = models.CharField(
        _("draft subject"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        validators=[single_line],
    )
    draft_body = models.TextField(
        _("draft message"),
        blank=True,
        max_length=5000,
        default="",
        db_default="",
        validators=[multi_line],
    )
    draft_edited_at = models.DateTimeField(_("draft edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="followup_owner_status_due")
        ]

    def __str__(self) -> str:
        return self.topic or self.get_kind_display()
