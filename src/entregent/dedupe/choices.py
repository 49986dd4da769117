"""Choices of the dedupe app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MergeStatus(models.TextChoices):
    MERGED = "merged", _("merged")
    UNDONE = "undone", _("undone")


class Keep(models.TextChoices):
    """Whose value of a field the survivor keeps; `both` only for notes (joined)."""

    SURVIVOR = "survivor", _("survivor's")
    OTHER = "other", _("other's")
    BOTH = "both", _("both")
