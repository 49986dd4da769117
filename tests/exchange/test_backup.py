"""Backup and restore: an account goes out as one archive and comes back exactly."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from entregent.accounts.models import ApiToken, User
from entregent.accounts.services import token_create, user_create
from entregent.core.demo import demo_generate
from entregent.core.errors import Conflict, InvalidInput
from entregent.encounters.services import encounter_log
from entregent.exchange import backup
from entregent.exchange.backup import (
    FORMAT,
    VERSION,
    ModelSpec,
    account_is_empty,
    backup_iter,
    model_specs,
    restore,
)
from entregent.followups.models import FollowUp
from entregent.people.models import Fact, Person, SearchTerm
from entregent.people.selectors import person_search_ids
from entregent.people.services import connection_create, fact_create, person_create
from entregent.reminders.services import calendar_feed_issue, digest_subscribe

# Rows of models the demo does not make, one factory per model label. A model added later
# and missing here makes `test_the_rich_account_has_a_row_of_every_model_that_travels` fail.
Factory = Callable[[User, list[Person]], None]
ZOE = "Zoé d\u2019Arcy-Ōtani"


def _kept_field(owner: User, people: list[Person]) -> None:
    apps.get_model("exchange", "KeptField").objects.create(
        owner=owner,
        person=people[0],
        source_format="vcard",
        name="item1.X-ABLabel",
        params="TYPE=home;PREF=1",
        value="Zürich\nline two ☕",
        position=2,
    )


def _import_key(owner: User, people: list[Person]) -> None:
    apps.get_model("exchange", "ImportKey").objects.create(
        owner=owner, person=people[1], key="urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    )


def _not_duplicate(owner: User, people: list[Person]) -> None:
    a, b = sorted([people[2], people[3]], key=lambda p: p.pk)
    apps.get_model("dedupe", "NotDuplicate").objects.create(owner=owner, person_a=a, person_b=b)


def _digest(owner: User, people: list[Person]) -> None:
    digest_subscribe(owner=owner, email="alice@example.org", enabled=True)


def _introduction(owner: User, people: list[Person]) -> None:
    # Every field set: the steps' times, who declined, a note with a new line.
    at = dt.datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=dt.UTC)
    apps.get_model("matching", "Introduction").objects.create(
        owner=owner,
        person_a=people[4],
        person_b=people[5],
        status="declined",
        reason="Zoé needs a kiln; Sam offers one.",
        need="un four à céramique",
        offer="kiln time",
        score=0.4375,
        note="Asked twice\nno answer ☕",
        asked_a_at=at,
        a_answered_at=at,
        asked_b_at=at,
        b_answered_at=at,
        closed_at=at,
        declined_by="b",
    )


def _favour(owner: User, people: list[Person]) -> None:
    from entregent.goals.ledger import favour_log

    favour_log(
        owner=owner,
        person=people[1],
        direction="received",
        kind="referral",
        occurred_on=dt.date(2026, 2, 3),
        note="Recommended me to Studio Nord\nmerci ☕",
        source="follow_up",
        source_id=12,
    )


def _goal(owner: User, people: list[Person]) -> None:
    from entregent.goals.services import challenge_start

    challenge_start(
        owner=owner, per_day=2, days=30, start_on=dt.date(2026, 1, 5), title="Défi « 30 jours »"
    )


def _opportunity(owner: User, people: list[Person]) -> None:
    from entregent.pipeline.services import opportunity_create, opportunity_move

    opportunity = opportunity_create(
        owner=owner,
        title="Atelier Lumière: product photos",
        kind="referral",
        people=[people[2], people[3]],
        next_step="Relancer mardi",
        next_step_on=dt.date(2026, 4, 7),
        notes="Karen knows the owner\n☕",
        asked_person=people[2],
        asked_for="an introduction to the owner",
        asked_on=dt.date(2026, 3, 30),
    )
    # The move leaves a stage change behind, with its own time.
    opportunity_move(
        opportunity=opportunity,
        stage="reached_out",
        at=dt.datetime(2026, 3, 31, 9, 30, 15, 123456, tzinfo=dt.UTC),
    )


FACTORIES: dict[str, Factory] = {
    "exchange.keptfield": _kept_field,
    "exchange.importkey": _import_key,
    "dedupe.notduplicate": _not_duplicate,
    "reminders.digestsubscription": _digest,
    "matching.introduction": _introduction,
    "goals.favour": _favour,
    "goals.goal": _goal,
    "pipeline.opportunity": _opportunity,  # and its stage change
}


def build_rich_account(owner: User, people: int = 40) -> None:
    """A realistic network (the demo) plus hand-made rows of every model that travels."""
    demo_generate(owner=owner, people=people, seed=11)
    owner.language = "fr"
    owner.phone_region = "FR"
    owner.cadence_inner_days = 10
    owner.cadence_dormant_days = 365
    owner.followup_delay_days = 3
    owner.save()
    crowd = list(Person.objects.filter(owner=owner).order_by("pk")[:6])
    # Edge values: text with new lines and emoji, a self-introduced chain, an own cadence.
    zoe = person_create(
        owner=owner,
        full_name=ZOE,
        headline="Céramiste 🏺",
        organization="Atelier «Terre»",
        emails=["zoe@example.fr"],
        phones=["+33 6 12 34 56 78"],
        links=["https://www.linkedin.com/in/zoe-darcy"],
        tags=["céramique", "Design"],
        notes="Line one\nLine two\n\tindented",
        introduced_by=crowd[0],
        cadence_days=21,
    )
    fact_create(owner=owner, person=zoe, kind="offer", text="Teaches raku firing")
    fact_create(owner=owner, person=None, kind="need", text="A kiln for the spring show")
    connection_create(owner=owner, from_person=zoe, to_person=crowd[1], kind="colleague")
    encounter_log(
        owner=owner,
        participants=[zoe, crowd[1], crowd[2]],
        occurred_at=timezone.now() - dt.timedelta(days=2),
        channel="video",
        summary="Planned the open studio",
    )
    followup = FollowUp.objects.filter(owner=owner).order_by("pk").first()
    assert followup is not None
    for name, value in (
        ("draft_subject", "À propos du salon"),
        ("draft_body", "Bonjour,\n\nmerci !"),
        ("draft_edited_at", timezone.now()),
    ):
        if hasattr(followup, name):
            setattr(followup, name, value)
    followup.save()
    people_all = [*crowd, zoe]
    for label, factory in FACTORIES.items():
        if label in {spec.label for spec in model_specs()}:
            factory(owner, people_all)
    # What must not travel: an API token and a calendar address.
    token_create(owner=owner, name="laptop")
    calendar_feed_issue(owner=owner)


@pytest.fixture
def rich(alice: User) -> User:
    build_rich_account(alice)
    return alice


def archive_text(owner: User) -> str:
    return "".join(backup_iter(owner=owner))


def restore_text(owner: User, text: str) -> backup.RestoreResult:
    return restore(owner=owner, stream=io.BytesIO(text.encode("utf-8")))


# Comparing two accounts ------------------------------------------------------------------


def _pks(spec: ModelSpec, owner: User) -> list[int]:
    return list(
        spec.model._base_manager.filter(owner=owner).order_by("pk").values_list("pk", flat=True)
    )


def id_mapping(source: User, target: User) -> dict[str, dict[int, int]]:
    """Old id -> new id of every model (restore keeps the order of the rows)."""
    mapping = {}
    for spec in model_specs():
        old, new = _pks(spec, source), _pks(spec, target)
        assert len(old) == len(new), spec.label
        mapping[spec.label] = dict(zip(old, new, strict=True))
    return mapping


def _row(spec: ModelSpec, obj: models.Model) -> dict[str, Any]:
    row = {f.attname: getattr(obj, f.attname) for f in spec.fields}
    for name in spec.m2m:
        row[name] = set(getattr(obj, name).values_list("pk", flat=True))
    return row


def assert_same_account(source: User, target: User) -> None:
    """Every row of every model equal field by field, links compared through the ids."""
    mapping = id_mapping(source, target)
    for spec in model_specs():
        old_rows = spec.model._base_manager.filter(owner=source).order_by("pk")
        new_rows = {o.pk: o for o in spec.model._base_manager.filter(owner=target)}
        for old in old_rows:
            new = new_rows[mapping[spec.label][old.pk]]
            expected = _row(spec, old)
            for f in spec.fields:
                target_label = spec.links.get(f.name)
                value = expected[f.attname]
                if target_label and value is not None:
                    expected[f.attname] = (
                        target.pk if target_label == "" else mapping[target_label][value]
                    )
            for name, label in spec.m2m.items():
                expected[name] = {mapping[label][pk] for pk in expected[name]}
            assert _row(spec, new) == expected, f"{spec.label} {old.pk}"
    for f in backup.account_fields():
        assert getattr(target, f.attname) == getattr(source, f.attname), f.name


def renumbered(text: str) -> dict[str, Any]:
    """An archive with every id replaced by the row's position: equal modulo ids."""
    archive = json.loads(text)
    positions = {
        label: {row["id"]: i for i, row in enumerate(rows)}
        for label, rows in archive["models"].items()
    }
    specs = {spec.label: spec for spec in model_specs()}
    for label, rows in archive["models"].items():
        spec = specs[label]
        for row in rows:
            row["id"] = positions[label][row["id"]]
            for name, target in spec.links.items():
                if target not in {"", "-"} and row.get(name) is not None:
                    row[name] = positions[target][row[name]]
            for name, target in spec.m2m.items():
                row[name] = sorted(positions[target][pk] for pk in row[name])
    del archive["created"]
    return archive


# The models that travel ------------------------------------------------------------------


def test_every_owned_model_travels_unless_excluded() -> None:
    labels = {spec.label for spec in model_specs()}
    owned = {
        m._meta.label_lower
        for m in apps.get_models()
        if m.__module__.startswith("entregent.")
        and any(f.name == "owner" for f in m._meta.concrete_fields)
    }
    assert labels == owned - set(backup.EXCLUDED)
    assert {"people.person", "people.fact", "encounters.encounter", "followups.followup"} <= labels
    assert "people.searchterm" not in labels
    assert "accounts.apitoken" not in labels


def test_models_come_after_the_models_they_point_to() -> None:
    order = [spec.label for spec in model_specs()]
    for position, spec in enumerate(model_specs()):
        for name, target in [*spec.links.items(), *spec.m2m.items()]:
            if target in {"", "-"} or name in spec.deferred:
                continue
            assert order.index(target) < position, (spec.label, name)


def test_a_person_introduced_by_another_is_linked_in_a_second_pass() -> None:
    person = next(spec for spec in model_specs() if spec.label == "people.person")
    assert person.deferred == {"introduced_by"}
    assert person.m2m == {"tags": "people.tag"}


def test_the_rich_account_has_a_row_of_every_model_that_travels(rich: User) -> None:
    empty = [
        spec.label
        for spec in model_specs()
        if not spec.model._base_manager.filter(owner=rich).exists()
    ]
    assert empty == [], "add a row of these models to build_rich_account (FACTORIES)"


# The archive -----------------------------------------------------------------------------


def test_the_archive_is_versioned_json_with_the_account_settings(rich: User) -> None:
    archive = json.loads(archive_text(rich))
    assert archive["format"] == FORMAT
    assert archive["version"] == VERSION
    assert dt.datetime.fromisoformat(archive["created"])
    assert archive["account"]["language"] == "fr"
    assert archive["account"]["phone_region"] == "FR"
    assert archive["account"]["cadence_inner_days"] == 10
    assert "password" not in archive["account"]
    assert "username" not in archive["account"]
    assert list(archive["models"]) == [spec.label for spec in model_specs()]
    assert archive["counts"]["people.person"] == len(archive["models"]["people.person"]) == 41


def test_the_archive_keeps_ids_links_and_timestamps(rich: User) -> None:
    archive = json.loads(archive_text(rich))
    zoe = Person.objects.get(owner=rich, full_name=ZOE)
    row = next(r for r in archive["models"]["people.person"] if r["id"] == zoe.pk)
    assert row["introduced_by"] == zoe.introduced_by_id
    assert row["organization"] == zoe.organization_id
    assert sorted(row["tags"]) == sorted(zoe.tags.values_list("pk", flat=True))
    assert dt.datetime.fromisoformat(row["created"]) == zoe.created
    assert row["notes"] == "Line one\nLine two\n\tindented"


def test_what_must_not_travel_is_not_in_the_archive(rich: User) -> None:
    text = archive_text(rich)
    archive = json.loads(text)
    for label in ("accounts.apitoken", "reminders.calendarfeed", "people.searchterm"):
        assert label not in archive["models"]
    digest = ApiToken.objects.get(owner=rich).digest
    assert digest not in text


def test_the_archive_of_an_empty_account_is_empty(bob: User) -> None:
    archive = json.loads(archive_text(bob))
    assert all(rows == [] for rows in archive["models"].values())


def test_an_account_sees_only_its_own_rows(rich: User, bob: User) -> None:
    person_create(owner=bob, full_name="Bob's friend")
    archive = json.loads(archive_text(bob))
    assert [r["full_name"] for r in archive["models"]["people.person"]] == ["Bob's friend"]


# Restore ---------------------------------------------------------------------------------


def test_restore_reproduces_every_row_of_every_model(rich: User, bob: User) -> None:
    result = restore_text(bob, archive_text(rich))
    bob.refresh_from_db()
    assert_same_account(rich, bob)
    assert result.counts["people.person"] == 41
    assert result.total == sum(
        spec.model._base_manager.filter(owner=rich).count() for spec in model_specs()
    )


def test_the_backup_of_a_restored_account_equals_the_first_modulo_ids(
    rich: User, bob: User
) -> None:
    first = archive_text(rich)
    restore_text(bob, first)
    bob.refresh_from_db()
    assert renumbered(archive_text(bob)) == renumbered(first)


def test_restore_keeps_created_and_updated_exactly(rich: User, bob: User) -> None:
    long_ago = dt.datetime(2020, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
    Person.objects.filter(owner=rich).update(created=long_ago, updated=long_ago)
    restore_text(bob, archive_text(rich))
    assert set(Person.objects.filter(owner=bob).values_list("created", "updated")) == {
        (long_ago, long_ago)
    }


def test_restore_rebuilds_the_search_index(rich: User, bob: User) -> None:
    restore_text(bob, archive_text(rich))
    mapping = id_mapping(rich, bob)["people.person"]
    old = {
        (mapping[p], t)
        for p, t in SearchTerm.objects.filter(owner=rich).values_list("person_id", "term")
    }
    new = set(SearchTerm.objects.filter(owner=bob).values_list("person_id", "term"))
    assert new == old
    found = person_search_ids(owner=bob, query="raku").values_list("person_id", flat=True)
    assert list(found) == [Person.objects.get(owner=bob, full_name=ZOE).pk]


def test_secrets_and_logs_stay_behind(rich: User, bob: User) -> None:
    restore_text(bob, archive_text(rich))
    assert not ApiToken.objects.filter(owner=bob).exists()
    assert not apps.get_model("reminders", "CalendarFeed").objects.filter(owner=bob).exists()


def test_restore_into_a_fresh_account_then_use_it(rich: User) -> None:
    carol = user_create(username="carol", password="a long enough password 1")
    restore_text(carol, archive_text(rich))
    zoe = Person.objects.get(owner=carol, full_name=ZOE)
    fact = fact_create(owner=carol, person=zoe, kind="interest", text="Japanese glazes")
    assert fact.pk
    assert list(person_search_ids(owner=carol, query="glazes").values_list("person_id", flat=True))


def test_restore_refuses_an_account_with_data(rich: User, bob: User) -> None:
    person_create(owner=bob, full_name="Already here")
    text = archive_text(rich)
    with pytest.raises(Conflict, match="already holds data"):
        restore_text(bob, text)
    assert Person.objects.filter(owner=bob).count() == 1


def test_an_account_with_only_settings_counts_as_empty(bob: User) -> None:
    digest_subscribe(owner=bob, email="bob@example.org", enabled=False)
    assert account_is_empty(owner=bob)


def test_restore_replaces_the_settings_rows(rich: User, bob: User) -> None:
    digest_subscribe(owner=bob, email="bob@example.org", enabled=False)
    restore_text(bob, archive_text(rich))
    subscription = apps.get_model("reminders", "DigestSubscription").objects.get(owner=bob)
    assert subscription.enabled is True


# Refusals: named, and nothing written ------------------------------------------------------


def _mutated(owner: User, change: Callable[[dict[str, Any]], None]) -> str:
    archive = json.loads(archive_text(owner))
    change(archive)
    return json.dumps(archive)


def _assert_refused(owner: User, text: str, *fragments: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        restore_text(owner, text)
    for fragment in fragments:
        assert fragment in caught.value.message
    assert account_is_empty(owner=owner)
    assert not SearchTerm.objects.filter(owner=owner).exists()
    owner.refresh_from_db()
    assert owner.language == "en"


def test_another_version_is_refused_with_a_clear_message(rich: User, bob: User) -> None:
    text = _mutated(rich, lambda a: a.update(version=2))
    _assert_refused(bob, text, "version 2", "reads version 1")


def test_a_file_that_is_not_a_backup_is_refused(bob: User) -> None:
    _assert_refused(bob, '{"format": "something else", "version": 1, "models": {}}', "not an")
    _assert_refused(bob, "BEGIN:VCARD\r\nFN:Dana\r\nEND:VCARD\r\n", "not an Entregent backup")
    _assert_refused(bob, "", "not an Entregent backup")


def test_a_truncated_archive_is_refused_and_nothing_written(rich: User, bob: User) -> None:
    text = archive_text(rich)
    _assert_refused(bob, text[: len(text) * 2 // 3], "not valid JSON")


def test_an_invalid_row_is_named_by_model_row_and_field(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        rows = archive["models"]["people.person"]
        rows[-1]["circle"] = "best-friends"

    text = _mutated(rich, change)
    last = json.loads(text)["models"]["people.person"][-1]["id"]
    _assert_refused(bob, text, "people.person", f"row {last}", "circle")


def test_a_link_to_a_missing_row_is_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        archive["models"]["people.fact"][0]["encounter"] = 999_999_999

    _assert_refused(bob, _mutated(rich, change), "people.fact", "encounter", "999999999")


def test_a_self_reference_to_a_missing_person_is_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        archive["models"]["people.person"][0]["introduced_by"] = 999_999_999

    _assert_refused(bob, _mutated(rich, change), "people.person", "introduced_by")


def test_an_unknown_field_or_model_is_refused(rich: User, bob: User) -> None:
    def field(archive: dict[str, Any]) -> None:
        archive["models"]["people.tag"][0]["colour"] = "red"

    _assert_refused(bob, _mutated(rich, field), "people.tag", "colour")

    def model(archive: dict[str, Any]) -> None:
        archive["models"]["goals.wish"] = []

    _assert_refused(bob, _mutated(rich, model), "goals.wish")


def test_text_with_control_characters_is_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        archive["models"]["people.tag"][0]["name"] = "bad\x00tag"

    _assert_refused(bob, _mutated(rich, change), "people.tag", "name")


def test_rows_that_break_a_database_rule_are_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        tags = archive["models"]["people.tag"]
        tags.append({**tags[0], "id": 999_999_999})

    _assert_refused(bob, _mutated(rich, change), "people.tag")


def test_a_row_without_an_id_is_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        del archive["models"]["people.organization"][0]["id"]

    _assert_refused(bob, _mutated(rich, change), "people.organization", "row 1")


def test_bad_account_settings_are_refused(rich: User, bob: User) -> None:
    text = _mutated(rich, lambda a: a["account"].update(cadence_inner_days=0))
    _assert_refused(bob, text, "cadence_inner_days")


# Reading any layout ------------------------------------------------------------------------


def test_a_reformatted_archive_restores_the_same(rich: User, bob: User) -> None:
    text = json.dumps(json.loads(archive_text(rich)), indent=3, ensure_ascii=True)
    restore_text(bob, text)
    bob.refresh_from_db()
    assert_same_account(rich, bob)


def test_the_reader_crosses_buffer_boundaries(
    rich: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup._JsonStream, "READ", 7)
    restore_text(bob, archive_text(rich))
    bob.refresh_from_db()
    assert_same_account(rich, bob)


def test_an_older_archive_without_a_new_field_takes_its_default(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        for row in archive["models"]["people.person"]:
            del row["archived"]

    restore_text(bob, _mutated(rich, change))
    assert not Person.objects.filter(owner=bob, archived=True).exists()


def test_facts_about_me_travel(rich: User, bob: User) -> None:
    restore_text(bob, archive_text(rich))
    assert Fact.objects.filter(owner=bob, person=None, text="A kiln for the spring show").exists()


def test_rows_added_while_the_backup_runs_stay_out_of_it(rich: User, bob: User) -> None:
    pieces = backup_iter(owner=rich)
    header = next(pieces)
    zoe = Person.objects.get(owner=rich, full_name=ZOE)
    late = person_create(owner=rich, full_name="Late Comer", tags=["brand-new-tag"])
    zoe.tags.add(*late.tags.all())
    text = header + "".join(pieces)
    archive = json.loads(text)
    names = {row["full_name"] for row in archive["models"]["people.person"]}
    assert "Late Comer" not in names
    assert archive["counts"]["people.person"] == len(archive["models"]["people.person"])
    restore_text(bob, text)
    restored = Person.objects.get(owner=bob, full_name=ZOE)
    assert "brand-new-tag" not in set(restored.tags.values_list("name", flat=True))


def test_a_repeated_id_is_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        tags = archive["models"]["people.tag"]
        tags.insert(1, {**tags[0], "name": "another name"})

    _assert_refused(bob, _mutated(rich, change), "people.tag", "appears twice")


def test_rows_out_of_id_order_are_refused(rich: User, bob: User) -> None:
    def change(archive: dict[str, Any]) -> None:
        archive["models"]["people.person"].reverse()

    _assert_refused(bob, _mutated(rich, change), "people.person", "increasing id order")
