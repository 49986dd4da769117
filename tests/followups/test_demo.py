"""The demo generator writes the cadence fields the services would, and open follow-ups."""

from __future__ import annotations

from entregent.core.demo import demo_generate
from entregent.followups.cadence import cadence_refresh
from entregent.followups.models import FollowUp
from entregent.followups.selectors import today_agenda
from entregent.people.models import Person


def test_demo_people_get_the_check_in_the_services_compute(alice):
    demo_generate(owner=alice, people=300, seed=5)
    people = list(Person.objects.filter(owner=alice).select_related("owner"))
    generated = {p.pk: (p.last_interaction_at, p.next_check_in) for p in people}
    assert all(check_in is not None for _last, check_in in generated.values())
    cadence_refresh(people=people)
    rows = Person.objects.filter(owner=alice).values_list(
        "pk", "last_interaction_at", "next_check_in"
    )
    recomputed = {pk: (last, due) for pk, last, due in rows}
    assert recomputed == generated


def test_demo_has_open_follow_ups_and_a_history(alice):
    stats = demo_generate(owner=alice, people=1000, seed=1)
    statuses = set(FollowUp.objects.filter(owner=alice).values_list("status", flat=True))
    assert statuses == {"open", "snoozed", "done", "dismissed"}
    assert stats.followups == FollowUp.objects.filter(owner=alice).count()
    assert FollowUp.objects.filter(owner=alice, status="open").count() >= 20
    assert not today_agenda(owner=alice).is_empty
