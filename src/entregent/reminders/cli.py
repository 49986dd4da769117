"""`entregent calendar …` (the private calendar address) and `entregent digest` (send digests)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    current_user,
    gettext_lazy,
    note,
    print_json,
    success,
)
from entregent.core.errors import InvalidInput
from entregent.reminders import selectors, services

calendar_app = typer.Typer(
    help=gettext_lazy("Your private calendar address (iCalendar) for calendar apps."),
    epilog=EPILOG,
    no_args_is_help=True,
)


def _print_issued(issued: services.IssuedFeed, as_json: bool) -> None:
    if as_json:
        print_json({"url": issued.url, "prefix": issued.feed.prefix})
        return
    success(_("Your calendar address (subscribe to it in your calendar app):"))
    note(_("Copy it now: it is shown only once. Make a new one if it leaks."))
    # Plain echo: the address must stay on one line, unstyled, easy to copy or pipe.
    typer.echo(issued.url)


@calendar_app.command(
    "url",
    help=gettext_lazy(
        "Make the calendar address if there is none and print it; an existing one is only "
        "described (its secret is not stored: use `regenerate` for a new one)."
    ),
)
def calendar_url(as_json: JsonOption = False) -> None:
    owner = current_user()
    feed = selectors.calendar_feed_get(owner=owner)
    if feed is None:
        _print_issued(services.calendar_feed_issue(owner=owner), as_json)
        return
    if as_json:
        print_json({"url": None, "prefix": feed.prefix, "created": feed.created})
        return
    success(
        _("A calendar address exists since %(when)s (starts with %(prefix)s…).")
        % {
            "when": timezone.localtime(feed.created).strftime("%Y-%m-%d %H:%M"),
            "prefix": feed.prefix,
        }
    )
    note(
        _(
            "It is stored hashed, so it cannot be shown again: `entregent calendar regenerate` "
            "makes a new one (the old one stops working)."
        )
    )


@calendar_app.command(
    "regenerate", help=gettext_lazy("Make a new calendar address; the old one stops working.")
)
def calendar_regenerate(as_json: JsonOption = False) -> None:
    _print_issued(services.calendar_feed_issue(owner=current_user()), as_json)


@calendar_app.command("revoke", help=gettext_lazy("Stop the calendar address."))
def calendar_revoke() -> None:
    if services.calendar_feed_revoke(owner=current_user()):
        success(_("Calendar address revoked."))
    else:
        note(_("There was no calendar address."))


def _parse_now(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput.for_field(
            "--now",
            _("“%(value)s” is not a date and time; write it as YYYY-MM-DDTHH:MM.")
            % {"value": value[:40]},
        ) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def digest(
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help=gettext_lazy(
                "Act as if it were this time (ISO, e.g. 2026-11-21T08:00), for tests."
            ),
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Send the daily digests that are due; safe to run from cron every few minutes."""
    when = _parse_now(now)
    if not selectors.digest_configured():
        raise InvalidInput(
            _("No mail server is configured: set ENTREGENT_SMTP_HOST (see the README).")
        )
    report = services.digest_run(now=when)
    if as_json:
        print_json(
            {
                "date": report.due_date,
                "sent": report.sent,
                "failed": report.failed,
                "skipped": report.skipped,
                "superseded": report.superseded,
                "waiting": report.waiting,
            }
        )
    else:
        success(
            _(
                "Digests for %(date)s: %(sent)d sent, %(failed)d failed, %(skipped)d with nothing to do."
            )
            % {
                "date": report.due_date.isoformat(),
                "sent": len(report.sent),
                "failed": len(report.failed),
                "skipped": len(report.skipped),
            }
        )
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Mount `calendar` and `digest` on the `entregent` command."""
    app.add_typer(calendar_app, name="calendar")
    app.command(
        "digest",
        help=gettext_lazy(
            "Send the daily digest e-mails that are due; safe to run from cron every few minutes."
        ),
        epilog=EPILOG,
    )(digest)
