"""Quick capture services: preview recognises the owner's people, save writes atomically."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entregent.capture.services import capture_preview, capture_save
from entregent.core.errors import ApplicationError, InvalidInput, NotFound
from entregent.encounters.models import Encounter
from entregent.followups.models import FollowUp
from entregent.people.models import Fact, Person
from entregent.people.services import person_create

NOW = timezone.make_aware(dt.datetime(2026, 11, 21, 10, 0))
DANA_TEXT = (
    "Met Dana Whitfield in line at Blue Bottle, graphic designer, also shoots product "
    "photos. Follow up tomorrow about my Etsy listings. #design"
)


def test_it_previews_a_new_person_without_writing(alice):
    preview = capture_preview(owner=alice, text=DANA_TEXT, now=NOW)
    assert [p.name for p in preview.people] == ["Dana Whitfield"]
    assert preview.people[0].person_id is None
    assert preview.people[0].role == "graphic designer"
    assert preview.place == "Blue Bottle"
    assert preview.followup_due == dt.date(2026, 11, 22)
    assert preview.followup_topic == "my Etsy listings"
    assert Person.objects.count() == 0


def test_it_recognises_a_known_person_by_name(alice, dana):
    preview = capture_preview(owner=alice, text="call with dana whitfield, loves climbing", now=NOW)
    assert preview.people[0].person_id == dana.pk


def test_it_recognises_a_known_person_despite_a_typo(alice, dana):
    preview = capture_preview(owner=alice, text="Met Dana Whitfeld at the gym", now=NOW)
    assert preview.people[0].person_id == dana.pk


def test_it_recognises_a_known_person_by_email(alice, dana):
    preview = capture_preview(owner=alice, text="email from dana@example.org about photos", now=NOW)
    assert preview.people[0].person_id == dana.pk


def test_it_does_not_see_another_owners_people(alice, bob):
    person_create(owner=bob, full_name="Dana Whitfield")
    preview = capture_preview(owner=alice, text="Met Dana Whitfield", now=NOW)
    assert preview.people[0].person_id is None


def test_it_marks_a_name_two_people_share_as_ambiguous(alice):
    first = person_create(owner=alice, full_name="Karen Liu")
    second = person_create(owner=alice, full_name="Karen Smith")
    preview = capture_preview(owner=alice, text="coffee with Karen", now=NOW)
    person = preview.people[0]
    assert person.ambiguous
    assert {c.id for c in person.candidates} == {first.pk, second.pk}
    assert preview.warnings


def test_it_refuses_to_save_an_unresolved_ambiguous_person(alice):
    person_create(owner=alice, full_name="Karen Liu")
    person_create(owner=alice, full_name="Karen Smith")
    preview = capture_preview(owner=alice, text="coffee with Karen", now=NOW)
    with pytest.raises(InvalidInput) as caught:
        capture_save(owner=alice, preview=preview, now=NOW)
    assert "people.0" in caught.value.errors
    assert "Karen" in caught.value.errors["people.0"][0]
    assert Encounter.objects.count() == 0


def test_it_saves_once_the_ambiguous_person_is_chosen(alice):
    chosen = person_create(owner=alice, full_name="Karen Liu")
    person_create(owner=alice, full_name="Karen Smith")
    preview = capture_preview(owner=alice, text="coffee with Karen", now=NOW)
    preview.people[0].person_id = chosen.pk
    result = capture_save(owner=alice, preview=preview, now=NOW)
    assert result.people == [chosen]
    assert result.created == []


def test_it_saves_people_encounter_facts_tags_and_the_stated_followup(alice):
    preview = capture_preview(owner=alice, text=DANA_TEXT, now=NOW)
    result = capture_save(owner=alice, preview=preview, now=NOW)
    dana = result.people[0]
    assert dana.full_name == "Dana Whitfield"
    assert dana.headline == "graphic designer"
    assert [t.name for t in dana.tags.all()] == ["design"]
    encounter = result.encounter
    assert encounter.summary == DANA_TEXT
    assert encounter.place == "Blue Bottle"
    assert encounter.channel == "in_person"
    assert list(encounter.participants.all()) == [dana]
    fact = Fact.objects.get(person=dana)
    assert (fact.kind, fact.text, fact.encounter_id) == (
        "offer",
        "shoots product photos",
        encounter.pk,
    )
    followups = list(FollowUp.objects.filter(person=dana))
    assert [(f.due_on, f.topic) for f in followups] == [(dt.date(2026, 11, 22), "my Etsy listings")]


def test_it_leaves_the_default_followup_to_the_encounter_when_none_is_stated(alice):
    preview = capture_preview(owner=alice, text="Met Camille Dubois at the bakery", now=NOW)
    result = capture_save(owner=alice, preview=preview, now=NOW)
    followups = FollowUp.objects.filter(person=result.people[0])
    assert followups.count() == 1
    assert followups.get().source_encounter_id == result.encounter.pk


def test_it_links_the_introducer_and_creates_them_when_new(alice):
    preview = capture_preview(
        owner=alice, text="Rencontré Élodie Marchand via Sophie Martin au vernissage", now=NOW
    )
    result = capture_save(owner=alice, preview=preview, now=NOW)
    elodie = Person.objects.get(full_name="Élodie Marchand")
    assert elodie.introduced_by is not None
    assert elodie.introduced_by.full_name == "Sophie Martin"
    assert len(result.created) == 2


def test_it_completes_an_existing_person_without_overwriting(alice, dana):
    preview = capture_preview(
        owner=alice, text="Met @Dana Whitfield, photographer at Acme #photo", now=NOW
    )
    capture_save(owner=alice, preview=preview, now=NOW)
    dana.refresh_from_db()
    assert dana.headline == "Graphic designer"
    assert {t.name for t in dana.tags.all()} == {"design", "photo"}


def test_it_writes_nothing_when_any_part_fails(alice):
    preview = capture_preview(owner=alice, text=DANA_TEXT, now=NOW)
    with (
        mock.patch(
            "entregent.capture.services.fact_create",
            side_effect=InvalidInput.for_field("text", "refused"),
        ),
        pytest.raises(InvalidInput),
    ):
        capture_save(owner=alice, preview=preview, now=NOW)
    assert Person.objects.count() == 0
    assert Encounter.objects.count() == 0
    assert FollowUp.objects.count() == 0


def test_it_says_what_it_could_not_understand_when_no_person_is_found(alice):
    preview = capture_preview(owner=alice, text="asdf qwerty lorem ipsum", now=NOW)
    assert preview.note == "asdf qwerty lorem ipsum"
    with pytest.raises(InvalidInput) as caught:
        capture_save(owner=alice, preview=preview, now=NOW)
    message = caught.value.errors["people"][0]
    assert "No person found" in message
    assert "asdf qwerty lorem ipsum" in message


def test_it_saves_a_person_with_the_unparsed_rest_kept_in_the_summary(alice):
    text = "Met Ana Lopes, zorgbluk frimble wazzo"
    preview = capture_preview(owner=alice, text=text, now=NOW)
    assert "zorgbluk" in preview.note
    result = capture_save(owner=alice, preview=preview, now=NOW)
    assert result.people[0].full_name == "Ana Lopes"
    assert result.encounter.summary == text


def test_it_refuses_an_empty_capture(alice):
    with pytest.raises(InvalidInput) as caught:
        capture_preview(owner=alice, text="   ", now=NOW)
    assert "text" in caught.value.errors


def test_it_refuses_a_capture_that_is_too_long(alice):
    with pytest.raises(InvalidInput) as caught:
        capture_preview(owner=alice, text="Met Ana " + "x" * 5000, now=NOW)
    assert "text" in caught.value.errors


def test_it_drops_control_characters_before_saving(alice):
    preview = capture_preview(owner=alice, text="Met Ana\x00 Lopes\x1b at the café", now=NOW)
    result = capture_save(owner=alice, preview=preview, now=NOW)
    assert "\x00" not in result.encounter.summary
    assert result.people[0].full_name == "Ana Lopes"


def test_it_refuses_another_owners_person_in_a_corrected_preview(alice, bob):
    bobs = person_create(owner=bob, full_name="Dana Whitfield")
    preview = capture_preview(owner=alice, text="Met Dana Whitfield", now=NOW)
    preview.people[0].person_id = bobs.pk
    with pytest.raises(NotFound) as caught:
        capture_save(owner=alice, preview=preview, now=NOW)
    assert "people.0.person_id" in caught.value.errors
    assert Encounter.objects.count() == 0


def test_it_names_the_field_of_a_bad_correction(alice):
    preview = capture_preview(owner=alice, text="Met Ana Lopes", now=NOW)
    preview.channel = "pigeon"
    with pytest.raises(InvalidInput) as caught:
        capture_save(owner=alice, preview=preview, now=NOW)
    assert "channel" in caught.value.errors
    assert Person.objects.count() == 0


def test_it_links_an_existing_event_by_name(alice, meetup):
    preview = capture_preview(owner=alice, text="met tom baker at the Design Meetup", now=NOW)
    result = capture_save(owner=alice, preview=preview, now=NOW)
    assert result.encounter.event_id == meetup.pk


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(
                ["Met ", "Ana ", "Lopes ", "at the ", "#tag ", "@Ana ", "x" * 250 + " "]
            ),
            st.sampled_from([", ", ". ", "follow up ", "demain ", "needs ", "loves "]),
        ),
        min_size=1,
        max_size=30,
    ).map("".join)
)
def test_any_text_saves_or_is_refused_cleanly(alice, text):
    try:
        preview = capture_preview(owner=alice, text=text, now=NOW)
        capture_save(owner=alice, preview=preview, now=NOW)
    except ApplicationError:
        pass


def test_recognising_people_costs_a_few_queries_per_name(
    alice, dana, django_assert_max_num_queries
):
    for i in range(30):
        person_create(owner=alice, full_name=f"Dana Person{i}")
    # One exact lookup, three prefix lookups (the name, each word cut short), the people.
    with django_assert_max_num_queries(6):
        preview = capture_preview(owner=alice, text="Met Dana Whitfeld at the gym", now=NOW)
    assert preview.people[0].person_id == dana.pk
