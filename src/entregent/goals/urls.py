"""Web pages of the goals app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "goals"
urlpatterns: list[URLPattern] = []
