"""Models of the exchange app: import jobs, the fields we keep verbatim, and source keys."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.exchange.choices import ImportFormat, ImportStatus
from entregent.people.models import Person


class ImportJob(OwnedModel):
    """One uploaded file on its way in: read, previewed, then committed (or not).

    The file itself lives in the data directory (`file_name` is relative to the imports
    folder), never in the database. `preview` holds the counts, samples and skipped records
    of the last preview; `result` the same for the commit. Progress while running is kept
    in a small file beside the upload, since the commit's transaction hides database writes.
    """

    file_name = models.CharField(_("file"), max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices)
    detected_format = models.CharField(
        _("detected format"), max_length=20, blank=True, choices=ImportFormat.choices
    )
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    skip_duplicates = models.BooleanField(_("skip likely duplicates"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("records read"), default=0)
    progress_total = models.PositiveIntegerField(_("records expected"), default=0)
    count_new = models.PositiveIntegerField(_("new"), default=0)
    count_updated = models.PositiveIntegerField(_("updated"), default=0)
    count_unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    count_duplicates = models.PositiveIntegerField(_("likely duplicates"), default=0)
    count_skipped = models.PositiveIntegerField(_("skipped"), default=0)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_line = models.PositiveIntegerField(_("error line"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["owner", "-created"], name="importjob_owner_created")]

    def __str__(self) -> str:
        return self.original_name or self.file_name


class KeptField(OwnedModel):
    """A field of an imported file that Entregent does not model, kept so export gives it back.

    `source_format` says which family of files it came from ("vcard", "csv", or "record" for
    record fields with no column of their own, such as a middle name or a region).
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="kept_fields", verbose_name=_("person")
    )
    source_format = models.CharField(_("source format"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    params = models.CharField(_("parameters"), max_length=500, blank=True)
    value = models.TextField(_("value"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("kept field")
        verbose_name_plural = _("kept fields")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["owner", "person"], name="keptfield_owner_person")]

    def __str__(self) -> str:
        return self.name


class ImportKey(OwnedModel):
    """A stable identity of a person in a source (vCard UID, LinkedIn profile URL).

    Re-imports match on it first; it is unique per owner.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="import_keys", verbose_name=_("person")
    )
    key = models.CharField(_("source key"), max_length=500)

    class Meta:
        verbose_name = _("import key")
        verbose_name_plural = _("import keys")
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="importkey_unique_per_owner")
        ]
        indexes = [models.Index(fields=["person"], name="importkey_person")]

    def __str__(self) -> str:
        return self.key
