"""Root URLs: the web pages of each app, and the API under /api/v1/."""

from django.urls import include, path

from entregent.api import api

urlpatterns = [
    path("", include("entregent.web.urls")),
    path("accounts/", include("entregent.accounts.urls")),
    path("people/", include("entregent.people.urls")),
    path("encounters/", include("entregent.encounters.urls")),
    path("followups/", include("entregent.followups.urls")),
    path("capture/", include("entregent.capture.urls")),
    path("reminders/", include("entregent.reminders.urls")),
    path("matching/", include("entregent.matching.urls")),
    path("exchange/", include("entregent.exchange.urls")),
    path("duplicates/", include("entregent.dedupe.urls")),
    path("network/", include("entregent.network.urls")),
    path("goals/", include("entregent.goals.urls")),
    path("pipeline/", include("entregent.pipeline.urls")),
    path("api/v1/", api.urls),
]
