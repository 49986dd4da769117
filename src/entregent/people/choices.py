from django.db import models
from django.utils.translation import gettext_lazy as _


class Circle(models.TextChoices):
    """How close a person is; sets the keep-in-touch cadence."""

    INNER = "inner", _("Inner")
    ACTIVE = "active", _("Active")
    WEAK = "weak", _("Weak")
    DORMANT = "dormant", _("Dormant")


class FactKind(models.TextChoices):
    """What kind of thing was learned by listening."""

    INTEREST = "interest", _("Interest")
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")
    PROJECT = "project", _("Project")
    PERSONAL = "personal", _("Personal")
    TALKING_POINT = "talking_point", _("Talking point")


class LinkKind(models.TextChoices):
    LINKEDIN = "linkedin", _("LinkedIn")
    WEBSITE = "website", _("Website")
    GITHUB = "github", _("GitHub")
    MASTODON = "mastodon", _("Mastodon")
    X = "x", _("X / Twitter")
    INSTAGRAM = "instagram", _("Instagram")
    OTHER = "other", _("Other")


class ConnectionKind(models.TextChoices):
    """How two people in the network are related."""

    KNOWS = "knows", _("Knows")
    INTRODUCED = "introduced", _("Introduced")
    COLLEAGUE = "colleague", _("Colleague")
    FAMILY = "family", _("Family")
    MET_AT_EVENT = "met_at_event", _("Met at the same event")


class MilestoneKind(models.TextChoices):
    BIRTHDAY = "birthday", _("Birthday")
    NEW_JOB = "new_job", _("New job")
    LAUNCH = "launch", _("Launch")
    ANNIVERSARY = "anniversary", _("Anniversary")
    OTHER = "other", _("Other")
