"""`POST /api/v1/capture`."""

from __future__ import annotations

from entregent.encounters.models import Encounter
from entregent.followups.models import FollowUp
from entregent.people.models import Person
from entregent.people.services import person_create

TEXT = (
    "Met Dana Whitfield in line at Blue Bottle, graphic designer, also shoots product photos. "
    "Follow up tomorrow about my Etsy listings. #design"
)
NOW = "2026-11-21T10:00:00"


def test_it_answers_the_preview_of_a_dry_run(alice_api):
    response = alice_api.post("/capture", {"text": TEXT, "now": NOW, "dry_run": True})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["saved"] is None
    preview = data["preview"]
    assert preview["people"][0]["name"] == "Dana Whitfield"
    assert preview["followup_due"] == "2026-11-22"
    assert preview["tags"] == ["design"]
    assert {"kind": "offer", "text": "shoots product photos", "person": 0} in preview["facts"]
    assert Person.objects.count() == 0


def test_it_saves_and_answers_201(alice_api, alice):
    response = alice_api.post("/capture", {"text": TEXT, "now": NOW})
    assert response.status_code == 201, response.content
    saved = response.json()["saved"]
    assert saved["people"][0]["created"] is True
    assert saved["followups"][0]["due_on"] == "2026-11-22"
    assert Encounter.objects.filter(owner=alice).count() == 1


def test_it_saves_a_corrected_preview(alice_api, alice):
    preview = alice_api.post("/capture", {"text": TEXT, "now": NOW, "dry_run": True}).json()[
        "preview"
    ]
    preview["people"][0]["name"] = "Dana Whitfield-Smith"
    preview["followup_due"] = "2026-12-01"
    response = alice_api.post("/capture", {"preview": preview})
    assert response.status_code == 201, response.content
    person = Person.objects.get(owner=alice)
    assert person.full_name == "Dana Whitfield-Smith"
    assert FollowUp.objects.get(person=person).due_on.isoformat() == "2026-12-01"


def test_it_refuses_an_ambiguous_person_with_422(alice_api, alice):
    person_create(owner=alice, full_name="Karen Liu")
    person_create(owner=alice, full_name="Karen Smith")
    response = alice_api.post("/capture", {"text": "coffee with Karen"})
    assert response.status_code == 422
    assert "Karen" in response.json()["errors"]["people.0"][0]
    assert Encounter.objects.count() == 0


def test_it_says_what_it_could_not_understand_with_422(alice_api):
    response = alice_api.post("/capture", {"text": "asdf qwerty"})
    assert response.status_code == 422
    assert "asdf qwerty" in response.json()["errors"]["people"][0]


def test_it_refuses_empty_text_with_422(alice_api):
    response = alice_api.post("/capture", {"text": "  "})
    assert response.status_code == 422
    assert "text" in response.json()["errors"]


def test_it_refuses_too_long_text_with_422(alice_api):
    response = alice_api.post("/capture", {"text": "x" * 5000})
    assert response.status_code == 422


def test_it_survives_control_characters(alice_api):
    response = alice_api.post("/capture", {"text": "Met Ana\u0000 Lopes\u001b at the gym"})
    assert response.status_code == 201, response.content
    assert response.json()["saved"]["people"][0]["full_name"] == "Ana Lopes"


def test_it_needs_a_credential(anonymous_api):
    assert anonymous_api.post("/capture", {"text": TEXT}).status_code == 401


def test_another_accounts_person_in_a_preview_is_404(alice_api, bob):
    bobs = person_create(owner=bob, full_name="Dana Whitfield")
    preview = alice_api.post("/capture", {"text": "Met Dana Whitfield", "dry_run": True}).json()[
        "preview"
    ]
    preview["people"][0]["person_id"] = bobs.pk
    response = alice_api.post("/capture", {"preview": preview})
    assert response.status_code == 404
    assert Encounter.objects.count() == 0


def test_it_refuses_an_unknown_field_with_422(alice_api):
    response = alice_api.post("/capture", {"text": TEXT, "dryrun": True})
    assert response.status_code == 422
