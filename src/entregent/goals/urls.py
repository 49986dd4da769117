"""Web pages of the goals app."""

from django.urls import URLPattern, path  # noqa: F401

from entregent.goals.goal_urls import urlpatterns as goal_urlpatterns
from entregent.goals.ledger_urls import urlpatterns as ledger_urlpatterns

app_name = "goals"
urlpatterns: list[URLPattern] = [*goal_urlpatterns, *ledger_urlpatterns]
