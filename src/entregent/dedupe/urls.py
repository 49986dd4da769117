"""Web pages of the dedupe app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "dedupe"
urlpatterns: list[URLPattern] = []
