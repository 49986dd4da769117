"""The import engine on records built in the test: counts, matching, merging, atomicity."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.encounters.choices import Channel
from entregent.encounters.models import Encounter
from entregent.exchange.importer import import_records
from entregent.exchange.models import ImportKey, KeptField
from entregent.exchange.records import ContactRecord, KeptValue, Labelled, SkippedRecord
from entregent.followups.models import FollowUp
from entregent.people.models import Person
from entregent.people.services import person_create


def ada(line: int = 1, **extra) -> ContactRecord:
    fields = {
        "full_name": "Ada Lovelace",
        "given_name": "Ada",
        "family_name": "Lovelace",
        "organization": "Analytical Engines",
        "emails": [Labelled("ada@example.org", "work")],
        "phones": [Labelled("+44 20 7946 0018", "cell")],
        "kept": [KeptValue("X-FAVOURITE", "engines", "TYPE=pref")],
        "source_key": "urn:uuid:ada",
    }
    fields.update(extra)
    return ContactRecord(line=line, **fields)


def grace(line: int = 10) -> ContactRecord:
    return ContactRecord(
        line=line,
        full_name="Grace Hopper",
        emails=[Labelled("grace@example.org")],
        tags=["navy"],
    )


def test_it_imports_new_people_with_everything_they_have(alice):
    report = import_records(owner=alice, records=[ada(), grace()], source_format="vcard")
    assert (report.new, report.updated, report.skipped) == (2, 0, 0)
    person = Person.objects.get(owner=alice, full_name="Ada Lovelace")
    assert person.organization.name == "Analytical Engines"
    assert [(e.address, e.label) for e in person.emails.all()] == [("ada@example.org", "work")]
    assert [p.number for p in person.phones.all()] == ["+442079460018"]
    kept = KeptField.objects.get(person=person, name="X-FAVOURITE")
    assert (kept.source_format, kept.params, kept.value) == ("vcard", "TYPE=pref", "engines")
    assert ImportKey.objects.get(owner=alice, key="urn:uuid:ada").person == person
    hopper = Person.objects.get(owner=alice, full_name="Grace Hopper")
    assert [t.name for t in hopper.tags.all()] == ["navy"]
    assert hopper.search_terms.filter(term="hopper").exists()


def test_reimporting_the_same_records_changes_nothing(alice):
    import_records(owner=alice, records=[ada(), grace()], source_format="vcard")
    report = import_records(owner=alice, records=[ada(), grace()], source_format="vcard")
    assert (report.new, report.updated, report.unchanged) == (0, 0, 2)
    assert Person.objects.filter(owner=alice).count() == 2
    assert KeptField.objects.filter(owner=alice).count() == 1


def test_an_updated_record_adds_what_is_new_and_keeps_the_rest(alice):
    import_records(owner=alice, records=[ada()], source_format="vcard")
    changed = ada(
        source_key="",
        role="Analyst",
        emails=[Labelled("ada@example.org"), Labelled("ada@home.example")],
        tags=["math"],
    )
    report = import_records(owner=alice, records=[changed], source_format="vcard")
    assert (report.new, report.updated) == (0, 1)
    person = Person.objects.get(owner=alice)
    assert person.headline == "Analyst"
    assert sorted(e.address for e in person.emails.all()) == ["ada@example.org", "ada@home.example"]
    assert set(report.samples["updated"][0]["changes"]) >= {"headline", "emails", "tags"}


@pytest.mark.parametrize(
    "record",
    [
        ContactRecord(line=3, full_name="Someone", emails=[Labelled("ada@example.org")]),
        ContactRecord(line=3, full_name="Someone", phones=[Labelled("+442079460018")]),
        ContactRecord(line=3, full_name="Someone", source_key="urn:uuid:ada"),
        ContactRecord(line=3, full_name="Ada Lovelace", organization="analytical engines"),
    ],
    ids=["email", "phone", "source-key", "name-and-organization"],
)
def test_a_record_matches_an_existing_person_by_each_key(alice, record):
    import_records(owner=alice, records=[ada()], source_format="vcard")
    report = import_records(owner=alice, records=[record], source_format="vcard")
    assert report.new == 0
    assert report.updated + report.unchanged == 1
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_linkedin_url_in_another_form_matches(alice):
    person_create(owner=alice, full_name="Lin Ked", links=["https://www.linkedin.com/in/linked/"])
    record = ContactRecord(
        line=2, full_name="Lin K.", links=[Labelled("http://linkedin.com/in/LinkEd")]
    )
    report = import_records(owner=alice, records=[record], source_format="csv")
    assert report.new == 0
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_similar_name_is_flagged_as_a_likely_duplicate(alice):
    existing = person_create(owner=alice, full_name="Robert Smith")
    record = ContactRecord(line=4, full_name="Rob Smith")
    report = import_records(owner=alice, records=[record], source_format="csv")
    assert (report.new, report.duplicates) == (0, 1)
    assert report.samples["duplicate"][0]["duplicate_of"]["id"] == existing.pk
    assert Person.objects.filter(owner=alice).count() == 2


def test_two_people_sharing_a_name_with_different_e_mails_stay_two(alice):
    existing = person_create(owner=alice, full_name="John Smith", emails=["john@acme.example"])
    record = ContactRecord(
        line=7, full_name="John Smith", emails=[Labelled("jsmith@other.example")]
    )
    report = import_records(owner=alice, records=[record], source_format="csv")
    assert report.updated == 0
    assert report.duplicates == 1
    assert report.samples["duplicate"][0]["duplicate_of"]["id"] == existing.pk
    existing.refresh_from_db()
    assert list(existing.emails.values_list("address", flat=True)) == ["john@acme.example"]
    assert Person.objects.filter(owner=alice, full_name="John Smith").count() == 2


def test_the_same_name_without_contact_details_is_the_same_person(alice):
    person_create(owner=alice, full_name="John Smith", emails=["john@acme.example"])
    record = ContactRecord(line=7, full_name="John Smith", tags=["met-at-meetup"])
    report = import_records(owner=alice, records=[record], source_format="csv")
    assert (report.new, report.duplicates, report.updated) == (0, 0, 1)
    assert Person.objects.filter(owner=alice).count() == 1


def test_likely_duplicates_can_be_skipped(alice):
    person_create(owner=alice, full_name="Robert Smith")
    record = ContactRecord(line=4, full_name="Rob Smith")
    report = import_records(
        owner=alice, records=[record], source_format="csv", skip_duplicates=True
    )
    assert report.skipped == 1
    assert report.skipped_records[0]["line"] == 4
    assert Person.objects.filter(owner=alice).count() == 1


def test_invalid_records_are_skipped_with_their_line_and_field(alice):
    records = [
        ContactRecord(line=5, full_name="Bad Mail", emails=[Labelled("not an address")]),
        ContactRecord(line=9, full_name="x" * 300),
        SkippedRecord(line=12, reason="No name."),
        grace(line=20),
    ]
    report = import_records(owner=alice, records=records, source_format="vcard")
    assert (report.new, report.skipped) == (1, 3)
    listed = {(s["line"], s["field"]) for s in report.skipped_records}
    assert listed == {(5, "emails"), (9, "full_name"), (12, "")}


def test_an_undialable_phone_is_kept_rather_than_lost(alice):
    record = ContactRecord(line=1, full_name="Odd Phone", phones=[Labelled("ext. 12", "work")])
    import_records(owner=alice, records=[record], source_format="vcard")
    kept = KeptField.objects.get(owner=alice, name="phone")
    assert (kept.source_format, kept.params, kept.value) == ("record", "work", "ext. 12")


def test_records_of_the_same_file_merge_into_one_person(alice):
    first = ContactRecord(line=1, full_name="Twice Seen", emails=[Labelled("t@example.org")])
    second = ContactRecord(
        line=8, full_name="Twice Seen", emails=[Labelled("t@example.org")], role="Chef"
    )
    report = import_records(owner=alice, records=[first, second], source_format="vcard")
    assert (report.new, report.updated) == (1, 1)
    assert Person.objects.get(owner=alice).headline == "Chef"


def test_records_of_the_same_file_merge_across_chunks(alice):
    records = [
        ContactRecord(line=i, full_name=f"Person {i}", emails=[Labelled(f"p{i % 3}@example.org")])
        for i in range(1, 8)
    ]
    report = import_records(owner=alice, records=records, source_format="csv", chunk_size=2)
    assert report.new == 3
    assert Person.objects.filter(owner=alice).count() == 3


def test_a_dry_run_writes_nothing_and_predicts_the_commit(alice):
    preview = import_records(
        owner=alice, records=[ada(), grace()], source_format="vcard", dry_run=True
    )
    assert Person.objects.filter(owner=alice).count() == 0
    commit = import_records(owner=alice, records=[ada(), grace()], source_format="vcard")
    assert preview.as_dict()["counts"] == commit.as_dict()["counts"]


def test_a_failure_midway_leaves_nothing_written(alice):
    records = [ContactRecord(line=i, full_name=f"Person {i}") for i in range(1, 30)]
    with pytest.raises(RuntimeError):
        import_records(
            owner=alice, records=records, source_format="csv", chunk_size=10, fail_after=2
        )
    assert Person.objects.filter(owner=alice).count() == 0
    assert KeptField.objects.filter(owner=alice).count() == 0


def test_connected_on_becomes_a_first_social_encounter_without_follow_up(alice):
    record = ContactRecord(
        line=2,
        full_name="Link Din",
        links=[Labelled("https://www.linkedin.com/in/linkdin")],
        connected_on=dt.date(2021, 3, 12),
    )
    import_records(owner=alice, records=[record], source_format="csv")
    person = Person.objects.get(owner=alice)
    encounter = Encounter.objects.get(owner=alice)
    assert (encounter.channel, encounter.meaningful) == (Channel.SOCIAL, False)
    assert encounter.occurred_at.date() == dt.date(2021, 3, 12)
    assert list(encounter.participants.all()) == [person]
    assert person.how_we_met
    assert not FollowUp.objects.filter(owner=alice).exists()
    import_records(owner=alice, records=[record], source_format="csv")
    assert Encounter.objects.filter(owner=alice).count() == 1


def test_imports_match_only_the_owners_people(alice, bob):
    import_records(owner=bob, records=[ada()], source_format="vcard")
    report = import_records(owner=alice, records=[ada()], source_format="vcard")
    assert report.new == 1
    assert Person.objects.filter(owner=alice).count() == 1
