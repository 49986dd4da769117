"""Web pages of the pipeline app: boards, opportunities, Today's next steps, insights."""

from django.urls import URLPattern, path

from entregent.pipeline import insights, views

app_name = "pipeline"
urlpatterns: list[URLPattern] = [
    path("", views.board_view, name="board"),
    path("new/", views.opportunity_create_view, name="create"),
    path("today/", views.today_fragment, name="today"),
    path("insights/", insights.insights_view, name="insights"),
    path("person/<int:pk>/", views.person_fragment, name="person"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path("<int:pk>/delete/", views.opportunity_delete_view, name="delete"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/next-step/", views.next_step, name="next_step"),
]
