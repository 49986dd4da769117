"""Web pages of the network app."""

from django.urls import URLPattern, path

from entregent.network import views

app_name = "network"
urlpatterns: list[URLPattern] = [
    path("", views.connect, name="connect"),
]
