"""Web pages of the matching app: the brief before meeting someone, and common ground."""

from django.urls import URLPattern, path

from entregent.matching import views

app_name = "matching"
urlpatterns: list[URLPattern] = [
    path("people/<int:pk>/brief/", views.brief_view, name="brief"),
    path("people/<int:pk>/brief/section/", views.brief_section_view, name="brief_section"),
    path("people/<int:pk>/common-ground/", views.common_ground_view, name="common_ground"),
]
