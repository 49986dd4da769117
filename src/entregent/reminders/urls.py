"""The reminders page and the private calendar feed."""

from django.urls import path

from entregent.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.settings_view, name="settings"),
    path("calendar/", views.calendar_issue_view, name="calendar_issue"),
    path("calendar/revoke/", views.calendar_revoke_view, name="calendar_revoke"),
    path("digest/", views.digest_view, name="digest"),
    path("calendar/<str:secret>.ics", views.calendar_feed_view, name="calendar_feed"),
]
