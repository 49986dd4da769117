"""Owner isolation: Bob can never read, change or detect Alice's rows through the API.

The route walk reads the OpenAPI schema, so a route added later is walked too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from entregent.accounts.models import User
from entregent.accounts.services import token_create
from entregent.api import api
from entregent.dedupe.models import Merge
from entregent.dedupe.services import person_merge
from entregent.encounters.models import Encounter, Event
from entregent.encounters.services import encounter_log
from entregent.exchange.models import ImportJob
from entregent.exchange.services import import_job_create
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.goals.ledger import favour_log
from entregent.goals.services import challenge_start
from entregent.matching.intro_services import intro_accept
from entregent.matching.models import Introduction
from entregent.people.models import Connection, Fact, Milestone, Organization, Person
from entregent.people.services import (
    connection_create,
    fact_create,
    milestone_create,
    person_create,
)
from entregent.pipeline.services import opportunity_create

# Which of Alice's rows each path parameter names.
PATH_PARAMS = {
    "person_id": "person",
    "organization_id": "organization",
    "event_id": "event",
    "encounter_id": "encounter",
    "fact_id": "fact",
    "milestone_id": "milestone",
    "connection_id": "connection",
    "followup_id": "followup",
    "token_id": "token_id",
    "import_id": "import_job",
    "merge_id": "merge",
    "goal_id": "goal",
    "intro_id": "introduction",
    "opportunity_id": "opportunity",
    "favour_id": "favour",
}


@dataclass
class AliceRows:
    person: Person
    other: Person
    organization: Organization
    event: Event
    encounter: Encounter
    fact: Fact
    me_fact: Fact
    milestone: Milestone
    connection: Connection
    followup: FollowUp
    token_id: int
    import_job: ImportJob
    merge: Merge
    introduction: Introduction | None = None
    goal: object = None
    opportunity: object = None
    favour: object = None

    def path_ids(self) -> dict[str, int]:
        ids = {param: getattr(self, attr) for param, attr in PATH_PARAMS.items()}
        return {
            param: value if isinstance(value, int) else value.pk for param, value in ids.items()
        }

    def snapshot(self) -> list[str]:
        """Everything about Alice's rows, to prove nothing changed."""
        models = (
            Person,
            Organization,
            Event,
            Encounter,
            Fact,
            Milestone,
            Connection,
            FollowUp,
            Introduction,
        )
        rows = []
        for model in models:
            for row in model.objects.filter(owner=self.person.owner).order_by("pk").values():
                rows.append(json.dumps(row, default=str, sort_keys=True))
        return rows


@pytest.fixture
def rows(alice: User, dana: Person, meetup: Event) -> AliceRows:
    sam = person_create(owner=alice, full_name="Sam Okafor", tags=["running"])
    # A likely duplicate pair, so the duplicates list has something to hide from Bob.
    for name in ("Robin Twice", "Robin Twyce"):
        person_create(owner=alice, full_name=name, emails=["robin@example.org"])
    encounter = encounter_log(owner=alice, participants=[dana, sam], event=meetup, channel="video")
    return AliceRows(
        person=dana,
        other=sam,
        goal=challenge_start(owner=alice, days=30),
        organization=dana.organization,
        event=meetup,
        encounter=encounter,
        fact=fact_create(
            owner=alice, person=dana, kind="offer", text="photos", encounter=encounter
        ),
        me_fact=fact_create(owner=alice, person=None, kind="need", text="a designer"),
        milestone=milestone_create(
            owner=alice, person=dana, kind="birthday", date=dt.date(1990, 4, 2)
        ),
        connection=connection_create(owner=alice, from_person=dana, to_person=sam),
        followup=followup_create(owner=alice, person=dana, due_on=dt.date(2026, 12, 1)),
        token_id=token_create(owner=alice, name="alice").token.pk,
        import_job=import_job_create(
            owner=alice, chunks=[b"BEGIN:VCARD\r\nFN:Zoe\r\nEND:VCARD\r\n"], original_name="z.vcf"
        ),
        merge=person_merge(
            owner=alice,
            survivor=person_create(owner=alice, full_name="Xavier Merged"),
            other=person_create(owner=alice, full_name="X. Merged"),
        ),
        introduction=intro_accept(
            owner=alice, person_a=dana, person_b=person_create(owner=alice, full_name="Ivy Intro")
        ),
        opportunity=opportunity_create(owner=alice, title="Acme", people=[dana]),
        favour=favour_log(owner=alice, person=dana),
    )


# Bodies that would succeed for Alice, so a 404 for Bob can only come from ownership.
PATCH_BODIES = {
    "/me": {"language": "fr"},
    "/people/{person_id}": {"headline": "Hacked"},
    "/organizations/{organization_id}": {"name": "Hacked"},
    "/events/{event_id}": {"name": "Hacked"},
    "/encounters/{encounter_id}": {"summary": "Hacked"},
    "/facts/{fact_id}": {"text": "Hacked"},
    "/milestones/{milestone_id}": {"note": "Hacked"},
    "/connections/{connection_id}": {"note": "Hacked"},
    "/followups/{followup_id}": {"topic": "Hacked"},
    "/opportunities/{opportunity_id}": {"title": "Hacked"},
    "/events/{event_id}/plan": {"my_intro": "Hacked"},
    "/favours/{favour_id}": {"note": "Hacked"},
    "/goals/{goal_id}": {"title": "Hacked"},
}


# Bodies of the actions on one row (done, snooze, dismiss take an optional or small body).
POST_BODIES = {
    "/followups/{followup_id}/snooze": {"until": "tomorrow"},
    "/today/check-ins/{person_id}/snooze": {"until": "tomorrow"},
    "/today/congratulations/{person_id}/snooze": {"until": "tomorrow"},
    "/introductions/{intro_id}/answer": {"side": "a", "agreed": True},
    "/opportunities/{opportunity_id}/move": {"stage": "won"},
}


# Bodies of the PUT routes (a whole value replaced).
PUT_BODIES = {
    "/followups/{followup_id}/draft": {"subject": "Hacked", "body": "Hacked"},
}


def _operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        for method in operations
    ]


def _by_id(operations: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(m, p) for m, p in operations if "{" in p]


def test_every_route_with_an_id_is_walked():
    for _method, path in _by_id(_operations()):
        param = path[path.index("{") + 1 : path.index("}")]
        assert param in PATH_PARAMS, f"{path}: add {param} to PATH_PARAMS"
    for method, path in _operations():
        if method == "PATCH":
            assert path in PATCH_BODIES, f"add a body for PATCH {path}"
        if method == "PUT":
            assert path in PUT_BODIES, f"add a body for PUT {path}"


@pytest.mark.parametrize(("method", "path"), _by_id(_operations()))
def test_bob_gets_404_for_alices_objects_on_every_route(method, path, rows, bob_api):
    before = rows.snapshot()
    url = path.format(**rows.path_ids())

    if method == "GET":
        response = bob_api.get(url)
    elif method == "PATCH":
        response = bob_api.patch(url, PATCH_BODIES[path])
    elif method == "POST":
        response = bob_api.post(url, POST_BODIES.get(path))
    elif method == "PUT":
        response = bob_api._send("put", url, PUT_BODIES[path])
    else:
        response = bob_api.delete(url)

    assert response.status_code == 404, (method, url, response.content)
    assert response.json()["code"] == "not_found"
    assert rows.snapshot() == before


@pytest.mark.parametrize(("method", "path"), _by_id(_operations()))
def test_alice_can_use_the_same_routes(method, path, rows, alice_api):
    # The other half of the isolation test: the 404s above come from ownership alone.
    url = path.format(**rows.path_ids())
    if method == "GET":
        response = alice_api.get(url)
    elif method == "PATCH":
        response = alice_api.patch(url, PATCH_BODIES[path])
    elif method == "POST":
        response = alice_api.post(url, POST_BODIES.get(path))
    elif method == "PUT":
        response = alice_api._send("put", url, PUT_BODIES[path])
    else:
        response = alice_api.delete(url)

    if path in {"/introductions/{intro_id}/ask-b", "/introductions/{intro_id}/make"}:
        # Not yet this step: refusing it for its status means Alice's row was found.
        assert response.status_code == 409, (method, url, response.content)
        return
    if path == "/imports/{import_id}/commit":
        # The job is still queued: refusing it for its state means Alice's row was found.
        assert response.status_code == 409, (method, url, response.content)
        return
    assert response.status_code in {200, 204}, (method, url, response.content)


LISTS = [
    "/people",
    "/organizations",
    "/tags",
    "/facts",
    "/milestones",
    "/connections",
    "/events",
    "/encounters",
    "/goals",
    "/followups",
    "/duplicates",
    "/merges",
    "/introductions",
    "/opportunities",
    "/favours",
]


def test_every_list_route_is_checked():
    lists = {p for m, p in _operations() if m == "GET" and "{" not in p} - {
        "/me",
        "/tokens",
        "/search",
        "/today",  # the agenda, not a list of one kind; tests/followups/test_api.py covers it
        "/calendar",  # one address per account, not a list; tests/reminders covers it
        "/backup",  # one archive per account; tests/exchange/test_backup*.py covers owners
        "/export",  # a file of people; tests/exchange/test_api.py covers owners
        # Rankings over the network, not lists of rows; tests/matching/test_synergy_api.py
        "/synergies/ways-to-help",
        "/synergies/who-can-help",
        # Introduction paths and brokers; tests/network/test_paths_api.py covers owners
        "/paths",
        "/brokers",
        # Suggested pairs, not rows; tests/matching/test_intro_api.py covers owners
        "/introductions/suggestions",
        "/network/map",  # a drawing of the network; test_bob_never_sees_alices_map below
        "/radar",  # a ranking of ties; tests/network/test_tie_api.py covers owners
        # Counts and charts, not rows; tests/pipeline/test_api.py covers owners
        "/opportunities/funnel",
        # Yield counts and balances, not rows; tests/api/test_event_yield.py, test_ledger.py
        "/events/yield",
        "/ledger",
        "/insights",
    }
    assert lists == set(LISTS)


def test_bob_never_sees_alices_map(rows, bob_api, alice_api):
    assert alice_api.get("/network/map").json()["total"] > 0
    assert bob_api.get("/network/map").json() | {"filters": None} == {
        "total": 0,
        "shown": 0,
        "limit": 2000,
        "truncated": False,
        "filters": None,
        "nodes": [],
        "edges": [],
        "my_ties": [],
    }
    for param, attr in (("org", "organization"), ("event", "event")):
        refused = bob_api.get("/network/map", **{param: getattr(rows, attr).pk})
        assert refused.status_code == 422
        assert param in refused.json()["errors"]


@pytest.mark.parametrize("path", LISTS)
def test_bob_never_sees_alices_rows_in_lists(path, rows, bob_api, alice_api):
    assert alice_api.get(path).json()["count"] > 0

    response = bob_api.get(path)

    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["items"] == []


def test_bob_never_finds_alices_people_by_search(rows, bob_api):
    assert bob_api.get("/search", q="dana").json()["count"] == 0
    assert bob_api.get("/people", q="whitfield").json()["count"] == 0
    assert bob_api.get("/people", tag="running").json()["count"] == 0
    assert bob_api.get("/people", channel="video").json()["count"] == 0


def test_bob_never_sees_alices_tokens(rows, bob_api):
    assert [t["name"] for t in bob_api.get("/tokens").json()] == ["tests"]


@pytest.mark.parametrize(
    ("path", "param", "attr"),
    [
        ("/people", "organization", "organization"),
        ("/facts", "person", "person"),
        ("/milestones", "person", "person"),
        ("/connections", "person", "person"),
        ("/encounters", "person", "person"),
        ("/encounters", "event", "event"),
        ("/followups", "person", "person"),
    ],
)
def test_filtering_by_alices_id_is_404_for_bob(path, param, attr, rows, bob_api):
    response = bob_api.get(path, **{param: getattr(rows, attr).pk})

    assert response.status_code == 404
    assert param in response.json()["errors"]


def _bob_bodies(rows: AliceRows, bob_person: Person) -> list[tuple[str, str, dict]]:
    """Writes of Bob's that name one of Alice's rows inside the body."""
    mine = bob_person.pk
    return [
        ("post", "/people", {"full_name": "X", "organization_id": rows.organization.pk}),
        ("post", "/people", {"full_name": "X", "introduced_by_id": rows.person.pk}),
        ("patch", f"/people/{mine}", {"organization_id": rows.organization.pk}),
        ("patch", f"/people/{mine}", {"introduced_by_id": rows.person.pk}),
        ("post", "/facts", {"person_id": rows.person.pk, "kind": "offer", "text": "x"}),
        (
            "post",
            "/facts",
            {"person_id": mine, "kind": "offer", "text": "x", "encounter_id": rows.encounter.pk},
        ),
        (
            "post",
            "/milestones",
            {"person_id": rows.person.pk, "kind": "launch", "date": "2026-01-01"},
        ),
        ("post", "/connections", {"from_person_id": mine, "to_person_id": rows.person.pk}),
        ("post", "/connections", {"from_person_id": rows.person.pk, "to_person_id": mine}),
        ("post", "/encounters", {"participant_ids": [mine, rows.person.pk]}),
        ("post", "/encounters", {"participant_ids": [mine], "event_id": rows.event.pk}),
        ("post", "/followups", {"person_id": rows.person.pk, "due_on": "2026-01-01"}),
    ]


def test_naming_alices_rows_in_a_body_is_404_and_writes_nothing(rows, bob, bob_api):
    bob_person = person_create(owner=bob, full_name="Bob's Friend")
    bob_encounter = encounter_log(owner=bob, participants=[bob_person])
    before = rows.snapshot()
    counts = {
        model: model.objects.filter(owner=bob).count()
        for model in (Person, Fact, Milestone, Connection, Encounter, FollowUp)
    }
    cases = [
        *_bob_bodies(rows, bob_person),
        ("patch", f"/encounters/{bob_encounter.pk}", {"participant_ids": [rows.person.pk]}),
        ("patch", f"/encounters/{bob_encounter.pk}", {"event_id": rows.event.pk}),
    ]

    for method, path, body in cases:
        response = getattr(bob_api, method)(path, body)
        assert response.status_code == 404, (method, path, body, response.content)
        assert response.json()["errors"], (method, path)

    assert rows.snapshot() == before
    assert counts == {model: model.objects.filter(owner=bob).count() for model in counts}
    bob_person.refresh_from_db()
    assert bob_person.organization is None
    assert bob_person.introduced_by is None
    assert list(bob_encounter.participants.all()) == [bob_person]
