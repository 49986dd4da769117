"""Web pages of the matching app: the brief before meeting someone, and common ground."""

from django.urls import URLPattern, path

from entregent.matching import synergy_views, views

app_name = "matching"
urlpatterns: list[URLPattern] = [
    path("people/<int:pk>/brief/", views.brief_view, name="brief"),
    path("people/<int:pk>/brief/section/", views.brief_section_view, name="brief_section"),
    path("people/<int:pk>/common-ground/", views.common_ground_view, name="common_ground"),
    path(
        "people/<int:pk>/synergies/",
        synergy_views.person_synergies_section,
        name="synergies_person",
    ),
    path("synergies/", synergy_views.synergies_section, name="synergies"),
    path("synergies/who-can-help/", synergy_views.who_can_help_fragment, name="who_can_help"),
    path("share/", synergy_views.share_suggest_view, name="share"),
    path("share/followups/", synergy_views.share_followups_view, name="share_followups"),
]
