"""Choices of the matching app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IntroductionStatus(models.TextChoices):
    """Where an introduction stands in the double opt-in: ask A, then B, then introduce.

    `suggested` is an accepted suggestion nobody has been asked about yet; `dismissed` a
    suggestion the user does not want to see again. The last four are closed.
    """

    SUGGESTED = "suggested", _("To ask")
    ASKING_A = "asking_a", _("Asked the first person")
    A_AGREED = "a_agreed", _("First person agreed")
    ASKING_B = "asking_b", _("Asked the second person")
    B_AGREED = "b_agreed", _("Both agreed")
    MADE = "made", _("Introduction made")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    DISMISSED = "dismissed", _("Dismissed")


OPEN_STATUSES = (
    IntroductionStatus.SUGGESTED,
    IntroductionStatus.ASKING_A,
    IntroductionStatus.A_AGREED,
    IntroductionStatus.ASKING_B,
    IntroductionStatus.B_AGREED,
)


class IntroductionSide(models.TextChoices):
    """One of the two people of an introduction."""

    A = "a", _("First person")
    B = "b", _("Second person")
