"""The reminders page, the API routes and the `calendar` / `digest` commands."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from entregent.accounts.models import User
from entregent.accounts.services import token_create
from entregent.reminders.models import CalendarFeed, DigestSubscription

from .test_feed import fetch


def api(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(owner=user, name='t').secret}")


# Web -------------------------------------------------------------------------------------


def test_the_page_shows_a_new_address_once(alice_client: Client) -> None:
    page = alice_client.get("/reminders/")
    assert page.status_code == 200
    assert b"Make my calendar address" in page.content
    made = alice_client.post("/reminders/calendar/")
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    url = re.search(r'id="calendar-url">([^<]+)<', made.content.decode())
    assert url is not None
    assert fetch(url.group(1))[0] == 200
    again = alice_client.get("/reminders/").content.decode()
    assert url.group(1) not in again
    assert "Revoke the address" in again


def test_revoking_from_the_page_stops_the_address(alice_client: Client, alice: User) -> None:
    made = alice_client.post("/reminders/calendar/").content.decode()
    url = re.search(r'id="calendar-url">([^<]+)<', made)
    assert url is not None
    response = alice_client.post("/reminders/calendar/revoke/")
    assert response.status_code == 302
    assert fetch(url.group(1))[0] == 404
    assert not CalendarFeed.objects.filter(owner=alice).exists()


def test_the_digest_switch_is_saved_with_the_address(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        "/reminders/digest/", {"email": "alice@example.org", "enabled": "on"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"
    assert DigestSubscription.objects.get(owner=alice).enabled is True


def test_the_digest_switch_without_an_address_names_the_field(
    alice_client: Client, alice: User
) -> None:
    response = alice_client.post("/reminders/digest/", {"email": "", "enabled": "on"})
    assert response.status_code == 422
    assert b"Give an e-mail address" in response.content
    assert not DigestSubscription.objects.filter(owner=alice, enabled=True).exists()


def test_the_settings_page_links_to_reminders(alice_client: Client) -> None:
    assert b'href="/reminders/"' in alice_client.get("/accounts/settings/").content


# API -------------------------------------------------------------------------------------


def test_the_api_makes_lists_and_revokes_the_address(alice: User) -> None:
    client = api(alice)
    assert client.get("/api/v1/calendar").json() == {
        "active": False,
        "prefix": None,
        "created": None,
        "last_fetched": None,
    }
    made = client.post("/api/v1/calendar")
    assert made.status_code == 201
    url = made.json()["url"]
    assert fetch(url)[0] == 200
    listed = client.get("/api/v1/calendar").json()
    assert listed["active"] is True
    assert "url" not in listed
    assert client.delete("/api/v1/calendar").status_code == 204
    assert fetch(url)[0] == 404
    assert client.delete("/api/v1/calendar").status_code == 204


def test_the_api_acts_on_the_callers_own_address_only(alice: User, bob: User) -> None:
    alices = api(alice).post("/api/v1/calendar").json()["url"]
    assert api(bob).delete("/api/v1/calendar").status_code == 204
    assert fetch(alices)[0] == 200
    assert api(bob).get("/api/v1/calendar").json()["active"] is False


# CLI -------------------------------------------------------------------------------------


@pytest.fixture
def run(db):
    from typer.testing import CliRunner

    from entregent.cli.main import build

    app = build()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), env={"COLUMNS": "200"}, catch_exceptions=False)

    return invoke


def test_calendar_commands_make_regenerate_and_revoke(run, alice: User) -> None:
    made = run("--user", "alice", "calendar", "url", "--json")
    assert made.exit_code == 0, made.output
    first = json.loads(made.output)["url"]
    assert fetch(first)[0] == 200
    described = run("--user", "alice", "calendar", "url")
    assert described.exit_code == 0
    assert first not in described.output
    assert "regenerate" in described.output
    second = run("--user", "alice", "calendar", "regenerate").output.strip().splitlines()[-1]
    assert fetch(first)[0] == 404
    assert fetch(second)[0] == 200
    revoked = run("--user", "alice", "calendar", "revoke")
    assert revoked.exit_code == 0
    assert fetch(second)[0] == 404


def test_digest_command_refuses_without_a_mail_server(run, alice: User, settings) -> None:
    settings.ENTREGENT_SMTP_HOST = ""
    result = run("digest")
    assert result.exit_code == 1
    assert "ENTREGENT_SMTP_HOST" in result.output


def test_digest_command_sends_and_reports(run, smtp, alice: User, dana) -> None:
    import datetime as dt

    from entregent.followups.services import followup_create
    from entregent.reminders.services import digest_subscribe

    followup_create(owner=alice, person=dana, due_on=dt.date(2026, 11, 21), topic="Etsy")
    digest_subscribe(owner=alice, email="alice@example.org", enabled=True)
    DigestSubscription.objects.filter(owner=alice).update(
        since=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    )
    result = run("digest", "--now", "2026-11-21T08:00", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sent"] == ["alice"]
    assert len(smtp.messages) == 1
    again = run("digest", "--now", "2026-11-21T08:05", "--json")
    assert json.loads(again.output)["sent"] == []
    bad = run("digest", "--now", "tomorrow")
    assert bad.exit_code == 1
    assert "--now" in bad.output
