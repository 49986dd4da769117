"""Encounters (any interaction with people) and the events where they happen."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.core.validators import multi_line, single_line
from entregent.encounters.choices import Attendance, Channel, EventKind, Initiator


class Event(OwnedModel):
    """A meetup, conference, coworking day… where people are met."""

    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    kind = models.CharField(
        _("kind"), max_length=16, choices=EventKind.choices, default=EventKind.MEETUP
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[single_line])
    size = models.PositiveIntegerField(
        _("approximate size"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    notes = models.TextField(_("notes"), blank=True, max_length=20000, validators=[multi_line])
    # Preparing an upcoming event. Database defaults too, so rows written in bulk by raw SQL
    # (the demo) need not name them.
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_("Whether you plan to go, went, or skipped it."),
    )
    my_intro = models.CharField(
        _("my one-line introduction"),
        max_length=300,
        blank=True,
        default="",
        db_default="",
        validators=[single_line],
    )
    expected_people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="expected_at_events",
        verbose_name=_("people I know who are going"),
    )
    wanted_people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="wanted_at_events",
        verbose_name=_("people I want to meet there"),
    )
    want_to_meet = models.TextField(
        _("who else I want to meet"),
        blank=True,
        max_length=2000,
        default="",
        db_default="",
        validators=[multi_line],
        help_text=_("Names or roles, one per line."),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["owner", "-date"], name="event_owner_date")]

    def __str__(self) -> str:
        return self.name


class Encounter(OwnedModel):
    """An interaction with one or more people: when, how, where, what was said."""

    occurred_at = models.DateTimeField(_("when"))
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[single_line])
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="encounters",
        verbose_name=_("event"),
    )
    participants = models.ManyToManyField(
        "people.Person", related_name="encounters", verbose_name=_("participants")
    )
    summary = models.TextField(_("summary"), blank=True, max_length=20000, validators=[multi_line])
    meaningful = models.BooleanField(
        _("meaningful"), default=True, help_text=_("A real exchange, not a passing e-mail.")
    )
    initiated_by = models.CharField(
        _("initiated by"), max_length=10, choices=Initiator.choices, default=Initiator.UNKNOWN
    )

    class Meta:
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owner", "-occurred_at"], name="encounter_owner_when")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.occurred_at:%Y-%m-%d}"
