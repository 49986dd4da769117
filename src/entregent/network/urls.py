"""Web pages of the network app."""

from django.urls import URLPattern, path

from entregent.network import map_views, tie_views, views
from entregent.network.paths_views import brokers_section, paths_results, paths_section

app_name = "network"
urlpatterns: list[URLPattern] = [
    path("", views.connect, name="connect"),
    path("paths/", paths_section, name="paths"),
    path("paths/results/", paths_results, name="paths_results"),
    path("brokers/", brokers_section, name="brokers"),
    path("map/", map_views.map_page, name="map"),
    path("map/data/", map_views.map_json, name="map_data"),
    path("map/card/", map_views.map_card, name="map_card"),
    path("radar/", tie_views.radar_section, name="radar"),
    path("ties/recompute/", tie_views.ties_recompute, name="ties_recompute"),
    path("people/<int:pk>/tie/", tie_views.tie_card, name="tie_card"),
]
