"""Property tests: any text or date through the API is a 2xx or a 4xx, never a 5xx,
and a refused request writes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entregent.encounters.models import Encounter, Event
from entregent.followups.models import FollowUp
from entregent.people.models import Fact, Milestone, Organization, Person, Tag

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any character a JSON string can carry (lone surrogates have their own test), with the
# troublesome ones (control characters, NUL, line breaks, odd spaces) drawn more often.
awkward = st.sampled_from(
    ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\n", "\r", "\t", "\u200b", "\ufeff", " "]
)
any_char = st.characters(codec="utf-8") | awkward
any_text = st.text(any_char, max_size=300)
long_text = st.text(any_char, min_size=190, max_size=260)


def _counts() -> dict[str, int]:
    models = (Person, Organization, Tag, Fact, Milestone, Event, Encounter, FollowUp)
    return {model.__name__: model.objects.count() for model in models}


def _accepted_or_refused(response, created: int = 201) -> bool:
    """True when the request was accepted; a refusal must be a 4xx naming what was wrong."""
    assert response.status_code < 500, response.content
    if response.status_code in {created, 200}:
        return True
    assert 400 <= response.status_code < 500, response.status_code
    body = response.json()
    assert body["detail"]
    if response.status_code == 422:
        assert body["errors"], body
    return False


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(full_name=any_text | long_text, headline=any_text, city=any_text, notes=any_text)
def test_any_person_text_is_accepted_or_refused_without_a_trace(
    alice_api, full_name, headline, city, notes
):
    before = _counts()

    response = alice_api.post(
        "/people", {"full_name": full_name, "headline": headline, "city": city, "notes": notes}
    )

    if _accepted_or_refused(response):
        person = alice_api.get(f"/people/{response.json()['id']}").json()
        assert person == response.json()
        assert person["full_name"].strip()
    else:
        assert set(response.json()["errors"]) <= {
            "full_name",
            "given_name",
            "family_name",
            "headline",
            "city",
            "notes",
        }
        assert _counts() == before


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(
    fields=st.fixed_dictionaries(
        {
            "tags": st.lists(any_text, max_size=4),
            "emails": st.lists(any_text, max_size=3),
            "phones": st.lists(any_text, max_size=3),
            "links": st.lists(any_text, max_size=3),
            "organization_name": any_text,
        }
    )
)
def test_any_list_and_organization_text_is_accepted_or_refused(alice_api, fields):
    before = _counts()

    response = alice_api.post("/people", {"full_name": "Dana Whitfield", **fields})

    if not _accepted_or_refused(response):
        assert _counts() == before


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(
    changes=st.fixed_dictionaries(
        {},
        optional={
            "headline": any_text,
            "notes": any_text,
            "full_name": any_text,
            "tags": st.lists(any_text, max_size=3),
        },
    )
)
def test_a_refused_person_update_changes_nothing(alice_api, dana, changes):
    before = alice_api.get(f"/people/{dana.pk}").json()
    counts = _counts()

    response = alice_api.patch(f"/people/{dana.pk}", changes)

    if not _accepted_or_refused(response, created=200):
        assert alice_api.get(f"/people/{dana.pk}").json() == before
        assert _counts() == counts


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(name=any_text, domain=any_text, notes=any_text)
def test_any_organization_text_is_accepted_or_refused(alice_api, name, domain, notes):
    before = _counts()

    response = alice_api.post("/organizations", {"name": name, "domain": domain, "notes": notes})

    if not _accepted_or_refused(response):
        assert response.status_code in {409, 422}
        assert _counts() == before


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(
    kind=st.sampled_from(["offer", "need", "interest", "gossip", ""]) | any_text,
    text=any_text | long_text,
)
def test_any_fact_is_accepted_or_refused(alice_api, dana, kind, text):
    before = _counts()

    response = alice_api.post("/facts", {"person_id": dana.pk, "kind": kind, "text": text})

    if not _accepted_or_refused(response):
        assert _counts() == before


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(date=st.dates(), name=any_text, place=any_text)
def test_any_calendar_date_is_kept_exactly(alice_api, date, name, place):
    before = _counts()

    response = alice_api.post("/events", {"name": name, "date": date.isoformat(), "place": place})

    if _accepted_or_refused(response):
        assert Event.objects.get(pk=response.json()["id"]).date == date
    else:
        assert set(response.json()["errors"]) <= {"name", "place"}
        assert _counts() == before


written_dates = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.tuples(st.integers(-10, 10_050), st.integers(-1, 14), st.integers(-1, 33)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
    st.text(st.sampled_from("0123456789-T:/ +Z"), max_size=20),
    any_text,
)


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(date=written_dates)
def test_any_written_date_is_accepted_or_refused(alice_api, dana, date):
    before = _counts()

    responses = [
        alice_api.post("/milestones", {"person_id": dana.pk, "kind": "launch", "date": date}),
        alice_api.post("/followups", {"person_id": dana.pk, "due_on": date}),
        alice_api.post("/events", {"name": "Meetup", "date": date}),
    ]

    accepted = [_accepted_or_refused(r) for r in responses]
    assert len(set(accepted)) == 1, [r.content for r in responses]
    if not accepted[0]:
        assert _counts() == before


offsets = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(when=st.datetimes(timezones=st.none() | st.just(dt.UTC) | offsets), summary=any_text)
def test_any_encounter_time_is_kept_or_refused(alice_api, dana, when, summary):
    before = _counts()

    response = alice_api.post(
        "/encounters",
        {"participant_ids": [dana.pk], "occurred_at": when.isoformat(), "summary": summary},
    )

    if _accepted_or_refused(response):
        stored = Encounter.objects.get(pk=response.json()["id"]).occurred_at
        # A time without an offset is read in the server's time zone.
        expected = when if when.tzinfo else timezone.make_aware(when)
        assert stored == expected
    else:
        assert _counts() == before


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(q=any_text, tag=any_text)
def test_any_search_text_is_answered_or_refused(alice_api, dana, q, tag):
    for path, params in (
        ("/people", {"q": q, "tag": tag}),
        ("/search", {"q": q}),
        ("/events", {"q": q}),
    ):
        response = alice_api.get(path, **params)
        assert response.status_code in {200, 422}, response.content


def test_a_lone_surrogate_is_refused(alice_api, alice):
    raw = json.dumps({"full_name": "Da\ud800na"})

    response = alice_api.post("/people", raw=raw)

    assert response.status_code == 422
    assert "full_name" in response.json()["errors"]
    assert not Person.objects.filter(owner=alice).exists()
