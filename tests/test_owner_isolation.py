"""Bob can never read, change or even detect Alice's rows: every URL answers 404.

The test walks every URL pattern of the web interface and every route of the API, so a
new page or route that takes an id is covered the day it is added (or fails here until
it is listed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from entregent.accounts.models import ApiToken, User
from entregent.accounts.services import token_create
from entregent.dedupe.services import person_merge
from entregent.encounters.services import encounter_log, event_create
from entregent.exchange.services import import_job_create
from entregent.followups.services import followup_create
from entregent.goals.ledger import favour_log
from entregent.goals.services import challenge_start
from entregent.matching.intro_services import intro_accept
from entregent.people.models import Connection, Fact, Milestone, Organization, Person
from entregent.people.services import (
    connection_create,
    fact_create,
    milestone_create,
    person_create,
)
from entregent.pipeline.services import opportunity_create


@dataclass
class AliceWorld:
    person: Person
    other: Person
    organization: Organization
    fact: Fact
    milestone: Milestone
    connection: Connection
    encounter: object
    event: object
    followup: object
    token: ApiToken
    merge: object
    import_job: object = None
    introduction: object = None
    goal: object = None
    opportunity: object = None
    favour: object = None

    def snapshot(self) -> dict[str, object]:
        """What must be unchanged after Bob's attempts."""
        self.person.refresh_from_db()
        return {
            "person": (self.person.full_name, self.person.archived, self.person.notes),
            "people": Person.objects.filter(owner_id=self.person.owner_id).count(),
            "orgs": list(
                Organization.objects.filter(owner_id=self.person.owner_id).values_list(
                    "name", flat=True
                )
            ),
            "facts": Fact.objects.filter(owner_id=self.person.owner_id).count(),
            "milestones": Milestone.objects.filter(owner_id=self.person.owner_id).count(),
            "connections": Connection.objects.filter(owner_id=self.person.owner_id).count(),
            "token_revoked": ApiToken.objects.get(pk=self.token.pk).revoked,
        }


@pytest.fixture
def world(alice: User) -> AliceWorld:
    person = person_create(
        owner=alice, full_name="Zelda Secretname", organization="Hidden Corp", notes="private"
    )
    other = person_create(owner=alice, full_name="Yannick Confidentiel")
    event = event_create(owner=alice, name="Secret Summit", date=dt.date(2026, 5, 1))
    encounter = encounter_log(
        owner=alice, participants=[person, other], event=event, summary="hush"
    )
    assert person.organization is not None
    return AliceWorld(
        person=person,
        other=other,
        organization=person.organization,
        fact=fact_create(owner=alice, person=person, kind="offer", text="classified photography"),
        milestone=milestone_create(
            owner=alice, person=person, kind="birthday", date=dt.date(1990, 4, 2)
        ),
        connection=connection_create(owner=alice, from_person=person, to_person=other),
        encounter=encounter,
        event=event,
        goal=challenge_start(owner=alice, days=30, title="hush challenge"),
        followup=followup_create(
            owner=alice, person=person, due_on=dt.date(2026, 12, 1), topic="secret"
        ),
        token=token_create(owner=alice, name="alice laptop").token,
        merge=person_merge(
            owner=alice,
            survivor=person_create(owner=alice, full_name="Xavier Hushmerge"),
            other=person_create(owner=alice, full_name="X. Hushmerge"),
        ),
        import_job=import_job_create(
            owner=alice, chunks=[b"BEGIN:VCARD\r\nFN:Zelda\r\nEND:VCARD\r\n"], original_name="z.vcf"
        ),
        introduction=intro_accept(
            owner=alice,
            person_a=person,
            person_b=person_create(owner=alice, full_name="Wanda Hushintro"),
        ),
        opportunity=opportunity_create(
            owner=alice,
            title="hush deal",
            people=[person],
            next_step="hush call",
            next_step_on=dt.date(2026, 1, 1),
        ),
        favour=favour_log(owner=alice, person=person, note="hush favour"),
    )


# Which of Alice's objects each URL keyword names, by URL name.
WEB_KWARGS: dict[str, dict[str, str]] = {
    "people:detail": {"pk": "person"},
    "people:edit": {"pk": "person"},
    "people:archive": {"pk": "person"},
    "people:delete": {"pk": "person"},
    "people:fact_add": {"pk": "person"},
    "people:fact_delete": {"pk": "fact"},
    "people:connection_add": {"pk": "person"},
    "people:connection_delete": {"pk": "person", "connection_pk": "connection"},
    "people:milestone_add": {"pk": "person"},
    "people:milestone_delete": {"pk": "person", "milestone_pk": "milestone"},
    "people:organization_detail": {"pk": "organization"},
    "people:organization_edit": {"pk": "organization"},
    "people:organization_delete": {"pk": "organization"},
    "matching:brief": {"pk": "person"},
    "matching:brief_section": {"pk": "person"},
    "matching:common_ground": {"pk": "person"},
    "matching:synergies_person": {"pk": "person"},
    "network:tie_card": {"pk": "person"},
    "matching:introductions_person": {"pk": "person"},
    "matching:introduction": {"pk": "introduction"},
    "matching:introduction_ask_a": {"pk": "introduction"},
    "matching:introduction_answer": {"pk": "introduction"},
    "matching:introduction_ask_b": {"pk": "introduction"},
    "matching:introduction_make": {"pk": "introduction"},
    "matching:introduction_cancel": {"pk": "introduction"},
    "encounters:detail": {"pk": "encounter"},
    "encounters:edit": {"pk": "encounter"},
    "encounters:delete": {"pk": "encounter"},
    "encounters:event_detail": {"pk": "event"},
    "encounters:event_edit": {"pk": "event"},
    "encounters:event_delete": {"pk": "event"},
    "encounters:event_prep": {"pk": "event"},
    "encounters:event_plan": {"pk": "event"},
    "goals:person_favours": {"pk": "person"},
    "goals:person_favour_add": {"pk": "person"},
    "goals:favour_delete": {"pk": "favour"},
    "accounts:token_revoke": {"pk": "token"},
    # The feed's secret is its only credential: here Bob guesses with an id (404); that
    # Bob's own secret never shows Alice's items is in tests/reminders/test_feed.py.
    "reminders:calendar_feed": {"secret": "person"},
    "followups:done": {"pk": "followup"},
    "followups:snooze": {"pk": "followup"},
    "followups:dismiss": {"pk": "followup"},
    "followups:after_encounter": {"pk": "encounter"},
    "dedupe:review": {"pk": "person", "other_pk": "other"},
    "dedupe:ignore": {"pk": "person", "other_pk": "other"},
    "dedupe:undo": {"pk": "merge"},
    "exchange:import_detail": {"pk": "import_job"},
    "exchange:import_progress": {"pk": "import_job"},
    "exchange:import_options": {"pk": "import_job"},
    "exchange:import_commit": {"pk": "import_job"},
    "exchange:import_delete": {"pk": "import_job"},
    "followups:draft": {"pk": "followup"},
    "followups:draft_eml": {"pk": "followup"},
    "followups:person_draft": {"pk": "person"},
    "followups:person_draft_eml": {"pk": "person"},
    "goals:detail": {"pk": "goal"},
    "goals:edit": {"pk": "goal"},
    "goals:archive": {"pk": "goal"},
    "goals:review": {"pk": "goal"},
    "goals:review_md": {"pk": "goal"},
    "goals:review_json": {"pk": "goal"},
    "goals:review_csv": {"pk": "goal"},
    "pipeline:detail": {"pk": "opportunity"},
    "pipeline:edit": {"pk": "opportunity"},
    "pipeline:delete": {"pk": "opportunity"},
    "pipeline:move": {"pk": "opportunity"},
    "pipeline:outcome": {"pk": "opportunity"},
    "pipeline:next_step": {"pk": "opportunity"},
    "pipeline:person": {"pk": "person"},
}


def _walk(
    patterns: list, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = (
                f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or route)
            )
            yield name, route, list(entry.pattern.converters)


def web_routes() -> list[tuple[str, str, list[str]]]:
    return [r for r in _walk(get_resolver().url_patterns) if r[2] and not r[1].startswith("api/")]


def test_every_web_url_with_an_id_is_listed_here() -> None:
    missing = sorted({name for name, _route, _kw in web_routes()} - set(WEB_KWARGS))
    assert missing == [], f"add these URL names to WEB_KWARGS: {missing}"


def _fill(route: str, values: dict[str, int]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


SECRETS = (
    "Zelda",
    "Secretname",
    "Hidden Corp",
    "classified",
    "Secret Summit",
    "hush",
    "Confidentiel",
)


def test_bob_gets_404_on_every_page_about_alices_rows(
    world: AliceWorld, bob_client: Client
) -> None:
    before = world.snapshot()
    checked = 0
    for name, route, _kwargs in web_routes():
        values = {kw: getattr(world, attr).pk for kw, attr in WEB_KWARGS[name].items()}
        url = _fill(route, values)
        statuses = set()
        for method in ("get", "post"):
            response = getattr(bob_client, method)(url)
            # 405 for the wrong method reveals nothing; anything else must be a 404.
            assert response.status_code in {404, 405}, (
                f"{method.upper()} {url} ({name}) -> {response.status_code}"
            )
            statuses.add(response.status_code)
            body = response.content.decode(errors="replace")
            for secret in SECRETS:
                assert secret not in body, f"{url} shows {secret!r} to bob"
        assert 404 in statuses, f"{url} ({name}) never answered 404"
        checked += 1
    assert checked >= len(WEB_KWARGS)
    assert world.snapshot() == before


def test_bob_sees_none_of_alices_rows_in_lists_and_search(
    world: AliceWorld, bob_client: Client
) -> None:
    listing = {
        "/": "",
        "/people/": "",
        "/goals/": "",
        "/goals/today/": "",
        "/people/?q=zelda": "Zelda",
        "/people/?q=classified": "classified",
        "/people/organizations/": "",
        "/encounters/": "",
        "/encounters/events/": "",
        "/encounters/events/yield/": "",
        "/goals/ledger/": "",
        "/search/?q=zelda": "Zelda",
        "/search/?q=hidden": "Hidden Corp",
        "/me/": "",
        "/reminders/": "",
        "/followups/": "",
        "/followups/?status=open": "",
        "/duplicates/": "",
        "/duplicates/merges/": "",
        "/network/paths/": "",
        "/network/paths/results/?kind=org&q=Hidden+Corp": "Hidden Corp",
        "/network/paths/results/?kind=person&q=Zelda": "Zelda",
        "/network/brokers/": "",
        "/network/radar/": "",
        "/matching/introductions/section/": "",
        "/network/map/": "",
        "/network/map/data/": "",
        "/network/map/card/": "",
        "/pipeline/": "",
        "/pipeline/today/": "",
        "/pipeline/insights/": "",
    }
    for url, echoed in listing.items():
        response = bob_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            if secret.casefold() != echoed.casefold():
                assert secret not in body, f"{url} shows {secret!r} to bob"


# The API: every route with an id in its path, and every body that references an id.
API_PARAMS = {
    "person_id": "person",
    "organization_id": "organization",
    "fact_id": "fact",
    "milestone_id": "milestone",
    "connection_id": "connection",
    "event_id": "event",
    "encounter_id": "encounter",
    "followup_id": "followup",
    "token_id": "token",
    "merge_id": "merge",
    "import_id": "import_job",
    "goal_id": "goal",
    "intro_id": "introduction",
    "opportunity_id": "opportunity",
    "favour_id": "favour",
}


def api_routes() -> list[tuple[str, str]]:
    from entregent.api import api

    schema = api.get_openapi_schema()
    return [
        (path, method) for path, ops in schema["paths"].items() for method in ops if "{" in path
    ]


def test_every_api_path_parameter_is_listed_here() -> None:
    params = {m for path, _method in api_routes() for m in re.findall(r"{(\w+)}", path)}
    assert params - set(API_PARAMS) == set()


def test_bob_gets_404_on_every_api_route_about_alices_rows(world: AliceWorld, bob: User) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(owner=bob, name='bob cli').secret}")
    before = world.snapshot()
    routes = api_routes()
    assert len(routes) >= 15
    for path, method in routes:
        url = re.sub(r"{(\w+)}", lambda m: str(getattr(world, API_PARAMS[m.group(1)]).pk), path)
        kwargs = (
            {"data": {}, "content_type": "application/json"}
            if method in {"post", "patch", "put"}
            else {}
        )
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == 404, f"{method.upper()} {url} -> {response.status_code}"
        for secret in SECRETS:
            assert secret not in response.content.decode(), f"{url} shows {secret!r} to bob"
    assert world.snapshot() == before


def test_bob_cannot_point_at_alices_rows_from_a_request_body(world: AliceWorld, bob: User) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(owner=bob, name='bob cli').secret}")
    bobs_person = person_create(owner=bob, full_name="Bob's Friend")
    before = world.snapshot()
    bodies = [
        ("/api/v1/people", {"full_name": "X", "organization_id": world.organization.pk}),
        ("/api/v1/people", {"full_name": "X", "introduced_by_id": world.person.pk}),
        ("/api/v1/facts", {"kind": "offer", "text": "t", "person_id": world.person.pk}),
        ("/api/v1/facts", {"kind": "offer", "text": "t", "encounter_id": world.encounter.pk}),  # type: ignore[attr-defined]
        (
            "/api/v1/milestones",
            {"person_id": world.person.pk, "kind": "birthday", "date": "2000-01-01"},
        ),
        (
            "/api/v1/connections",
            {"from_person_id": bobs_person.pk, "to_person_id": world.person.pk},
        ),
        ("/api/v1/encounters", {"participant_ids": [world.person.pk]}),
        ("/api/v1/encounters", {"participant_ids": [bobs_person.pk], "event_id": world.event.pk}),  # type: ignore[attr-defined]
        ("/api/v1/followups", {"person_id": world.person.pk, "due_on": "2026-12-24"}),
        ("/api/v1/favours", {"person_id": world.person.pk}),
        ("/api/v1/merges", {"survivor_id": bobs_person.pk, "other_id": world.person.pk}),
        ("/api/v1/duplicates/dismiss", {"person_id": bobs_person.pk, "other_id": world.other.pk}),
    ]
    for url, body in bodies:
        response = client.post(url, data=body, content_type="application/json")
        assert response.status_code == 404, f"POST {url} {body} -> {response.status_code}"
    assert world.snapshot() == before
    assert Person.objects.filter(owner=bob).count() == 1
