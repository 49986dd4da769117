"""What a draft is made of: the encounter it recalls, the value it offers, its language."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entregent.encounters.services import encounter_log
from entregent.followups import drafts
from entregent.followups.draft_selectors import (
    compose_draft,
    draft_for_followup,
    draft_for_person,
    draft_language,
)
from entregent.followups.draft_services import draft_discard, draft_save
from entregent.followups.services import followup_create
from entregent.people.services import fact_create, milestone_create, person_create
from tests.followups.draft_fixtures import drafted

__all__ = ["drafted"]


def test_a_follow_up_draft_recalls_the_meetup_and_offers_my_matching_offer(alice, drafted):
    draft = draft_for_followup(owner=alice, followup=drafted)
    assert draft.subject == "Following up: the Etsy listings"
    assert "yesterday at Design Meetup" in draft.body
    assert "the Etsy listings" in draft.body
    assert "product photos for her shop" in draft.body
    assert "product photography" in draft.body
    assert draft.generated.value_kind == drafts.VALUE_OFFER
    assert draft.generated.next_step == drafts.NEXT_COFFEE
    assert (draft.to, draft.sender, draft.language) == (
        "dana@example.org",
        "alice@example.com",
        "en",
    )
    assert draft.word_count <= drafts.MAX_WORDS
    assert draft.mailto.startswith("mailto:dana@example.org?subject=Following%20up")


def test_without_a_matching_offer_someone_in_the_network_is_introduced(alice, dana):
    fact_create(owner=alice, person=None, kind="offer", text="legal advice for startups")
    fact_create(owner=alice, person=dana, kind="need", text="a bookkeeper for the studio")
    karen = person_create(owner=alice, full_name="Karen Lee")
    fact_create(owner=alice, person=karen, kind="offer", text="bookkeeping for small studios")
    generated = compose_draft(owner=alice, person=dana, kind="check_in")
    assert generated.value_kind == drafts.VALUE_INTRO
    assert "introduce you to Karen Lee, who offers bookkeeping for small studios" in (
        generated.body
    )
    assert "legal" not in generated.body


def test_an_unmatched_need_or_a_project_is_asked_about(alice, dana):
    fact_create(owner=alice, person=dana, kind="project", text="the spring collection")
    assert "How is the spring collection coming along?" in (
        compose_draft(owner=alice, person=dana, kind="check_in").body
    )
    fact_create(owner=alice, person=dana, kind="need", text="a bigger kiln")
    generated = compose_draft(owner=alice, person=dana, kind="check_in")
    assert generated.value_kind == drafts.VALUE_NEED
    assert "a bigger kiln" in generated.body


def test_facts_about_other_people_and_other_accounts_are_never_used(alice, bob, dana):
    other = person_create(owner=alice, full_name="Olga Other")
    fact_create(owner=alice, person=other, kind="need", text="venture funding")
    bobs = person_create(owner=bob, full_name="Bob Friend")
    fact_create(owner=bob, person=None, kind="offer", text="venture funding advice")
    fact_create(owner=bob, person=bobs, kind="need", text="venture funding")
    encounter_log(owner=bob, participants=[bobs], summary="secret bob talk")
    generated = compose_draft(owner=alice, person=dana, kind="follow_up")
    assert generated.value_kind == drafts.VALUE_GENERIC
    for word in ("venture", "Olga", "Bob", "secret", "Thanks again"):
        assert word not in generated.body


def test_the_draft_speaks_the_persons_language_else_the_owners(alice, charlie, dana):
    assert draft_language(alice, dana) == "en"
    dana.language = "fr"
    assert draft_language(alice, dana) == "fr"
    pierre = person_create(owner=charlie, full_name="Pierre Martin")
    assert draft_language(charlie, pierre) == "fr"


def test_coffee_only_when_the_person_lives_where_my_people_live(alice, dana):
    for name in ("Ann One", "Ben Two"):
        person_create(owner=alice, full_name=name, city="Portland")
    encounter_log(owner=alice, participants=[dana], place="Blue Bottle", create_followup=False)
    assert compose_draft(owner=alice, person=dana, kind="follow_up").next_step == "coffee"
    dana.city = "Montréal"
    dana.save(update_fields=["city"])
    assert compose_draft(owner=alice, person=dana, kind="follow_up").next_step == "call"
    dana.city = "portland"
    dana.save(update_fields=["city"])
    assert compose_draft(owner=alice, person=dana, kind="follow_up").next_step == "coffee"


def test_a_congratulation_names_the_milestone(alice, dana):
    today = timezone.localdate()
    milestone_create(owner=alice, person=dana, kind="new_job", date=today, note="Art director")
    draft = draft_for_person(owner=alice, person=dana, kind="congratulate")
    assert "Congratulations on the new job! I just saw the news: Art director." in draft.body
    sam = person_create(owner=alice, full_name="Sam Rivers")
    born = dt.date(1992, today.month, today.day)  # a leap year: any day exists
    milestone_create(owner=alice, person=sam, kind="birthday", date=born, yearly=True)
    draft = draft_for_person(owner=alice, person=sam, kind="congratulate")
    assert draft.subject == "Happy birthday, Sam!"
    assert "Art director" not in draft.body


def test_an_edit_is_kept_until_discarded(alice, drafted):
    draft_save(followup=drafted, subject="My subject", body="My own words.\r\n\r\nAlice  ")
    draft = draft_for_followup(owner=alice, followup=drafted)
    assert (draft.subject, draft.body, draft.edited) == (
        "My subject",
        "My own words.\n\nAlice",
        True,
    )
    draft_discard(followup=drafted)
    regenerated = draft_for_followup(owner=alice, followup=drafted)
    assert not regenerated.edited
    assert regenerated.body == regenerated.generated.body


def test_a_draft_costs_the_same_few_queries_in_a_bigger_network(alice, drafted):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            draft_for_followup(owner=alice, followup=drafted)
        return len(queries)

    before = count()
    for n in range(30):
        person = person_create(owner=alice, full_name=f"Person {n}", city="Paris")
        fact_create(owner=alice, person=person, kind="offer", text=f"skill number {n}")
        followup_create(owner=alice, person=person, due_on=timezone.localdate())
    assert count() == before
    assert before <= 12
