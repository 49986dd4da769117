"""Web pages of the dedupe app: likely duplicates, the review of a pair, merge history."""

from django.urls import URLPattern, path

from entregent.dedupe import views

app_name = "dedupe"
urlpatterns: list[URLPattern] = [
    path("", views.duplicate_list, name="list"),
    path("review/<int:pk>/<int:other_pk>/", views.duplicate_review, name="review"),
    path("ignore/<int:pk>/<int:other_pk>/", views.duplicate_ignore, name="ignore"),
    path("merges/", views.merge_history, name="merges"),
    path("merges/<int:pk>/undo/", views.merge_undo_view, name="undo"),
]
