from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up")
    CHECK_IN = "check_in", _("Check-in")
    CONGRATULATE = "congratulate", _("Congratulate")
    SHARE = "share", _("Share")
    INTRO = "intro", _("Introduction")
    CUSTOM = "custom", _("Custom")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    SNOOZED = "snoozed", _("Snoozed")
    DISMISSED = "dismissed", _("Dismissed")
