"""People and what we know about them: organizations, tags, facts, milestones, connections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line, single_line
from entregent.people.choices import Circle, ConnectionKind, FactKind, LinkKind, MilestoneKind

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class Organization(OwnedModel):
    """A company, association or community people belong to."""

    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    domain = models.CharField(_("domain"), max_length=200, blank=True, validators=[single_line])
    industry = models.CharField(_("industry"), max_length=200, blank=True, validators=[single_line])
    notes = models.TextField(_("notes"), blank=True, max_length=20000, validators=[multi_line])

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "owner", name="organization_unique_name_per_owner"
            ),
        ]
        indexes = [models.Index(fields=["owner", "name"], name="organization_owner_name")]

    def __str__(self) -> str:
        return self.name


class Tag(OwnedModel):
    """A free label on people (e.g. design, investor, running)."""

    name = models.CharField(_("name"), max_length=64, validators=[single_line])

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "owner", name="tag_unique_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Person(OwnedModel):
    """Someone met: who they are, how to reach them, how close they are."""

    full_name = models.CharField(_("name"), max_length=200, validators=[single_line])
    given_name = models.CharField(
        _("given name"), max_length=100, blank=True, validators=[single_line]
    )
    family_name = models.CharField(
        _("family name"), max_length=100, blank=True, validators=[single_line]
    )
    sort_name = models.CharField(_("sort name"), max_length=200, editable=False, db_index=False)
    headline = models.CharField(
        _("role or headline"), max_length=200, blank=True, validators=[single_line]
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organization"),
    )
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[single_line])
    language = models.CharField(_("language"), max_length=8, blank=True, choices=LANGUAGE_CHOICES)
    how_we_met = models.CharField(
        _("how we met"), max_length=500, blank=True, validators=[single_line]
    )
    introduced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introduced",
        verbose_name=_("introduced by"),
    )
    circle = models.CharField(
        _("circle"), max_length=10, choices=Circle.choices, default=Circle.ACTIVE
    )
    circle_pinned = models.BooleanField(_("circle pinned"), default=False)
    cadence_days = models.PositiveIntegerField(
        _("keep-in-touch every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    notes = models.TextField(_("notes"), blank=True, max_length=20000, validators=[multi_line])
    tags = models.ManyToManyField(Tag, blank=True, related_name="people", verbose_name=_("tags"))
    archived = models.BooleanField(_("archived"), default=False)
    # Kept by the follow-up services from the encounters: stored so Today reads an index.
    last_interaction_at = models.DateTimeField(
        _("last meaningful interaction"), null=True, blank=True, editable=False
    )
    next_check_in = models.DateField(_("next check-in"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["owner", "archived", "sort_name", "id"], name="person_owner_list"),
            models.Index(fields=["owner", "circle"], name="person_owner_circle"),
            models.Index(fields=["owner", "organization"], name="person_owner_org"),
            models.Index(fields=["owner", "next_check_in"], name="person_owner_check_in"),
            # The calendar feed's version is the latest change of the owner's people.
            models.Index(fields=["owner", "updated"], name="person_owner_updated"),
        ]

    def __str__(self) -> str:
        return self.full_name


class EmailAddress(OwnedModel):
    """One of a person's e-mail addresses (stored lower-case for matching)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="emails", verbose_name=_("person")
    )
    address = models.EmailField(_("e-mail"), max_length=254)
    label = models.CharField(_("label"), max_length=40, blank=True, validators=[single_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "address"], name="email_unique_per_person")
        ]
        indexes = [models.Index(fields=["owner", "address"], name="email_owner_address")]

    def __str__(self) -> str:
        return self.address


class PhoneNumber(OwnedModel):
    """One of a person's phone numbers, normalised to E.164."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="phones", verbose_name=_("person")
    )
    number = models.CharField(_("phone"), max_length=32)
    label = models.CharField(_("label"), max_length=40, blank=True, validators=[single_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="phone_unique_per_person")
        ]
        indexes = [models.Index(fields=["owner", "number"], name="phone_owner_number")]

    def __str__(self) -> str:
        return self.number


class Link(OwnedModel):
    """A web presence: LinkedIn profile, website, GitHub…"""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="links", verbose_name=_("person")
    )
    url = models.URLField(_("URL"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=16, choices=LinkKind.choices, default=LinkKind.OTHER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "url"], name="link_unique_per_person")
        ]
        # Imports find people by their LinkedIn address across the whole account.
        indexes = [models.Index(fields=["owner", "url"], name="link_owner_url")]

    def __str__(self) -> str:
        return self.url


class Fact(OwnedModel):
    """Something learned by listening. A fact with no person is about the user ("me")."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FactKind.choices)
    text = models.CharField(_("text"), max_length=500, validators=[single_line])
    encounter = models.ForeignKey(
        "encounters.Encounter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name=_("learned at"),
    )

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["kind", "-created", "-id"]
        indexes = [models.Index(fields=["owner", "person", "kind"], name="fact_owner_person_kind")]

    def __str__(self) -> str:
        return self.text


class Milestone(OwnedModel):
    """A date worth marking: a birthday, a new job, a launch; yearly or once."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind.choices)
    date = models.DateField(_("date"))
    yearly = models.BooleanField(_("every year"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[single_line])
    # Month * 100 + day, kept by save(): yearly milestones come round by month and day, and
    # Today finds them through an index on this (an index on an expression of `date` is not
    # used by SQLite once Django binds the expression's arguments as parameters).
    month_day = models.PositiveSmallIntegerField(_("month and day"), default=0, editable=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["owner", "date"], name="milestone_owner_date"),
            models.Index(fields=["owner", "month_day"], name="milestone_owner_month_day"),
            models.Index(fields=["owner", "updated"], name="milestone_owner_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if isinstance(self.date, dt.date):
            self.month_day = self.date.month * 100 + self.date.day
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "month_day"}
        super().save(*args, **kwargs)


class Connection(OwnedModel):
    """Two people who know each other. Stored once; read in both directions."""

    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="connections_out", verbose_name=_("person")
    )
    to_person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="connections_in",
        verbose_name=_("other person"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ConnectionKind.choices, default=ConnectionKind.KNOWS
    )
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[single_line])

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="connection_not_self"
            ),
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="connection_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person_id} ↔ {self.to_person_id}"


class SearchTerm(models.Model):
    """One normalised word that finds a person: from names, organization, tags, facts, notes.

    Search looks words up by prefix in this index instead of scanning every text column,
    so its cost follows the number of matches, not the size of the network.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["owner", "term", "person"], name="searchterm_unique")
        ]

    def __str__(self) -> str:
        return self.term
