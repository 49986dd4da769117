"""The Import & export page: upload, preview, mapping, commit, progress, result, downloads."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from entregent.exchange.models import ImportJob
from entregent.people.models import Person
from entregent.people.services import person_create

VCARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nCATEGORIES:navy\r\nEND:VCARD\r\n"
)


def upload(client, content: bytes, name: str = "people.vcf", **fields):
    data = {"file": SimpleUploadedFile(name, content), "format": "", **fields}
    return client.post(reverse("exchange:import_upload"), data)


def test_the_page_offers_upload_export_backup_and_duplicates(alice_client):
    response = alice_client.get(reverse("exchange:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="file"' in body
    assert reverse("exchange:export") in body
    assert "/exchange/backup/" in body
    assert "/duplicates/" in body


def test_the_navigation_links_to_the_page(alice_client):
    body = alice_client.get(reverse("web:home")).content.decode()
    assert reverse("exchange:index") in body


def test_an_upload_shows_the_preview_then_commits(alice_client, alice):
    response = upload(alice_client, VCARD)
    job = ImportJob.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:import_detail", args=[job.pk])
    page = alice_client.get(response["Location"]).content.decode()
    assert "Preview" in page
    assert "Ada Lovelace" in page
    assert "vCard" in page
    assert not Person.objects.filter(owner=alice).exists()
    committed = alice_client.post(reverse("exchange:import_commit", args=[job.pk]))
    assert committed.status_code == 302
    result = alice_client.get(committed["Location"]).content.decode()
    assert "Imported" in result
    assert Person.objects.filter(owner=alice).count() == 2


def test_a_likely_duplicate_is_flagged_in_the_preview(alice_client, alice):
    person_create(owner=alice, full_name="Ada Lovelace-Byron")
    upload(alice_client, VCARD)
    job = ImportJob.objects.get(owner=alice)
    page = alice_client.get(reverse("exchange:import_detail", args=[job.pk])).content.decode()
    assert "looks like Ada Lovelace-Byron" in page


def test_a_broken_file_shows_its_line_and_imports_nothing(alice_client, alice):
    upload(alice_client, VCARD + b"BEGIN:VCARD\r\nFN:Cut\r\n")
    job = ImportJob.objects.get(owner=alice)
    page = alice_client.get(reverse("exchange:import_detail", args=[job.pk])).content.decode()
    assert "could not be imported" in page
    assert "Line 11" in page
    assert 'action="' + reverse("exchange:import_commit", args=[job.pk]) not in page
    assert not Person.objects.filter(owner=alice).exists()


def test_a_generic_csv_gets_a_suggested_mapping_and_can_be_remapped(alice_client, alice):
    content = "Nom complet;Courriel;Mystère\nÉmilie Durand;emilie@example.fr;x\n".encode()
    upload(alice_client, content, "liste.csv", format="generic")
    job = ImportJob.objects.get(owner=alice)
    page = alice_client.get(reverse("exchange:import_detail", args=[job.pk])).content.decode()
    assert "Nom complet" in page
    assert 'value="emails" selected' in page
    response = alice_client.post(
        reverse("exchange:import_options", args=[job.pk]),
        {"format": "generic", "col_0": "full_name", "col_1": "ignore", "col_2": "city"},
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.mapping == {"Nom complet": "full_name", "Courriel": "ignore", "Mystère": "city"}
    assert job.status == "previewed"
    alice_client.post(reverse("exchange:import_commit", args=[job.pk]))
    person = Person.objects.get(owner=alice)
    assert (person.full_name, person.city) == ("Émilie Durand", "x")
    assert not person.emails.exists()


def test_the_progress_fragment_polls_while_running_and_reloads_after(alice_client, alice):
    upload(alice_client, VCARD)
    job = ImportJob.objects.get(owner=alice)
    ImportJob.objects.filter(pk=job.pk).update(status="importing")
    url = reverse("exchange:import_progress", args=[job.pk])
    running = alice_client.get(url, headers={"HX-Request": "true"})
    body = running.content.decode()
    assert "<progress" in body
    assert 'hx-trigger="every 1s"' in body
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    finished = alice_client.get(url, headers={"HX-Request": "true"})
    assert finished["HX-Refresh"] == "true"


def test_a_second_commit_says_why_and_imports_once(alice_client, alice):
    upload(alice_client, VCARD)
    job = ImportJob.objects.get(owner=alice)
    alice_client.post(reverse("exchange:import_commit", args=[job.pk]))
    again = alice_client.post(reverse("exchange:import_commit", args=[job.pk]), follow=True)
    assert "Only a previewed import" in again.content.decode()
    assert Person.objects.filter(owner=alice).count() == 2


def test_an_upload_without_a_file_is_refused_on_the_form(alice_client, alice):
    response = alice_client.post(reverse("exchange:import_upload"), {"format": ""})
    assert response.status_code == 422
    assert "field-invalid" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_import_can_be_removed(alice_client, alice):
    upload(alice_client, VCARD)
    job = ImportJob.objects.get(owner=alice)
    response = alice_client.post(reverse("exchange:import_delete", args=[job.pk]))
    assert response.status_code == 302
    assert not ImportJob.objects.exists()


def test_the_export_downloads_vcard_and_csv(alice_client, alice):
    person_create(owner=alice, full_name="Dana Whitfield", tags=["design"])
    person_create(owner=alice, full_name="Sam Okafor")
    response = alice_client.get(reverse("exchange:export"), {"format": "vcard3", "tag": "design"})
    body = b"".join(response.streaming_content).decode()
    assert "VERSION:3.0" in body
    assert "Dana Whitfield" in body
    assert "Sam Okafor" not in body
    csv = alice_client.get(reverse("exchange:export"), {"format": "csv"})
    assert "Sam Okafor" in b"".join(csv.streaming_content).decode()


def test_a_bad_export_format_goes_back_to_the_page(alice_client):
    response = alice_client.get(reverse("exchange:export"), {"format": "pdf"}, follow=True)
    assert response.status_code == 200
    assert "format" in response.content.decode()


def test_bob_cannot_see_alices_import(alice_client, bob_client, alice):
    upload(alice_client, VCARD)
    job = ImportJob.objects.get(owner=alice)
    assert bob_client.get(reverse("exchange:import_detail", args=[job.pk])).status_code == 404
    assert bob_client.post(reverse("exchange:import_commit", args=[job.pk])).status_code == 404
    assert "Ada" not in bob_client.get(reverse("exchange:index")).content.decode()


def test_the_page_speaks_french(client, charlie):
    client.force_login(charlie)
    body = client.get(reverse("exchange:index")).content.decode()
    assert 'lang="fr"' in body
