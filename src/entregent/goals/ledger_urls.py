"""Web pages of the giving ledger (mounted under /goals/ by goals/urls.py)."""

from django.urls import path

from entregent.goals import ledger_views

urlpatterns = [
    path("ledger/", ledger_views.ledger_page, name="ledger"),
    path("ledger/person/<int:pk>/", ledger_views.person_favours, name="person_favours"),
    path("ledger/person/<int:pk>/add/", ledger_views.person_favour_add, name="person_favour_add"),
    path("ledger/favours/<int:pk>/delete/", ledger_views.favour_delete, name="favour_delete"),
]
