"""Web pages for encounters and events."""

from django.urls import path

from entregent.encounters import views

app_name = "encounters"
urlpatterns = [
    path("", views.encounter_list, name="list"),
    path("events/", views.event_list, name="event_list"),
]
