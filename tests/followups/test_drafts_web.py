"""The draft page: edit, save, regenerate, copy, mailto: and .eml, and Today's draft links."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.people.services import milestone_create
from tests.followups.draft_fixtures import drafted

__all__ = ["drafted"]


def _url(followup: FollowUp) -> str:
    return f"/followups/{followup.pk}/draft/"


def test_the_draft_page_shows_the_text_in_a_textarea_with_every_way_to_send_it(
    alice_client, drafted
):
    response = alice_client.get(_url(drafted))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<textarea name="body"' in page
    assert 'for="id_body"' in page
    assert 'for="id_subject"' in page
    assert "Thanks again for our chat yesterday at Design Meetup." in page
    assert 'href="mailto:dana@example.org?subject=Following%20up%3A%20the%20Etsy%20listings' in page
    assert f'href="/followups/{drafted.pk}/draft.eml"' in page
    assert 'id="draft-copy"' in page
    assert "followups/draft.js" in page
    assert "Nothing is sent" in page
    assert "discards my edit" not in page  # nothing to discard yet


def test_saving_an_edit_keeps_it_and_regenerate_discards_it(alice_client, drafted):
    response = alice_client.post(
        _url(drafted),
        {"action": "save", "subject": "Coffee?", "body": "Hi Dana,\r\n\r\nMy own words.\r\n"},
    )
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert (drafted.draft_subject, drafted.draft_body) == ("Coffee?", "Hi Dana,\n\nMy own words.")
    assert drafted.draft_edited_at is not None
    page = alice_client.get(_url(drafted)).content.decode()
    assert "My own words." in page
    assert "Thanks again for our chat" not in page
    assert "discards my edit" in page
    response = alice_client.post(_url(drafted), {"action": "regenerate"})
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert (drafted.draft_subject, drafted.draft_body, drafted.draft_edited_at) == ("", "", None)
    assert "Thanks again for our chat" in alice_client.get(_url(drafted)).content.decode()


def test_an_invalid_edit_is_refused_on_its_field_and_nothing_is_saved(alice_client, drafted):
    response = alice_client.post(_url(drafted), {"subject": "Hi", "body": "   "})
    assert response.status_code == 422
    assert "field-invalid" in response.content.decode()
    response = alice_client.post(_url(drafted), {"subject": "Line\nbreak", "body": "Text"})
    assert response.status_code == 422
    drafted.refresh_from_db()
    assert drafted.draft_edited_at is None


def test_the_eml_download_parses_back_with_its_headers(alice_client, drafted):
    response = alice_client.get(f"/followups/{drafted.pk}/draft.eml")
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == 'attachment; filename="draft-dana-whitfield.eml"'
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["To"] == "dana@example.org"
    assert message["From"] == "alice@example.com"
    assert message["Subject"] == "Following up: the Etsy listings"
    assert abs(message["Date"].datetime - timezone.now()) < dt.timedelta(minutes=5)
    assert message.get_content_charset() == "utf-8"
    assert "Design Meetup" in message.get_content()


def test_the_eml_carries_the_edit_in_utf8(alice_client, drafted):
    alice_client.post(_url(drafted), {"subject": "Café ☕", "body": "Ça te dit ? — Alice"})
    response = alice_client.get(f"/followups/{drafted.pk}/draft.eml")
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["Subject"] == "Café ☕"
    assert message.get_content().strip() == "Ça te dit ? — Alice"


def test_the_mailto_link_encodes_the_saved_edit(alice_client, drafted):
    alice_client.post(_url(drafted), {"subject": "A & B?", "body": "Line one\r\nLine #2"})
    page = alice_client.get(_url(drafted)).content.decode()
    start = page.index('id="draft-mailto" href="') + len('id="draft-mailto" href="')
    href = page[start : page.index('"', start)].replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    assert query == {"subject": ["A & B?"], "body": ["Line one\r\nLine #2"]}


def test_a_french_speaking_person_gets_a_draft_in_french_on_an_english_page(alice_client, drafted):
    person = drafted.person
    person.language = "fr"
    person.save(update_fields=["language"])
    page = alice_client.get(_url(drafted)).content.decode()
    assert '<div lang="fr">' in page
    assert "Save" in page  # the page itself stays in Alice's language


def test_today_links_every_item_to_its_draft(alice, alice_client, drafted):
    milestone_create(
        owner=alice, person=drafted.person, kind="launch", date=timezone.localdate(), note="Shop"
    )
    page = alice_client.get("/").content.decode()
    assert f'href="/followups/{drafted.pk}/draft/"' in page


def test_a_check_in_without_a_follow_up_has_a_draft_page_and_saving_records_one(
    alice, alice_client, dana
):
    dana.next_check_in = timezone.localdate() - dt.timedelta(days=2)
    dana.save(update_fields=["next_check_in"])
    url = f"/followups/people/{dana.pk}/draft/?kind=check_in"
    assert url in alice_client.get("/").content.decode()
    response = alice_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Catching up, Dana" in page
    assert f"/followups/people/{dana.pk}/draft.eml?kind=check_in" in page
    assert not FollowUp.objects.filter(person=dana).exists()  # looking records nothing
    eml = alice_client.get(f"/followups/people/{dana.pk}/draft.eml?kind=check_in")
    assert email.message_from_bytes(eml.content)["Subject"] == "Catching up, Dana"
    response = alice_client.post(url, {"subject": "Catching up", "body": "How are you?"})
    followup = FollowUp.objects.get(person=dana)
    assert response.status_code == 302
    assert response["Location"] == f"/followups/{followup.pk}/draft/"
    assert (followup.kind, followup.draft_body) == (FollowUpKind.CHECK_IN, "How are you?")


def test_a_refused_edit_on_a_check_in_records_no_follow_up(alice_client, dana):
    url = f"/followups/people/{dana.pk}/draft/?kind=congratulate"
    response = alice_client.post(url, {"subject": "Bravo", "body": "   "})  # refused by the service
    assert response.status_code == 422
    assert not FollowUp.objects.filter(person=dana).exists()
    response = alice_client.get(f"/followups/people/{dana.pk}/draft/?kind=nonsense")
    assert "Catching up" in response.content.decode()  # an unknown kind reads as a check-in


def test_the_draft_page_fits_a_phone_and_labels_every_control(alice_client, drafted):
    page = alice_client.get(_url(drafted)).content.decode()
    assert 'name="viewport"' in page
    assert "followups/followups.css" in page
    assert page.count("<label") >= 2


def test_the_follow_up_list_links_pending_follow_ups_to_their_draft(alice_client, drafted):
    url = f'href="/followups/{drafted.pk}/draft/"'
    assert url in alice_client.get("/followups/").content.decode()
    alice_client.post(_url(drafted), {"subject": "S", "body": "B"})
    assert "Your draft" in alice_client.get("/followups/").content.decode()
    drafted.status = "done"
    drafted.save(update_fields=["status"])
    assert url not in alice_client.get("/followups/").content.decode()
