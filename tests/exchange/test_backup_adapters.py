"""Backup and restore from the command line, the API and the settings page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from entregent.accounts.models import User
from entregent.accounts.services import token_create
from entregent.exchange.backup import backup_iter
from entregent.people.models import Person, Tag
from entregent.people.services import fact_create, person_create
from tests.cli.conftest import Run


@pytest.fixture
def small(alice: User, dana: Person) -> User:
    """Alice with Dana, her friend Eli (introduced by Dana), a fact and some settings."""
    eli = person_create(owner=alice, full_name="Eli Park", tags=["design"], introduced_by=dana)
    fact_create(owner=alice, person=eli, kind="interest", text="Letterpress")
    alice.cadence_weak_days = 120
    alice.save()
    return alice


def _text(owner: User) -> str:
    return "".join(backup_iter(owner=owner))


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(owner=user, name='script').secret}"}


def _bob_has_alices_network(bob: User) -> None:
    names = set(Person.objects.filter(owner=bob).values_list("full_name", flat=True))
    assert names == {"Dana Whitfield", "Eli Park"}
    eli = Person.objects.get(owner=bob, full_name="Eli Park")
    assert eli.introduced_by is not None
    assert eli.introduced_by.full_name == "Dana Whitfield"
    assert eli.introduced_by.owner_id == bob.pk
    assert set(Tag.objects.filter(owner=bob).values_list("name", flat=True)) == {"design"}
    bob.refresh_from_db()
    assert bob.cadence_weak_days == 120


# CLI ---------------------------------------------------------------------------------------


def test_cli_backup_writes_a_file_then_restore_loads_it(
    small: User, bob: User, as_alice: Run, as_bob: Run, tmp_path: Path
) -> None:
    target = tmp_path / "alice.json"
    result = as_alice("backup", "--output", target)
    assert result.exit_code == 0, result.output
    assert "alice.json" in result.output
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "entregent-backup"
    assert not (tmp_path / "alice.json.part").exists()
    result = as_bob("restore", target, "--yes")
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    _bob_has_alices_network(bob)


def test_cli_backup_to_stdout_with_a_dash(small: User, as_alice: Run) -> None:
    result = as_alice("backup", "--output", "-")
    assert result.exit_code == 0
    archive = json.loads(result.stdout)
    assert len(archive["models"]["people.person"]) == 2


def test_cli_backup_does_not_overwrite_without_yes(
    small: User, as_alice: Run, tmp_path: Path
) -> None:
    target = tmp_path / "kept.json"
    target.write_text("precious", encoding="utf-8")
    result = as_alice("backup", "-o", target)
    assert result.exit_code == 4
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    assert as_alice("backup", "-o", target, "--yes").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1


def test_cli_restore_asks_for_confirmation(
    small: User, bob: User, as_bob: Run, tmp_path: Path
) -> None:
    target = tmp_path / "a.json"
    target.write_text(_text(small), encoding="utf-8")
    result = as_bob("restore", target, input="n\n")
    assert result.exit_code == 1
    assert not Person.objects.filter(owner=bob).exists()


def test_cli_restore_json_reports_the_counts(
    small: User, bob: User, as_bob: Run, tmp_path: Path
) -> None:
    target = tmp_path / "a.json"
    target.write_text(_text(small), encoding="utf-8")
    result = as_bob("restore", target, "--yes", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["restored"]["people.person"] == 2
    assert report["total"] >= 5


def test_cli_restore_into_an_account_with_data_is_a_conflict(
    small: User, as_alice: Run, tmp_path: Path
) -> None:
    target = tmp_path / "a.json"
    target.write_text(_text(small), encoding="utf-8")
    result = as_alice("restore", target, "--yes")
    assert result.exit_code == 4
    assert "already holds data" in result.stderr
    assert Person.objects.filter(owner=small).count() == 2


def test_cli_restore_of_a_broken_file_names_the_problem(
    bob: User, as_bob: Run, tmp_path: Path
) -> None:
    target = tmp_path / "broken.json"
    target.write_text('{"format": "entregent-backup", "version": 7, "models": {}}', "utf-8")
    result = as_bob("restore", target, "--yes")
    assert result.exit_code == 1
    assert "version 7" in result.stderr
    missing = as_bob("restore", tmp_path / "nope.json", "--yes")
    assert missing.exit_code == 1
    assert "No such file" in missing.stderr


# API ---------------------------------------------------------------------------------------


def test_api_backup_streams_the_archive(small: User) -> None:
    response = Client().get("/api/v1/backup", **_bearer(small))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    archive = json.loads(b"".join(response.streaming_content))
    assert archive["account"]["cadence_weak_days"] == 120
    assert len(archive["models"]["people.person"]) == 2


def test_api_backup_needs_a_credential(db) -> None:
    assert Client().get("/api/v1/backup").status_code == 401


def test_api_restore_from_a_multipart_upload(small: User, bob: User) -> None:
    upload = SimpleUploadedFile("alice.json", _text(small).encode(), "application/json")
    response = Client().post("/api/v1/restore", {"file": upload}, **_bearer(bob))
    assert response.status_code == 201, response.content
    assert response.json()["restored"]["people.person"] == 2
    _bob_has_alices_network(bob)


def test_api_restore_into_an_account_with_data_answers_409(small: User) -> None:
    upload = SimpleUploadedFile("alice.json", _text(small).encode(), "application/json")
    response = Client().post("/api/v1/restore", {"file": upload}, **_bearer(small))
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_api_restore_of_an_invalid_archive_answers_422_naming_the_row(
    small: User, bob: User
) -> None:
    archive = json.loads(_text(small))
    archive["models"]["people.person"][0]["circle"] = "nope"
    upload = SimpleUploadedFile("a.json", json.dumps(archive).encode(), "application/json")
    response = Client().post("/api/v1/restore", {"file": upload}, **_bearer(bob))
    assert response.status_code == 422
    body = response.json()
    assert "people.person" in body["detail"]
    assert "circle" in body["detail"]
    assert body["errors"]["archive"]
    assert not Person.objects.filter(owner=bob).exists()


def test_api_restore_without_a_file_answers_422(bob: User) -> None:
    response = Client().post("/api/v1/restore", {}, **_bearer(bob))
    assert response.status_code == 422


# Web ---------------------------------------------------------------------------------------


def test_the_settings_page_links_to_backup(alice_client: Client) -> None:
    html = alice_client.get("/accounts/settings/").content.decode()
    assert "/exchange/backup/download/" in html
    assert "/exchange/backup/" in html


def test_the_backup_page_offers_download_and_restore_into_an_empty_account(
    bob_client: Client,
) -> None:
    html = bob_client.get("/exchange/backup/").content.decode()
    assert "/exchange/backup/download/" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_archive"' in html


def test_the_backup_page_explains_why_a_full_account_cannot_restore(
    small: User, alice_client: Client
) -> None:
    html = alice_client.get("/exchange/backup/").content.decode()
    assert "multipart/form-data" not in html
    assert "only be restored into an empty account" in html


def test_the_web_download_is_the_archive(small: User, alice_client: Client) -> None:
    response = alice_client.get("/exchange/backup/download/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    archive = json.loads(b"".join(response.streaming_content))
    assert {r["full_name"] for r in archive["models"]["people.person"]} == {
        "Dana Whitfield",
        "Eli Park",
    }


def test_the_web_restore_loads_the_upload_and_goes_to_people(
    small: User, bob: User, bob_client: Client
) -> None:
    upload = SimpleUploadedFile("alice.json", _text(small).encode(), "application/json")
    response = bob_client.post("/exchange/backup/restore/", {"archive": upload})
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    _bob_has_alices_network(bob)


def test_the_web_restore_shows_the_problem_on_the_form(
    small: User, bob: User, bob_client: Client
) -> None:
    upload = SimpleUploadedFile("notes.json", b'{"hello": 1}', "application/json")
    response = bob_client.post("/exchange/backup/restore/", {"archive": upload})
    assert response.status_code == 422
    assert "not an Entregent backup" in response.content.decode()
    assert not Person.objects.filter(owner=bob).exists()


def test_the_web_restore_needs_a_file(bob_client: Client) -> None:
    response = bob_client.post("/exchange/backup/restore/", {})
    assert response.status_code == 422
