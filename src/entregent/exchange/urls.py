"""Web pages of the exchange app."""

from django.urls import URLPattern, path

app_name = "exchange"
urlpatterns: list[URLPattern] = []

# Import and export (kept in their own module's views).
from entregent.exchange import views  # noqa: E402

urlpatterns += [
    path("", views.exchange_index, name="index"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/options/", views.import_options, name="import_options"),
    path("import/<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("import/<int:pk>/delete/", views.import_delete, name="import_delete"),
    path("export/", views.export_download, name="export"),
]

# Backup and restore (the "backup" helper's pages, kept in their own module).
from entregent.exchange import backup_views  # noqa: E402

urlpatterns += [
    path("backup/", backup_views.backup_page_view, name="backup"),
    path("backup/download/", backup_views.backup_download_view, name="backup_download"),
    path("backup/restore/", backup_views.restore_view, name="restore"),
]
