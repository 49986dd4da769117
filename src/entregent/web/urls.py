"""The home page, the global search and "me"."""

from django.urls import path

from entregent.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("me/", views.me, name="me"),
    path("me/facts/", views.me_fact_add, name="me_fact_add"),
]
