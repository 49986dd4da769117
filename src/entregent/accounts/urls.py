"""Sign-in, first-run setup and the settings pages."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from entregent.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("setup/", views.setup_view, name="setup"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/password/", views.password_view, name="password"),
    path("settings/tokens/", views.token_create_view, name="token_create"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("language/", views.language_view, name="language"),
]
