"""A backup carries an event's plan and the giving ledger; a restore brings them back."""

from __future__ import annotations

import datetime as dt
import io

from entregent.encounters.models import Event
from entregent.encounters.planning import event_plan
from entregent.encounters.services import event_create
from entregent.exchange.backup import backup_iter, restore
from entregent.goals.ledger import favour_log
from entregent.goals.models import Favour
from entregent.people.services import person_create


def test_backup_and_restore_keep_the_plan_and_the_favours(alice, bob, dana):
    erin = person_create(owner=alice, full_name="Erin Okafor")
    event = event_create(owner=alice, name="Drinks", date=dt.date(2026, 12, 1), size=40)
    event_plan(
        event=event,
        attendance="planned",
        my_intro="I build shops.",
        want_to_meet="the host",
        expected_people=[dana],
        wanted_people=[erin],
    )
    favour_log(owner=alice, person=dana, direction="received", kind="advice", note="tips")

    archive = "".join(backup_iter(owner=alice))
    restore(owner=bob, stream=io.BytesIO(archive.encode("utf-8")))

    copy = Event.objects.get(owner=bob)
    assert (copy.attendance, copy.my_intro, copy.want_to_meet) == (
        "planned",
        "I build shops.",
        "the host",
    )
    assert [p.full_name for p in copy.expected_people.all()] == ["Dana Whitfield"]
    assert [p.full_name for p in copy.wanted_people.all()] == ["Erin Okafor"]
    assert copy.expected_people.get().owner == bob
    favour = Favour.objects.get(owner=bob)
    assert (favour.person.full_name, favour.kind, favour.note) == (
        "Dana Whitfield",
        "advice",
        "tips",
    )
