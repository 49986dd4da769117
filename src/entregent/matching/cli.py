"""`entregent brief NAME` and `entregent common-ground NAME [OTHER]`."""

from __future__ import annotations

from typing import Annotated, Any

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
)
from entregent.cli.render import cells, table, when
from entregent.core.errors import InvalidInput
from entregent.matching.output import brief_data, common_ground_data
from entregent.matching.selectors import GroundItem, common_ground, kind_label, person_brief

PersonArg = Annotated[
    str, typer.Argument(metavar="PERSON", help=gettext_lazy("A person's id or name."))
]
OtherArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[OTHER]",
        help=gettext_lazy("Another person's id or name (default: you)."),
        show_default=False,
    ),
]


def _ground_text(items: list[GroundItem], empty: str) -> Text:
    if not items:
        return Text(empty, style="dim")
    text = Text()
    current = ""
    for item in items:
        if item.kind != current:
            if current:
                text.append("\n")
            text.append(kind_label(item.kind) + "\n", style="bold")
            current = item.kind
        text.append("• " + item.sentence)
        if item.matched:
            text.append("  (" + ", ".join(item.matched) + ")", style="dim")
        text.append("\n")
    text.rstrip()
    return text


def brief(person_ref: PersonArg, as_json: JsonOption = False) -> None:
    """Before you meet: key facts, last encounters, open follow-ups, common ground, questions."""
    owner = current_user()
    person = resolve_person(owner, person_ref)
    result = person_brief(owner=owner, person=person)
    if as_json:
        print_json(brief_data(result))
        return
    parts: list[Any] = []
    questions = Text()
    for number, question in enumerate(result.questions, start=1):
        questions.append(f"{number}. {question}\n")
    questions.rstrip()
    title = _("Before you meet %(name)s") % {"name": person.full_name}
    parts.append(Panel(questions, title=Text(title, style="bold"), title_align="left"))
    empty = _(
        "Nothing in common recorded yet: note their interests, offers and needs, and yours with `entregent fact add me …`."
    )
    parts.append(
        Panel(
            _ground_text(result.common_ground.items, empty),
            title=_("What you have in common"),
            title_align="left",
        )
    )
    if result.facts_by_kind:
        facts = table(_("Kind"), _("What you learned"), title=_("Key facts"))
        for _kind, label, items in result.facts_by_kind:
            for position, fact in enumerate(items):
                facts.add_row(*cells(label if position == 0 else "", fact.text))
        parts.append(facts)
    if result.encounters:
        met = table(
            _("When"), _("Channel"), _("Event or place"), _("Summary"), title=_("Last encounters")
        )
        for e in result.encounters:
            where = e.event.name if e.event else e.place
            met.add_row(*cells(when(e.occurred_at), e.get_channel_display(), where, e.summary))
        parts.append(met)
    if result.followups:
        todo = table(_("Due"), _("Kind"), _("Topic"), title=_("Open follow-ups"))
        for f in result.followups:
            todo.add_row(*cells(when(f.due_on), f.get_kind_display(), f.topic))
        parts.append(todo)
    console.print(Group(*parts))


def common_ground_command(
    person_ref: PersonArg, other_ref: OtherArg = None, as_json: JsonOption = False
) -> None:
    """What a person has in common with you, or with another person."""
    owner = current_user()
    person = resolve_person(owner, person_ref)
    other = resolve_person(owner, other_ref, "OTHER") if other_ref else None
    if other is not None and other.pk == person.pk:
        raise InvalidInput.for_field("OTHER", _("Choose someone other than the person."))
    ground = common_ground(owner=owner, person=person, other=other)
    if as_json:
        print_json(common_ground_data(ground))
        return
    if other is None:
        title = _("You and %(name)s") % {"name": person.full_name}
    else:
        title = _("%(a)s and %(b)s") % {"a": other.full_name, "b": person.full_name}
    console.print(Text(title, style="bold"))
    if not ground.items:
        note(_("Nothing in common recorded yet."))
        return
    console.print(_ground_text(ground.items, ""))


def register(app: typer.Typer) -> None:
    """Mount `brief` and `common-ground` on the `entregent` command line."""
    app.command(
        "brief",
        help=gettext_lazy(
            "Before you meet someone: key facts, last encounters, open follow-ups, what you "
            "have in common, and three questions to ask in their language."
        ),
        epilog=EPILOG,
    )(brief)
    app.command(
        "common-ground",
        help=gettext_lazy(
            "What a person has in common with you, or with another person: offers and needs "
            "that fit, shared interests, mutual acquaintances, events, organization, city."
        ),
        epilog=EPILOG,
    )(common_ground_command)
