"""Web pages for encounters and events."""

from django.urls import path

from entregent.encounters import event_views, views

app_name = "encounters"
urlpatterns = [
    path("", views.encounter_list, name="list"),
    path("log/", views.encounter_log, name="log"),
    path("log/participants/", views.participant_options, name="participant_options"),
    path("<int:pk>/", views.encounter_detail, name="detail"),
    path("<int:pk>/edit/", views.encounter_edit, name="edit"),
    path("<int:pk>/delete/", views.encounter_delete, name="delete"),
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/yield/", event_views.event_yield_summary, name="event_yield"),
    path("events/<int:pk>/prep/", event_views.event_prep_page, name="event_prep"),
    path("events/<int:pk>/plan/", event_views.event_plan_page, name="event_plan"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", views.event_delete, name="event_delete"),
]
