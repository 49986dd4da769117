"""`entregent today` and `entregent followup …`: what to do now, and acting on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from django.conf import settings
from django.utils.translation import gettext as _
from rich.table import Table
from rich.text import Text

from entregent.accounts.models import User
from entregent.cli.common import (
    EPILOG,
    JsonOption,
    choice_value,
    console,
    current_user,
    gettext_lazy,
    note,
    paginate,
    parse_date,
    print_json,
    resolve_person,
    safe,
    show_page,
    success,
)
from entregent.core.errors import InvalidInput
from entregent.core.services import ensure_choice
from entregent.encounters.choices import Channel
from entregent.followups.choices import FollowUpStatus
from entregent.followups.draft_selectors import Draft, draft_for_followup
from entregent.followups.models import FollowUp
from entregent.followups.selectors import (
    AgendaItem,
    AgendaSection,
    TodayAgenda,
    followup_get,
    followup_history,
    today_agenda,
)
from entregent.followups.services import (
    CADENCE_FIELDS,
    cadence_settings_update,
    followup_dismiss,
    followup_done,
    followup_snooze,
)

followup_app = typer.Typer(
    help=gettext_lazy("Follow-ups: list them, mark them done, snooze or dismiss them."),
    epilog=EPILOG,
    no_args_is_help=True,
)

IdArg = Annotated[str, typer.Argument(metavar="ID", help=gettext_lazy("The follow-up's id."))]
UntilArg = Annotated[
    str, typer.Argument(help=gettext_lazy("tomorrow, next_week or a date (YYYY-MM-DD)."))
]
LogOption = Annotated[
    str,
    typer.Option(
        "--log",
        help=gettext_lazy("Log the conversation too: call, video, in_person, email, message…"),
    ),
]
SummaryOption = Annotated[
    str, typer.Option("--summary", help=gettext_lazy("What you talked about."))
]


def log_encounter_from(log: str, summary: str) -> dict[str, str] | None:
    """The encounter `--log CHANNEL --summary TEXT` asks to log with a done, or None."""
    if not log:
        return None
    channel = choice_value(log)
    ensure_choice(channel, Channel, "channel")
    return {"channel": channel, "summary": summary}


def item_json(item: AgendaItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "followup_kind": item.followup_kind,
        "person_id": item.person_id,
        "person_name": item.person_name,
        "circle": item.circle,
        "due_on": item.due_on,
        "overdue_days": item.overdue_days,
        "topic": item.topic,
        "followup_id": item.followup_id,
        "status": item.status,
        "milestone_id": item.milestone_id,
    }


def section_json(section: AgendaSection) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "total": section.total,
        "capped": section.capped,
        "more": section.more,
        "items": [item_json(i) for i in section.items],
    }


def agenda_json(agenda: TodayAgenda) -> dict[str, Any]:
    """The same shape as GET /api/v1/today."""
    return {
        "today": agenda.today,
        "total": agenda.total,
        **{section.key: section_json(section) for section in agenda.sections},
    }


def followup_json(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.pk,
        "person_id": f.person_id,
        "person_name": f.person.full_name,
        "due_on": f.due_on,
        "kind": f.kind,
        "topic": f.topic,
        "status": f.status,
        "snooze_count": f.snooze_count,
        "completed_at": f.completed_at,
        "snoozed_at": f.snoozed_at,
        "dismissed_at": f.dismissed_at,
        "created": f.created,
    }


def _section_table(section: AgendaSection) -> Table:
    total = f"{section.total}+" if section.capped else str(section.total)
    table = Table(title=f"{section.title} ({total})", title_justify="left")
    table.add_column(_("Id"), justify="right")
    table.add_column(_("Person"))
    table.add_column(_("Circle"))
    table.add_column(_("Due"))
    table.add_column(_("Topic"))
    for item in section.items:
        due = item.due_on.isoformat()
        if item.overdue_days:
            due = _("%(date)s (%(days)d days late)") % {"date": due, "days": item.overdue_days}
        table.add_row(
            str(item.followup_id or "—"),
            safe(item.person_name),
            item.circle_label,
            due,
            safe(item.topic),
        )
    return table


def today(
    *,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help=gettext_lazy("The day to plan for, YYYY-MM-DD (default: today).")
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    agenda = today_agenda(owner=owner, today=parse_date(date, "date") if date else None)
    if as_json:
        print_json(agenda_json(agenda))
        return
    if agenda.is_empty:
        note(
            _(
                "Nothing due today. Log a conversation with `entregent log --with NAME` and "
                "its follow-up shows up here tomorrow."
            )
        )
        return
    for section in agenda.sections:
        if section.total:
            console.print(_section_table(section))
            if section.more:
                note(_("…and %(count)d more.") % {"count": section.more})
    note(_("Act on one: `entregent followup done ID`, `snooze ID tomorrow`, `dismiss ID`."))


@followup_app.command("list", help=gettext_lazy("List follow-ups with their history."))
def followup_list(
    *,
    status: Annotated[
        str,
        typer.Option("--status", help=gettext_lazy("open, snoozed, done or dismissed.")),
    ] = "",
    person: Annotated[
        str, typer.Option("--person", help=gettext_lazy("Only for this person (id or name)."))
    ] = "",
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, max=500, help=gettext_lazy("How many per page."))
    ] = None,
    page: Annotated[
        int, typer.Option("--page", min=1, help=gettext_lazy("Which page, from 1."))
    ] = 1,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    status = choice_value(status)
    if status:
        ensure_choice(status, FollowUpStatus, "status")
    qs = followup_history(owner=owner, status=status)
    if person.strip():
        qs = qs.filter(person=resolve_person(owner, person))

    def table(items: list[FollowUp]) -> Table:
        t = Table()
        for column in (_("Id"), _("Person"), _("Kind"), _("Due"), _("Status"), _("Topic")):
            t.add_column(column)
        for f in items:
            t.add_row(
                str(f.pk),
                safe(f.person.full_name),
                str(f.get_kind_display()),
                f.due_on.isoformat(),
                str(f.get_status_display()),
                safe(f.topic),
            )
        return t

    show_page(
        paginate(qs, limit=limit or settings.ENTREGENT_PAGE_SIZE, page=page),
        as_json=as_json,
        to_json=followup_json,
        table=table,
        empty=_("No follow-ups here."),
        footer=_("Page %(page)s of %(pages)s (%(count)s follow-ups)."),
    )


@followup_app.command(
    "done", help=gettext_lazy("Mark a follow-up done, optionally logging a call.")
)
def followup_done_command(
    followup_id: IdArg,
    *,
    log: LogOption = "",
    summary: SummaryOption = "",
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    followup = followup_get(owner=owner, pk=followup_id)
    followup_done(followup=followup, log_encounter=log_encounter_from(log, summary))
    if as_json:
        print_json(followup_json(followup))
        return
    success(_("Done: %(name)s.") % {"name": followup.person.full_name})


@followup_app.command(
    "snooze", help=gettext_lazy("Put a follow-up off: tomorrow, next_week or YYYY-MM-DD.")
)
def followup_snooze_command(
    followup_id: IdArg,
    until: UntilArg = "tomorrow",
    as_json: JsonOption = False,
) -> None:
    followup = followup_get(owner=current_user(), pk=followup_id)
    followup_snooze(followup=followup, until=until)
    if as_json:
        print_json(followup_json(followup))
        return
    success(
        _("%(name)s: snoozed until %(date)s.")
        % {"name": followup.person.full_name, "date": followup.due_on.isoformat()}
    )


@followup_app.command("dismiss", help=gettext_lazy("Drop a follow-up; it stays in the history."))
def followup_dismiss_command(followup_id: IdArg, as_json: JsonOption = False) -> None:
    followup = followup_get(owner=current_user(), pk=followup_id)
    followup_dismiss(followup=followup)
    if as_json:
        print_json(followup_json(followup))
        return
    success(
        _("Dismissed: %(name)s. It stays in the history.") % {"name": followup.person.full_name}
    )


@followup_app.command(
    "draft",
    help=gettext_lazy(
        "Print a follow-up's draft message (in the person's language, at most 120 words); "
        "--eml saves it as a file for your mail app. Nothing is sent."
    ),
)
def followup_draft_command(
    followup_id: IdArg,
    *,
    eml: Annotated[
        Path | None,
        typer.Option(
            "--eml",
            dir_okay=False,
            help=gettext_lazy("Also write the draft to this .eml file."),
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    owner = current_user()
    draft = draft_for_followup(owner=owner, followup=followup_get(owner=owner, pk=followup_id))
    if eml is not None:
        try:
            eml.write_bytes(draft.eml())
        except OSError as exc:
            raise InvalidInput.for_field(
                "--eml", _("Could not write the file: %(error)s") % {"error": exc.strerror}
            ) from None
    if as_json:
        print_json(draft_json(draft))
        return
    console.print(Text(_("To: %(to)s") % {"to": draft.to or "—"}, style="dim"))
    console.print(Text(_("Subject: %(subject)s") % {"subject": draft.subject}, style="bold"))
    console.print()
    console.print(Text(draft.body))
    console.print()
    if eml is not None:
        success(_("Saved to %(path)s. Nothing has been sent.") % {"path": str(eml)})
    else:
        note(_("Nothing is sent: copy it, or save it with --eml FILE for your mail app."))


def draft_json(draft: Draft) -> dict[str, Any]:
    """The same shape as GET /api/v1/followups/{id}/draft."""
    return {
        "followup_id": draft.followup.pk if draft.followup is not None else None,
        "person_id": draft.person.pk,
        "kind": draft.kind,
        "language": draft.language,
        "subject": draft.subject,
        "body": draft.body,
        "to": draft.to,
        "mailto": draft.mailto,
        "word_count": draft.word_count,
        "edited": draft.edited,
        "edited_at": draft.edited_at,
        "next_step": draft.generated.next_step,
        "value_kind": draft.generated.value_kind,
    }


@followup_app.command(
    "settings",
    help=gettext_lazy(
        "Show or change the keep-in-touch intervals (days per circle), the follow-up delay and "
        "how many days ahead milestones show."
    ),
)
def followup_settings(
    *,
    inner: Annotated[
        int | None, typer.Option("--inner", help=gettext_lazy("Days, inner circle."))
    ] = None,
    active: Annotated[
        int | None, typer.Option("--active", help=gettext_lazy("Days, active circle."))
    ] = None,
    weak: Annotated[
        int | None, typer.Option("--weak", help=gettext_lazy("Days, weak ties."))
    ] = None,
    dormant: Annotated[
        int | None, typer.Option("--dormant", help=gettext_lazy("Days, dormant."))
    ] = None,
    delay: Annotated[
        int | None, typer.Option("--delay", help=gettext_lazy("Follow up this many days after."))
    ] = None,
    ahead: Annotated[
        int | None,
        typer.Option("--ahead", help=gettext_lazy("Show milestones this many days ahead.")),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    user = current_user()
    given = dict(zip(CADENCE_FIELDS, (inner, active, weak, dormant, delay, ahead), strict=True))
    changes = {field: value for field, value in given.items() if value is not None}
    if changes:
        cadence_settings_update(user=user, **changes)
    current = {field: getattr(user, field) for field in CADENCE_FIELDS}
    if as_json:
        print_json(current)
        return
    if changes:
        success(_("Keep-in-touch settings saved."))
    table = Table()
    table.add_column(_("Setting"))
    table.add_column(_("Days"), justify="right")
    for field, value in current.items():
        table.add_row(str(User._meta.get_field(field).verbose_name), str(value))  # type: ignore[union-attr]
    console.print(table)


def register(app: typer.Typer) -> None:
    """Mount `today` and `followup` on the `entregent` command."""
    app.command(
        "today",
        help=gettext_lazy("What to do today: follow-ups, check-ins, milestones."),
        epilog=EPILOG,
    )(today)
    app.add_typer(followup_app, name="followup")
