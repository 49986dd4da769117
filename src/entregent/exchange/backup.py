"""Full backup and restore of one account: a versioned JSON archive of everything it holds.

What travels is found, not listed: every model of an `entregent.*` app with an `owner`
foreign key to the user (and its many-to-many fields), minus `EXCLUDED` below. A model
added later is therefore backed up and restored without touching this module; the test
builds an account with a row of every included model, so a model that cannot travel (an
unsupported key, a required link to an excluded model) fails it.

The archive::

    {"format": "entregent-backup", "version": 1, "created": "…",
     "account": {"language": "fr", "phone_region": "FR", "cadence_inner_days": 14, …},
     "counts": {"people.person": 1000, …},
     "models": {"people.organization": [{"id": 3, "name": "…", …}, …], …}}

Rows keep their original ids as local ids; a foreign key holds the local id of its target,
a many-to-many field the list of them. Models come in dependency order, so a restore
reads the archive once, front to back, and never holds more than a chunk of rows.

Writing is streamed (`backup_iter` yields text model by model, a chunk of rows at a time);
reading is streamed too (`_JsonStream`, an incremental reader over `json.raw_decode`).
A restore goes into an account with no data, in one transaction: each row is validated
(the model, the row and the field are named on any problem), given a fresh id, and
inserted as it was, `created` and `updated` included; self-references (a person introduced
by another) are set in a second pass; the search index is rebuilt at the end.
"""

from __future__ import annotations

import base64
import codecs
import datetime as dt
import decimal
import json
import uuid
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any, Protocol, cast

from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.db.models import Case, Count, Max, Model, Value, When
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.db import reserve_ids
from entregent.core.errors import Conflict, InvalidInput
from entregent.core.services import full_clean_or_raise

FORMAT = "entregent-backup"
VERSION = 1

# Models of entregent apps that have an owner but must not travel in an archive, and why.
EXCLUDED: dict[str, str] = {
    # Secrets: only digests are stored, useless elsewhere, and a backup must not carry them.
    "accounts.apitoken": "API tokens are credentials of this server",
    "reminders.calendarfeed": "the calendar address is a secret of this server",
    # A delivery log of this server, not the user's data.
    "reminders.digestdelivery": "which digests this server has sent",
    # Derived: rebuilt by restore from the people, their tags, facts and e-mails.
    "people.searchterm": "the search index, rebuilt on restore",
    # Bookkeeping of background work on this server (files, progress), not the user's data.
    "exchange.importjob": "import jobs of this server",
    # Undo data made of this server's ids: `survivor_pk`/`other_pk` are plain integers and
    # the snapshot holds whole rows with their ids and owner. A restore gives every row a
    # new id, so undoing a restored merge would write rows under ids (and an owner) of the
    # old account. Pairs marked "not a duplicate" do travel (real foreign keys, remapped).
    "dedupe.merge": "merge undo data holds this server's ids",
}

# Account settings are the fields Entregent adds to Django's user (not the login, the
# password or the e-mail address, which belong to the account the archive is restored into).
_AUTH_FIELDS = {f.name for f in AbstractUser._meta.get_fields()} | {"id"}

CHUNK = 1000

# progress(model label, rows done, rows in all)
Progress = Callable[[str, int, int], None]


class BackupError(Exception):
    """The set of models cannot be backed up (a programming error a test must catch)."""


# The models that travel -----------------------------------------------------------------


@dataclass
class ModelSpec:
    """How one model travels: its columns, its links, and what waits for a second pass."""

    label: str
    model: type[Model]
    # Concrete fields written to the archive (everything but the primary key and owner).
    fields: list[models.Field[Any, Any]]
    # Foreign keys: field name -> label of the target model ("" for a link to the user).
    links: dict[str, str]
    # Many-to-many fields (auto-created tables): name -> target label.
    m2m: dict[str, str]
    # Foreign keys set after every row of the model is in (self-references, cycles).
    deferred: set[str] = field(default_factory=set)
    # The owner is one-to-one: a settings row, replaced by a restore rather than added to.
    singleton: bool = False


def _owner_field(model: type[Model]) -> models.Field[Any, Any] | None:
    try:
        owner = model._meta.get_field("owner")
    except FieldDoesNotExist:
        return None
    if getattr(owner, "related_model", None) is not User:
        return None
    return owner  # type: ignore[return-value]


def _field(model: type[Model], name: str) -> models.Field[Any, Any]:
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _label(model: type[Model]) -> str:
    return str(model._meta.label_lower)


@cache
def model_specs() -> list[ModelSpec]:
    """Every model that travels, in dependency order (targets before the rows pointing to them)."""
    owned: dict[str, type[Model]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("entregent."):
            continue
        for model in config.get_models():
            if _owner_field(model) is not None and _label(model) not in EXCLUDED:
                owned[_label(model)] = model
    specs: dict[str, ModelSpec] = {}
    for label, model in owned.items():
        pk = model._meta.pk
        if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            raise BackupError(f"{label}: only automatic integer primary keys are supported")
        owner = _owner_field(model)
        spec = ModelSpec(
            label=label,
            model=model,
            fields=[],
            links={},
            m2m={},
            singleton=isinstance(owner, models.OneToOneField),
        )
        for f in model._meta.concrete_fields:
            if f is pk or f.name == "owner":
                continue
            if f.is_relation:
                target = f.related_model
                if target is User:
                    spec.links[f.name] = ""
                elif isinstance(target, type) and _label(target) in owned:
                    spec.links[f.name] = _label(target)
                elif f.null:
                    # A link to something that does not travel is left empty on restore.
                    spec.links[f.name] = "-"
                else:
                    raise BackupError(
                        f"{label}.{f.name}: a required link to {target}, which does not travel"
                    )
            spec.fields.append(f)
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            target = m2m.related_model
            if through is None or target is None:
                raise BackupError(f"{label}.{m2m.name}: not a resolved many-to-many field")
            if not through._meta.auto_created:
                if _label(through) in owned:
                    continue  # its own rows travel as a model
                raise BackupError(f"{label}.{m2m.name}: its table has no owner")
            if not isinstance(target, type) or _label(target) not in owned:
                raise BackupError(f"{label}.{m2m.name}: {target} does not travel")
            spec.m2m[m2m.name] = _label(target)
        specs[label] = spec
    return _ordered(specs)


def _ordered(specs: dict[str, ModelSpec]) -> list[ModelSpec]:
    """Topological order of the foreign-key graph; self-references are deferred, and so are
    nullable keys when models point at each other in a cycle."""
    for spec in specs.values():
        spec.deferred = {name for name, target in spec.links.items() if target == spec.label}

    def edges(spec: ModelSpec) -> set[str]:
        return {
            target
            for name, target in spec.links.items()
            if target not in {"", "-", spec.label} and name not in spec.deferred
        } | set(spec.m2m.values()) - {spec.label}

    order: list[ModelSpec] = []
    remaining = dict(specs)
    while remaining:
        ready = sorted(
            label for label, spec in remaining.items() if not edges(spec) & remaining.keys()
        )
        if not ready:
            # A cycle: set its nullable links afterwards, then try again.
            cut = False
            for spec in remaining.values():
                for name, target in spec.links.items():
                    if target in remaining and getattr(
                        spec.model._meta.get_field(name), "null", False
                    ):
                        spec.deferred.add(name)
                        cut = True
            if not cut:
                raise BackupError("required links form a cycle: " + ", ".join(sorted(remaining)))
            continue
        for label in ready:
            order.append(remaining.pop(label))
    return order


def account_fields() -> list[models.Field[Any, Any]]:
    """The user's settings that travel (language, phone region, cadences…)."""
    return [f for f in User._meta.concrete_fields if f.name not in _AUTH_FIELDS]


# Values ---------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """A column's Python value as JSON."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value  # JSONField content: already JSON


# Writing --------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_columns(spec: ModelSpec) -> list[tuple[str, str, bool]]:
    """(archive key, attname, is a JSON field) of each column of a model."""
    return [(f.name, f.attname, isinstance(f, models.JSONField)) for f in spec.fields]


def _rows(spec: ModelSpec, owner: User, high: dict[str, int]) -> Iterator[list[dict[str, Any]]]:
    """The owner's rows of a model, a chunk at a time, in id order (keyset paging), up to
    the highest id at the start of the backup (see `_high_water`)."""
    columns = _json_columns(spec)
    attnames = ["pk", *(attname for _key, attname, _j in columns)]
    manager = spec.model._base_manager
    last = 0
    while True:
        chunk = list(
            manager.filter(owner=owner, pk__gt=last, pk__lte=high[spec.label])
            .order_by("pk")
            .values_list(*attnames)[:CHUNK]
        )
        if not chunk:
            return
        last = chunk[-1][0]
        rows = []
        for values in chunk:
            row: dict[str, Any] = {"id": values[0]}
            for (key, _attname, _is_json), value in zip(columns, values[1:], strict=True):
                row[key] = _encode(value)
            rows.append(row)
        if spec.m2m:
            by_id = {row["id"]: row for row in rows}
            for row in rows:
                for name in spec.m2m:
                    row[name] = []
            for name in spec.m2m:
                m2m = spec.model._meta.get_field(name)
                through = m2m.remote_field.through  # type: ignore[union-attr]
                source = m2m.m2m_field_name()  # type: ignore[union-attr]
                target = m2m.m2m_reverse_field_name()  # type: ignore[union-attr]
                pairs = (
                    through.objects.filter(
                        **{
                            f"{source}_id__in": list(by_id),
                            f"{target}_id__lte": high[spec.m2m[name]],
                        }
                    )
                    .order_by(f"{source}_id", f"{target}_id")
                    .values_list(f"{source}_id", f"{target}_id")
                )
                for source_id, target_id in pairs:
                    by_id[source_id][name].append(target_id)
        yield rows


def _high_water(owner: User) -> dict[str, tuple[int, int]]:
    """(highest id, row count) of each model when the backup starts.

    Rows are read model by model while the account may still change; stopping at the ids
    of the start keeps rows added meanwhile out, so that no row of the archive points at a
    row the archive does not hold (ids only grow).
    """
    marks = {}
    for spec in model_specs():
        found = spec.model._base_manager.filter(owner=owner).aggregate(
            high=Max("pk"), count=Count("pk")
        )
        marks[spec.label] = (int(found["high"] or 0), int(found["count"]))
    return marks


def backup_counts(*, owner: User) -> dict[str, int]:
    """How many rows of each model the owner's archive holds."""
    return {label: count for label, (_high, count) in _high_water(owner).items()}


def backup_iter(*, owner: User, progress: Progress | None = None) -> Iterator[str]:
    """The owner's archive as pieces of JSON text, model by model, a chunk of rows at a time.

    `progress(model, done, total)` is called as rows of each model are written.
    """
    account = {f.name: _encode(getattr(owner, f.attname)) for f in account_fields()}
    marks = _high_water(owner)
    high = {label: mark for label, (mark, _count) in marks.items()}
    counts = {label: count for label, (_mark, count) in marks.items()}
    yield (
        "{"
        f'"format":{_dumps(FORMAT)},"version":{VERSION},'
        f'"created":{_dumps(timezone.now().isoformat())},\n'
        f'"account":{_dumps(account)},\n'
        f'"counts":{_dumps(counts)},\n'
        '"models":{'
    )
    for index, spec in enumerate(model_specs()):
        yield ("," if index else "") + f"\n{_dumps(spec.label)}:["
        done = 0
        total = counts[spec.label]
        if progress:
            progress(spec.label, 0, total)
        for rows in _rows(spec, owner, high):
            text = ",\n".join(_dumps(row) for row in rows)
            yield ("\n" if not done else ",\n") + text
            done += len(rows)
            if progress:
                progress(spec.label, done, max(done, total))
        yield "]"
    yield "\n}}\n"


def backup_write(*, owner: User, stream: IO[str], progress: Progress | None = None) -> None:
    """Write the owner's archive to a text stream."""
    for piece in backup_iter(owner=owner, progress=progress):
        stream.write(piece)


# Reading --------------------------------------------------------------------------------


class _Text(Protocol):
    def read(self, size: int = -1, /) -> str: ...


class _JsonStream:
    """An incremental reader of the archive: arrays of rows are walked one row at a time,
    so memory holds one chunk of text and one row, whatever the size of the file."""

    READ = 1 << 16
    MAX_VALUE = 1 << 24

    def __init__(self, stream: _Text) -> None:
        self.stream = stream
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        try:
            chunk = self.stream.read(self.READ)
        except UnicodeDecodeError:
            raise InvalidInput(_("The archive is not UTF-8 text.")) from None
        if not chunk:
            self.eof = True
            return False
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        return True

    def _broken(self) -> InvalidInput:
        return InvalidInput(
            _("The archive is not valid JSON (broken or truncated near character %(at)d).")
            % {"at": self.pos}
        )

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self._broken()
        self.pos += 1

    def value(self) -> Any:
        """One whole JSON value (a row, a string, the account object…)."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError:
                # Maybe only cut by the end of the buffer: read on, then try again (no
                # single value of an archive is anywhere near MAX_VALUE long).
                if len(self.buffer) - self.pos < self.MAX_VALUE and self._more():
                    continue
                raise self._broken() from None
            # A number at the very end of the buffer may go on in the next chunk.
            if end == len(self.buffer) and isinstance(value, int | float) and self._more():
                continue
            self.pos = end
            return value

    def items(self) -> Iterator[tuple[str, None]]:
        """The keys of an object, one at a time; the caller reads each value."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self._broken()
            self.expect(":")
            yield key, None
            nxt = self.peek()
            self.pos += 1
            if nxt == "}":
                return
            if nxt != ",":
                raise self._broken()

    def elements(self) -> Iterator[Any]:
        """The values of an array, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            nxt = self.peek()
            self.pos += 1
            if nxt == "]":
                return
            if nxt != ",":
                raise self._broken()

    def end(self) -> None:
        if self.peek() != "":
            raise self._broken()


# Restoring ------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    """How many rows of each model were restored."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _problem(label: str, row: object, message: str, field_name: str | None = None) -> InvalidInput:
    if field_name:
        message = _("%(field)s: %(message)s") % {"field": field_name, "message": message}
    text = _("%(model)s, row %(row)s: %(message)s") % {
        "model": label,
        "row": row,
        "message": message,
    }
    return InvalidInput(text, errors={"archive": [text]})


def account_is_empty(*, owner: User) -> bool:
    """True when the account holds none of the rows an archive brings (settings aside)."""
    return not any(
        spec.model._base_manager.filter(owner=owner).exists()
        for spec in model_specs()
        if not spec.singleton
    )


_MAX_ID = 2**63


class _IdMap:
    """Local id -> new id of one model. Local ids arrive in increasing order, so the map
    is two arrays searched by bisection: 16 bytes a row instead of a dict's ~100."""

    def __init__(self) -> None:
        self.old = array("q")
        self.new = array("q")
        self.last = 0

    def add(self, old: int, new: int) -> None:
        self.old.append(old)
        self.new.append(new)

    def get(self, old: int) -> int | None:
        at = bisect_left(self.old, old)
        if at < len(self.old) and self.old[at] == old:
            return self.new[at]
        return None

    def __getitem__(self, old: int) -> int:
        new = self.get(old)
        if new is None:
            raise KeyError(old)
        return new


class _Restorer:
    """One restore: the archive read front to back, rows written a chunk at a time."""

    def __init__(self, owner: User, progress: Progress | None) -> None:
        self.owner = owner
        self.progress = progress
        self.specs = {spec.label: spec for spec in model_specs()}
        # Local id in the archive -> new id, per model.
        self.ids: dict[str, _IdMap] = {}
        self.counts: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.db = connections[DEFAULT_DB_ALIAS]
        self.vendor = self.db.vendor

    # The archive, front to back -------------------------------------------------------

    def run(self, reader: _JsonStream) -> RestoreResult:
        header: dict[str, Any] = {}
        if reader.peek() != "{":
            raise InvalidInput(_("This file is not an Entregent backup (not a JSON object)."))
        for key, _none in reader.items():
            if key == "models":
                # Checked before any row is written: a newer archive is refused whole.
                self._check_header(header)
                self._models(reader)
            else:
                header[key] = reader.value()
        reader.end()
        self._check_header(header)
        self._account(header.get("account"))
        self._reindex()
        return RestoreResult(counts=self.counts)

    def _check_header(self, header: dict[str, Any]) -> None:
        if header.get("format") != FORMAT:
            raise InvalidInput(
                _("This file is not an Entregent backup (its format is not “%(format)s”).")
                % {"format": FORMAT}
            )
        version = header.get("version")
        if version != VERSION:
            raise InvalidInput(
                _(
                    "This backup has version %(version)s; this Entregent reads version "
                    "%(supported)d. Restore it with a matching version of Entregent."
                )
                % {"version": str(version)[:20], "supported": VERSION}
            )
        counts = header.get("counts")
        if isinstance(counts, dict):
            self.totals = {
                k: v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)
            }

    def _models(self, reader: _JsonStream) -> None:
        for label, _none in reader.items():
            spec = self.specs.get(label)
            if spec is None:
                raise InvalidInput(
                    _("The archive holds “%(model)s”, which this Entregent does not know.")
                    % {"model": str(label)[:80]}
                )
            if label in self.ids:
                raise InvalidInput(
                    _("The archive holds “%(model)s” twice.") % {"model": label[:80]}
                )
            self._model(spec, reader)

    def _account(self, account: object) -> None:
        if account is None:
            return
        if not isinstance(account, dict):
            raise InvalidInput(_("The archive's account settings are not an object."))
        user = self.owner
        changed = []
        for f in account_fields():
            if f.name not in account:
                continue
            try:
                setattr(user, f.attname, f.clean(account[f.name], user))
            except ValidationError as exc:
                raise _problem("account", "-", "; ".join(exc.messages), f.name) from None
            changed.append(f.name)
        if changed:
            user.save(update_fields=changed)

    # One model --------------------------------------------------------------------------

    def _model(self, spec: ModelSpec, reader: _JsonStream) -> None:
        label = spec.label
        if spec.singleton:
            # A settings row (one per account): the archive's replaces the current one.
            spec.model._base_manager.filter(owner=self.owner).delete()
        self.ids[label] = _IdMap()
        self.counts[label] = 0
        # (local id of the row, field, local id of the target): set once all rows are in.
        later: list[tuple[int, str, int]] = []
        pending: list[Model] = []
        # (local id of the row, m2m field, new ids of the targets)
        links: list[tuple[int, str, list[int]]] = []
        total = self.totals.get(label, 0)
        if self.progress:
            self.progress(label, 0, total)
        for index, row in enumerate(reader.elements()):
            pending.append(self._build(spec, row, index, links, later))
            if len(pending) >= CHUNK:
                self._flush(spec, pending, links)
                pending, links = [], []
                if self.progress:
                    self.progress(label, self.counts[label], max(total, self.counts[label]))
        self._flush(spec, pending, links)
        if later:
            self._second_pass(spec, later)
        if self.progress:
            self.progress(label, self.counts[label], max(total, self.counts[label]))

    def _build(
        self,
        spec: ModelSpec,
        row: object,
        index: int,
        links: list[tuple[int, str, list[int]]],
        later: list[tuple[int, str, int]],
    ) -> Model:
        label = spec.label
        if not isinstance(row, dict):
            raise _problem(label, index + 1, _("a row must be a JSON object."))
        local_id = row.get("id")
        if (
            isinstance(local_id, bool)
            or not isinstance(local_id, int)
            or not 0 < local_id < _MAX_ID
        ):
            raise _problem(label, index + 1, _("the row has no valid id (a whole number from 1)."))
        # Ids increase within a model (the archive is written in id order): duplicates are
        # caught here, and the id map stays two compact arrays.
        if local_id <= self.ids[label].last:
            if local_id == self.ids[label].last:
                raise _problem(label, local_id, _("this id appears twice."))
            raise _problem(
                label, local_id, _("the rows of a model must come in increasing id order.")
            )
        self.ids[label].last = local_id
        known = {f.name for f in spec.fields} | set(spec.m2m) | {"id"}
        unknown = sorted(set(row) - known)
        if unknown:
            raise _problem(label, local_id, _("unknown field."), str(unknown[0])[:80])
        obj = spec.model(owner=self.owner)
        for f in spec.fields:
            if f.name not in row:
                if f.has_default() or f.null:
                    continue  # an archive older than the field: its default
                raise _problem(label, local_id, _("this field is missing."), f.name)
            raw = row[f.name]
            if f.name in spec.links:
                setattr(obj, f.attname, self._link(spec, f, raw, local_id, later))
                continue
            try:
                value = f.to_python(raw)
            except ValidationError as exc:
                raise _problem(label, local_id, "; ".join(exc.messages), f.name) from None
            setattr(obj, f.attname, value)
        exclude = [*spec.links, "owner"]
        try:
            full_clean_or_raise(obj, exclude=exclude)
        except InvalidInput as exc:
            raise _problem(label, local_id, exc.message) from None
        for name, target in spec.m2m.items():
            raw = row.get(name, [])
            if not isinstance(raw, list):
                raise _problem(label, local_id, _("must be a list of ids."), name)
            mapped = [self._target(spec, name, target, ref, local_id) for ref in raw]
            if mapped:
                links.append((local_id, name, mapped))
        # Remembered until the row's new id is known (see _flush).
        obj._backup_local_id = local_id  # type: ignore[attr-defined]
        return obj

    def _target(self, spec: ModelSpec, name: str, target: str, ref: object, local_id: int) -> int:
        new = None
        if isinstance(ref, int) and not isinstance(ref, bool):
            new = self.ids[target].get(ref) if target in self.ids else None
        if new is None:
            raise _problem(
                spec.label,
                local_id,
                _("refers to %(model)s %(id)s, which is not in the archive before it.")
                % {"model": target, "id": str(ref)[:20]},
                name,
            )
        return new

    def _link(
        self,
        spec: ModelSpec,
        f: models.Field[Any, Any],
        raw: object,
        local_id: int,
        later: list[tuple[int, str, int]],
    ) -> int | None:
        target = spec.links[f.name]
        if raw is None:
            if not f.null:
                raise _problem(spec.label, local_id, _("This field cannot be null."), f.name)
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _problem(spec.label, local_id, _("must be an id."), f.name)
        if target == "":
            return int(self.owner.pk)
        if target == "-":
            return None
        if f.name in spec.deferred:
            later.append((local_id, f.name, raw))
            return None
        return self._target(spec, f.name, target, raw, local_id)

    def _flush(
        self, spec: ModelSpec, pending: list[Model], links: list[tuple[int, str, list[int]]]
    ) -> None:
        if not pending:
            return
        ids = self.ids[spec.label]
        for obj, new in zip(pending, reserve_ids(spec.model, len(pending)), strict=True):
            obj.pk = new
            ids.add(obj._backup_local_id, new)  # type: ignore[attr-defined]
        fields = [_field(spec.model, "id"), _field(spec.model, "owner"), *spec.fields]
        # Values go in as they are (no save(), no pre_save), so auto_now and auto_now_add
        # keep the archive's `created` and `updated`, as when Django loads fixtures.
        rows = [
            tuple(f.get_db_prep_save(getattr(obj, f.attname), self.db) for f in fields)
            for obj in pending
        ]
        first = pending[0]._backup_local_id  # type: ignore[attr-defined]
        last = pending[-1]._backup_local_id  # type: ignore[attr-defined]
        try:
            # A savepoint, so that PostgreSQL can still answer after a refused insert.
            with transaction.atomic():
                self._insert(spec.model._meta.db_table, [str(f.column) for f in fields], rows)
                for name in spec.m2m:
                    self._insert_links(spec, name, [item for item in links if item[1] == name])
        except IntegrityError as exc:
            raise _problem(
                spec.label,
                f"{first}-{last}" if first != last else first,
                _("these rows clash with each other or with a rule (%(error)s).")
                % {"error": str(exc).strip()[:200]},
            ) from None
        self.counts[spec.label] += len(pending)

    def _insert_links(
        self, spec: ModelSpec, name: str, links: list[tuple[int, str, list[int]]]
    ) -> None:
        if not links:
            return
        m2m = spec.model._meta.get_field(name)
        through = m2m.remote_field.through  # type: ignore[union-attr]
        source = m2m.m2m_field_name()  # type: ignore[union-attr]
        target = m2m.m2m_reverse_field_name()  # type: ignore[union-attr]
        ids = self.ids[spec.label]
        columns = [str(_field(through, source).column), str(_field(through, target).column)]
        rows = [
            (ids[local], new) for local, _name, targets in links for new in dict.fromkeys(targets)
        ]
        self._insert(through._meta.db_table, columns, rows)

    def _insert(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows of database values, many at a time (as the demo generator does)."""
        if not rows:
            return
        quote = self.db.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        with self.db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608 - quoted model table
                rows,
            )

    def _second_pass(self, spec: ModelSpec, later: list[tuple[int, str, int]]) -> None:
        """Set the links deferred to rows of the same model (or of a cycle)."""
        by_field: dict[str, list[tuple[int, int]]] = {}
        for local, name, target_local in later:
            targets = self.ids.get(spec.links[name])
            target = targets.get(target_local) if targets else None
            if target is None:
                raise _problem(
                    spec.label,
                    local,
                    _("refers to %(model)s %(id)s, which is not in the archive.")
                    % {"model": spec.links[name], "id": target_local},
                    name,
                )
            by_field.setdefault(name, []).append((self.ids[spec.label][local], target))
        manager = spec.model._base_manager
        for name, pairs in by_field.items():
            attname = cast("models.Field[Any, Any]", spec.model._meta.get_field(name)).attname
            for start in range(0, len(pairs), 500):
                part = pairs[start : start + 500]
                # `update` sets only this column: `updated` keeps the archive's value.
                manager.filter(pk__in=[pk for pk, _t in part]).update(
                    **{attname: Case(*(When(pk=pk, then=Value(t)) for pk, t in part))}
                )

    # Derived rows -----------------------------------------------------------------------

    def _reindex(self) -> None:
        """Rebuild the search index of the restored people, the way person_reindex does."""
        from entregent.people.models import EmailAddress, Fact, Person, SearchTerm
        from entregent.people.services import person_terms

        restored = self.ids.get(_label(Person))
        new_ids = sorted(restored.new) if restored else []
        owner_id = int(self.owner.pk)
        for start in range(0, len(new_ids), CHUNK):
            part = new_ids[start : start + CHUNK]
            people = Person.objects.filter(pk__in=part).values_list(
                "pk", "full_name", "headline", "city", "notes", "how_we_met", "organization__name"
            )
            tags: dict[int, list[str]] = {}
            for pk, name in Person.tags.through.objects.filter(person_id__in=part).values_list(
                "person_id", "tag__name"
            ):
                tags.setdefault(pk, []).append(name)
            facts: dict[int, list[str]] = {}
            for pk, text in Fact.objects.filter(person_id__in=part).values_list(
                "person_id", "text"
            ):
                facts.setdefault(pk, []).append(text)
            emails: dict[int, list[str]] = {}
            for pk, address in EmailAddress.objects.filter(person_id__in=part).values_list(
                "person_id", "address"
            ):
                emails.setdefault(pk, []).append(address)
            rows: list[tuple[int, int, str]] = []
            for pk, full_name, headline, city, notes, how_we_met, org in people:
                terms = person_terms(
                    full_name=full_name,
                    headline=headline,
                    city=city,
                    notes=notes,
                    how_we_met=how_we_met,
                    organization=org or "",
                    tags=tags.get(pk, ()),
                    facts=facts.get(pk, ()),
                    emails=emails.get(pk, ()),
                )
                rows.extend((owner_id, pk, term) for term in terms)
            columns = [str(_field(SearchTerm, f).column) for f in ("owner", "person", "term")]
            self._insert(SearchTerm._meta.db_table, columns, rows)


# Services -------------------------------------------------------------------------------


def restore(*, owner: User, stream: IO[bytes], progress: Progress | None = None) -> RestoreResult:
    """Load an archive into an account with no data, in one transaction.

    Any problem (not an archive, another version, a row that does not validate, a link to
    a row that is not there) raises InvalidInput naming the model, the row and the field,
    and nothing is written. A non-empty account is refused with Conflict.
    """
    # codecs' reader needs only read(): uploaded files and open files alike.
    text = codecs.getreader("utf-8-sig")(stream)
    with transaction.atomic():
        if not account_is_empty(owner=owner):
            raise Conflict(
                _(
                    "This account already holds data: restore a backup only into an empty "
                    "account (create a new one, e.g. with `entregent user create`)."
                )
            )
        return _Restorer(owner, progress).run(_JsonStream(text))


def backup_filename(*, owner: User, when: dt.datetime | None = None) -> str:
    """A download name like entregent-alice-2026-11-22.json."""
    moment = timezone.localtime(when or timezone.now())
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in owner.get_username())[:40]
    return f"entregent-{safe}-{moment:%Y-%m-%d}.json"
