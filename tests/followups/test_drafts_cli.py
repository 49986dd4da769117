"""`entregent followup draft ID [--eml FILE] [--json]`."""

from __future__ import annotations

import email
import email.policy
import json

from entregent.cli.common import EXIT_INVALID, EXIT_NOT_FOUND
from entregent.followups.draft_services import draft_save
from tests.followups.draft_fixtures import drafted

__all__ = ["drafted"]


def test_draft_prints_the_message(cli, drafted):
    result = cli("--user", "alice", "followup", "draft", drafted.pk)
    assert result.exit_code == 0, result.output
    assert "To: dana@example.org" in result.output
    assert "Subject: Following up: the Etsy listings" in result.output
    assert "Thanks again for our chat yesterday at Design Meetup." in result.output
    assert "Nothing is sent" in result.output


def test_draft_as_json_matches_the_api(cli, drafted):
    result = cli("--user", "alice", "followup", "draft", drafted.pk, "--json")
    data = json.loads(result.output)
    assert data["followup_id"] == drafted.pk
    assert data["subject"] == "Following up: the Etsy listings"
    assert data["mailto"].startswith("mailto:dana@example.org?subject=")
    assert data["word_count"] <= 120
    assert data["edited"] is False


def test_draft_writes_an_eml_file_with_the_edit(cli, drafted, tmp_path):
    draft_save(followup=drafted, subject="Coffee ☕?", body="Hi Dana,\n\nÇa marche.")
    target = tmp_path / "dana.eml"
    result = cli("--user", "alice", "followup", "draft", drafted.pk, "--eml", target)
    assert result.exit_code == 0, result.output
    assert "Nothing has been sent" in result.output
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Coffee ☕?"
    assert message["To"] == "dana@example.org"
    assert message["From"] == "alice@example.com"
    assert message.get_content().replace("\r\n", "\n").strip() == "Hi Dana,\n\nÇa marche."


def test_draft_refuses_a_file_it_cannot_write(cli, drafted, tmp_path):
    target = tmp_path / "missing" / "dir" / "x.eml"
    result = cli("--user", "alice", "followup", "draft", drafted.pk, "--eml", target)
    assert result.exit_code == EXIT_INVALID
    assert "--eml" in result.output


def test_another_accounts_follow_up_is_not_found(cli, bob, drafted):
    result = cli("--user", "bob", "followup", "draft", drafted.pk)
    assert result.exit_code == EXIT_NOT_FOUND
    assert "Design Meetup" not in result.output
