"""The choices of the exchange app: file formats and the states of an import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportFormat(models.TextChoices):
    """What a file is read as. CSV layouts are formats of their own: each reads differently."""

    VCARD = "vcard", _("vCard")
    LINKEDIN = "linkedin", _("LinkedIn connections (CSV)")
    GOOGLE = "google", _("Google Contacts (CSV)")
    GOOGLE_LEGACY = "google_legacy", _("Google Contacts, older layout (CSV)")
    OUTLOOK = "outlook", _("Outlook (CSV)")
    OUTLOOK_EXPRESS = "outlook_express", _("Outlook Express / Windows Address Book (CSV)")
    ENTREGENT = "entregent", _("Entregent export (CSV)")
    CSV = "generic", _("Other CSV, with a column mapping")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    PREVIEWING = "previewing", _("Reading the file")
    PREVIEWED = "previewed", _("Ready to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ExportFormat(models.TextChoices):
    VCARD4 = "vcard4", _("vCard 4.0")
    VCARD3 = "vcard3", _("vCard 3.0 (older programs)")
    CSV = "csv", _("CSV")


class Outcome(models.TextChoices):
    """What the import does with one record."""

    NEW = "new", _("New")
    UPDATED = "updated", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    DUPLICATE = "duplicate", _("Likely duplicate")
    SKIPPED = "skipped", _("Skipped")
