"""The import engine: records in, people matched, merged and written in one transaction.

`import_records` takes the stream of `ContactRecord`/`SkippedRecord` a reader yields and
works through it in chunks of `CHUNK_SIZE` records, so memory stays bounded whatever the
size of the file:

1. each record is cleaned with the same rules as the people services (a bad e-mail, a name
   too long: the record is skipped with its line and the field, never a crash);
2. the chunk's keys are looked up in a handful of queries (one per kind of key, never one
   per record): source key, e-mail, E.164 phone, LinkedIn URL, exact normalised name;
3. a record that matches is merged into that person (new e-mails, phones, links, tags and
   kept values are added, empty fields filled; nothing is overwritten), the others are new
   people written with one batched insert per table; a record whose only likeness to
   someone is a fuzzy name is imported as new but counted as a likely duplicate (or
   skipped, when asked).

Everything runs inside one transaction: a failure anywhere (a broken file half-way, a
database error) leaves nothing written. A preview is the same run rolled back at the end,
so what the preview says is exactly what the commit will do, including records of the
same file that match each other across chunks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from entregent.accounts.models import User
from entregent.core.demo import _Writer
from entregent.core.errors import InvalidInput
from entregent.core.services import full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.encounters.choices import Channel, Initiator
from entregent.encounters.models import Encounter
from entregent.exchange.choices import Outcome
from entregent.exchange.models import ImportKey, KeptField
from entregent.exchange.records import ContactRecord, FormatError, SkippedRecord
from entregent.people.choices import MilestoneKind
from entregent.people.models import (
    EmailAddress,
    Link,
    Milestone,
    Organization,
    Person,
    PhoneNumber,
    SearchTerm,
    Tag,
)
from entregent.people.normalize import (
    PhoneError,
    fold,
    link_kind_for,
    normalize_phone,
)
from entregent.people.services import (
    _apply_names,
    _clean_emails,
    _clean_links,
    _clean_tags,
    organization_get_or_create,
    person_reindex,
    person_terms,
)

CHUNK_SIZE = 1000
_WORDS = re.compile(r"\w+")
SAMPLE_SIZE = 5
MAX_SKIPPED_LISTED = 1000
# Fuzzy-name candidates looked at per chunk, so a common family name cannot blow up a chunk.
MAX_FUZZY_CANDIDATES = 5_000
MAX_POOL = 200
FUZZY_THRESHOLD = 88
LABEL_LENGTH = 40
KEPT_NAME_LENGTH = 200
KEPT_PARAMS_LENGTH = 500
KEY_LENGTH = 500

# Record fields with no column of their own are kept under this source format, so export
# gives them back to the record.
RECORD = "record"
RECORD_FIELDS = ("middle_name", "prefix", "suffix", "nickname", "department", "region", "country")

Progress = Callable[[int], None]


class _Rollback(Exception):
    """Raised at the end of a preview to undo everything it wrote."""


@dataclass
class ImportReport:
    """What an import did (or, for a preview, would do): counts, samples, skipped records."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: int = 0
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped_records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.duplicates + self.skipped

    def count(self, outcome: str, sample: dict[str, Any]) -> None:
        if outcome == Outcome.NEW:
            self.new += 1
        elif outcome == Outcome.UPDATED:
            self.updated += 1
        elif outcome == Outcome.UNCHANGED:
            self.unchanged += 1
        elif outcome == Outcome.DUPLICATE:
            self.duplicates += 1
        group = self.samples.setdefault(str(outcome), [])
        if len(group) < SAMPLE_SIZE:
            group.append(sample)

    def skip(self, line: int, reason: str, field_name: str = "") -> None:
        self.skipped += 1
        if len(self.skipped_records) < MAX_SKIPPED_LISTED:
            self.skipped_records.append({"line": line, "reason": reason, "field": field_name})

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {
                "new": self.new,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "duplicates": self.duplicates,
                "skipped": self.skipped,
                "total": self.total,
            },
            "samples": self.samples,
            "skipped": self.skipped_records,
            "skipped_listed": len(self.skipped_records),
        }


@dataclass
class Kept:
    source: str
    name: str
    params: str
    value: str

    def key(self) -> tuple[str, str, str, str]:
        return (self.source, self.name, self.params, self.value)


@dataclass
class Prepared:
    """A record cleaned by the people services' rules, ready to match and write."""

    line: int
    full_name: str
    given_name: str
    family_name: str
    headline: str
    organization: str
    city: str
    notes: str
    emails: list[tuple[str, str]]
    phones: list[tuple[str, str]]
    links: list[tuple[str, str]]
    tags: list[str]
    birthday: dt.date | None
    connected_on: dt.date | None
    source_key: str
    kept: list[Kept]
    sort_name: str = ""

    def sample(self) -> dict[str, Any]:
        return {"line": self.line, "name": self.full_name}


def _label(text: str) -> str:
    return " ".join(clean_text(text).split())[:LABEL_LENGTH]


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL in one canonical form, for matching ("" for other links)."""
    text = url.strip().lower()
    for scheme in ("https://", "http://"):
        text = text.removeprefix(scheme)
    text = text.removeprefix("www.")
    if not text.startswith("linkedin.com/in/"):
        return ""
    return text.split("?")[0].split("#")[0].rstrip("/")


def _linkedin_variants(key: str) -> list[str]:
    return [
        f"{scheme}{www}{key}{slash}"
        for scheme in ("https://", "http://")
        for www in ("www.", "")
        for slash in ("", "/")
    ]


def prepare(record: ContactRecord, *, region: str, source_format: str) -> Prepared:
    """Clean a record like the people services would, or raise InvalidInput naming the field."""
    probe = Person(owner_id=0)
    given = record.given_name.strip()
    full = record.display_name()
    _apply_names(probe, full, given, record.family_name)
    probe.headline = clean_text(record.role)
    probe.city = clean_text(record.city)
    probe.notes = clean_text(record.notes, multiline=True)
    full_clean_or_raise(probe, exclude=["owner", "organization", "sort_name", "circle"])
    organization = clean_text(record.organization)
    if len(organization) > Organization._meta.get_field("name").max_length:  # type: ignore[operator]
        raise InvalidInput.for_field("organization", _("This name is too long."))
    emails: list[tuple[str, str]] = []
    labels = {clean_text(e.value).lower(): e.label for e in record.emails}
    for address in _clean_emails([e.value for e in record.emails]):
        emails.append((address, _label(labels.get(address, ""))))
    # An address with only a city, region and country says nothing the fields do not (our
    # own vCard export writes one so): keeping it would make a round trip add a field.
    plain_address = f";;;{record.city};{record.region};;{record.country}"
    kept: list[Kept] = [
        Kept(source_format, k.name[:KEPT_NAME_LENGTH], k.params[:KEPT_PARAMS_LENGTH], k.value)
        for k in record.kept
        if not (k.name.upper() == "ADR" and not k.params and k.value == plain_address)
    ]
    phones = _phones(record, region, kept)
    links = _links(record, kept)
    for name in RECORD_FIELDS:
        value = clean_text(str(getattr(record, name) or ""))
        if value:
            kept.append(Kept(RECORD, name, "", value))
    if record.birthday_month_day and not record.birthday:
        month, day = record.birthday_month_day
        kept.append(Kept(RECORD, "birthday_month_day", "", f"--{month:02d}{day:02d}"))
    if record.connected_on:
        kept.append(Kept(RECORD, "connected_on", "", record.connected_on.isoformat()))
    try:
        tags = _clean_tags(record.tags)
    except InvalidInput:
        tags = []
        kept.extend(Kept(RECORD, "tag", "", clean_text(t)) for t in record.tags)
    prepared = Prepared(
        line=record.line,
        full_name=probe.full_name,
        given_name=probe.given_name,
        family_name=probe.family_name,
        headline=probe.headline,
        organization=organization,
        city=probe.city,
        notes=probe.notes,
        emails=emails,
        phones=phones,
        links=links,
        tags=tags,
        birthday=record.birthday,
        connected_on=record.connected_on,
        source_key=clean_text(record.source_key)[:KEY_LENGTH],
        kept=_unique_kept(kept),
    )
    prepared.sort_name = probe.sort_name
    return prepared


def _phones(record: ContactRecord, region: str, kept: list[Kept]) -> list[tuple[str, str]]:
    """The record's phones in E.164; one that cannot be dialled is kept as written."""
    phones: list[tuple[str, str]] = []
    for phone in record.phones:
        if not clean_text(phone.value):
            continue
        try:
            number = normalize_phone(phone.value, region)
        except PhoneError:
            kept.append(Kept(RECORD, "phone", _label(phone.label), clean_text(phone.value)))
            continue
        if number not in {n for n, _l in phones}:
            phones.append((number, _label(phone.label)))
    return phones


def _links(record: ContactRecord, kept: list[Kept]) -> list[tuple[str, str]]:
    """The record's web addresses; one that is not valid is kept as written."""
    links: list[tuple[str, str]] = []
    for link in record.links:
        try:
            cleaned = _clean_links([link.value])
        except InvalidInput:
            kept.append(Kept(RECORD, "link", _label(link.label), clean_text(link.value)))
            continue
        for url in cleaned:
            if url not in {u for u, _l in links}:
                links.append((url, _label(link.label)))
    return links


def _unique_kept(kept: list[Kept]) -> list[Kept]:
    seen: set[tuple[str, str, str, str]] = set()
    result = []
    for item in kept:
        if item.key() not in seen:
            seen.add(item.key())
            result.append(item)
    return result


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def import_records(
    *,
    owner: User,
    records: Iterable[ContactRecord | SkippedRecord],
    source_format: str,
    dry_run: bool = False,
    skip_duplicates: bool = False,
    progress: Progress | None = None,
    chunk_size: int = CHUNK_SIZE,
    fail_after: int | None = None,
) -> ImportReport:
    """Import records for `owner` in one transaction; with `dry_run`, roll it all back.

    A `FormatError` from the reader becomes an InvalidInput naming the line, and nothing is
    written. `fail_after` (tests only) raises after that many chunks, to prove atomicity.
    """
    report = ImportReport()
    try:
        with transaction.atomic():
            engine = _Engine(owner, source_format, report, skip_duplicates)
            for number, chunk in enumerate(_chunks(records, chunk_size), start=1):
                engine.chunk(chunk)
                if progress is not None:
                    progress(report.total)
                if fail_after is not None and number >= fail_after:
                    raise RuntimeError("injected failure")
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except FormatError as exc:
        message = (
            _("Line %(line)d: %(message)s") % {"line": exc.line, "message": exc.message}
            if exc.line
            else exc.message
        )
        raise InvalidInput(message, errors={"file": [message]}) from None
    return report


@dataclass
class _Pending:
    """A new person planned in the current chunk (records of the same chunk may merge into it)."""

    prepared: Prepared
    outcome: str
    sample: dict[str, Any]


@dataclass
class _Existing:
    """An existing person and what they already have, loaded once per chunk."""

    person: Person
    emails: set[str]
    phones: set[str]
    links: set[str]
    tags: set[str]
    kept: set[tuple[str, str, str, str]]
    keys: set[str]
    has_birthday: bool
    next_position: dict[str, int]


@dataclass
class _Index:
    """The chunk's keys and who has them: existing people (positive ids) and people planned
    in this chunk (negative ids)."""

    keys: dict[str, int] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    phones: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    names: dict[str, list[int]] = field(default_factory=dict)
    name_orgs: dict[int, str] = field(default_factory=dict)
    # People (among the same-name candidates) who have an e-mail or a phone: two people
    # with the same name and different contact details are not taken for one another.
    reachable: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, owner_id: int, prepared: list[Prepared]) -> _Index:
        """One query per kind of key for the whole chunk."""
        index = cls()
        source_keys = {r.source_key for r in prepared if r.source_key}
        addresses = {a for r in prepared for a, _l in r.emails}
        numbers = {n for r in prepared for n, _l in r.phones}
        li_keys = {k for r in prepared for u, _l in r.links if (k := linkedin_key(u))}
        sort_names = {r.sort_name for r in prepared if r.sort_name}
        if source_keys:
            index.keys = dict(
                ImportKey.objects.filter(owner_id=owner_id, key__in=source_keys).values_list(
                    "key", "person_id"
                )
            )
        if addresses:
            rows = EmailAddress.objects.filter(owner_id=owner_id, address__in=addresses)
            for address, pid in rows.order_by("person_id").values_list("address", "person_id"):
                index.emails.setdefault(address, pid)
        if numbers:
            phone_rows = PhoneNumber.objects.filter(owner_id=owner_id, number__in=numbers)
            for number, pid in phone_rows.order_by("person_id").values_list("number", "person_id"):
                index.phones.setdefault(number, pid)
        if li_keys:
            variants = [v for k in li_keys for v in _linkedin_variants(k)]
            link_rows = Link.objects.filter(owner_id=owner_id, url__in=variants)
            for url, pid in link_rows.order_by("person_id").values_list("url", "person_id"):
                index.links.setdefault(linkedin_key(url), pid)
        if sort_names:
            people = Person.objects.filter(owner_id=owner_id, sort_name__in=sort_names)
            for pid, sort_name, org in people.order_by("id").values_list(
                "id", "sort_name", "organization__name"
            ):
                index.names.setdefault(sort_name, []).append(pid)
                index.name_orgs[pid] = fold(org or "")
            candidates = [pid for pids in index.names.values() for pid in pids]
            if candidates:
                for contact_model in (EmailAddress, PhoneNumber):
                    index.reachable.update(
                        contact_model.objects.filter(
                            owner_id=owner_id, person_id__in=candidates
                        ).values_list("person_id", flat=True)
                    )
        return index

    def match(self, record: Prepared) -> int | None:
        """Who the record is: by source key, e-mail, phone, LinkedIn URL, then exact name."""
        if record.source_key and record.source_key in self.keys:
            return self.keys[record.source_key]
        for address, _l in record.emails:
            if address in self.emails:
                return self.emails[address]
        for number, _l in record.phones:
            if number in self.phones:
                return self.phones[number]
        for url, _l in record.links:
            key = linkedin_key(url)
            if key and key in self.links:
                return self.links[key]
        # Same name: the same person when the organizations agree (or one side has none),
        # unless both sides have contact details and none of them matched above — then they
        # are two people who share a name (a likely duplicate at most, for review).
        org = fold(record.organization)
        reachable = bool(record.emails or record.phones)
        for pid in self.names.get(record.sort_name, []):
            other = self.name_orgs.get(pid, "")
            if reachable and pid in self.reachable:
                continue
            if not org or not other or org == other:
                return pid
        return None

    def register(self, record: Prepared, pid: int) -> None:
        """A person planned in this chunk: later records of the chunk match them too."""
        if record.source_key:
            self.keys.setdefault(record.source_key, pid)
        for address, _l in record.emails:
            self.emails.setdefault(address, pid)
        for number, _l in record.phones:
            self.phones.setdefault(number, pid)
        for url, _l in record.links:
            if key := linkedin_key(url):
                self.links.setdefault(key, pid)
        self.names.setdefault(record.sort_name, []).append(pid)
        self.name_orgs[pid] = fold(record.organization)
        if record.emails or record.phones:
            self.reachable.add(pid)


class _Engine:
    def __init__(self, owner: User, source_format: str, report: ImportReport, skip: bool):
        self.owner = owner
        self.region = owner.default_phone_region()
        self.source_format = source_format
        self.report = report
        self.skip_duplicates = skip
        self.org_ids: dict[str, int] = {}
        self.tag_ids: dict[str, int] = {
            name.casefold(): pk
            for pk, name in Tag.objects.filter(owner=owner).values_list("id", "name")
        }
        self.today = timezone.localdate()
        self.check_in = self.today + dt.timedelta(days=owner.cadence_for("active"))
        self.how_we_met_linkedin = _("Connected on LinkedIn")

    # Matching --------------------------------------------------------------------------

    def chunk(self, items: list[ContactRecord | SkippedRecord]) -> None:
        prepared: list[Prepared] = []
        for item in items:
            if isinstance(item, SkippedRecord):
                self.report.skip(item.line, item.reason)
                continue
            try:
                prepared.append(prepare(item, region=self.region, source_format=self.source_format))
            except InvalidInput as exc:
                field_name = next(iter(exc.errors), "")
                self.report.skip(item.line, exc.message, field_name)
        if not prepared:
            return
        index = _Index.load(self.owner.pk, prepared)
        pending: list[_Pending] = []
        # Keys of people planned in this chunk: negative ids, -(index + 1) in `pending`.
        updates: dict[int, list[Prepared]] = {}
        unmatched: list[Prepared] = []
        matched: list[tuple[Prepared, int]] = []
        for record in prepared:
            pid = index.match(record)
            if pid is None:
                unmatched.append(record)
            else:
                matched.append((record, pid))
        fuzzy = self._fuzzy(unmatched) if unmatched else {}
        order: list[tuple[Prepared, int | None]] = [*matched, *((r, None) for r in unmatched)]
        order.sort(key=lambda pair: pair[0].line)
        for record, found in order:
            pid = found if found is not None else index.match(record)
            if pid is not None and pid < 0:
                planned = pending[-pid - 1]
                _merge_prepared(planned.prepared, record)
                self.report.count(Outcome.UPDATED, record.sample())
                continue
            if pid is not None:
                updates.setdefault(pid, []).append(record)
                continue
            like = fuzzy.get(id(record))
            sample = record.sample()
            if like is not None:
                sample["duplicate_of"] = {"id": like[0], "name": like[1]}
                if self.skip_duplicates:
                    reason = _("Likely a duplicate of %(name)s (#%(id)d).") % {
                        "name": like[1],
                        "id": like[0],
                    }
                    self.report.skip(record.line, reason)
                    continue
            outcome = Outcome.DUPLICATE if like is not None else Outcome.NEW
            pending.append(_Pending(record, outcome, sample))
            index.register(record, -len(pending))
        if pending:
            self._create(pending)
        if updates:
            self._update(updates)

    def _fuzzy(self, records: list[Prepared]) -> dict[int, tuple[int, str]]:
        """Records whose name is close to an existing person's: {id(record): (pk, name)}.

        Blocking keeps it linear: candidates are the people sharing a word of the record's
        family name, found through the search index in one query for the chunk (at most
        `MAX_FUZZY_CANDIDATES`, and `MAX_POOL` per word); names are compared folded, in any
        order, with initials and name prefixes counting ("J. Smith", "Rob Smith"). Finer
        cases (nicknames, swapped names) are the dedupe page's.
        """
        words: set[str] = set()
        for record in records:
            words.update(w for w in _WORDS.findall(fold(record.family_name)) if len(w) >= 2)
        if not words:
            return {}
        ids = (
            SearchTerm.objects.filter(owner_id=self.owner.pk, term__in=words)
            .values_list("person_id", flat=True)
            .distinct()[:MAX_FUZZY_CANDIDATES]
        )
        candidates = Person.objects.filter(pk__in=list(ids)).values_list(
            "id", "full_name", "given_name", "family_name"
        )
        by_family: dict[str, list[tuple[int, str, str]]] = {}
        for pid, full, given, family in candidates:
            entry = (pid, full, fold(f"{given} {family}"))
            for word in _WORDS.findall(fold(family)):
                pool = by_family.setdefault(word, [])
                if len(pool) < MAX_POOL:
                    pool.append(entry)
        found: dict[int, tuple[int, str]] = {}
        for record in records:
            mine = fold(f"{record.given_name} {record.family_name}")
            seen: set[int] = set()
            for word in _WORDS.findall(fold(record.family_name)):
                for pid, full, theirs in by_family.get(word, []):
                    if pid in seen:
                        continue
                    seen.add(pid)
                    if _names_alike(mine, theirs):
                        found[id(record)] = (pid, full)
                        break
                if id(record) in found:
                    break
        return found

    # Writing ---------------------------------------------------------------------------

    def _organization_id(self, name: str) -> int | None:
        if not name:
            return None
        key = name.casefold()
        if key not in self.org_ids:
            self.org_ids[key] = organization_get_or_create(owner=self.owner, name=name).pk
        return self.org_ids[key]

    def _tag_ids(self, names: list[str]) -> list[int]:
        result = []
        for name in names:
            key = name.casefold()
            if key not in self.tag_ids:
                self.tag_ids[key] = Tag.objects.create(owner=self.owner, name=name).pk
            result.append(self.tag_ids[key])
        return result

    def _create(self, pending: list[_Pending]) -> None:
        owner_id = self.owner.pk
        people = [
            Person(
                owner_id=owner_id,
                full_name=p.prepared.full_name,
                given_name=p.prepared.given_name,
                family_name=p.prepared.family_name,
                sort_name=p.prepared.sort_name,
                headline=p.prepared.headline,
                organization_id=self._organization_id(p.prepared.organization),
                city=p.prepared.city,
                notes=p.prepared.notes,
                how_we_met=self.how_we_met_linkedin if p.prepared.connected_on else "",
                next_check_in=self.check_in,
            )
            for p in pending
        ]
        Person.objects.bulk_create(people)
        children = _Children()
        for person, item in zip(people, pending, strict=True):
            record = item.prepared
            children.add_contacts(person.pk, owner_id, record, {})
            children.add_kept(person.pk, owner_id, record.kept, 0)
            if record.source_key:
                children.keys.append(
                    ImportKey(owner_id=owner_id, person_id=person.pk, key=record.source_key)
                )
            for tag_id in self._tag_ids(record.tags):
                children.tags.append((person.pk, tag_id))
            if record.birthday:
                children.milestones.append(_birthday(owner_id, person.pk, record.birthday))
            if record.connected_on:
                children.encounters.append((person.pk, record.connected_on))
            terms = person_terms(
                full_name=person.full_name,
                headline=person.headline,
                city=person.city,
                notes=person.notes,
                how_we_met=person.how_we_met,
                organization=record.organization,
                tags=record.tags,
                emails=[a for a, _l in record.emails],
            )
            children.terms.extend((owner_id, person.pk, t) for t in terms)
            item.sample["id"] = person.pk
            self.report.count(item.outcome, item.sample)
        children.write(owner_id, self.how_we_met_linkedin)

    def _load(self, ids: list[int]) -> dict[int, _Existing]:
        people = Person.objects.filter(owner_id=self.owner.pk, pk__in=ids).select_related(
            "organization"
        )
        loaded = {
            p.pk: _Existing(p, set(), set(), set(), set(), set(), set(), False, {}) for p in people
        }

        def position(state: _Existing, kind: str, value: int) -> None:
            state.next_position[kind] = max(state.next_position.get(kind, 0), value + 1)

        for pid, address, pos in EmailAddress.objects.filter(person_id__in=ids).values_list(
            "person_id", "address", "position"
        ):
            loaded[pid].emails.add(address)
            position(loaded[pid], "email", pos)
        for pid, number, pos in PhoneNumber.objects.filter(person_id__in=ids).values_list(
            "person_id", "number", "position"
        ):
            loaded[pid].phones.add(number)
            position(loaded[pid], "phone", pos)
        for pid, url, pos in Link.objects.filter(person_id__in=ids).values_list(
            "person_id", "url", "position"
        ):
            loaded[pid].links.add(url)
            position(loaded[pid], "link", pos)
        through = Person.tags.through
        for pid, name in through.objects.filter(person_id__in=ids).values_list(
            "person_id", "tag__name"
        ):
            loaded[pid].tags.add(name.casefold())
        for pid, source, name, params, value, pos in KeptField.objects.filter(
            person_id__in=ids
        ).values_list("person_id", "source_format", "name", "params", "value", "position"):
            loaded[pid].kept.add((source, name, params, value))
            position(loaded[pid], "kept", pos)
        for pid, key in ImportKey.objects.filter(person_id__in=ids).values_list("person_id", "key"):
            loaded[pid].keys.add(key)
        for pid in Milestone.objects.filter(
            person_id__in=ids, kind=MilestoneKind.BIRTHDAY
        ).values_list("person_id", flat=True):
            loaded[pid].has_birthday = True
        return loaded

    def _update(self, updates: dict[int, list[Prepared]]) -> None:
        loaded = self._load(list(updates))
        children = _Children()
        changed_people: list[Person] = []
        for pid, records in updates.items():
            state = loaded[pid]
            changed = False
            for record in records:
                changes = self._merge_record(state, record, children)
                sample = record.sample()
                sample["id"] = pid
                if changes:
                    sample["changes"] = changes
                    changed = True
                    self.report.count(Outcome.UPDATED, sample)
                else:
                    self.report.count(Outcome.UNCHANGED, sample)
            if changed:
                changed_people.append(state.person)
        children.write(self.owner.pk, self.how_we_met_linkedin)
        for person in changed_people:
            person.save()
            person_reindex(person=person)

    def _merge_record(self, state: _Existing, record: Prepared, children: _Children) -> list[str]:
        """Add what the record has and the person lacks; the names of what changed."""
        owner_id, pid = self.owner.pk, state.person.pk
        changes = self._fill(state.person, record)
        addition = replace(
            record,
            emails=[e for e in record.emails if e[0] not in state.emails],
            phones=[p for p in record.phones if p[0] not in state.phones],
            links=[u for u in record.links if u[0] not in state.links],
        )
        changes.extend(name for name in ("emails", "phones", "links") if getattr(addition, name))
        children.add_contacts(pid, owner_id, addition, state.next_position)
        state.emails.update(a for a, _l in addition.emails)
        state.phones.update(n for n, _l in addition.phones)
        state.links.update(u for u, _l in addition.links)
        new_tags = [t for t in record.tags if t.casefold() not in state.tags]
        if new_tags:
            changes.append("tags")
            for tag_id in self._tag_ids(new_tags):
                children.tags.append((pid, tag_id))
            state.tags.update(t.casefold() for t in new_tags)
        new_kept = [k for k in record.kept if k.key() not in state.kept]
        if new_kept:
            changes.append("kept")
            start = state.next_position.get("kept", 0)
            children.add_kept(pid, owner_id, new_kept, start)
            state.next_position["kept"] = start + len(new_kept)
            state.kept.update(k.key() for k in new_kept)
            if record.connected_on and any(
                k.name == "connected_on" and k.source == RECORD for k in new_kept
            ):
                children.encounters.append((pid, record.connected_on))
        if record.source_key and record.source_key not in state.keys:
            # Not a change of the person, only how the source names them.
            children.keys.append(ImportKey(owner_id=owner_id, person_id=pid, key=record.source_key))
            state.keys.add(record.source_key)
        if record.birthday and not state.has_birthday:
            changes.append("birthday")
            children.milestones.append(_birthday(owner_id, pid, record.birthday))
            state.has_birthday = True
        return changes

    def _fill(self, person: Person, record: Prepared) -> list[str]:
        """Fill the person's empty fields from the record; the names of the fields filled."""
        filled = []
        for name in ("headline", "city", "notes"):
            value = getattr(record, name)
            if value and not getattr(person, name):
                setattr(person, name, value)
                filled.append(name)
        if record.organization and person.organization_id is None:
            person.organization_id = self._organization_id(record.organization)
            filled.append("organization")
        if record.connected_on and not person.how_we_met:
            person.how_we_met = self.how_we_met_linkedin
            filled.append("how_we_met")
        return filled


def _names_alike(mine: str, theirs: str) -> bool:
    """Fuzzy likeness of two folded names: token-sorted ratio, or initials that agree.

    The same name counts too: a record reaches this only when no key matched (different
    organizations, or different contact details), so it may still be the same person.
    """
    if not mine or not theirs:
        return False
    if mine == theirs:
        return True
    if fuzz.token_sort_ratio(mine, theirs) >= FUZZY_THRESHOLD:
        return True
    words_a, words_b = set(_WORDS.findall(mine)), set(_WORDS.findall(theirs))
    if min(len(words_a), len(words_b)) >= 2 and (words_a <= words_b or words_b <= words_a):
        # One name holds all the words of the other: "Ada Lovelace" / "Ada Lovelace-Byron".
        return True
    a, b = mine.split(), theirs.split()
    if len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1]:
        # Same family name and given names that start alike ("j" / "john", "rob" / "robert").
        first_a, first_b = a[0].rstrip("."), b[0].rstrip(".")
        return first_a.startswith(first_b) or first_b.startswith(first_a)
    return False


def _merge_prepared(into: Prepared, other: Prepared) -> None:
    """Fold a later record of the same file into a person planned in the same chunk."""
    for name in ("headline", "organization", "city", "notes"):
        if not getattr(into, name) and getattr(other, name):
            setattr(into, name, getattr(other, name))
    for attr in ("emails", "phones", "links"):
        have = {v for v, _l in getattr(into, attr)}
        getattr(into, attr).extend(x for x in getattr(other, attr) if x[0] not in have)
    tags = {t.casefold() for t in into.tags}
    into.tags.extend(t for t in other.tags if t.casefold() not in tags)
    into.kept = _unique_kept([*into.kept, *other.kept])
    into.birthday = into.birthday or other.birthday
    into.connected_on = into.connected_on or other.connected_on
    into.source_key = into.source_key or other.source_key


def _birthday(owner_id: int, person_id: int, date: dt.date) -> Milestone:
    return Milestone(
        owner_id=owner_id,
        person_id=person_id,
        kind=MilestoneKind.BIRTHDAY,
        date=date,
        yearly=True,
        month_day=date.month * 100 + date.day,
    )


@dataclass
class _Children:
    """The rows of one chunk, written with one batched insert per table."""

    emails: list[EmailAddress] = field(default_factory=list)
    phones: list[PhoneNumber] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    kept: list[KeptField] = field(default_factory=list)
    keys: list[ImportKey] = field(default_factory=list)
    # Plain rows, written without model instances: the two biggest tables of an import.
    tags: list[tuple[int, int]] = field(default_factory=list)
    terms: list[tuple[int, int, str]] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    encounters: list[tuple[int, dt.date]] = field(default_factory=list)

    def add_contacts(
        self,
        pid: int,
        owner_id: int,
        record: Prepared,
        positions: dict[str, int],
    ) -> None:
        start = positions.get("email", 0)
        for i, (address, label) in enumerate(record.emails):
            self.emails.append(
                EmailAddress(
                    owner_id=owner_id,
                    person_id=pid,
                    address=address,
                    label=label,
                    position=start + i,
                )
            )
        positions["email"] = start + len(record.emails)
        start = positions.get("phone", 0)
        for i, (number, label) in enumerate(record.phones):
            self.phones.append(
                PhoneNumber(
                    owner_id=owner_id, person_id=pid, number=number, label=label, position=start + i
                )
            )
        positions["phone"] = start + len(record.phones)
        start = positions.get("link", 0)
        for i, (url, _label) in enumerate(record.links):
            self.links.append(
                Link(
                    owner_id=owner_id,
                    person_id=pid,
                    url=url,
                    kind=link_kind_for(url),
                    position=start + i,
                )
            )
        positions["link"] = start + len(record.links)

    def add_kept(self, pid: int, owner_id: int, kept: list[Kept], start: int) -> None:
        for i, item in enumerate(kept):
            self.kept.append(
                KeptField(
                    owner_id=owner_id,
                    person_id=pid,
                    source_format=item.source,
                    name=item.name,
                    params=item.params,
                    value=item.value,
                    position=start + i,
                )
            )

    def write(self, owner_id: int, summary: str) -> None:
        batches: list[tuple[Any, list[Any]]] = [
            (EmailAddress, self.emails),
            (PhoneNumber, self.phones),
            (Link, self.links),
            (KeptField, self.kept),
            (ImportKey, self.keys),
            (Milestone, self.milestones),
        ]
        for model, rows in batches:
            if rows:
                model.objects.bulk_create(rows, batch_size=500)
        writer = _Writer()
        writer.insert(Person.tags.through, ["person", "tag"], self.tags)
        writer.insert(SearchTerm, ["owner", "person", "term"], self.terms)
        if self.encounters:
            _connected_encounters(owner_id, self.encounters, summary)


def _connected_encounters(owner_id: int, pairs: list[tuple[int, dt.date]], summary: str) -> None:
    """LinkedIn's "Connected On": a first encounter on that day, on a social network, not a
    meaningful exchange (so it moves no cadence and plans no follow-up)."""
    encounters = []
    for _pid, day in pairs:
        moment = dt.datetime.combine(day, dt.time(12, 0))
        try:
            aware = timezone.make_aware(moment)
        except (OverflowError, ValueError):
            aware = moment.replace(tzinfo=dt.UTC)
        encounters.append(
            Encounter(
                owner_id=owner_id,
                occurred_at=aware,
                channel=Channel.SOCIAL,
                summary=summary,
                meaningful=False,
                initiated_by=Initiator.UNKNOWN,
            )
        )
    Encounter.objects.bulk_create(encounters, batch_size=500)
    through = Encounter.participants.through
    through.objects.bulk_create(
        [
            through(encounter_id=encounter.pk, person_id=pid)
            for encounter, (pid, _day) in zip(encounters, pairs, strict=True)
        ],
        batch_size=500,
    )
