"""`entregent checkin …` and `entregent congratulate …`: act on Today's check-ins and
milestones by person, like the buttons of the Today page (no follow-up id needed)."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils.translation import gettext as _

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    current_user,
    gettext_lazy,
    print_json,
    resolve_person,
    success,
)
from entregent.followups.choices import FollowUpKind
from entregent.followups.cli import (
    LogOption,
    SummaryOption,
    UntilArg,
    followup_json,
    log_encounter_from,
)
from entregent.followups.models import FollowUp
from entregent.followups.services import agenda_item_act

PersonArg = Annotated[
    str, typer.Argument(metavar="PERSON", help=gettext_lazy("The person's name or id."))
]


def _act(
    kind: str,
    action: str,
    ref: str,
    *,
    until: str | None = None,
    log: str = "",
    summary: str = "",
) -> FollowUp:
    owner = current_user()
    person = resolve_person(owner, ref)
    return agenda_item_act(
        owner=owner,
        person=person,
        kind=kind,
        action=action,
        until=until,
        log_encounter=log_encounter_from(log, summary),
    )


def _show(followup: FollowUp, as_json: bool, message: str) -> None:
    if as_json:
        print_json(followup_json(followup))
    else:
        success(message)


def _group(kind: str, help_text: str, done_help: str) -> typer.Typer:
    group = typer.Typer(help=help_text, epilog=EPILOG, no_args_is_help=True)

    @group.command("done", help=done_help)
    def done(
        person: PersonArg,
        *,
        log: LogOption = "",
        summary: SummaryOption = "",
        as_json: JsonOption = False,
    ) -> None:
        followup = _act(kind, "done", person, log=log, summary=summary)
        name = followup.person.full_name
        if log:
            message = _("Done, and the conversation with %(name)s is logged.") % {"name": name}
        else:
            message = _("Done: %(name)s.") % {"name": name}
        _show(followup, as_json, message)

    @group.command("snooze", help=gettext_lazy("Put it off: tomorrow, next_week or YYYY-MM-DD."))
    def snooze(
        person: PersonArg,
        until: UntilArg = "tomorrow",
        as_json: JsonOption = False,
    ) -> None:
        followup = _act(kind, "snooze", person, until=until)
        _show(
            followup,
            as_json,
            _("%(name)s: snoozed until %(date)s.")
            % {"name": followup.person.full_name, "date": followup.due_on.isoformat()},
        )

    @group.command("dismiss", help=gettext_lazy("Let it pass; it stays in the history."))
    def dismiss(person: PersonArg, as_json: JsonOption = False) -> None:
        followup = _act(kind, "dismiss", person)
        _show(
            followup,
            as_json,
            _("Dismissed: %(name)s. It stays in the history.")
            % {"name": followup.person.full_name},
        )

    return group


def register(app: typer.Typer) -> None:
    """Mount `checkin` and `congratulate` on the `entregent` command."""
    app.add_typer(
        _group(
            FollowUpKind.CHECK_IN,
            gettext_lazy("Today's check-ins, by person: done, snooze, dismiss."),
            gettext_lazy(
                "Checked in: with --log the conversation is logged and the next check-in "
                "counts from it; without, it moves one interval on."
            ),
        ),
        name="checkin",
    )
    app.add_typer(
        _group(
            FollowUpKind.CONGRATULATE,
            gettext_lazy("Today's milestones to congratulate, by person: done, snooze, dismiss."),
            gettext_lazy("Congratulated: recorded as done, optionally logging the call."),
        ),
        name="congratulate",
    )
