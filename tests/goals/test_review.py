"""The challenge review: what was done, who was met, what lasted, which sources worked."""

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from entregent.encounters.services import encounter_log, event_create
from entregent.goals.review import challenge_review, review_csv, review_json, review_markdown
from entregent.goals.services import challenge_start
from entregent.people.services import person_create


def _log(owner, person, days_ago, **kwargs):
    when = timezone.now() - dt.timedelta(days=days_ago)
    return encounter_log(
        owner=owner, participants=[person], occurred_at=when, create_followup=False, **kwargs
    )


def _world(alice):
    today = timezone.localdate()
    goal = challenge_start(owner=alice, days=30, start_on=today - dt.timedelta(days=40))
    event = event_create(owner=alice, name="Small meetup", date=today - dt.timedelta(days=38))
    friend = person_create(owner=alice, full_name="Old Friend")
    _log(alice, friend, 200)
    ana = person_create(owner=alice, full_name="Ana Event")
    _log(alice, ana, 38, event=event)
    _log(alice, ana, 2)  # still in touch more than 30 days later
    ben = person_create(owner=alice, full_name="=Ben Intro", introduced_by=friend)
    _log(alice, ben, 35)
    _log(alice, friend, 20)  # an old friend seen during the challenge is not new
    late = person_create(owner=alice, full_name="After The End")
    _log(alice, late, 3)
    return goal


def test_review_lists_people_first_met_during_the_challenge(alice):
    review = challenge_review(goal=_world(alice))
    assert [p.name for p in review.people] == ["Ana Event", "=Ben Intro"]
    assert review.people_count == 2
    assert review.finished


def test_review_tells_which_relationships_lasted(alice):
    review = challenge_review(goal=_world(alice))
    ana, ben = review.people
    assert ana.lasted == {30: True, 90: None}
    assert ben.lasted == {30: False, 90: None}
    assert review.lasted[30] == (1, 1, 0)
    assert review.lasted[90] == (0, 0, 2)


def test_review_tells_which_sources_worked(alice):
    review = challenge_review(goal=_world(alice))
    by_source = {s.key: (s.people, s.lasted_30) for s in review.sources}
    assert by_source["event"] == (1, 1)
    assert by_source["introduction"] == (1, 0)
    assert by_source["other"] == (0, 0)


def test_review_counts_what_was_done(alice):
    done = {d.metric: d.count for d in challenge_review(goal=_world(alice)).done}
    assert done["new_connections"] == 2
    assert done["events"] == 1


def test_review_exports(alice):
    review = challenge_review(goal=_world(alice))
    markdown = review_markdown(review)
    assert "| Ana Event |" in markdown
    assert "too early to tell" in markdown
    data = json.loads(json.dumps(review_json(review), cls=DjangoJSONEncoder))
    assert data["people"][0]["source"] == "event"
    assert data["sources"][0]["source"] == "introduction"
    csv_text = review_csv(review)
    assert "'=Ben Intro" in csv_text


def test_review_never_shows_another_owners_people(alice, bob):
    goal = _world(alice)
    bob_person = person_create(owner=bob, full_name="Bob Contact")
    _log(bob, bob_person, 38)
    assert "Bob Contact" not in [p.name for p in challenge_review(goal=goal).people]


def test_review_counts_cold_pitches_as_a_source(alice):
    from entregent.pipeline.services import opportunity_create

    goal = _world(alice)
    pitched = person_create(owner=alice, full_name="Pia Pitched")
    opportunity_create(owner=alice, title="Dream client", people=[pitched])
    _log(alice, pitched, 30, channel="call")
    review = challenge_review(goal=goal)
    assert {p.name: p.source for p in review.people}["Pia Pitched"] == "pitch"
    assert {s.key: s.people for s in review.sources}["pitch"] == 1
