"""Choices of the pipeline app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    """What kind of opportunity: each kind has its own board."""

    DREAM_CLIENT = "dream_client", _("Dream client")
    COLLABORATION = "collaboration", _("Collaboration")
    SKILL_SWAP = "skill_swap", _("Skill swap")
    REFERRAL_REQUEST = "referral", _("Referral request")
    JOB = "job", _("Job")


class Stage(models.TextChoices):
    """Where an opportunity stands, in board order."""

    IDEA = "idea", _("Idea")
    REACHED_OUT = "reached_out", _("Reached out")
    REPLIED = "replied", _("Replied")
    CALL_BOOKED = "call_booked", _("Call booked")
    ACTIVE = "active", _("Active")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    NO_REPLY = "no_reply", _("No reply")


# Stages past "idea": an opportunity that reached any of them was pitched (reached out).
PITCHED_STAGES = tuple(s for s in Stage.values if s != Stage.IDEA)
# Stages that show a conversation took place (the funnel's "calls booked" and beyond).
CALL_STAGES = (Stage.CALL_BOOKED.value, Stage.ACTIVE.value, Stage.WON.value)
CLOSED_STAGES = (Stage.WON.value, Stage.LOST.value, Stage.NO_REPLY.value)


class ReferralOutcome(models.TextChoices):
    """What came of a referral request."""

    PENDING = "", _("Waiting")
    INTRODUCED = "introduced", _("Introduced")
    THINKING = "thinking", _("“Let me think”")
    NO_REPLY = "no_reply", _("No reply")
