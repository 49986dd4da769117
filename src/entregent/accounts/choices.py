from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The languages the interface speaks."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
