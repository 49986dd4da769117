"""`entregent import` and `entregent export` on inline files and the real samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entregent.exchange.models import KeptField
from entregent.people.models import Person
from tests.cli.conftest import cli  # noqa: F401

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "contacts"

VCARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    b"EMAIL;TYPE=work:ada@example.org\r\nX-FAVOURITE:engines\r\nUID:urn:uuid:ada\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@example.org\r\n"
    b"CATEGORIES:navy\r\nEND:VCARD\r\n"
)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    path = tmp_path / "people.vcf"
    path.write_bytes(VCARD)
    return path


def test_import_dry_run_shows_the_preview_and_writes_nothing(cli, alice, vcf):  # noqa: F811
    result = cli("import", vcf, "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "vcard"
    assert data["counts"]["new"] == 2
    assert not Person.objects.filter(owner=alice).exists()


def test_import_asks_before_committing(cli, alice, vcf):  # noqa: F811
    refused = cli("import", vcf, input="n\n")
    assert refused.exit_code == 1
    assert "Preview" in refused.stdout
    assert not Person.objects.filter(owner=alice).exists()
    accepted = cli("import", vcf, input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert Person.objects.filter(owner=alice).count() == 2


def test_import_yes_imports_and_reimport_changes_nothing(cli, alice, vcf):  # noqa: F811
    first = cli("import", vcf, "--yes", "--json")
    assert json.loads(first.stdout)["counts"]["new"] == 2
    again = json.loads(cli("import", vcf, "--yes", "--json").stdout)
    assert again["counts"] == {
        "new": 0,
        "updated": 0,
        "unchanged": 2,
        "duplicates": 0,
        "skipped": 0,
        "total": 2,
    }
    assert KeptField.objects.get(owner=alice, name="X-FAVOURITE").value == "engines"


def test_a_generic_csv_takes_a_column_mapping(cli, alice, tmp_path):  # noqa: F811
    path = tmp_path / "liste.csv"
    path.write_text("Nom complet;Courriel;Ville\nÉmilie Durand;emilie@example.fr;Lyon\n")
    result = cli(
        "import",
        path,
        "--format",
        "generic",
        "--mapping",
        "Nom complet=full_name",
        "--mapping",
        "Courriel=emails",
        "--mapping",
        "Ville=city",
        "--yes",
    )
    assert result.exit_code == 0, result.output
    person = Person.objects.get(owner=alice)
    assert (person.full_name, person.city) == ("Émilie Durand", "Lyon")
    assert person.emails.get().address == "emilie@example.fr"


def test_a_bad_mapping_names_the_option(cli, alice, vcf):  # noqa: F811
    result = cli("import", vcf, "--mapping", "nonsense", "--yes")
    assert result.exit_code == 1
    assert "--mapping" in result.stderr


def test_a_broken_file_names_the_line_and_writes_nothing(cli, alice, tmp_path):  # noqa: F811
    path = tmp_path / "broken.vcf"
    path.write_bytes(VCARD + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n")
    result = cli("import", path, "--yes")
    assert result.exit_code == 1
    assert "Line 15" in result.stderr
    assert not Person.objects.filter(owner=alice).exists()


def test_a_missing_file_is_refused(cli, alice, tmp_path):  # noqa: F811
    result = cli("import", tmp_path / "nope.vcf", "--yes")
    assert result.exit_code == 1
    assert "nope.vcf" in result.stderr


@pytest.mark.parametrize("fmt", ["vcard4", "vcard3", "csv"])
def test_export_then_import_changes_nothing(cli, alice, vcf, tmp_path, fmt):  # noqa: F811
    cli("import", vcf, "--yes")
    out = tmp_path / f"export.{fmt}"
    result = cli("export", "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.output
    assert "Ada Lovelace" in out.read_text(encoding="utf-8")
    again = json.loads(cli("import", out, "--dry-run", "--json").stdout)
    assert again["counts"]["unchanged"] == 2
    assert again["counts"]["total"] == 2


def test_export_by_tag_writes_only_those_people_to_stdout(cli, alice, vcf):  # noqa: F811
    cli("import", vcf, "--yes")
    result = cli("export", "--format", "vcard4", "--tag", "navy")
    assert result.exit_code == 0, result.output
    assert "Grace Hopper" in result.stdout
    assert "Ada Lovelace" not in result.stdout


def test_export_refuses_an_unknown_format(cli, alice):  # noqa: F811
    result = cli("export", "--format", "pdf")
    assert result.exit_code == 1
    assert "vcard4" in result.stderr


SAMPLE_FILES = sorted(p.name for p in (SAMPLES / "vcard").glob("*.vcf")) + sorted(
    p.name for p in (SAMPLES / "csv").glob("*.csv")
)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_imports_and_round_trips(cli, alice, tmp_path, name):  # noqa: F811
    folder = "vcard" if name.endswith(".vcf") else "csv"
    path = SAMPLES / folder / name
    first = json.loads(cli("import", path, "--yes", "--json").stdout)
    assert first["counts"]["new"] + first["counts"]["updated"] >= 1
    people = Person.objects.filter(owner=alice).count()
    again = json.loads(cli("import", path, "--dry-run", "--json").stdout)
    assert again["counts"]["new"] == again["counts"]["updated"] == 0
    for fmt in ("vcard4", "csv"):
        out = tmp_path / f"out.{fmt}"
        cli("export", "--format", fmt, "--output", out)
        back = json.loads(cli("import", out, "--dry-run", "--json").stdout)
        assert (back["counts"]["new"], back["counts"]["updated"]) == (0, 0), back
        assert back["counts"]["unchanged"] == people
