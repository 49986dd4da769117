"""Pages whose cost must not grow with the network: their query plans, checked on SQLite.

The benchmark (bench/run.py) measures time; these tests guard the reason it stays flat.
SQLite has no statistics unless ANALYZE runs, so it believes `owner_id = ?` picks a few
rows: a plan that walks an index by owner alone, or scans a table, reads the whole network
on a big account. Every query of the list, search and person pages (web and API) is
explained and must reach the rows it needs through a selective index.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entregent.accounts.services import token_create
from entregent.core.demo import demo_generate
from entregent.people.models import Person

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL plans from its own statistics"
)

# Tables that hold the bulk of a big network.
BIG = (
    "people_person",
    "people_fact",
    "people_searchterm",
    "people_connection",
    "people_milestone",
    "people_emailaddress",
    "people_phonenumber",
    "people_link",
    "people_person_tags",
    "encounters_encounter",
    "encounters_encounter_participants",
)
_STEP = re.compile(
    r"^(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+) \((.*)\))?"
)


def _plans(
    client: Client, url: str, headers: dict[str, str] | None = None
) -> list[tuple[str, list[str]]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    explained = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            explained.append((sql, [row[-1] for row in cursor.fetchall()]))
    return explained


def _walks_the_network(step: str, tables: dict[str, str]) -> bool:
    """A step that reads every row of a big table, or every row of the owner in one."""
    match = _STEP.match(step)
    if match is None:
        return False
    kind, name, _index, constraint = match.groups()
    table = tables.get(name, name)
    if table not in BIG:
        return False
    return kind == "SCAN" or constraint == "owner_id=?"


def _aliases(sql: str) -> dict[str, str]:
    # Django names subquery tables U0, U1…; the plan shows the alias, the check needs the table.
    return {alias: table for table, alias in re.findall(r'"(\w+)" ([UT]\d+)', sql)}


def _assert_flat(plans: list[tuple[str, list[str]]]) -> None:
    for sql, steps in plans:
        tables = _aliases(sql)
        bad = [s for s in steps if _walks_the_network(s, tables)]
        assert not bad, f"{bad} in {sql[:300]}"
        if any("person_owner_list" in s for s in steps):
            # Reading people in index order is only cheap when no sort follows it.
            assert not any("TEMP B-TREE FOR ORDER BY" in s for s in steps), (
                f"{steps} in {sql[:300]}"
            )


@pytest.fixture
def network(alice):
    demo_generate(owner=alice, people=150, seed=3)
    return alice


@pytest.fixture
def busy_person(network) -> Person:
    live = Person.objects.filter(owner=network, archived=False)
    return live.filter(connections_out__isnull=False).order_by("id")[0]


@pytest.fixture
def bearer(network) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(owner=network, name='plans').secret}"}


def _family_name(owner) -> str:
    return Person.objects.filter(owner=owner, archived=False).order_by("id")[0].family_name


def test_the_people_list_reads_one_page_in_index_order(network, alice_client):
    plans = _plans(alice_client, reverse("people:list"))
    _assert_flat(plans)
    page = [
        steps for sql, steps in plans if "LIMIT 25" in sql and '"people_person"."full_name"' in sql
    ]
    assert page
    assert any("person_owner_list (owner_id=? AND archived=?)" in s for s in page[0])


def test_search_by_name_finds_people_by_id(network, alice_client):
    _assert_flat(_plans(alice_client, reverse("people:list") + "?q=" + _family_name(network)))


def test_search_by_a_fact_word_finds_people_by_id(network, alice_client):
    _assert_flat(_plans(alice_client, reverse("people:list") + "?q=sourdough"))


def test_the_person_page_reads_only_that_persons_rows(busy_person, alice_client):
    _assert_flat(_plans(alice_client, reverse("people:detail", args=[busy_person.pk])))


def test_the_api_list_and_search_read_one_page(network, bearer):
    client = Client()
    _assert_flat(_plans(client, "/api/v1/people", bearer))
    _assert_flat(_plans(client, "/api/v1/people?q=" + _family_name(network), bearer))
    _assert_flat(_plans(client, "/api/v1/people?q=sourdough", bearer))


def test_the_api_person_and_overview_read_only_that_persons_rows(busy_person, bearer):
    client = Client()
    _assert_flat(_plans(client, f"/api/v1/people/{busy_person.pk}", bearer))
    _assert_flat(_plans(client, f"/api/v1/people/{busy_person.pk}/overview", bearer))


def test_the_guard_catches_a_walk_over_every_encounter(network):
    # The plan this file exists to prevent: the timeline read by owner, in date order.
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT e.id FROM encounters_encounter e "
            "JOIN encounters_encounter_participants p ON p.encounter_id = e.id "
            "WHERE e.owner_id = %s AND p.person_id = %s ORDER BY e.occurred_at DESC LIMIT 50",
            [network.pk, 1],
        )
        steps = [row[-1] for row in cursor.fetchall()]
    assert any(_walks_the_network(s, {"e": "encounters_encounter"}) for s in steps), steps
