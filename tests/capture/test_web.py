"""The capture box on every page, the preview page, and saving a corrected preview."""

from __future__ import annotations

from entregent.encounters.models import Encounter
from entregent.followups.models import FollowUp
from entregent.people.models import Fact, Person
from entregent.people.services import person_create

TEXT = (
    "Met Dana Whitfield in line at Blue Bottle, graphic designer, also shoots product photos. "
    "Follow up tomorrow about my Etsy listings. #design"
)


def _form(response) -> dict[str, str]:
    """The preview form's fields as the browser would send them back, unchanged."""
    import re

    html = response.content.decode()
    form = html[html.index('action="/capture/save/"') :]
    data: dict[str, str] = {}
    for match in re.finditer(r"<input([^>]*)>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', match.group(1)))
        if "name" not in attrs or attrs.get("name") == "csrfmiddlewaretoken":
            continue
        if attrs.get("type") == "checkbox" and "checked" not in match.group(1):
            continue
        data[attrs["name"]] = _unescape(attrs.get("value", ""))
    for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', match.group(2))
        first = re.search(r'<option value="([^"]*)"', match.group(2))
        chosen = selected or first
        if chosen:
            data[match.group(1)] = chosen.group(1)
    return data


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


def test_every_page_has_the_capture_box(alice_client):
    html = alice_client.get("/").content.decode()
    assert 'id="capture-text"' in html
    assert 'aria-keyshortcuts="c"' in html


def test_the_capture_pages_need_a_sign_in(client):
    response = client.post("/capture/", {"text": TEXT})
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


def test_it_previews_the_text_of_the_box(alice_client):
    response = alice_client.post("/capture/", {"text": TEXT})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Dana Whitfield"' in html
    assert 'value="graphic designer"' in html
    assert 'value="Blue Bottle"' in html
    assert Person.objects.count() == 0


def test_it_saves_the_preview_as_posted(alice_client, alice):
    preview = alice_client.post("/capture/", {"text": TEXT})
    response = alice_client.post("/capture/save/", _form(preview))
    assert response.status_code == 302
    dana = Person.objects.get(owner=alice)
    assert response["Location"] == f"/people/{dana.pk}/"
    assert dana.headline == "graphic designer"
    assert Fact.objects.get(person=dana).text == "shoots product photos"
    assert FollowUp.objects.get(person=dana).topic == "my Etsy listings"
    assert Encounter.objects.get(owner=alice).summary == TEXT


def test_it_saves_the_users_corrections(alice_client, alice):
    data = _form(alice_client.post("/capture/", {"text": TEXT}))
    data["people-0-name"] = "Dana Whitfield-Smith"
    data["people-0-organization"] = "Studio W"
    response = alice_client.post("/capture/save/", data)
    assert response.status_code == 302
    dana = Person.objects.get(owner=alice)
    assert dana.full_name == "Dana Whitfield-Smith"
    assert dana.organization is not None
    assert dana.organization.name == "Studio W"


def test_an_ambiguous_person_must_be_chosen_on_the_page(alice_client, alice):
    person_create(owner=alice, full_name="Karen Liu")
    smith = person_create(owner=alice, full_name="Karen Smith")
    data = _form(alice_client.post("/capture/", {"text": "coffee with Karen"}))
    refused = alice_client.post("/capture/save/", data)
    assert refused.status_code == 422
    assert "could be several people" in refused.content.decode()
    assert Encounter.objects.count() == 0
    data["people-0-choice"] = str(smith.pk)
    assert alice_client.post("/capture/save/", data).status_code == 302
    assert list(Encounter.objects.get().participants.all()) == [smith]


def test_text_without_a_person_says_what_was_not_understood(alice_client):
    data = _form(alice_client.post("/capture/", {"text": "asdf qwerty"}))
    response = alice_client.post("/capture/save/", data)
    assert response.status_code == 422
    assert "asdf qwerty" in response.content.decode()


def test_another_owners_person_cannot_be_chosen(alice_client, bob):
    bobs = person_create(owner=bob, full_name="Dana Whitfield")
    data = _form(alice_client.post("/capture/", {"text": "Met Dana Whitfield"}))
    data["people-0-choice"] = str(bobs.pk)
    response = alice_client.post("/capture/save/", data)
    assert response.status_code == 404
    assert Encounter.objects.count() == 0


def test_an_empty_box_shows_the_capture_page(alice_client):
    response = alice_client.post("/capture/", {"text": ""})
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()
