"""`entregent intro …`: introduction suggestions and the double opt-in workflow."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils.translation import gettext as _
from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    console,
    current_user,
    gettext_lazy,
    note,
    print_json,
    resolve_person,
    success,
)
from entregent.cli.render import cells, table, when
from entregent.core.errors import InvalidInput
from entregent.matching.intro_output import introduction_data, suggestions_data
from entregent.matching.intro_services import (
    intro_accept,
    intro_ask_a,
    intro_ask_b,
    intro_cancel,
    intro_dismiss,
    intro_make,
    intro_record_answer,
)
from entregent.matching.introductions import (
    current_draft,
    introduction_drafts,
    introduction_get,
    introduction_list,
    next_step_label,
    suggestions,
    suggestions_for_person,
)
from entregent.matching.models import Introduction

intro_app = typer.Typer(
    help=gettext_lazy(
        "Introductions with a double opt-in: suggestions (someone's need met by someone "
        "else's offer), then ask A, ask B, and introduce them, with a draft for each step."
    ),
    epilog=EPILOG,
    no_args_is_help=True,
)

IdArg = Annotated[
    int, typer.Argument(metavar="ID", help=gettext_lazy("The introduction's id."), min=1)
]
PersonA = Annotated[
    str,
    typer.Argument(
        metavar="A", help=gettext_lazy("The person with the need, asked first (id or name).")
    ),
]
PersonB = Annotated[
    str,
    typer.Argument(metavar="B", help=gettext_lazy("The person who can help (id or name).")),
]
NoteOption = Annotated[
    str | None, typer.Option("--note", help=gettext_lazy("A note to keep."), show_default=False)
]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", help=gettext_lazy("How many, 1 to 100."))
]

YES = {"yes", "y", "oui", "o", "true", "1"}
NO = {"no", "n", "non", "false", "0"}


def _detail(intro: Introduction, as_json: bool) -> None:
    owner = current_user()
    drafts = introduction_drafts(owner=owner, introduction=intro)
    if as_json:
        print_json(introduction_data(intro, drafts))
        return
    title = Text.assemble(
        (f"#{intro.pk} ", "dim"),
        (f"{intro.person_a.full_name} → {intro.person_b.full_name}", "bold"),
        f"  {intro.get_status_display()}",
    )
    lines = Text()
    if intro.reason:
        lines.append(intro.reason + "\n")
    step = next_step_label(intro)
    if step:
        lines.append(_("Next: %(step)s") % {"step": step}, style="bold")
    lines.rstrip()
    parts: list[Panel | Text] = [Panel(lines, title=title, title_align="left")]
    draft = current_draft(drafts, intro)
    if draft is not None:
        heading = _("Draft (%(language)s) to %(to)s") % {
            "language": draft.language,
            "to": draft.to or _("no e-mail recorded"),
        }
        body = Text.assemble((draft.subject + "\n\n", "bold"), draft.body)
        parts.append(Panel(body, title=heading, title_align="left"))
    console.print(Group(*parts))


@intro_app.command(
    "suggest",
    help=gettext_lazy(
        "Who to introduce to whom: someone's need met by someone else's offer, best first."
    ),
    epilog=EPILOG,
)
def suggest(
    person_ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help=gettext_lazy("Only introductions this person would be part of."),
            show_default=False,
        ),
    ] = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Who to introduce to whom: someone's need met by someone else's offer, best first."""
    owner = current_user()
    person = resolve_person(owner, person_ref, "NAME") if person_ref else None
    if person is not None:
        found = suggestions_for_person(owner=owner, person=person, limit=limit)
    else:
        found = suggestions(owner=owner, limit=limit)
    if as_json:
        print_json(suggestions_data(found, person=person))
        return
    if not found:
        note(_("No introduction to suggest: note what people need and offer."))
        return
    rows = table(_("A (needs)"), _("B (offers)"), _("Score"), _("Why"), _("Matched"))
    for s in found:
        rows.add_row(
            *cells(
                f"{s.person_a.full_name} ({s.person_a.pk})",
                f"{s.person_b.full_name} ({s.person_b.pk})",
                f"{s.score:.2f}",
                s.reason,
                ", ".join(s.matched),
            )
        )
    console.print(rows)
    note(_("Start one with `entregent intro start A B`."))


@intro_app.command(
    "list",
    help=gettext_lazy("Your introductions, latest change first, with their status and next step."),
    epilog=EPILOG,
)
def list_command(
    status: Annotated[
        str | None,
        typer.Option("--status", help=gettext_lazy("Only this status."), show_default=False),
    ] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help=gettext_lazy("Only introductions in progress."))
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Your introductions, latest change first, with their status and next step."""
    owner = current_user()
    qs = introduction_list(owner=owner, status=status, open_only=open_only)
    items = list(qs[:200])
    if as_json:
        print_json({"count": len(items), "items": [introduction_data(i) for i in items]})
        return
    if not items:
        note(_("No introductions yet: see `entregent intro suggest`."))
        return
    rows = table("#", _("A"), _("B"), _("Status"), _("Next step"), _("Changed"))
    for i in items:
        rows.add_row(
            *cells(
                i.pk,
                i.person_a.full_name,
                i.person_b.full_name,
                i.get_status_display(),
                next_step_label(i),
                when(i.updated),
            )
        )
    console.print(rows)


@intro_app.command(
    "start",
    help=gettext_lazy("Start introducing A to B (accept a suggestion, or pick two people)."),
    epilog=EPILOG,
)
def start(
    a_ref: PersonA, b_ref: PersonB, note_text: NoteOption = None, as_json: JsonOption = False
) -> None:
    """Start introducing A to B (accept a suggestion, or pick two people)."""
    owner = current_user()
    a = resolve_person(owner, a_ref, "A")
    b = resolve_person(owner, b_ref, "B")
    intro = intro_accept(owner=owner, person_a=a, person_b=b, note=note_text or "")
    if not as_json:
        success(_("Introduction #%(id)d started.") % {"id": intro.pk})
    _detail(intro, as_json)


@intro_app.command(
    "dismiss",
    help=gettext_lazy("Never suggest introducing these two again."),
    epilog=EPILOG,
)
def dismiss(a_ref: PersonA, b_ref: PersonB) -> None:
    """Never suggest introducing these two again."""
    owner = current_user()
    a = resolve_person(owner, a_ref, "A")
    b = resolve_person(owner, b_ref, "B")
    intro_dismiss(owner=owner, person_a=a, person_b=b)
    success(
        _("%(a)s and %(b)s will not be suggested again.") % {"a": a.full_name, "b": b.full_name}
    )


def _get(intro_id: int) -> Introduction:
    return introduction_get(owner=current_user(), pk=intro_id)


@intro_app.command(
    "ask-a",
    help=gettext_lazy("I asked A whether they would like to meet B."),
    epilog=EPILOG,
)
def ask_a(intro_id: IdArg, as_json: JsonOption = False) -> None:
    """I asked A whether they would like to meet B."""
    _detail(intro_ask_a(introduction=_get(intro_id)), as_json)


def _answer(value: str | None, option: str) -> bool | None:
    if value is None:
        return None
    word = value.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise InvalidInput.for_field(option, _("Answer yes or no."))


@intro_app.command(
    "answer",
    help=gettext_lazy("Record A's or B's answer: a no declines the introduction."),
    epilog=EPILOG,
)
def answer(
    intro_id: IdArg,
    a_said: Annotated[
        str | None,
        typer.Option("--a", metavar="yes|no", help=gettext_lazy("A's answer."), show_default=False),
    ] = None,
    b_said: Annotated[
        str | None,
        typer.Option("--b", metavar="yes|no", help=gettext_lazy("B's answer."), show_default=False),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record A's or B's answer: a no declines the introduction."""
    said_a, said_b = _answer(a_said, "--a"), _answer(b_said, "--b")
    if (said_a is None) == (said_b is None):
        raise InvalidInput.for_field("--a", _("Give either --a or --b."))
    side, agreed = ("a", said_a) if said_a is not None else ("b", said_b)
    assert agreed is not None
    _detail(intro_record_answer(introduction=_get(intro_id), side=side, agreed=agreed), as_json)


@intro_app.command(
    "ask-b",
    help=gettext_lazy("I asked B, now that A agreed."),
    epilog=EPILOG,
)
def ask_b(intro_id: IdArg, as_json: JsonOption = False) -> None:
    """I asked B, now that A agreed."""
    _detail(intro_ask_b(introduction=_get(intro_id)), as_json)


@intro_app.command(
    "make",
    help=gettext_lazy("Both agreed and I introduced them: connect them and log it on both people."),
    epilog=EPILOG,
)
def make(intro_id: IdArg, as_json: JsonOption = False) -> None:
    """Both agreed and I introduced them: connect them and log it on both people."""
    intro = intro_make(introduction=_get(intro_id))
    if not as_json:
        success(
            _("%(a)s and %(b)s are introduced.")
            % {"a": intro.person_a.full_name, "b": intro.person_b.full_name}
        )
    _detail(intro, as_json)


@intro_app.command(
    "cancel",
    help=gettext_lazy("Stop an introduction in progress."),
    epilog=EPILOG,
)
def cancel(intro_id: IdArg, note_text: NoteOption = None, as_json: JsonOption = False) -> None:
    """Stop an introduction in progress."""
    _detail(intro_cancel(introduction=_get(intro_id), note=note_text), as_json)


@intro_app.command(
    "show",
    help=gettext_lazy(
        "One introduction: its status, next step and the draft to send (all three with --json)."
    ),
    epilog=EPILOG,
)
def show(intro_id: IdArg, as_json: JsonOption = False) -> None:
    """One introduction: its status, next step and the draft to send (all three with --json)."""
    _detail(_get(intro_id), as_json)


def register(app: typer.Typer) -> None:
    """Mount `intro` on the `entregent` command line."""
    app.add_typer(intro_app, name="intro")
