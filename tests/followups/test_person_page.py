"""The person page's open follow-ups: snoozed ones too, each with done / snooze / dismiss,
log-a-call and its draft, acting in place and coming back to the person page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from entregent.encounters.models import Encounter
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create, followup_done, followup_snooze
from entregent.people.models import Person

TODAY = timezone.localdate()


def test_open_and_snoozed_follow_ups_are_listed_with_their_actions(alice_client, alice, dana):
    open_one = followup_create(owner=alice, person=dana, due_on=TODAY, topic="Etsy listings")
    snoozed = followup_create(owner=alice, person=dana, due_on=TODAY, topic="Product photos")
    followup_snooze(followup=snoozed, until="next_week")
    closed = followup_create(owner=alice, person=dana, due_on=TODAY, topic="Old business")
    followup_done(followup=closed)

    page = alice_client.get(f"/people/{dana.pk}/").content.decode()

    assert "Etsy listings" in page
    assert "Product photos" in page
    assert "Old business" not in page
    assert f'datetime="{(TODAY + dt.timedelta(days=7)).isoformat()}"' in page
    assert "Snoozed" in page
    for followup in (open_one, snoozed):
        assert f'action="/followups/{followup.pk}/done/"' in page
        assert f'formaction="/followups/{followup.pk}/snooze/"' in page
        assert f'formaction="/followups/{followup.pk}/dismiss/"' in page
        assert f'href="/followups/{followup.pk}/draft/"' in page
    assert f'name="next" value="/people/{dana.pk}/"' in page


def test_done_with_a_call_from_the_person_page_comes_back_there(alice_client, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY, topic="Etsy listings")

    response = alice_client.post(
        f"/followups/{followup.pk}/done/",
        {"log": "call", "summary": "Went through the listings.", "next": f"/people/{dana.pk}/"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/people/{dana.pk}/"
    assert FollowUp.objects.get(pk=followup.pk).status == "done"
    call = Encounter.objects.get(owner=alice, channel="call")
    assert call.summary == "Went through the listings."
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=30)
    page = alice_client.get(response["Location"]).content.decode()
    assert "Done, and the conversation with Dana Whitfield is logged." in page
    assert 'id="followups-heading"' not in page
