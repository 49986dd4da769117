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


class GoalMetric(models.TextChoices):
    """What a goal counts: actions the user controls, read from what is already recorded."""

    NEW_CONNECTIONS = "new_connections", _("New meaningful connections")
    OUTREACH = "outreach", _("Outreach messages sent")
    FOLLOWUPS_24H = "followups_24h", _("Follow-ups done within 24 hours")
    EVENTS = "events", _("Events attended")
    INTRODUCTIONS = "introductions", _("Introductions made")
    PITCHES = "pitches", _("Pitches sent")
    CHECK_INS = "check_ins", _("Check-ins done")


class GoalPeriod(models.TextChoices):
    """The span a goal's target is for; a challenge runs from a start date for a number of days."""

    DAY = "day", _("Per day")
    WEEK = "week", _("Per week")
    MONTH = "month", _("Per month")
    CHALLENGE = "challenge", _("Challenge")


class ChallengeTarget(models.TextChoices):
    """Whether a challenge's target is met every day or reached in total by its end."""

    PER_DAY = "per_day", _("Every day")
    TOTAL = "total", _("In total")
