"""Web pages of the matching app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "matching"
urlpatterns: list[URLPattern] = []
