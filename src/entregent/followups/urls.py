"""Follow-up pages and the one-click actions of Today."""

from django.urls import path

from entregent.followups import draft_views, views

app_name = "followups"
urlpatterns = [
    path("", views.followup_list, name="list"),
    path("<int:pk>/done/", views.followup_done_view, name="done"),
    path("<int:pk>/snooze/", views.followup_snooze_view, name="snooze"),
    path("<int:pk>/dismiss/", views.followup_dismiss_view, name="dismiss"),
    path("act/", views.agenda_act_view, name="act"),
    path("after-encounter/<int:pk>/", views.after_encounter, name="after_encounter"),
    path("settings/", views.cadence_settings, name="cadence"),
    path("<int:pk>/draft/", draft_views.draft_view, name="draft"),
    path("<int:pk>/draft.eml", draft_views.draft_eml, name="draft_eml"),
    path("people/<int:pk>/draft/", draft_views.person_draft_view, name="person_draft"),
    path("people/<int:pk>/draft.eml", draft_views.person_draft_eml, name="person_draft_eml"),
]
