"""`entregent path (--person NAME | --org NAME | --skill TEXT)` and `entregent brokers`."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils.translation import gettext as _
from rich.text import Text

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    console,
    current_user,
    gettext_lazy,
    note,
    print_json,
)
from entregent.cli.render import cells, table
from entregent.network.paths import (
    PATHS_K,
    BrokerOut,
    PathsAnswer,
    brokers_data,
    introduction_paths,
    network_brokers,
    path_target,
    paths_data,
)

PersonOption = Annotated[
    str, typer.Option("--person", help=gettext_lazy("A person's id or name."), show_default=False)
]
OrgOption = Annotated[
    str,
    typer.Option(
        "--org",
        help=gettext_lazy("An organization's id or name: anyone there."),
        show_default=False,
    ),
]
SkillOption = Annotated[
    str,
    typer.Option(
        "--skill",
        help=gettext_lazy("A skill, in English or French: anyone who offers it."),
        show_default=False,
    ),
]
LimitOption = Annotated[
    int, typer.Option("--limit", min=1, max=20, help=gettext_lazy("How many paths or brokers."))
]


def _print_paths(answer: PathsAnswer) -> None:
    target = answer.target
    console.print(
        Text(_("Who can introduce you to %(target)s") % {"target": target.label}, style="bold")
    )
    for person, tie in answer.direct:
        note(_("You already know %(name)s (%(tie)s).") % {"name": person.name, "tie": f"{tie:.2f}"})
    if not answer.paths:
        note(
            _("No path of three hops or fewer: nobody you know is linked to them yet.")
            if answer.targets_count
            else _("Nobody matches this yet.")
        )
        return
    for number, path in enumerate(answer.paths, start=1):
        chain = " → ".join([_("You"), *(p.name for p in path.people)])
        console.print(
            Text.assemble((f"\n{number}. ", "bold"), (chain, "bold"), f"  ({path.warmth:.2f})")
        )
        for step in path.steps:
            console.print(Text("   • " + step.explanation))
        console.print(
            Text("   " + _("Draft to %(name)s:") % {"name": path.first.name}, style="dim")
        )
        console.print(Text("   " + _("Subject: %(subject)s") % {"subject": path.draft.subject}))
        for line in path.draft.body.splitlines():
            console.print(Text("   " + line))


def path(
    person: PersonOption = "",
    org: OrgOption = "",
    skill: SkillOption = "",
    limit: LimitOption = PATHS_K,
    as_json: JsonOption = False,
) -> None:
    """Who can introduce you to a person, anyone at an organization, or anyone who offers
    a skill: the warmest chains of up to three hops, explained, with a draft."""
    owner = current_user()
    target = path_target(owner=owner, person=person, org=org, skill=skill)
    answer = introduction_paths(owner=owner, target=target, k=limit)
    if as_json:
        print_json(paths_data(answer))
        return
    _print_paths(answer)


def _print_brokers(found: list[BrokerOut]) -> None:
    if not found:
        note(_("No brokers yet: record who knows whom across organizations and cities."))
        return
    rows = table(_("Person"), _("Connects"), _("Constraint"), _("Your tie"), title=_("Brokers"))
    for broker in found:
        rows.add_row(
            *cells(
                broker.person.name,
                broker.explanation,
                f"{broker.constraint:.2f}",
                f"{broker.my_tie:.2f}",
            )
        )
    console.print(rows)


def brokers(limit: LimitOption = 10, as_json: JsonOption = False) -> None:
    """The people in your network who bridge groups that otherwise do not know each other."""
    found = network_brokers(owner=current_user(), limit=limit)
    if as_json:
        print_json(brokers_data(found))
        return
    _print_brokers(found)


def register(app: typer.Typer) -> None:
    """Mount `path` and `brokers` on the `entregent` command line."""
    app.command(
        "path",
        help=gettext_lazy(
            "Who can introduce you to a person (--person), anyone at an organization (--org) "
            "or anyone who offers a skill (--skill): the warmest chains of ties of up to "
            "three hops, each step explained, with a draft asking the first person."
        ),
        epilog=EPILOG,
    )(path)
    app.command(
        "brokers",
        help=gettext_lazy(
            "The people who bridge groups (organizations, cities) that otherwise do not know "
            "each other, by Burt's constraint, with the groups they connect."
        ),
        epilog=EPILOG,
    )(brokers)
