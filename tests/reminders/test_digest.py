"""The daily digest, end to end through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.accounts.models import User
from entregent.followups.services import followup_create
from entregent.people.models import Person
from entregent.people.services import milestone_create, person_create
from entregent.reminders.choices import DeliveryStatus
from entregent.reminders.models import DigestDelivery
from entregent.reminders.selectors import digest_is_stale
from entregent.reminders.services import digest_claim, digest_run, digest_subscribe

from .conftest import RecordingHandler, html_of, text_of

DAY = dt.date(2026, 11, 21)
UTC = dt.UTC


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
def alice_wants_it(alice: User, dana: Person) -> User:
    followup_create(owner=alice, person=dana, due_on=DAY, topic="Etsy listings")
    digest_subscribe(owner=alice, email="alice@example.org", enabled=True)
    # Opted in well before the day under test.
    alice.digest_subscription.since = at(DAY - dt.timedelta(days=10), 9)  # type: ignore[attr-defined]
    alice.digest_subscription.save()  # type: ignore[attr-defined]
    return alice


def test_it_delivers_todays_digest_to_the_account_address(
    smtp: RecordingHandler, alice_wants_it: User
) -> None:
    report = digest_run(now=at(DAY, 8))
    assert report.sent == ["alice"]
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "alice@example.org"
    assert smtp.envelopes[0][1] == ["alice@example.org"]
    assert message["From"] == "entregent@example.org"
    assert "1 thing to do today" in message["Subject"]
    text = text_of(message)
    assert "Dana Whitfield" in text
    assert "Etsy listings" in text
    dana = Person.objects.get(full_name="Dana Whitfield")
    assert f"https://crm.example.org/people/{dana.pk}/" in text
    html = html_of(message)
    assert f'href="https://crm.example.org/people/{dana.pk}/"' in html
    delivery = DigestDelivery.objects.get(owner=alice_wants_it)
    assert (delivery.date, delivery.status, delivery.attempts) == (DAY, "sent", 1)
    assert delivery.items == 1


def test_a_second_run_sends_nothing(smtp: RecordingHandler, alice_wants_it: User) -> None:
    digest_run(now=at(DAY, 8))
    again = digest_run(now=at(DAY, 8, 5))
    later = digest_run(now=at(DAY, 23, 55))
    assert again.sent == []
    assert later.sent == []
    assert len(smtp.messages) == 1


def test_nothing_is_sent_before_the_hour_on_the_first_day(
    smtp: RecordingHandler, alice_wants_it: User
) -> None:
    alice_wants_it.digest_subscription.since = at(DAY, 5)  # type: ignore[attr-defined]
    alice_wants_it.digest_subscription.save()  # type: ignore[attr-defined]
    assert digest_run(now=at(DAY, 6, 59)).sent == []
    assert smtp.messages == []
    assert digest_run(now=at(DAY, 7)).sent == ["alice"]


@pytest.mark.parametrize("mode", ["refuse", "drop"])
def test_a_failing_server_leaves_the_digest_failed_and_a_later_run_sends_it_once(
    smtp: RecordingHandler, alice_wants_it: User, mode: str
) -> None:
    smtp.mode = mode
    first = digest_run(now=at(DAY, 8))
    assert first.failed == ["alice"]
    delivery = DigestDelivery.objects.get(owner=alice_wants_it)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 1
    assert delivery.last_error
    assert smtp.messages == []

    smtp.mode = "accept"
    # Within the backoff the digest waits; nothing is lost, nothing is sent.
    waiting = digest_run(now=at(DAY, 8, 2))
    assert waiting.sent == []
    assert waiting.waiting == 1
    retried = digest_run(now=at(DAY, 8, 6))
    assert retried.sent == ["alice"]
    digest_run(now=at(DAY, 9))
    assert len(smtp.messages) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")


def test_no_server_listening_is_a_failure_that_is_retried(
    smtp: RecordingHandler, alice_wants_it: User, settings
) -> None:
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there: connection refused
    assert digest_run(now=at(DAY, 8)).failed == ["alice"]
    settings.EMAIL_PORT = real_port
    assert digest_run(now=at(DAY, 8, 10)).sent == ["alice"]
    assert len(smtp.messages) == 1


def test_backoff_grows_after_each_failure(smtp: RecordingHandler, alice_wants_it: User) -> None:
    smtp.mode = "refuse"
    digest_run(now=at(DAY, 8))
    digest_run(now=at(DAY, 8, 6))
    delivery = DigestDelivery.objects.get(owner=alice_wants_it)
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == at(DAY, 8, 16)


def test_it_catches_up_after_a_day_of_downtime(
    smtp: RecordingHandler, alice_wants_it: User
) -> None:
    digest_run(now=at(DAY, 8))
    # Nothing ran on the 22nd; the first run on the 23rd sends the 23rd's digest only.
    report = digest_run(now=at(DAY + dt.timedelta(days=2), 10))
    assert report.sent == ["alice"]
    assert len(smtp.messages) == 2
    dates = sorted(DigestDelivery.objects.values_list("date", "status"))
    assert dates == [(DAY, "sent"), (DAY + dt.timedelta(days=2), "sent")]
    # The overdue follow-up is in the catch-up digest.
    assert "2 days overdue" in text_of(smtp.messages[1])


def test_a_digest_that_never_went_out_is_superseded_by_the_next_days(
    smtp: RecordingHandler, alice_wants_it: User
) -> None:
    smtp.mode = "refuse"
    digest_run(now=at(DAY, 8))
    smtp.mode = "accept"
    report = digest_run(now=at(DAY + dt.timedelta(days=1), 8))
    assert report.sent == ["alice"]
    assert report.superseded == 1
    assert len(smtp.messages) == 1
    statuses = dict(DigestDelivery.objects.values_list("date", "status"))
    assert statuses == {DAY: "superseded", DAY + dt.timedelta(days=1): "sent"}


def test_before_the_hour_yesterdays_missed_digest_is_sent_once(
    smtp: RecordingHandler, alice_wants_it: User
) -> None:
    # Down from before 07:00 yesterday until 03:00 today: yesterday's goes out late, once.
    report = digest_run(now=at(DAY + dt.timedelta(days=1), 3))
    assert report.due_date == DAY
    assert report.sent == ["alice"]
    digest_run(now=at(DAY + dt.timedelta(days=1), 4))
    assert len(smtp.messages) == 1
    # Then today's at its hour.
    assert digest_run(now=at(DAY + dt.timedelta(days=1), 7, 1)).sent == ["alice"]
    assert len(smtp.messages) == 2


def test_users_without_opt_in_get_nothing(
    smtp: RecordingHandler, alice: User, bob: User, charlie: User, dana: Person
) -> None:
    followup_create(owner=alice, person=dana, due_on=DAY, topic="Etsy listings")
    alice.email = "alice@example.org"
    alice.save()
    digest_subscribe(owner=charlie, email="charlie@example.org", enabled=False)
    report = digest_run(now=at(DAY, 8))
    assert report.sent == []
    assert smtp.messages == []
    assert DigestDelivery.objects.count() == 0


def test_a_day_with_nothing_to_do_sends_no_mail(smtp: RecordingHandler, bob: User) -> None:
    digest_subscribe(owner=bob, email="bob@example.org", enabled=True)
    bob.digest_subscription.since = at(DAY - dt.timedelta(days=1), 9)  # type: ignore[attr-defined]
    bob.digest_subscription.save()  # type: ignore[attr-defined]
    report = digest_run(now=at(DAY, 8))
    assert report.skipped == ["bob"]
    assert smtp.messages == []
    assert DigestDelivery.objects.get(owner=bob).status == DeliveryStatus.SKIPPED
    assert digest_run(now=at(DAY, 9)).skipped == []


def test_alices_digest_never_shows_bobs_people(
    smtp: RecordingHandler, alice_wants_it: User, bob: User
) -> None:
    bobs = person_create(owner=bob, full_name="Quentin Bobfriend")
    followup_create(owner=bob, person=bobs, due_on=DAY, topic="bob secret topic")
    digest_subscribe(owner=bob, email="bob@example.org", enabled=True)
    bob.digest_subscription.since = at(DAY - dt.timedelta(days=1), 9)  # type: ignore[attr-defined]
    bob.digest_subscription.save()  # type: ignore[attr-defined]
    report = digest_run(now=at(DAY, 8))
    assert sorted(report.sent) == ["alice", "bob"]
    by_recipient = {m["To"]: text_of(m) + html_of(m) for m in smtp.messages}
    assert "Quentin" not in by_recipient["alice@example.org"]
    assert "bob secret topic" not in by_recipient["alice@example.org"]
    assert "Dana" not in by_recipient["bob@example.org"]
    assert "Etsy" not in by_recipient["bob@example.org"]


def test_the_digest_speaks_the_users_language(smtp: RecordingHandler, charlie: User) -> None:
    camille = person_create(owner=charlie, full_name="Camille Dubois")
    followup_create(owner=charlie, person=camille, due_on=DAY, topic="son projet")
    milestone_create(
        owner=charlie, person=camille, kind="birthday", date=dt.date(1991, 11, 23), yearly=True
    )
    digest_subscribe(owner=charlie, email="charlie@example.org", enabled=True)
    charlie.digest_subscription.since = at(DAY - dt.timedelta(days=1), 9)  # type: ignore[attr-defined]
    charlie.digest_subscription.save()  # type: ignore[attr-defined]
    digest_run(now=at(DAY, 8))
    message = smtp.messages[0]
    assert "2 choses à faire aujourd\u2019hui" in message["Subject"]
    text = text_of(message)
    assert "Camille Dubois" in text
    assert "Relance\u00a0: Camille Dubois — son projet" in text
    assert "Anniversaire" in text
    assert "23/11/2026" in text


def test_only_one_of_two_concurrent_runs_may_send(alice_wants_it: User) -> None:
    delivery = DigestDelivery.objects.create(owner=alice_wants_it, date=DAY)
    first = DigestDelivery.objects.get(pk=delivery.pk)
    second = DigestDelivery.objects.get(pk=delivery.pk)
    assert digest_claim(delivery=first, now=at(DAY, 8)) is True
    assert digest_claim(delivery=second, now=at(DAY, 8)) is False
    assert DigestDelivery.objects.get(pk=delivery.pk).attempts == 1


def test_a_digest_interrupted_while_sending_is_never_sent_again(
    smtp: RecordingHandler, alice_wants_it: User
) -> None:
    DigestDelivery.objects.create(
        owner=alice_wants_it, date=DAY, status=DeliveryStatus.SENDING, attempts=1
    )
    assert digest_run(now=at(DAY, 9)).sent == []
    assert smtp.messages == []


def test_the_web_app_warns_when_digests_have_not_run_for_a_day(
    smtp: RecordingHandler, alice_wants_it: User, alice_client, settings
) -> None:
    since = alice_wants_it.digest_subscription.since  # type: ignore[attr-defined]
    assert digest_is_stale(now=since + dt.timedelta(hours=23)) is False
    assert digest_is_stale(now=since + dt.timedelta(hours=25)) is True
    assert b"digest-warning" in alice_client.get("/").content
    digest_run()
    assert digest_is_stale() is False
    assert b"digest-warning" not in alice_client.get("/").content
    assert digest_is_stale(now=dt.datetime.now(UTC) + dt.timedelta(days=2)) is True


def test_no_warning_without_a_mail_server(alice_wants_it: User, alice_client, settings) -> None:
    settings.ENTREGENT_SMTP_HOST = ""
    assert digest_is_stale(now=dt.datetime.now(UTC) + dt.timedelta(days=30)) is False
    assert b"digest-warning" not in alice_client.get("/").content


def test_an_account_without_e_mail_cannot_opt_in(alice: User) -> None:
    from entregent.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        digest_subscribe(owner=alice, email="", enabled=True)
    assert "email" in refused.value.errors
    with pytest.raises(InvalidInput):
        digest_subscribe(owner=alice, email="not an address", enabled=False)
    alice.refresh_from_db()
    assert alice.email == ""


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_one_mail(smtp: RecordingHandler) -> None:
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database does not take concurrent writers")
    alice = User.objects.create_user(username="alice", password="x")
    dana = person_create(owner=alice, full_name="Dana Whitfield")
    followup_create(owner=alice, person=dana, due_on=DAY, topic="Etsy listings")
    digest_subscribe(owner=alice, email="alice@example.org", enabled=True)
    alice.digest_subscription.since = at(DAY - dt.timedelta(days=1), 9)  # type: ignore[attr-defined]
    alice.digest_subscription.save()  # type: ignore[attr-defined]
    barrier = threading.Barrier(2)
    reports = []

    def run() -> None:
        from django.db import connections

        barrier.wait()
        try:
            reports.append(digest_run(now=at(DAY, 8)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(len(r.sent) for r in reports) == [0, 1]
    assert len(smtp.messages) == 1
