"""Reads of the exchange app: import jobs, and people turned back into records for export.

Export streams: people are read in batches of `EXPORT_BATCH` with their e-mails, phones,
links, tags, kept fields, source keys and birthdays (one query per table per batch), turned
into `ContactRecord`s and handed to the vCard or CSV writer, so an export of 100,000 people
holds one batch in memory, never the whole file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.exchange.choices import ExportFormat
from entregent.exchange.importer import RECORD, RECORD_FIELDS
from entregent.exchange.models import ImportJob, KeptField
from entregent.exchange.records import ContactRecord, KeptValue, Labelled
from entregent.people.choices import MilestoneKind
from entregent.people.models import Milestone, Person
from entregent.people.selectors import PersonFilters, person_list

EXPORT_BATCH = 500


def import_job_get(*, owner: User, pk: int | str) -> ImportJob:
    """One of the owner's import jobs; anyone else's is not found."""
    try:
        return ImportJob.objects.get(owner=owner, pk=int(pk))
    except (ImportJob.DoesNotExist, ValueError, OverflowError):
        raise NotFound(_("Not found.")) from None


def import_job_list(*, owner: User) -> QuerySet[ImportJob]:
    """The owner's import jobs, newest first."""
    return ImportJob.objects.filter(owner=owner).order_by("-created", "-id")


def _month_day(text: str) -> tuple[int, int] | None:
    digits = text.lstrip("-").replace("-", "")
    if len(digits) != 4 or not digits.isdigit():
        return None
    month, day = int(digits[:2]), int(digits[2:])
    try:
        dt.date(2000, month, day)
    except ValueError:
        return None
    return month, day


def person_record(person: Person, *, kept_source: str) -> ContactRecord:
    """A person as a record for a writer: every field, plus the kept fields of `kept_source`
    ("vcard" or "csv") and the record fields kept without a column of their own."""
    record = ContactRecord(
        line=0,
        full_name=person.full_name,
        given_name=person.given_name,
        family_name=person.family_name,
        organization=person.organization.name if person.organization else "",
        role=person.headline,
        emails=[Labelled(e.address, e.label) for e in person.emails.all()],
        phones=[Labelled(p.number, p.label) for p in person.phones.all()],
        links=[Labelled(link.url) for link in person.links.all()],
        city=person.city,
        notes=person.notes,
        tags=sorted((t.name for t in person.tags.all()), key=str.casefold),
    )
    birthdays = [m for m in person.milestones.all() if m.kind == MilestoneKind.BIRTHDAY]
    if birthdays:
        record.birthday = birthdays[0].date
    keys = [k.key for k in person.import_keys.all()]
    if keys:
        record.source_key = keys[0]
    for kept in person.kept_fields.all():
        _apply_kept(record, kept, kept_source)
    return record


def _apply_kept(record: ContactRecord, kept: KeptField, kept_source: str) -> None:
    if kept.source_format == kept_source:
        record.kept.append(KeptValue(kept.name, kept.value, kept.params))
        return
    if kept.source_format != RECORD:
        return
    if kept.name in RECORD_FIELDS:
        setattr(record, kept.name, kept.value)
    elif kept.name == "phone":
        record.phones.append(Labelled(kept.value, kept.params))
    elif kept.name == "link":
        record.links.append(Labelled(kept.value, kept.params))
    elif kept.name == "tag":
        record.tags.append(kept.value)
    elif kept.name == "birthday_month_day" and record.birthday is None:
        record.birthday_month_day = _month_day(kept.value)
    elif kept.name == "connected_on":
        with contextlib.suppress(ValueError):
            record.connected_on = dt.date.fromisoformat(kept.value)


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    iterator = iter(ids)
    while batch := list(islice(iterator, size)):
        yield batch


def export_people(*, owner: User, tag: str = "", q: str = "") -> QuerySet[Person]:
    """The people an export covers: everyone (not archived), or those with a tag / a search."""
    return person_list(owner=owner, filters=PersonFilters(q=q, tag=tag))


def export_records(
    *, owner: User, people: QuerySet[Person], kept_source: str
) -> Iterator[ContactRecord]:
    """Records of these people, in address-book order, read batch by batch."""
    ids = people.values_list("id", flat=True).iterator(chunk_size=2000)
    for batch in _batches(ids, EXPORT_BATCH):
        rows = (
            Person.objects.filter(owner=owner, pk__in=batch)
            .select_related("organization")
            .prefetch_related("emails", "phones", "links", "tags", "import_keys")
            .prefetch_related(
                Prefetch("kept_fields", queryset=KeptField.objects.order_by("position", "id"))
            )
            .prefetch_related(
                Prefetch(
                    "milestones",
                    queryset=Milestone.objects.filter(kind=MilestoneKind.BIRTHDAY).order_by("id"),
                )
            )
        )
        by_id = {p.pk: p for p in rows}
        for pk in batch:
            if pk in by_id:
                yield person_record(by_id[pk], kept_source=kept_source)


def export_stream(
    *, owner: User, fmt: str, tag: str = "", q: str = ""
) -> tuple[Iterator[str], str, str]:
    """(chunks of text, content type, file name) of an export, read lazily."""
    if fmt not in ExportFormat.values:
        raise InvalidInput.for_field(
            "format",
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": fmt[:40], "choices": ", ".join(ExportFormat.values)},
        )
    people = export_people(owner=owner, tag=tag, q=q)
    if fmt == ExportFormat.CSV:
        records = export_records(owner=owner, people=people, kept_source="csv")
        return _csv_chunks(records), "text/csv; charset=utf-8", "entregent-people.csv"
    from entregent.exchange.vcard import write_vcards

    version = "3.0" if fmt == ExportFormat.VCARD3 else "4.0"
    records = export_records(owner=owner, people=people, kept_source="vcard")
    return (
        write_vcards(records, version=version),
        "text/vcard; charset=utf-8",
        "entregent-people.vcf",
    )


def _csv_chunks(records: Iterator[ContactRecord]) -> Iterator[str]:
    """Our own CSV, streamed record by record (with a BOM, so spreadsheets read accents)."""
    from entregent.exchange.csv_formats import iter_csv

    return iter_csv(records, bom=True)
