"""API: upload a file, poll its preview, commit it; export people as vCard or CSV."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from entregent.exchange.models import ImportJob
from entregent.people.models import Person
from tests.api.conftest import BASE, ApiClient, api_for

VCARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\n"
    b"UID:urn:uuid:ada\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nCATEGORIES:navy\r\nEND:VCARD\r\n"
)


@pytest.fixture
def alice_api(alice) -> ApiClient:
    return api_for(alice)


@pytest.fixture
def bob_api(bob) -> ApiClient:
    return api_for(bob)


def upload(api: ApiClient, content: bytes, name: str = "people.vcf", **fields):
    data = {"file": SimpleUploadedFile(name, content), **fields}
    return api.client.post(BASE + "/imports", data, headers=api.headers)


def test_an_upload_is_previewed_then_committed(alice_api, alice):
    created = upload(alice_api, VCARD)
    assert created.status_code == 202, created.content
    job = created.json()
    assert (job["status"], job["format"]) == ("previewed", "vcard")
    assert job["counts"]["new"] == 2
    assert not Person.objects.filter(owner=alice).exists()
    polled = alice_api.get(f"/imports/{job['id']}").json()
    assert polled["preview"]["counts"]["new"] == 2
    committed = alice_api.post(f"/imports/{job['id']}/commit")
    assert committed.status_code == 202, committed.content
    assert committed.json()["status"] == "done"
    assert committed.json()["progress"]["percent"] == 100
    assert Person.objects.filter(owner=alice).count() == 2


def test_a_second_commit_is_a_conflict(alice_api, alice):
    job = upload(alice_api, VCARD).json()
    alice_api.post(f"/imports/{job['id']}/commit")
    again = alice_api.post(f"/imports/{job['id']}/commit")
    assert again.status_code == 409
    assert Person.objects.filter(owner=alice).count() == 2


def test_a_broken_file_fails_naming_the_line_and_cannot_be_committed(alice_api, alice):
    job = upload(alice_api, VCARD + b"BEGIN:VCARD\r\nFN:Cut\r\n").json()
    assert job["status"] == "failed"
    assert job["error_line"] == 12
    assert "12" in job["error"]
    assert alice_api.post(f"/imports/{job['id']}/commit").status_code == 409
    assert not Person.objects.filter(owner=alice).exists()


def test_a_generic_csv_takes_a_json_mapping(alice_api, alice):
    content = "Nom;Courriel\nÉmilie Durand;emilie@example.fr\n".encode()
    mapping = json.dumps({"Nom": "full_name", "Courriel": "emails"})
    job = upload(alice_api, content, "liste.csv", format="generic", mapping=mapping).json()
    assert job["counts"]["new"] == 1, job
    alice_api.post(f"/imports/{job['id']}/commit")
    assert Person.objects.get(owner=alice).emails.get().address == "emilie@example.fr"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"mapping": "[1, 2]"}, "mapping"),
        ({"mapping": json.dumps({"Nom": "salary"})}, "mapping"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_options_are_refused_naming_the_field(alice_api, alice, fields, field):
    response = upload(alice_api, VCARD, **fields)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not ImportJob.objects.exists()


def test_an_empty_file_is_refused(alice_api):
    response = upload(alice_api, b"")
    assert response.status_code == 422
    assert "file" in response.json()["errors"]


def test_a_file_over_the_size_limit_is_refused(alice_api, settings):
    settings.ENTREGENT_IMPORT_MAX_MB = 1
    response = upload(alice_api, VCARD * 20_000)
    assert response.status_code == 422
    assert "1 MB" in response.json()["detail"]


def test_another_accounts_import_is_not_found(alice_api, bob_api):
    job = upload(alice_api, VCARD).json()
    assert bob_api.get(f"/imports/{job['id']}").status_code == 404
    assert bob_api.post(f"/imports/{job['id']}/commit").status_code == 404


@pytest.mark.parametrize(
    ("fmt", "expected"), [("vcard4", "VERSION:4.0"), ("vcard3", "VERSION:3.0"), ("csv", "Ada")]
)
def test_export_streams_each_format(alice_api, alice, fmt, expected):
    job = upload(alice_api, VCARD).json()
    alice_api.post(f"/imports/{job['id']}/commit")
    response = alice_api.get("/export", format=fmt)
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert expected in body
    assert "Grace Hopper" in body
    assert "attachment" in response["Content-Disposition"]


def test_export_by_tag_and_owner(alice_api, bob_api, alice):
    job = upload(alice_api, VCARD).json()
    alice_api.post(f"/imports/{job['id']}/commit")
    tagged = b"".join(alice_api.get("/export", tag="navy").streaming_content).decode()
    assert "Grace Hopper" in tagged
    assert "Ada Lovelace" not in tagged
    theirs = b"".join(bob_api.get("/export").streaming_content).decode()
    assert "Ada" not in theirs


def test_export_refuses_an_unknown_format(alice_api):
    assert alice_api.get("/export", format="pdf").status_code == 422
