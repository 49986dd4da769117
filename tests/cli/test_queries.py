"""Read commands cost the same number of queries for 2 records as for 12 (no N+1)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entregent.encounters.services import encounter_log, event_create
from entregent.people.models import Person
from entregent.people.services import (
    connection_create,
    fact_create,
    milestone_create,
    person_create,
)


def _fill(alice, event, start: int, stop: int) -> None:
    """People who each met Robin Number0; Robin gathers facts, encounters and connections."""
    for i in range(start, stop):
        person = person_create(
            owner=alice, full_name=f"Robin Number{i}", organization=f"Org {i}", tags=[f"t{i}"]
        )
        robin = Person.objects.get(owner=alice, full_name="Robin Number0")
        fact_create(owner=alice, person=robin, kind="offer", text=f"Robin offer {i}")
        fact_create(owner=alice, person=None, kind="need", text=f"My need {i}")
        encounter_log(owner=alice, participants=[person, robin], event=event)
        if person != robin:
            connection_create(owner=alice, from_person=robin, to_person=person)
            milestone_create(owner=alice, person=robin, kind="launch", date=dt.date(2026, 1, 1 + i))


def _queries(run, *args: object, as_json: bool) -> int:
    with CaptureQueriesContext(connection) as captured:
        result = run(*args, *(["--json"] if as_json else []))
    assert result.exit_code == 0, result.output
    if as_json:
        json.loads(result.stdout)
    return len(captured)


@pytest.mark.parametrize(
    "args",
    [
        ("person", "list"),
        ("person", "show", "Robin Number0"),
        ("org", "list"),
        ("org", "show", "Org 0"),
        ("fact", "list", "me"),
        ("fact", "list", "Robin Number0"),
        ("event", "list"),
        ("event", "show", "Night"),
        ("encounter", "list"),
        ("search", "robin"),
    ],
)
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
def test_a_read_command_does_not_query_per_record(as_alice, alice, args, as_json):
    event = event_create(owner=alice, name="Night", date=dt.date(2026, 11, 3))
    _fill(alice, event, 0, 2)
    few = _queries(as_alice, *args, as_json=as_json)
    _fill(alice, event, 2, 12)
    assert _queries(as_alice, *args, as_json=as_json) == few
