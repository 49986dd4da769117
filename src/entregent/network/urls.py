"""Web pages of the network app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "network"
urlpatterns: list[URLPattern] = []
