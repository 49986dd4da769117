"""Web pages of the exchange app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "exchange"
urlpatterns: list[URLPattern] = []
