from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "entregent.matching"
    verbose_name = _("Common ground and synergies")
