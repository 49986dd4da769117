"""Fill `last_interaction_at` and `next_check_in` of existing people from their encounters."""

import datetime as dt

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

BATCH = 2000


def _day(moment):
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def fill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Person = apps.get_model("people", "Person")
    Through = apps.get_model("encounters", "Encounter").participants.through
    for owner in User.objects.all().iterator():
        intervals = {
            "inner": owner.cadence_inner_days,
            "active": owner.cadence_active_days,
            "weak": owner.cadence_weak_days,
            "dormant": owner.cadence_dormant_days,
        }
        last_by_person = dict(
            Through.objects.filter(person__owner=owner, encounter__meaningful=True)
            .values("person_id")
            .annotate(last=Max("encounter__occurred_at"))
            .values_list("person_id", "last")
        )
        batch = []
        people = Person.objects.filter(owner=owner).only("id", "created", "circle", "cadence_days")
        for person in people.iterator(chunk_size=BATCH):
            last = last_by_person.get(person.pk)
            base = _day(last) if last is not None else _day(person.created)
            days = person.cadence_days or intervals.get(person.circle, owner.cadence_active_days)
            person.last_interaction_at = last
            person.next_check_in = base + dt.timedelta(days=days)
            batch.append(person)
            if len(batch) >= BATCH:
                Person.objects.bulk_update(batch, ["last_interaction_at", "next_check_in"])
                batch = []
        if batch:
            Person.objects.bulk_update(batch, ["last_interaction_at", "next_check_in"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_person_check_in"),
        ("accounts", "0002_user_cadences"),
        ("encounters", "0002_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
