from django.urls import path

from entregent.capture import views

app_name = "capture"

urlpatterns = [
    path("", views.capture_preview_view, name="preview"),
    path("save/", views.capture_save_view, name="save"),
]
