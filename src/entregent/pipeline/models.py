"""Models of the pipeline app: opportunities on a board, and the history of their stages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line, single_line
from entregent.pipeline.choices import OpportunityKind, ReferralOutcome, Stage


class Opportunity(OwnedModel):
    """A dream client, a collaboration, a skill swap, a referral request or a job, on a board.

    The stage moves through `opportunity_move`, which records a `StageChange`, so the funnel
    and "pitches sent" are counted from history rather than from the current stage. A
    referral request names the person asked (`asked_person`), what for (`asked_for`) and the
    outcome; `referral_followup` is the one gentle follow-up planned a week after asking.
    """

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=OpportunityKind.choices,
        default=OpportunityKind.DREAM_CLIENT,
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("organization"),
    )
    people = models.ManyToManyField(
        "people.Person", blank=True, related_name="opportunities", verbose_name=_("people")
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.IDEA)
    position = models.PositiveIntegerField(_("position"), default=0)
    next_step = models.CharField(
        _("next step"), max_length=300, blank=True, default="", validators=[single_line]
    )
    next_step_on = models.DateField(_("next step date"), null=True, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, default="", max_length=5000, validators=[multi_line]
    )
    asked_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_requests",
        verbose_name=_("asked"),
    )
    asked_for = models.CharField(
        _("asked for"), max_length=300, blank=True, default="", validators=[single_line]
    )
    asked_on = models.DateField(_("asked on"), null=True, blank=True)
    referral_outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=ReferralOutcome.choices,
        blank=True,
        default=ReferralOutcome.PENDING,
    )
    referral_followup = models.ForeignKey(
        "followups.FollowUp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referral follow-up"),
    )

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["kind", "stage", "position", "id"]
        indexes = [
            models.Index(fields=["owner", "kind", "stage", "position"], name="opp_owner_board"),
            models.Index(fields=["owner", "next_step_on"], name="opp_owner_next_step"),
        ]

    def __str__(self) -> str:
        return self.title


class StageChange(OwnedModel):
    """One move of an opportunity from a stage to another (from is empty at creation)."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("opportunity"),
    )
    # Copied from the opportunity so the funnel groups by kind without a join.
    kind = models.CharField(_("kind"), max_length=16, choices=OpportunityKind.choices)
    from_stage = models.CharField(
        _("from"), max_length=16, choices=Stage.choices, blank=True, default=""
    )
    to_stage = models.CharField(_("to"), max_length=16, choices=Stage.choices)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["owner", "to_stage", "at"], name="stagechange_owner_to_at"),
            models.Index(fields=["owner", "kind", "to_stage"], name="stagechange_owner_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage or '-'} → {self.to_stage}"
