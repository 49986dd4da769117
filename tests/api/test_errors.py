"""Bad input: every refusal is a 4xx JSON body naming the field, and nothing is written."""

from __future__ import annotations

import pytest

from entregent.encounters.models import Encounter, Event
from entregent.people.models import Fact, Organization, Person

ERROR_KEYS = {"detail", "code", "errors"}


def _refused(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    if field is not None:
        assert field in body["errors"], body
        assert body["detail"]
    return body


def test_malformed_json_is_400(alice_api, alice):
    body = _refused(alice_api.post("/people", raw='{"full_name": "Dana"'), 400)

    assert body["code"] == "malformed"
    assert not Person.objects.filter(owner=alice).exists()


def test_a_body_that_is_not_utf8_is_400(alice_api):
    _refused(alice_api.post("/people", raw=b"\xff\xfe{}"), 400)


def test_a_json_body_that_is_not_an_object_is_422(alice_api):
    body = _refused(alice_api.post("/people", ["Dana"]), 422, "body")

    assert body["code"] == "invalid"


def test_a_missing_body_is_422(alice_api):
    _refused(alice_api.post("/organizations"), 422, "body")


def test_a_missing_required_field_is_422_naming_it(alice_api):
    _refused(alice_api.post("/facts", {"text": "no kind"}), 422, "kind")


def test_an_unknown_field_is_422_naming_it(alice_api, alice):
    _refused(
        alice_api.post("/people", {"full_name": "Dana", "favourite_colour": "blue"}),
        422,
        "favourite_colour",
    )
    assert not Person.objects.filter(owner=alice).exists()


def test_a_wrong_type_is_422_naming_the_field(alice_api):
    _refused(
        alice_api.post("/people", {"full_name": "Dana", "cadence_days": "often"}),
        422,
        "cadence_days",
    )
    _refused(alice_api.post("/people", {"full_name": ["Dana"]}), 422, "full_name")
    _refused(alice_api.post("/encounters", {"participant_ids": "1,2"}), 422, "participant_ids")


def test_a_list_item_error_says_which_item(alice_api):
    body = _refused(
        alice_api.post("/encounters", {"participant_ids": [1, "x"]}), 422, "participant_ids"
    )

    assert body["errors"]["participant_ids"][0].startswith("1: ")


def test_null_for_a_field_that_cannot_be_empty_is_422(alice_api, dana):
    _refused(alice_api.patch(f"/people/{dana.pk}", {"full_name": None}), 422, "full_name")
    dana.refresh_from_db()
    assert dana.full_name == "Dana Whitfield"


def test_an_empty_name_is_422(alice_api, alice):
    _refused(alice_api.post("/people", {"full_name": "   "}), 422, "full_name")
    _refused(alice_api.post("/organizations", {"name": ""}), 422, "name")
    assert not Person.objects.filter(owner=alice).exists()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/people", {"full_name": "x" * 10_000}, "full_name"),
        ("/people", {"full_name": "Dana", "notes": "n" * 20_001}, "notes"),
        ("/people", {"full_name": "Dana", "organization_name": "o" * 10_000}, "organization_name"),
        ("/people", {"full_name": "Dana", "tags": ["t" * 10_000]}, "tags"),
        ("/people", {"full_name": "Dana", "emails": ["a" * 10_000 + "@example.org"]}, "emails"),
        ("/organizations", {"name": "x" * 10_000}, "name"),
        ("/events", {"name": "x" * 10_000, "date": "2026-01-01"}, "name"),
        ("/facts", {"kind": "offer", "text": "x" * 10_000}, "text"),
        ("/tokens", {"name": "x" * 10_000}, "name"),
    ],
)
def test_a_10000_character_value_is_422_naming_the_field(path, body, field, alice_api, alice):
    _refused(alice_api.post(path, body), 422, field)
    assert not Person.objects.filter(owner=alice).exists()
    assert not Organization.objects.filter(owner=alice).exists()


CONTROL_CASES = [
    ("/people", {"full_name": "Da{c}na"}, "full_name"),
    ("/people", {"full_name": "Dana", "headline": "de{c}sign"}, "headline"),
    ("/people", {"full_name": "Dana", "notes": "line{c}"}, "notes"),
    ("/people", {"full_name": "Dana", "city": "Ly{c}on"}, "city"),
    ("/people", {"full_name": "Dana", "organization_name": "Ac{c}me"}, "organization"),
    ("/people", {"full_name": "Dana", "tags": ["de{c}sign"]}, "tags"),
    ("/people", {"full_name": "Dana", "emails": ["da{c}na@example.org"]}, "emails"),
    ("/people", {"full_name": "Dana", "phones": ["+33 6 12{c} 34 56 78"]}, "phones"),
    ("/people", {"full_name": "Dana", "links": ["https://example.org/da{c}na"]}, "links"),
    ("/organizations", {"name": "Ac{c}me"}, "name"),
    ("/events", {"name": "Meet{c}up", "date": "2026-01-01"}, "name"),
    ("/facts", {"kind": "offer", "text": "pho{c}tos"}, "text"),
    ("/tokens", {"name": "scr{c}ipt"}, "name"),
]


def _with_char(value, char: str):
    if isinstance(value, str):
        return value.format(c=char)
    if isinstance(value, list):
        return [item.format(c=char) for item in value]
    return value


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
@pytest.mark.parametrize("case", CONTROL_CASES, ids=[f"{p}-{f}" for p, _b, f in CONTROL_CASES])
def test_control_characters_are_422_naming_the_field(char, case, alice_api, alice):
    path, body, field = case
    filled = {key: _with_char(value, char) for key, value in body.items()}

    _refused(alice_api.post(path, filled), 422, field)
    assert not Person.objects.filter(owner=alice).exists()
    assert not Organization.objects.filter(owner=alice).exists()
    assert not Event.objects.filter(owner=alice).exists()
    assert not Fact.objects.filter(owner=alice).exists()


def test_control_characters_in_an_update_change_nothing(alice_api, dana, meetup):
    encounter_response = alice_api.post(
        "/encounters", {"participant_ids": [dana.pk], "summary": "ok"}
    )
    encounter_id = encounter_response.json()["id"]

    _refused(
        alice_api.patch(f"/people/{dana.pk}", {"headline": "x", "notes": "bad\x00"}), 422, "notes"
    )
    _refused(
        alice_api.patch(f"/encounters/{encounter_id}", {"summary": "bad\x00", "place": "Paris"}),
        422,
        "summary",
    )
    _refused(alice_api.patch(f"/events/{meetup.pk}", {"place": "P\x00aris"}), 422, "place")

    dana.refresh_from_db()
    assert dana.headline == "Graphic designer"
    assert Encounter.objects.get(pk=encounter_id).place == ""
    meetup.refresh_from_db()
    assert meetup.place == ""


def test_line_breaks_are_kept_in_notes_but_refused_in_names(alice_api):
    ok = alice_api.post("/people", {"full_name": "Dana", "notes": "first\nsecond\ttab"})
    assert ok.status_code == 201
    assert ok.json()["notes"] == "first\nsecond\ttab"

    _refused(alice_api.post("/people", {"full_name": "Da\nna"}), 422, "full_name")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"q": "da\x00na"}, "q"), ({"tag": "de\x00sign"}, "tag"), ({"q": "x" * 10_000}, "q")],
)
def test_bad_query_strings_are_422_naming_the_parameter(params, field, alice_api):
    _refused(alice_api.get("/people", **params), 422, field)


def test_bad_event_search_is_422(alice_api):
    _refused(alice_api.get("/events", q="meet\x00up"), 422, "q")
    _refused(alice_api.get("/organizations", q="\x00"), 422, "q")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/people", {"circle": "best-friends"}, "circle"),
        ("/people", {"channel": "telepathy"}, "channel"),
        ("/events", {"kind": "rave"}, "kind"),
        ("/facts", {"kind": "gossip"}, "kind"),
        ("/encounters", {"channel": "pigeon"}, "channel"),
        ("/followups", {"status": "lost"}, "status"),
        ("/people", {"archived": "maybe"}, "archived"),
        ("/people", {"organization": "acme"}, "organization"),
        ("/people", {"offset": -1}, "offset"),
    ],
)
def test_unknown_filter_values_are_422_naming_the_parameter(path, params, field, alice_api):
    _refused(alice_api.get(path, **params), 422, field)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"full_name": "Dana", "circle": "best-friends"}, "circle"),
        ({"full_name": "Dana", "language": "tlh"}, "language"),
        ({"full_name": "Dana", "cadence_days": 0}, "cadence_days"),
        ({"full_name": "Dana", "cadence_days": 10**30}, "cadence_days"),
        ({"full_name": "Dana", "emails": ["not-an-email"]}, "emails"),
        ({"full_name": "Dana", "phones": ["12"]}, "phones"),
        ({"full_name": "Dana", "links": ["javascript:alert(1)"]}, "links"),
    ],
)
def test_invalid_person_fields_are_422_naming_the_field(body, field, alice_api, alice):
    _refused(alice_api.post("/people", body), 422, field)
    assert not Person.objects.filter(owner=alice).exists()


@pytest.mark.parametrize(
    "date", ["2026-02-30", "2026-13-01", "2026-00-10", "10000-01-01", "tomorrow", "2026/01/01"]
)
def test_impossible_dates_are_422_naming_the_field(date, alice_api, alice):
    _refused(alice_api.post("/events", {"name": "Meetup", "date": date}), 422, "date")
    assert not Event.objects.filter(owner=alice).exists()


def test_an_id_too_large_for_the_database_is_422(alice_api):
    _refused(alice_api.get(f"/people/{2**64}"), 422, "person_id")
    _refused(
        alice_api.post("/facts", {"person_id": 2**64, "kind": "offer", "text": "x"}),
        422,
        "person_id",
    )


def test_an_unknown_api_route_is_a_json_404(alice_api, anonymous_api):
    assert _refused(alice_api.get("/no/such/thing"), 404)["code"] == "not_found"
    assert _refused(anonymous_api.post("/people/abc/def", {}), 404)["code"] == "not_found"


def test_a_non_numeric_id_is_422(alice_api):
    _refused(alice_api.get("/people/abc"), 422, "person_id")
