"""Web pages of the matching app: the brief before meeting someone, and common ground."""

from django.urls import URLPattern, path

from entregent.matching import intro_views, synergy_views, views

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
    path("introductions/section/", intro_views.intro_section, name="introductions_section"),
    path("introductions/accept/", intro_views.intro_accept_view, name="introduction_accept"),
    path("introductions/dismiss/", intro_views.intro_dismiss_view, name="introduction_dismiss"),
    path("introductions/<int:pk>/", intro_views.introduction_detail, name="introduction"),
    path(
        "introductions/<int:pk>/ask-a/",
        intro_views.intro_step_view,
        {"action": "ask-a"},
        name="introduction_ask_a",
    ),
    path(
        "introductions/<int:pk>/answer/",
        intro_views.intro_step_view,
        {"action": "answer"},
        name="introduction_answer",
    ),
    path(
        "introductions/<int:pk>/ask-b/",
        intro_views.intro_step_view,
        {"action": "ask-b"},
        name="introduction_ask_b",
    ),
    path(
        "introductions/<int:pk>/make/",
        intro_views.intro_step_view,
        {"action": "make"},
        name="introduction_make",
    ),
    path(
        "introductions/<int:pk>/cancel/",
        intro_views.intro_step_view,
        {"action": "cancel"},
        name="introduction_cancel",
    ),
    path(
        "people/<int:pk>/introductions/",
        intro_views.person_intros_section,
        name="introductions_person",
    ),
]
