"""Web pages for people and organizations."""

from django.urls import path

from entregent.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list_view, name="list"),
    path("new/", views.person_create_view, name="create"),
    path("suggest/", views.person_suggest, name="suggest"),
    path("<int:pk>/", views.person_detail_view, name="detail"),
    path("<int:pk>/edit/", views.person_edit_view, name="edit"),
    path("<int:pk>/archive/", views.person_archive_view, name="archive"),
    path("<int:pk>/delete/", views.person_delete_view, name="delete"),
    path("<int:pk>/facts/", views.fact_add_view, name="fact_add"),
    path("facts/<int:pk>/delete/", views.fact_delete_view, name="fact_delete"),
    path("<int:pk>/connections/", views.connection_add_view, name="connection_add"),
    path(
        "<int:pk>/connections/<int:connection_pk>/delete/",
        views.connection_delete_view,
        name="connection_delete",
    ),
    path("<int:pk>/milestones/", views.milestone_add_view, name="milestone_add"),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/delete/",
        views.milestone_delete_view,
        name="milestone_delete",
    ),
    path("organizations/", views.organization_list_view, name="organization_list"),
    path("organizations/new/", views.organization_create_view, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail_view, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit_view, name="organization_edit"),
    path(
        "organizations/<int:pk>/delete/", views.organization_delete_view, name="organization_delete"
    ),
]
