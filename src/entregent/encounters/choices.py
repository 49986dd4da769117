from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """How an interaction happened."""

    IN_PERSON = "in_person", _("In person")
    CALL = "call", _("Call")
    VIDEO = "video", _("Video")
    EMAIL = "email", _("E-mail")
    MESSAGE = "message", _("Message")
    SOCIAL = "social", pgettext_lazy("channel", "Social")


class Initiator(models.TextChoices):
    """Who reached out first."""

    ME = "me", _("Me")
    THEM = "them", _("Them")
    MUTUAL = "mutual", _("Both")
    UNKNOWN = "unknown", _("Unknown")


class EventKind(models.TextChoices):
    MEETUP = "meetup", _("Meetup")
    CONFERENCE = "conference", _("Conference")
    COWORKING = "coworking", _("Coworking")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    SOCIAL = "social", pgettext_lazy("event kind", "Social")


class Attendance(models.TextChoices):
    """Whether I plan to go to an event, went, or let it pass."""

    PLANNED = "planned", _("I plan to go")
    ATTENDED = "attended", _("Attended")
    SKIPPED = "skipped", _("Skipped")
