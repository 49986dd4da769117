"""The networking loop: cadence that resets when you talk, follow-ups, congratulations, Today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entregent.core.errors import Conflict, InvalidInput
from entregent.encounters.services import encounter_delete, encounter_log, encounter_update
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.selectors import (
    followups_open_for,
    milestone_occurrence,
    today_agenda,
)
from entregent.followups.services import (
    agenda_item_followup,
    cadence_settings_update,
    followup_create,
    followup_dismiss,
    followup_done,
    followup_snooze,
)
from entregent.people.models import Milestone, Person
from entregent.people.services import (
    milestone_create,
    person_archive,
    person_create,
    person_update,
)

TODAY = timezone.localdate()


def _fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_a_new_person_is_due_a_check_in_one_interval_after_being_added(alice, dana):
    assert _fresh(dana).next_check_in == TODAY + dt.timedelta(days=30)
    assert _fresh(dana).last_interaction_at is None


def test_a_meaningful_encounter_resets_the_check_in(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(100), channel="call")
    assert _fresh(dana).next_check_in == TODAY - dt.timedelta(days=70)
    encounter_log(owner=alice, participants=[dana], channel="call")
    fresh = _fresh(dana)
    assert fresh.next_check_in == TODAY + dt.timedelta(days=30)
    assert fresh.last_interaction_at is not None
    assert timezone.localdate(fresh.last_interaction_at) == TODAY


def test_a_non_meaningful_encounter_does_not_reset_the_check_in(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(100))
    encounter_log(owner=alice, participants=[dana], channel="email", meaningful=False)
    assert _fresh(dana).next_check_in == TODAY - dt.timedelta(days=70)


def test_the_per_person_override_wins_over_the_circle(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(10))
    person_update(person=dana, cadence_days=7)
    assert _fresh(dana).next_check_in == TODAY - dt.timedelta(days=3)


def test_changing_the_circle_recomputes_the_check_in(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(10))
    person_update(person=dana, circle="inner")
    assert _fresh(dana).next_check_in == TODAY + dt.timedelta(days=4)
    person_update(person=dana, circle="dormant")
    assert _fresh(dana).next_check_in == TODAY + dt.timedelta(days=170)


def test_changing_my_circle_intervals_recomputes_everyone(alice, dana):
    cadence_settings_update(user=alice, cadence_active_days=60)
    assert _fresh(dana).next_check_in == TODAY + dt.timedelta(days=60)


def test_cadence_settings_refuse_a_zero_interval_naming_the_field(alice):
    with pytest.raises(InvalidInput) as caught:
        cadence_settings_update(user=alice, cadence_inner_days=0)
    assert "cadence_inner_days" in caught.value.errors


def test_editing_or_deleting_the_last_encounter_moves_the_check_in_back(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(40))
    latest = encounter_log(owner=alice, participants=[dana])
    encounter_update(encounter=latest, meaningful=False)
    assert _fresh(dana).next_check_in == TODAY - dt.timedelta(days=10)
    encounter_update(encounter=latest, meaningful=True)
    assert _fresh(dana).next_check_in == TODAY + dt.timedelta(days=30)
    encounter_delete(encounter=latest)
    assert _fresh(dana).next_check_in == TODAY - dt.timedelta(days=10)


def test_removing_a_participant_recomputes_their_check_in(alice, dana):
    sam = person_create(owner=alice, full_name="Sam Lee")
    encounter = encounter_log(owner=alice, participants=[dana, sam])
    encounter_update(encounter=encounter, participants=[dana])
    assert _fresh(sam).last_interaction_at is None


def test_a_meaningful_encounter_plans_a_follow_up_within_a_day(alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana], summary="Etsy listings")
    followup = FollowUp.objects.get(person=dana)
    assert followup.due_on == TODAY + dt.timedelta(days=1)
    assert followup.kind == FollowUpKind.FOLLOW_UP
    assert followup.topic == "Etsy listings"
    assert followup.source_encounter == encounter


def test_a_stated_follow_up_date_wins(alice, dana):
    encounter_log(owner=alice, participants=[dana], followup_due=dt.date(2027, 1, 4))
    assert FollowUp.objects.get(person=dana).due_on == dt.date(2027, 1, 4)


def test_the_follow_up_delay_is_a_setting(alice, dana):
    cadence_settings_update(user=alice, followup_delay_days=3)
    encounter_log(owner=alice, participants=[dana])
    assert FollowUp.objects.get(person=dana).due_on == TODAY + dt.timedelta(days=3)


def test_no_follow_up_when_asked_not_to_or_not_meaningful(alice, dana):
    encounter_log(owner=alice, participants=[dana], create_followup=False)
    encounter_log(owner=alice, participants=[dana], meaningful=False, channel="email")
    assert not FollowUp.objects.filter(person=dana).exists()


def test_no_follow_up_for_an_encounter_logged_long_after(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(60))
    assert not FollowUp.objects.filter(person=dana).exists()


def test_a_second_encounter_the_same_day_does_not_duplicate_the_follow_up(alice, dana):
    encounter_log(owner=alice, participants=[dana])
    encounter_log(owner=alice, participants=[dana], channel="call")
    assert FollowUp.objects.filter(person=dana).count() == 1


def test_every_participant_gets_a_follow_up(alice, dana):
    sam = person_create(owner=alice, full_name="Sam Lee")
    encounter_log(owner=alice, participants=[dana, sam])
    assert set(FollowUp.objects.values_list("person__full_name", flat=True)) == {
        "Dana Whitfield",
        "Sam Lee",
    }


def test_a_bad_follow_up_date_is_refused_naming_the_field(alice, dana):
    with pytest.raises(InvalidInput) as caught:
        encounter_log(owner=alice, participants=[dana], followup_due="soon")  # type: ignore[arg-type]
    assert "followup_due" in caught.value.errors
    assert not FollowUp.objects.exists()


def test_it_snoozes_and_the_follow_up_comes_back_when_due(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    followup_snooze(followup=followup, until="tomorrow")
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.SNOOZED
    assert followup.due_on == TODAY + dt.timedelta(days=1)
    assert followup.snoozed_at is not None
    assert followup.snooze_count == 1
    assert today_agenda(owner=alice).total == 0
    tomorrow = today_agenda(owner=alice, today=TODAY + dt.timedelta(days=1))
    assert [i.followup_id for i in tomorrow.due.items] == [followup.pk]


def test_snooze_next_week_and_a_date(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    followup_snooze(followup=followup, until="next_week")
    assert followup.due_on == TODAY + dt.timedelta(days=7)
    followup_snooze(followup=followup, until=TODAY + dt.timedelta(days=20))
    assert followup.due_on == TODAY + dt.timedelta(days=20)
    assert followup.snooze_count == 2


def test_snoozing_to_today_or_nonsense_is_refused(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    for until in (TODAY, "someday", "2026-13-40"):
        with pytest.raises(InvalidInput) as caught:
            followup_snooze(followup=followup, until=until)
        assert "until" in caught.value.errors


def test_done_and_dismissed_are_kept_in_history(alice, dana):
    first = followup_create(owner=alice, person=dana, due_on=TODAY)
    second = followup_create(owner=alice, person=dana, due_on=TODAY)
    followup_done(followup=first)
    followup_dismiss(followup=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (FollowUpStatus.DONE, FollowUpStatus.DISMISSED)
    assert first.completed_at is not None
    assert second.dismissed_at is not None
    with pytest.raises(Conflict):
        followup_snooze(followup=first, until="tomorrow")


def test_done_with_a_logged_call_moves_the_next_check_in(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(100))
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    followup_done(followup=followup, log_encounter={"channel": "call", "summary": "Caught up"})
    fresh = _fresh(dana)
    assert fresh.next_check_in == TODAY + dt.timedelta(days=30)
    assert dana.encounters.filter(channel="call", summary="Caught up").exists()
    # The call closes this follow-up; it does not plan another one.
    assert not FollowUp.objects.filter(person=dana, status=FollowUpStatus.OPEN).exists()


def test_done_refuses_unknown_encounter_fields_and_writes_nothing(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    with pytest.raises(InvalidInput):
        followup_done(followup=followup, log_encounter={"owner": "bob"})
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.OPEN


def test_logging_an_encounter_offers_the_open_follow_ups(alice, dana):
    older = followup_create(owner=alice, person=dana, due_on=TODAY - dt.timedelta(days=2))
    encounter = encounter_log(owner=alice, participants=[dana])
    offered = list(followups_open_for(owner=alice, people=[dana], exclude_encounter=encounter))
    assert offered == [older]


def test_a_check_in_done_without_an_encounter_waits_a_full_interval(alice, dana):
    encounter_log(owner=alice, participants=[dana], occurred_at=_ago(100))
    followup = agenda_item_followup(owner=alice, person=dana, kind=FollowUpKind.CHECK_IN)
    followup_done(followup=followup)
    assert _fresh(dana).next_check_in == TODAY + dt.timedelta(days=30)


def test_a_yearly_milestone_comes_round_every_year():
    birthday = Milestone(date=dt.date(1990, 11, 24), yearly=True)
    assert milestone_occurrence(birthday, dt.date(2031, 11, 22), 3) == dt.date(2031, 11, 24)
    assert milestone_occurrence(birthday, dt.date(2031, 11, 25), 3) is None
    new_year = Milestone(date=dt.date(1990, 1, 1), yearly=True)
    assert milestone_occurrence(new_year, dt.date(2030, 12, 30), 3) == dt.date(2031, 1, 1)


def test_a_29_february_birthday_is_on_the_28th_in_other_years():
    leapling = Milestone(date=dt.date(1992, 2, 29), yearly=True)
    assert milestone_occurrence(leapling, dt.date(2027, 2, 26), 3) == dt.date(2027, 2, 28)
    assert milestone_occurrence(leapling, dt.date(2028, 2, 27), 3) == dt.date(2028, 2, 29)


def test_today_lists_birthdays_a_few_days_ahead_including_29_february(alice, dana):
    milestone_create(
        owner=alice, person=dana, kind="birthday", date=dt.date(1992, 2, 29), yearly=True
    )
    agenda = today_agenda(owner=alice, today=dt.date(2027, 2, 25))
    assert [(i.person_id, i.due_on) for i in agenda.congratulations.items] == [
        (dana.pk, dt.date(2027, 2, 28))
    ]
    assert today_agenda(owner=alice, today=dt.date(2027, 2, 24)).congratulations.total == 0


def test_one_off_milestones_show_only_when_coming(alice, dana):
    milestone_create(owner=alice, person=dana, kind="launch", date=TODAY + dt.timedelta(days=2))
    milestone_create(owner=alice, person=dana, kind="new_job", date=TODAY - dt.timedelta(days=400))
    items = today_agenda(owner=alice).congratulations.items
    assert [i.milestone_kind for i in items] == ["launch"]


def test_a_congratulation_acted_on_leaves_today(alice, dana):
    milestone_create(owner=alice, person=dana, kind="launch", date=TODAY + dt.timedelta(days=1))
    item = today_agenda(owner=alice).congratulations.items[0]
    followup = agenda_item_followup(
        owner=alice, person=dana, kind=item.followup_kind, due_on=item.due_on, topic=item.topic
    )
    followup_done(followup=followup)
    assert today_agenda(owner=alice).congratulations.total == 0


def _person(owner, name, circle="active", last_days_ago=None):
    person = person_create(owner=owner, full_name=name, circle=circle)
    if last_days_ago is not None:
        encounter_log(
            owner=owner,
            participants=[person],
            occurred_at=_ago(last_days_ago),
            create_followup=False,
        )
    return person


def test_today_ranks_by_overdue_age_then_circle_then_topic(alice):
    old = _person(alice, "Old Friend", "weak")
    inner = _person(alice, "Inner Friend", "inner")
    active = _person(alice, "Active Friend", "active")
    topical = _person(alice, "Topical Friend", "active")
    followup_create(owner=alice, person=old, due_on=TODAY - dt.timedelta(days=9))
    followup_create(owner=alice, person=active, due_on=TODAY - dt.timedelta(days=2))
    followup_create(owner=alice, person=inner, due_on=TODAY - dt.timedelta(days=2))
    followup_create(
        owner=alice, person=topical, due_on=TODAY - dt.timedelta(days=2), topic="Portfolio"
    )
    names = [i.person_name for i in today_agenda(owner=alice).overdue.items]
    assert names == ["Old Friend", "Inner Friend", "Topical Friend", "Active Friend"]
    assert today_agenda(owner=alice).overdue.items[0].overdue_days == 9


def test_today_has_its_sections(alice):
    overdue = _person(alice, "Overdue Person")
    due = _person(alice, "Due Person")
    lapsed = _person(alice, "Lapsed Person", "inner", last_days_ago=20)
    busy = _person(alice, "Busy Person", "inner", last_days_ago=20)
    archived = _person(alice, "Archived Person", "inner", last_days_ago=20)
    person_archive(person=archived)
    followup_create(owner=alice, person=overdue, due_on=TODAY - dt.timedelta(days=1))
    followup_create(owner=alice, person=due, due_on=TODAY)
    followup_create(owner=alice, person=busy, due_on=TODAY + dt.timedelta(days=5))
    agenda = today_agenda(owner=alice)
    assert [i.person_name for i in agenda.overdue.items] == ["Overdue Person"]
    assert [i.person_name for i in agenda.due.items] == ["Due Person"]
    # Busy has a follow-up coming: no check-in on top of it; archived people never show.
    assert [i.person_name for i in agenda.check_ins.items] == ["Lapsed Person"]
    item = agenda.check_ins.items[0]
    assert (item.kind, item.overdue_days, item.circle, item.followup_id) == (
        "check_in",
        6,
        "inner",
        None,
    )
    assert lapsed.pk == item.person_id
    assert agenda.total == 3


def test_today_is_empty_for_a_new_account(alice):
    agenda = today_agenda(owner=alice)
    assert agenda.is_empty
    assert [s.key for s in agenda.sections] == ["overdue", "due", "check_ins", "congratulations"]


def test_today_shows_fifty_per_section_and_counts_the_rest(alice, settings):
    people = [person_create(owner=alice, full_name=f"Person {n}") for n in range(55)]
    for person in people:
        followup_create(owner=alice, person=person, due_on=TODAY - dt.timedelta(days=3))
    section = today_agenda(owner=alice).overdue
    assert (len(section.items), section.total, section.more) == (50, 55, 5)


def test_today_reads_a_fixed_number_of_queries_whatever_the_size(alice):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            today_agenda(owner=alice)
        return len(ctx.captured_queries)

    person = _person(alice, "First", last_days_ago=90)
    followup_create(owner=alice, person=person, due_on=TODAY)
    milestone_create(owner=alice, person=person, kind="launch", date=TODAY)
    small = count()
    for n in range(15):
        other = _person(alice, f"Other {n}", "inner", last_days_ago=40)
        followup_create(owner=alice, person=other, due_on=TODAY - dt.timedelta(days=n))
        milestone_create(owner=alice, person=other, kind="birthday", date=TODAY, yearly=True)
        _person(alice, f"Lapsed {n}", "weak", last_days_ago=200)
    assert count() == small
    assert small <= 14


def test_today_never_shows_another_owners_items(alice, bob, dana):
    bobs = person_create(owner=bob, full_name="Bruno Bianchi")
    followup_create(owner=bob, person=bobs, due_on=TODAY)
    milestone_create(owner=bob, person=bobs, kind="launch", date=TODAY)
    assert today_agenda(owner=alice).total == 0
    assert today_agenda(owner=bob).total == 2


def test_a_milestone_keeps_its_month_and_day_for_the_index(alice, dana):
    milestone = milestone_create(
        owner=alice, person=dana, kind="birthday", date=dt.date(1990, 12, 31)
    )
    assert Milestone.objects.get(pk=milestone.pk).month_day == 1231
    from entregent.people.services import milestone_update

    milestone_update(milestone=milestone, date=dt.date(1990, 2, 1))
    assert Milestone.objects.get(pk=milestone.pk).month_day == 201


def test_birthdays_across_new_year_come_in_calendar_order(alice, dana):
    sam = person_create(owner=alice, full_name="Sam Lee")
    milestone_create(owner=alice, person=sam, kind="birthday", date=dt.date(1980, 1, 1))
    milestone_create(owner=alice, person=dana, kind="birthday", date=dt.date(1990, 12, 31))
    items = today_agenda(owner=alice, today=dt.date(2030, 12, 30)).congratulations.items
    assert [(i.person_name, i.due_on) for i in items] == [
        ("Dana Whitfield", dt.date(2030, 12, 31)),
        ("Sam Lee", dt.date(2031, 1, 1)),
    ]
