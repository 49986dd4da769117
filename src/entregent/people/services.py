"""Services that change people and what we know about them.

Every service is keyword-only, validates with `full_clean()`, runs in one transaction and
raises an `ApplicationError` that the web, the API and the CLI each turn into their own
way of saying no.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, URLValidator
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import Conflict, InvalidInput
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text, single_line
from entregent.followups.cadence import cadence_refresh
from entregent.people.choices import ConnectionKind, FactKind, MilestoneKind
from entregent.people.models import (
    Connection,
    EmailAddress,
    Fact,
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
    join_name,
    link_kind_for,
    normalize_phone,
    normalize_url,
    parse_name,
    search_terms,
    sort_key_for,
)

_UNSET: Any = object()
_email_validator = EmailValidator()
_url_validator = URLValidator(schemes=["http", "https"])


# Organizations -------------------------------------------------------------------------


def _organization_named(
    owner_id: int, name: str, *, exclude_pk: int | None = None
) -> Organization | None:
    """The owner's organization with this name in any case, or None.

    `iexact` folds only ASCII letters on SQLite ("école" would miss "École"), so a name with
    other letters is also compared in Python among the owner's names of the same length.
    """
    qs = Organization.objects.filter(owner_id=owner_id)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    found = qs.filter(name__iexact=name).first()
    if found is not None or name.isascii():
        return found
    key = name.casefold()
    same_length = qs.annotate(name_length=Length("name")).filter(name_length=len(name))
    return next((org for org in same_length.iterator() if org.name.casefold() == key), None)


def organization_get_or_create(*, owner: User, name: str) -> Organization:
    """The owner's organization with this name (case-insensitive), created when new."""
    name = clean_text(name)
    # Validate before looking up: PostgreSQL refuses a NUL even in a query.
    full_clean_or_raise(Organization(owner=owner, name=name), exclude=["owner"])
    found = _organization_named(owner.pk, name)
    if found is not None:
        return found
    return organization_create(owner=owner, name=name)


@transaction.atomic
def organization_create(
    *, owner: User, name: str, domain: str = "", industry: str = "", notes: str = ""
) -> Organization:
    """Create an organization; the name is unique per owner."""
    org = Organization(
        owner=owner,
        name=clean_text(name),
        domain=clean_text(domain).lower(),
        industry=clean_text(industry),
        notes=clean_text(notes, multiline=True),
    )
    full_clean_or_raise(org, exclude=["owner"])
    if _organization_named(owner.pk, org.name) is not None:
        raise Conflict(
            _("An organization with this name already exists."),
            errors={"name": [_("Already exists.")]},
        )
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        # The database's own case rule (its lower()) caught a clash ours did not.
        raise Conflict(
            _("An organization with this name already exists."),
            errors={"name": [_("Already exists.")]},
        ) from None
    return org


@transaction.atomic
def organization_update(*, organization: Organization, **changes: Any) -> Organization:
    """Change an organization's fields; people who work there are re-indexed for search."""
    allowed = {"name", "domain", "industry", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    renamed = False
    for field, value in changes.items():
        text = clean_text(value, multiline=field == "notes")
        if field == "domain":
            text = text.lower()
        if field == "name" and text != organization.name:
            renamed = True
        setattr(organization, field, text)
    full_clean_or_raise(organization, exclude=["owner"])
    owner_id, pk = organization.owner_id, organization.pk
    if _organization_named(owner_id, organization.name, exclude_pk=pk) is not None:
        raise Conflict(
            _("An organization with this name already exists."),
            errors={"name": [_("Already exists.")]},
        )
    organization.save()
    if renamed:
        for person in Person.objects.filter(organization=organization):
            person_reindex(person=person)
    return organization


@transaction.atomic
def organization_delete(*, organization: Organization) -> None:
    """Delete an organization; its people stay, without an organization."""
    people = list(Person.objects.filter(organization=organization))
    organization.delete()
    for person in people:
        person.organization = None
        person_reindex(person=person)


# People --------------------------------------------------------------------------------


def _clean_emails(emails: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for position, raw in enumerate(emails, start=1):
        address = clean_text(raw).lower()
        if not address:
            continue
        try:
            # Django's validator takes up to 320 characters and control characters inside
            # quotes; the column holds 254 and PostgreSQL refuses NUL.
            single_line(address)
            MaxLengthValidator(EmailAddress._meta.get_field("address").max_length)(address)
            _email_validator(address)
        except ValidationError:
            raise InvalidInput.for_field(
                "emails",
                _("“%(value)s” (e-mail %(n)d) is not a valid e-mail address.")
                % {"value": address[:80], "n": position},
            ) from None
        if address not in cleaned:
            cleaned.append(address)
    return cleaned


def _clean_phones(phones: Sequence[str], region: str) -> list[str]:
    cleaned: list[str] = []
    for position, raw in enumerate(phones, start=1):
        if not clean_text(raw):
            continue
        try:
            number = normalize_phone(raw, region)
        except PhoneError:
            raise InvalidInput.for_field(
                "phones",
                _(
                    "“%(value)s” (phone %(n)d) is not a valid phone number; write it with its country code, e.g. +33 6 12 34 56 78."
                )
                % {"value": raw[:40], "n": position},
            ) from None
        if number not in cleaned:
            cleaned.append(number)
    return cleaned


def _clean_links(links: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for position, raw in enumerate(links, start=1):
        url = normalize_url(raw)
        if not url:
            continue
        try:
            if len(url) > 500:
                raise ValidationError("too long")
            # URLValidator lets NUL and other control characters through in the path.
            single_line(url)
            _url_validator(url)
        except ValidationError:
            raise InvalidInput.for_field(
                "links",
                _("“%(value)s” (link %(n)d) is not a valid web address.")
                % {"value": raw[:80], "n": position},
            ) from None
        if url not in cleaned:
            cleaned.append(url)
    return cleaned


def _clean_tags(tags: Sequence[str]) -> list[str]:
    cleaned: dict[str, str] = {}
    for raw in tags:
        name = clean_text(raw).lstrip("#").strip()
        if not name:
            continue
        tag = Tag(name=name)
        try:
            tag.clean_fields(exclude=["owner"])
        except ValidationError as exc:
            messages = [m for errs in exc.error_dict.values() for e in errs for m in e.messages]
            raise InvalidInput.for_field("tags", f"“{name[:40]}”: {messages[0]}") from None
        cleaned.setdefault(name.casefold(), name)
    return list(cleaned.values())


def _tags_for(owner: User, names: list[str]) -> list[Tag]:
    existing = {t.name.casefold(): t for t in Tag.objects.filter(owner=owner)} if names else {}
    result = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag.objects.create(owner=owner, name=name)
            existing[name.casefold()] = tag
        result.append(tag)
    return result


def _apply_names(person: Person, full_name: str, given_name: str, family_name: str) -> None:
    full_name, given_name, family_name = (
        clean_text(full_name),
        clean_text(given_name),
        clean_text(family_name),
    )
    # Checked before white space is collapsed: str.split() also splits on control characters
    # (\x1c-\x1f, \x85), which must be refused rather than turned into spaces.
    names = {"full_name": full_name, "given_name": given_name, "family_name": family_name}
    for field, value in names.items():
        try:
            single_line(value)
        except ValidationError as exc:
            raise InvalidInput.for_field(field, exc.messages[0]) from None
    full_name = " ".join(full_name.split())
    try:
        # Before parsing, so that a huge paste is refused without being parsed.
        MaxLengthValidator(Person._meta.get_field("full_name").max_length)(full_name)
    except ValidationError as exc:
        raise InvalidInput.for_field("full_name", exc.messages[0]) from None
    if not given_name and not family_name:
        parsed = parse_name(full_name)
        given_name, family_name = parsed.given, parsed.family
    if not full_name:
        full_name = " ".join(join_name(given_name, family_name).split())
    if not full_name:
        raise InvalidInput.for_field("full_name", _("A name is required."))
    person.full_name = full_name
    person.given_name = given_name
    person.family_name = family_name
    person.sort_name = sort_key_for(person.full_name, given_name, family_name)


def _resolve_organization(
    owner: User, organization: Organization | str | None
) -> Organization | None:
    if organization is None:
        return None
    if isinstance(organization, Organization):
        ensure_owned(owner, organization, "organization")
        return organization
    name = clean_text(organization)
    if not name:
        return None
    probe = Organization(owner=owner, name=name)
    try:
        probe.clean_fields(exclude=["owner", "domain", "industry", "notes"])
    except ValidationError as exc:
        messages = [m for errs in exc.error_dict.values() for e in errs for m in e.messages]
        raise InvalidInput.for_field("organization", messages[0]) from None
    return organization_get_or_create(owner=owner, name=name)


def _replace_children(
    person: Person, emails: list[str] | None, phones: list[str] | None, links: list[str] | None
) -> None:
    owner_id = person.owner_id
    if emails is not None:
        EmailAddress.objects.filter(person=person).delete()
        EmailAddress.objects.bulk_create(
            EmailAddress(owner_id=owner_id, person=person, address=a, position=i)
            for i, a in enumerate(emails)
        )
    if phones is not None:
        PhoneNumber.objects.filter(person=person).delete()
        PhoneNumber.objects.bulk_create(
            PhoneNumber(owner_id=owner_id, person=person, number=n, position=i)
            for i, n in enumerate(phones)
        )
    if links is not None:
        Link.objects.filter(person=person).delete()
        Link.objects.bulk_create(
            Link(owner_id=owner_id, person=person, url=u, kind=link_kind_for(u), position=i)
            for i, u in enumerate(links)
        )


PERSON_FIELDS = {
    "full_name",
    "given_name",
    "family_name",
    "headline",
    "organization",
    "city",
    "language",
    "how_we_met",
    "introduced_by",
    "circle",
    "circle_pinned",
    "cadence_days",
    "notes",
    "emails",
    "phones",
    "links",
    "tags",
}


@transaction.atomic
def person_create(
    *,
    owner: User,
    full_name: str = "",
    given_name: str = "",
    family_name: str = "",
    headline: str = "",
    organization: Organization | str | None = None,
    city: str = "",
    language: str = "",
    how_we_met: str = "",
    introduced_by: Person | None = None,
    circle: str | None = None,
    circle_pinned: bool = False,
    cadence_days: int | None = None,
    notes: str = "",
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    links: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> Person:
    """Add a person. The name is parsed into given and family names when they are not given."""
    person = Person(owner=owner)
    _apply_names(person, full_name, given_name, family_name)
    person.headline = clean_text(headline)
    person.city = clean_text(city)
    person.language = clean_text(language).lower()
    person.how_we_met = clean_text(how_we_met)
    person.notes = clean_text(notes, multiline=True)
    person.cadence_days = cadence_days
    person.circle_pinned = circle_pinned
    if circle:
        person.circle = circle
    ensure_owned(owner, introduced_by, "introduced_by")
    person.introduced_by = introduced_by
    full_clean_or_raise(person, exclude=["owner", "organization", "sort_name"])
    clean_emails = _clean_emails(emails)
    clean_phones = _clean_phones(phones, owner.default_phone_region())
    clean_links = _clean_links(links)
    clean_tags = _clean_tags(tags)
    person.organization = _resolve_organization(owner, organization)
    person.save()
    _replace_children(person, clean_emails, clean_phones, clean_links)
    if clean_tags:
        person.tags.set(_tags_for(owner, clean_tags))
    person_reindex(person=person)
    cadence_refresh(people=[person])
    return person


@transaction.atomic
def person_update(*, person: Person, **changes: Any) -> Person:
    """Change some of a person's fields; list fields (emails, phones, links, tags) are replaced."""
    unknown = set(changes) - PERSON_FIELDS
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    owner = person.owner
    if {"full_name", "given_name", "family_name"} & set(changes):
        names_changed = "full_name" in changes and not (
            {"given_name", "family_name"} & set(changes)
        )
        _apply_names(
            person,
            changes.get("full_name", person.full_name),
            "" if names_changed else changes.get("given_name", person.given_name),
            "" if names_changed else changes.get("family_name", person.family_name),
        )
    for field in ("headline", "city", "how_we_met"):
        if field in changes:
            setattr(person, field, clean_text(changes[field]))
    if "language" in changes:
        person.language = clean_text(changes["language"]).lower()
    if "notes" in changes:
        person.notes = clean_text(changes["notes"], multiline=True)
    if changes.get("circle"):
        person.circle = changes["circle"]
    if "circle_pinned" in changes:
        person.circle_pinned = bool(changes["circle_pinned"])
    if "cadence_days" in changes:
        person.cadence_days = changes["cadence_days"]
    if "introduced_by" in changes:
        introducer = changes["introduced_by"]
        ensure_owned(owner, introducer, "introduced_by")
        if introducer is not None and introducer.pk == person.pk:
            raise InvalidInput.for_field(
                "introduced_by", _("A person cannot introduce themselves.")
            )
        person.introduced_by = introducer
    full_clean_or_raise(person, exclude=["owner", "organization", "sort_name"])
    emails = _clean_emails(changes["emails"]) if "emails" in changes else None
    phones = (
        _clean_phones(changes["phones"], owner.default_phone_region())
        if "phones" in changes
        else None
    )
    links = _clean_links(changes["links"]) if "links" in changes else None
    tags = _clean_tags(changes["tags"]) if "tags" in changes else None
    if "organization" in changes:
        person.organization = _resolve_organization(owner, changes["organization"])
    person.save()
    _replace_children(person, emails, phones, links)
    if tags is not None:
        person.tags.set(_tags_for(owner, tags))
    person_reindex(person=person)
    if {"circle", "cadence_days"} & set(changes):
        cadence_refresh(people=[person])
    return person


def person_archive(*, person: Person, archived: bool = True) -> Person:
    """Archive (or bring back) a person: they leave lists and search but keep their history."""
    person.archived = archived
    person.save(update_fields=["archived", "updated"])
    return person


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Delete a person and everything recorded only about them."""
    person.delete()


def person_terms(
    *,
    full_name: str,
    headline: str = "",
    city: str = "",
    notes: str = "",
    how_we_met: str = "",
    organization: str = "",
    tags: Iterable[str] = (),
    facts: Iterable[str] = (),
    emails: Iterable[str] = (),
) -> set[str]:
    """The search words of a person, from plain values (no database).

    `person_reindex` and bulk loaders (the demo generator, imports) share it, so a person
    is found by the same words however they were written.
    """
    return search_terms(
        full_name,
        headline,
        city,
        notes,
        how_we_met,
        organization,
        " ".join(tags),
        " ".join(facts),
        " ".join(e.split("@")[0] for e in emails),
    )


def person_reindex(*, person: Person) -> None:
    """Rebuild the words that find this person in search."""
    facts = Fact.objects.filter(person=person).values_list("text", flat=True)
    tag_names = person.tags.values_list("name", flat=True) if person.pk else []
    org = person.organization.name if person.organization_id and person.organization else ""
    emails = EmailAddress.objects.filter(person=person).values_list("address", flat=True)
    terms = person_terms(
        full_name=person.full_name,
        headline=person.headline,
        city=person.city,
        notes=person.notes,
        how_we_met=person.how_we_met,
        organization=org,
        tags=tag_names,
        facts=facts,
        emails=emails,
    )
    SearchTerm.objects.filter(person=person).delete()
    SearchTerm.objects.bulk_create(
        SearchTerm(owner_id=person.owner_id, person=person, term=t) for t in terms
    )


# Facts ---------------------------------------------------------------------------------


@transaction.atomic
def fact_create(
    *, owner: User, person: Person | None, kind: str, text: str, encounter: Any = None
) -> Fact:
    """Record something learned about a person, or about me when `person` is None."""
    ensure_owned(owner, person, "person")
    ensure_owned(owner, encounter, "encounter")
    ensure_choice(kind, FactKind, "kind")
    fact = Fact(owner=owner, person=person, kind=kind, text=clean_text(text), encounter=encounter)
    if not fact.text:
        raise InvalidInput.for_field("text", _("This field cannot be blank."))
    full_clean_or_raise(fact, exclude=["owner", "person", "encounter"])
    fact.save()
    if person is not None:
        person_reindex(person=person)
    return fact


@transaction.atomic
def fact_update(*, fact: Fact, kind: str | None = None, text: str | None = None) -> Fact:
    """Correct a fact's kind or text."""
    if kind is not None:
        ensure_choice(kind, FactKind, "kind")
        fact.kind = kind
    if text is not None:
        fact.text = clean_text(text)
        if not fact.text:
            raise InvalidInput.for_field("text", _("This field cannot be blank."))
    full_clean_or_raise(fact, exclude=["owner", "person", "encounter"])
    fact.save()
    if fact.person is not None:
        person_reindex(person=fact.person)
    return fact


@transaction.atomic
def fact_delete(*, fact: Fact) -> None:
    """Forget a fact."""
    person = fact.person
    fact.delete()
    if person is not None:
        person_reindex(person=person)


# Milestones ----------------------------------------------------------------------------


@transaction.atomic
def milestone_create(
    *,
    owner: User,
    person: Person,
    kind: str,
    date: dt.date,
    yearly: bool | None = None,
    note: str = "",
) -> Milestone:
    """Mark a date for a person. Birthdays and anniversaries repeat yearly unless told otherwise."""
    ensure_owned(owner, person, "person")
    ensure_choice(kind, MilestoneKind, "kind")
    if yearly is None:
        yearly = kind in {MilestoneKind.BIRTHDAY, MilestoneKind.ANNIVERSARY}
    milestone = Milestone(
        owner=owner, person=person, kind=kind, date=date, yearly=yearly, note=clean_text(note)
    )
    full_clean_or_raise(milestone, exclude=["owner", "person"])
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, **changes: Any) -> Milestone:
    """Change a milestone's kind, date, repetition or note."""
    allowed = {"kind", "date", "yearly", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    if "kind" in changes:
        ensure_choice(changes["kind"], MilestoneKind, "kind")
    for field, value in changes.items():
        setattr(milestone, field, clean_text(value) if field == "note" else value)
    full_clean_or_raise(milestone, exclude=["owner", "person"])
    milestone.save()
    return milestone


def milestone_delete(*, milestone: Milestone) -> None:
    milestone.delete()


# Connections ---------------------------------------------------------------------------


@transaction.atomic
def connection_create(
    *,
    owner: User,
    from_person: Person,
    to_person: Person,
    kind: str = ConnectionKind.KNOWS,
    note: str = "",
) -> Connection:
    """Record that two people are connected; a pair is stored once per kind, in either order."""
    ensure_owned(owner, from_person, "from_person")
    ensure_owned(owner, to_person, "to_person")
    ensure_choice(kind, ConnectionKind, "kind")
    if from_person.pk == to_person.pk:
        raise InvalidInput.for_field("to_person", _("A person cannot be connected to themselves."))
    exists = Connection.objects.filter(owner=owner, kind=kind).filter(
        from_person__in=[from_person, to_person], to_person__in=[from_person, to_person]
    )
    if exists.exists():
        raise Conflict(
            _("These two people are already connected this way."),
            errors={"to_person": [_("Already connected.")]},
        )
    connection = Connection(
        owner=owner, from_person=from_person, to_person=to_person, kind=kind, note=clean_text(note)
    )
    full_clean_or_raise(connection, exclude=["owner", "from_person", "to_person"])
    try:
        with transaction.atomic():
            connection.save()
    except IntegrityError:
        raise Conflict(_("These two people are already connected this way.")) from None
    return connection


def connection_delete(*, connection: Connection) -> None:
    connection.delete()


@transaction.atomic
def connection_update(
    *, connection: Connection, kind: str | None = None, note: str | None = None
) -> Connection:
    """Change how two people are connected, or the note about it."""
    if kind is not None and kind != connection.kind:
        ensure_choice(kind, ConnectionKind, "kind")
        pair = [connection.from_person_id, connection.to_person_id]
        same = Connection.objects.filter(owner_id=connection.owner_id, kind=kind)
        same = same.filter(from_person_id__in=pair, to_person_id__in=pair)
        if same.exclude(pk=connection.pk).exists():
            raise Conflict(
                _("These two people are already connected this way."),
                errors={"kind": [_("Already connected.")]},
            )
        connection.kind = kind
    if note is not None:
        connection.note = clean_text(note)
    full_clean_or_raise(connection, exclude=["owner", "from_person", "to_person"])
    connection.save()
    return connection
