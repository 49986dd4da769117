"""Web pages of goals and challenges (included by goals/urls.py)."""

from django.urls import URLPattern, path

from entregent.goals import goal_views

urlpatterns: list[URLPattern] = [
    path("", goal_views.goal_list_view, name="list"),
    path("new/", goal_views.goal_create_view, name="create"),
    path("challenges/start/", goal_views.challenge_start_view, name="challenge_start"),
    path("today/", goal_views.today_goals_fragment, name="today"),
    path("<int:pk>/", goal_views.goal_detail_view, name="detail"),
    path("<int:pk>/edit/", goal_views.goal_edit_view, name="edit"),
    path("<int:pk>/archive/", goal_views.goal_archive_view, name="archive"),
    path("<int:pk>/review/", goal_views.challenge_review_view, name="review"),
    *(
        path(
            f"<int:pk>/review.{fmt}",
            goal_views.challenge_review_export_view,
            {"fmt": fmt},
            name=f"review_{fmt}",
        )
        for fmt in ("md", "json", "csv")
    ),
]
