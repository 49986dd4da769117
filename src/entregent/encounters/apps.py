from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncountersConfig(AppConfig):
    name = "entregent.encounters"
    verbose_name = _("Encounters")
