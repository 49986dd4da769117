"""Choices of the goals app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FavourDirection(models.TextChoices):
    """Whether I gave the favour or received it."""

    GIVEN = "given", _("Given")
    RECEIVED = "received", _("Received")


class FavourKind(models.TextChoices):
    """What the favour was."""

    INTRODUCTION = "introduction", _("Introduction")
    ADVICE = "advice", _("Advice")
    REFERRAL = "referral", _("Referral")
    ARTICLE = "article", _("Article shared")
    HELP = "help", _("Help")
    OTHER = "other", _("Other")


class FavourSource(models.TextChoices):
    """Where the favour was logged from: by hand, or by the workflow where it happened."""

    MANUAL = "manual", _("By hand")
    INTRODUCTION = "introduction", _("Introduction")
    SHARE = "share", _("Share")
    FOLLOW_UP = "follow_up", _("Follow-up")
