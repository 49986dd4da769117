"""Merging two people into one, undoing a merge, and remembering "not a duplicate".

The merge is generic: every row of every model that points at the merged person (found
by walking the app registry for foreign keys to Person, including many-to-many tables)
moves to the survivor, so rows added by other apps later (import keys, kept raw fields…)
move too without a change here. A row that would become a self-reference (a connection
between the two) or break a unique constraint (the same e-mail on both) is dropped, or
its link cleared when the link is optional. Everything moved, changed or dropped is kept
in the `Merge` record, so that `merge_undo` puts both people back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entregent.accounts.models import User
from entregent.core.errors import Conflict, InvalidInput, NotFound
from entregent.core.services import ensure_owned, full_clean_or_raise
from entregent.dedupe.choices import Keep, MergeStatus
from entregent.dedupe.models import Merge, NotDuplicate
from entregent.people.models import Person, SearchTerm
from entregent.people.services import person_reindex

# The fields a merge lets the user choose, each with the Person columns it covers.
MERGE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("full_name", "given_name", "family_name", "sort_name"),
    "headline": ("headline",),
    "organization": ("organization_id",),
    "city": ("city",),
    "language": ("language",),
    "how_we_met": ("how_we_met",),
    "introduced_by": ("introduced_by_id",),
    "circle": ("circle", "circle_pinned"),
    "cadence_days": ("cadence_days",),
    "notes": ("notes",),
}
FIELD_LABELS = {
    "name": gettext_lazy("name"),
    "headline": gettext_lazy("role or headline"),
    "organization": gettext_lazy("organization"),
    "city": gettext_lazy("city"),
    "language": gettext_lazy("language"),
    "how_we_met": gettext_lazy("how we met"),
    "introduced_by": gettext_lazy("introduced by"),
    "circle": gettext_lazy("circle"),
    "cadence_days": gettext_lazy("keep-in-touch every (days)"),
    "notes": gettext_lazy("notes"),
}
# Rows rebuilt from the person rather than moved.
_REBUILT: tuple[type[models.Model], ...] = (SearchTerm,)
SNAPSHOT_VERSION = 1


# Serialising rows --------------------------------------------------------------------------


def row_values(obj: models.Model) -> dict[str, Any]:
    """Every column of a row as JSON-safe text (None stays None), by attribute name."""
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        raw = getattr(obj, f.attname)
        values[f.attname] = None if raw is None else f.value_to_string(obj)
    return values


def _python_values(model: type[models.Model], values: Mapping[str, Any]) -> dict[str, Any]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    return {
        name: None if value is None else fields[name].to_python(value)
        for name, value in values.items()
        if name in fields
    }


def _entry(obj: models.Model, action: str, field: str = "") -> dict[str, Any]:
    return {
        "model": obj._meta.label,
        "pk": obj._meta.pk.value_to_string(obj),
        "action": action,
        "field": field,
        "values": row_values(obj),
    }


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


# What points at a person ------------------------------------------------------------------


def person_references() -> list[tuple[type[models.Model], models.ForeignKey[Any, Any]]]:
    """Every (model, foreign key) that points at Person, many-to-many tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model in _REBUILT or model._meta.proxy:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model is Person:
                found.append((model, f))
    return found


def _person_fields(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is Person
    ]


def _has_checks(model: type[models.Model]) -> bool:
    meta = model._meta
    return bool(
        meta.constraints
        or meta.unique_together
        or any(f.unique and not f.primary_key for f in meta.concrete_fields)
        or len(_person_fields(model)) > 1
    )


def _mirror_exists(row: models.Model, person_fields: list[models.ForeignKey[Any, Any]]) -> bool:
    """A row linking two people the other way round already exists (a connection is read in
    both directions, so B→A duplicates A→B once A has become B's survivor)."""
    if len(person_fields) != 2:
        return False
    first, second = person_fields
    model = type(row)
    lookup = {
        first.attname: getattr(row, second.attname),
        second.attname: getattr(row, first.attname),
    }
    for constraint in model._meta.total_unique_constraints:
        names = set(constraint.fields)
        if {first.name, second.name} <= names:
            for name in names - {first.name, second.name}:
                field = model._meta.get_field(name)
                lookup[field.attname] = getattr(row, field.attname)  # type: ignore[union-attr]
            return model._default_manager.filter(**lookup).exclude(pk=row.pk).exists()
    return False


def _breaks_rules(row: models.Model, survivor_pk: int) -> bool:
    """Whether `row`, now pointing at the survivor, points at them twice, breaks a unique
    or check constraint, or duplicates a mirrored row."""
    person_fields = _person_fields(type(row))
    pointing = [f for f in person_fields if getattr(row, f.attname) == survivor_pk]
    if len(pointing) > 1 or (isinstance(row, Person) and row.pk == survivor_pk):
        return True
    try:
        row.validate_unique()
        row.validate_constraints()
    except ValidationError:
        return True
    return _mirror_exists(row, person_fields)


def _delete_recorded(objs: Iterable[models.Model], log: list[dict[str, Any]]) -> None:
    """Delete rows and whatever their deletion cascades to, recording each of them."""
    objs = list(objs)
    if not objs:
        return
    using = router.db_for_write(type(objs[0]))
    collector = Collector(using=using)
    collector.collect(objs)
    for qs in collector.fast_deletes:
        for obj in qs:
            if not isinstance(obj, _REBUILT):
                log.append(_entry(obj, "deleted"))
    collector.sort()
    for (field, _value), batches in collector.field_updates.items():
        for batch in batches:
            for obj in cast(Iterable[models.Model], batch):
                log.append(_entry(obj, "nulled", field.attname))
    for _model_class, instances in collector.data.items():
        for obj in instances:
            if not isinstance(obj, _REBUILT):
                log.append(_entry(obj, "deleted"))
    collector.delete()


def _move_references(other: Person, survivor: Person, log: list[dict[str, Any]]) -> None:
    for model, fk in person_references():
        manager = model._default_manager
        rows = list(manager.filter(**{fk.attname: other.pk}).order_by("pk"))
        if not rows:
            continue
        if not _has_checks(model) and not issubclass(model, Person):
            for row in rows:
                log.append(_entry(row, "moved", fk.attname))
            manager.filter(pk__in=[r.pk for r in rows]).update(**{fk.attname: survivor.pk})
            continue
        for row in rows:
            entry = _entry(row, "moved", fk.attname)
            setattr(row, fk.attname, survivor.pk)
            if not _breaks_rules(row, survivor.pk):
                manager.filter(pk=row.pk).update(**{fk.attname: survivor.pk})
                log.append(entry)
            elif fk.null:
                manager.filter(pk=row.pk).update(**{fk.attname: None})
                entry["action"] = "nulled"
                log.append(entry)
            else:
                setattr(row, fk.attname, other.pk)
                _delete_recorded([row], log)


# Merging ---------------------------------------------------------------------------------


def _is_blank(value: Any) -> bool:
    return value is None or value == ""


def default_choices(*, survivor: Person, other: Person) -> dict[str, str]:
    """What a merge keeps when nothing is chosen: the survivor's values, except where the
    survivor has none and the other has one; notes that differ are joined."""
    choices: dict[str, str] = {}
    for name, columns in MERGE_FIELDS.items():
        mine, theirs = getattr(survivor, columns[0]), getattr(other, columns[0])
        if name == "notes" and mine and theirs and mine.strip() != theirs.strip():
            choices[name] = Keep.BOTH
        elif _is_blank(mine) and not _is_blank(theirs):
            choices[name] = Keep.OTHER
        else:
            choices[name] = Keep.SURVIVOR
    return choices


def differing_fields(*, survivor: Person, other: Person) -> list[str]:
    """The choosable fields whose values differ between the two people."""
    return [
        name
        for name, columns in MERGE_FIELDS.items()
        if any(getattr(survivor, c) != getattr(other, c) for c in columns if c != "sort_name")
    ]


def _clean_choices(choices: Mapping[str, str]) -> dict[str, str]:
    cleaned = {}
    for name, value in choices.items():
        if name not in MERGE_FIELDS:
            raise InvalidInput.for_field(
                "choices",
                _("“%(field)s” is not a field a merge can choose; choose among: %(fields)s.")
                % {"field": str(name)[:40], "fields": ", ".join(MERGE_FIELDS)},
            )
        if value not in Keep.values or (value == Keep.BOTH and name != "notes"):
            raise InvalidInput.for_field(
                name,
                _("Keep “survivor” or “other” (or “both” for notes), not “%(value)s”.")
                % {"value": str(value)[:40]},
            )
        cleaned[name] = value
    return cleaned


def _apply_choices(survivor: Person, other: Person, choices: Mapping[str, str]) -> None:
    for name, keep in choices.items():
        columns = MERGE_FIELDS[name]
        if keep == Keep.OTHER:
            for column in columns:
                setattr(survivor, column, getattr(other, column))
        elif keep == Keep.BOTH:
            parts = [p for p in (survivor.notes.strip(), other.notes.strip()) if p]
            survivor.notes = "\n\n".join(dict.fromkeys(parts))
    if survivor.introduced_by_id in {survivor.pk, other.pk}:
        survivor.introduced_by_id = None


@transaction.atomic
def person_merge(
    *, owner: User, survivor: Person, other: Person, choices: Mapping[str, str] | None = None
) -> Merge:
    """Merge `other` into `survivor`: the chosen fields of `other` are copied, every row
    that points at `other` moves to `survivor`, then `other` is deleted. One transaction;
    the `Merge` returned can undo it."""
    ensure_owned(owner, survivor, "survivor")
    ensure_owned(owner, other, "other")
    if survivor.pk == other.pk:
        raise InvalidInput.for_field("other", _("A person cannot be merged with themselves."))
    cleaned = {**default_choices(survivor=survivor, other=other), **_clean_choices(choices or {})}
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update().filter(
            owner=owner, pk__in=[survivor.pk, other.pk]
        )
    }
    if len(locked) != 2:
        raise NotFound(_("Not found."))
    survivor, other = locked[survivor.pk], locked[other.pk]
    survivor_before = row_values(survivor)
    other_values = row_values(other)
    other_pk = other.pk
    _apply_choices(survivor, other, cleaned)
    full_clean_or_raise(survivor, exclude=["owner", "organization", "sort_name", "introduced_by"])
    survivor.save()
    log: list[dict[str, Any]] = []
    _move_references(other, survivor, log)
    deleted: list[dict[str, Any]] = []
    _delete_recorded([other], deleted)
    survivor.refresh_from_db()
    person_reindex(person=survivor)
    from entregent.followups.cadence import cadence_refresh

    cadence_refresh(people=[survivor])
    survivor.refresh_from_db()
    after = row_values(survivor)
    changed = {k: v for k, v in survivor_before.items() if after.get(k) != v}
    return Merge.objects.create(
        owner=owner,
        survivor_pk=survivor.pk,
        other_pk=other_pk,
        survivor_name=survivor.full_name,
        other_name=other_values["full_name"],
        snapshot={
            "version": SNAPSHOT_VERSION,
            "choices": cleaned,
            "other": other_values,
            "survivor_before": changed,
            "survivor_after": {k: after[k] for k in changed},
            "rows": log,
            "deleted": deleted,
        },
    )


def _later_merge(merge: Merge) -> Merge | None:
    """A merge after this one, still in force, that involved this merge's survivor."""
    return (
        Merge.objects.filter(owner_id=merge.owner_id, status=MergeStatus.MERGED, pk__gt=merge.pk)
        .filter(models.Q(survivor_pk=merge.survivor_pk) | models.Q(other_pk=merge.survivor_pk))
        .order_by("pk")
        .first()
    )


def _insert(entry: Mapping[str, Any]) -> None:
    model = _model(entry["model"])
    obj = model(**_python_values(model, entry["values"]))
    # raw: keep the stored created/updated times and skip save() overrides, like loaddata.
    obj.save_base(raw=True, force_insert=True)


@transaction.atomic
def merge_undo(*, merge: Merge) -> Merge:
    """Put both people back as they were before the merge: the merged person with their
    own rows again, and the survivor's changed fields. Refused once the survivor has been
    merged again (undo the later merge first) or deleted."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.status == MergeStatus.UNDONE:
        raise Conflict(_("This merge was already undone."))
    later = _later_merge(merge)
    if later is not None:
        raise Conflict(
            _(
                "%(name)s was merged again since (%(other)s into %(survivor)s); "
                "undo that merge first."
            )
            % {
                "name": merge.survivor_name,
                "other": later.other_name,
                "survivor": later.survivor_name,
            }
        )
    survivor = Person.objects.filter(owner_id=merge.owner_id, pk=merge.survivor_pk).first()
    if survivor is None:
        raise Conflict(
            _("%(name)s has been deleted since: the merge cannot be undone.")
            % {"name": merge.survivor_name}
        )
    if Person.objects.filter(pk=merge.other_pk).exists():
        raise Conflict(_("The merged person exists again: the merge cannot be undone."))
    snapshot = merge.snapshot
    try:
        with transaction.atomic():
            for entry in reversed(snapshot["deleted"]):
                if entry["action"] == "deleted":
                    _insert(entry)
            _restore_rows(snapshot["rows"], merge)
            for entry in snapshot["deleted"]:
                if entry["action"] == "nulled":
                    _restore_field(entry)
            Person.objects.filter(pk=survivor.pk).update(
                **_python_values(Person, snapshot["survivor_before"])
            )
    except IntegrityError:
        raise Conflict(
            _("The people changed since the merge in a way that prevents undoing it.")
        ) from None
    for person in Person.objects.filter(pk__in=[merge.survivor_pk, merge.other_pk]):
        person_reindex(person=person)
    merge.status = MergeStatus.UNDONE
    merge.undone_at = timezone.now()
    merge.save(update_fields=["status", "undone_at", "updated"])
    return merge


def _restore_field(entry: Mapping[str, Any]) -> None:
    model = _model(entry["model"])
    field = entry["field"]
    value = _python_values(model, {field: entry["values"][field]})[field]
    model._default_manager.filter(pk=entry["pk"]).update(**{field: value})


def _restore_rows(rows: list[dict[str, Any]], merge: Merge) -> None:
    deleted = [e for e in rows if e["action"] == "deleted"]
    for entry in reversed(deleted):
        _insert(entry)
    for entry in rows:
        if entry["action"] in {"moved", "nulled"}:
            _restore_field(entry)
        elif entry["action"] == "deleted":
            continue


# Not a duplicate -------------------------------------------------------------------------


@transaction.atomic
def duplicate_dismiss(*, owner: User, person: Person, other: Person) -> NotDuplicate:
    """Remember that two people are not the same: the pair is not proposed again."""
    ensure_owned(owner, person, "person")
    ensure_owned(owner, other, "other")
    if person.pk == other.pk:
        raise InvalidInput.for_field("other", _("Choose two different people."))
    low, high = sorted((person, other), key=lambda p: p.pk)
    found = NotDuplicate.objects.filter(owner=owner).filter(
        models.Q(person_a=low, person_b=high) | models.Q(person_a=high, person_b=low)
    )
    existing = found.first()
    if existing is not None:
        return existing
    return NotDuplicate.objects.create(owner=owner, person_a=low, person_b=high)
