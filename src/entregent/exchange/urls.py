"""Web pages of the exchange app."""

from django.urls import URLPattern, path

app_name = "exchange"
urlpatterns: list[URLPattern] = []

# Backup and restore (the "backup" helper's pages, kept in their own module).
from entregent.exchange import backup_views  # noqa: E402

urlpatterns += [
    path("backup/", backup_views.backup_page_view, name="backup"),
    path("backup/download/", backup_views.backup_download_view, name="backup_download"),
    path("backup/restore/", backup_views.restore_view, name="restore"),
]
