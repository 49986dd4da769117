"""`entregent match` (ways to help, who can help) and `entregent share` (who would care)."""

from __future__ import annotations

from pathlib import Path
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
    resolve_person,
    success,
)
from entregent.cli.render import cells, table
from entregent.core.errors import InvalidInput
from entregent.matching.share import share_followups_create, share_suggest
from entregent.matching.synergies import Synergy, ways_to_help, who_can_help
from entregent.matching.synergy_output import (
    share_data,
    share_followups_data,
    synergies_data,
)

MAX_FILE_BYTES = 1_000_000

LimitOption = Annotated[
    int, typer.Option("--limit", "-n", help=gettext_lazy("How many people, 1 to 100."))
]


def _synergy_table(title: str, found: list[Synergy], empty: str) -> None:
    if not found:
        console.print(Text(title, style="bold"))
        note(empty)
        return
    rows = table("#", _("Person"), _("Score"), _("Why"), _("Matched"), title=title)
    for number, synergy in enumerate(found, start=1):
        matched = synergy.matches[0].matched if synergy.matches else ()
        rows.add_row(
            *cells(
                f"{number} ({synergy.person.pk})",
                synergy.person.full_name,
                f"{synergy.score:.2f}",
                synergy.sentence,
                ", ".join(matched),
            )
        )
    console.print(rows)


def match(
    *,
    help_them: Annotated[
        bool,
        typer.Option(
            "--help-them", help=gettext_lazy("Only ways to help: their needs my offers meet.")
        ),
    ] = False,
    help_me: Annotated[
        bool,
        typer.Option("--help-me", help=gettext_lazy("Only who can help me with my needs.")),
    ] = False,
    need: Annotated[
        str | None,
        typer.Option(
            "--need",
            metavar="TEXT",
            help=gettext_lazy("Who can help with this need, in your own words."),
            show_default=False,
        ),
    ] = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Ways to help and who can help you, across your whole network."""
    if sum([help_them, help_me, need is not None]) > 1:
        raise InvalidInput.for_field(
            "--need", _("Choose one of --help-them, --help-me and --need.")
        )
    owner = current_user()
    if need is not None:
        found = who_can_help(owner=owner, need=need, limit=limit)
        if as_json:
            print_json(synergies_data(found, need=need))
            return
        _synergy_table(
            _("Who can help with “%(need)s”") % {"need": need.strip()},
            found,
            _("No offer in your network matches this need yet."),
        )
        return
    helping = [] if help_me else ways_to_help(owner=owner, limit=limit)
    asking = [] if help_them else who_can_help(owner=owner, limit=limit)
    if as_json:
        data = {}
        if not help_me:
            data["ways_to_help"] = synergies_data(helping)
        if not help_them:
            data["who_can_help"] = synergies_data(asking)
        print_json(data)
        return
    if not help_me:
        _synergy_table(
            _("Ways to help"),
            helping,
            _(
                "Nothing yet: note what you offer with `entregent fact add me offer …` and "
                "what people need."
            ),
        )
    if not help_them:
        _synergy_table(
            _("Who can help you"),
            asking,
            _(
                "Nothing yet: note what you need with `entregent fact add me need …` and "
                "what people offer."
            ),
        )


def _read_file(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput.for_field("--file", _("The file is too large (at most 1 MB)."))
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        raise InvalidInput.for_field("--file", _("Cannot read this file.")) from None


def share(
    *,
    url: Annotated[str, typer.Option("--url", help=gettext_lazy("The article's address."))] = "",
    title: Annotated[str, typer.Option("--title", help=gettext_lazy("The article's title."))] = "",
    text: Annotated[
        str | None,
        typer.Option("--text", help=gettext_lazy("The article's text."), show_default=False),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="F",
            help=gettext_lazy("Read the article's text from a file."),
            show_default=False,
        ),
    ] = None,
    create: Annotated[
        list[str] | None,
        typer.Option(
            "--create",
            metavar="PERSON",
            help=gettext_lazy(
                "Plan a share follow-up for this person (id or name); repeat, or separate "
                "with commas."
            ),
            show_default=False,
        ),
    ] = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Who would care about an article; with --create, plan share follow-ups for them."""
    if text is not None and file is not None:
        raise InvalidInput.for_field("--file", _("Give --text or --file, not both."))
    owner = current_user()
    body = _read_file(file) if file is not None else (text or "")
    if create:
        refs = [part.strip() for value in create for part in value.split(",") if part.strip()]
        people = [resolve_person(owner, ref, "--create").pk for ref in refs]
        done = share_followups_create(owner=owner, people=people, url=url, title=title, text=body)
        if as_json:
            print_json(share_followups_data(done))
            return
        for followup in done.created:
            success(
                _("Share with %(name)s planned: %(topic)s")
                % {"name": followup.person.full_name, "topic": followup.topic}
            )
        for followup in done.existing:
            note(
                _("Already planned for %(name)s: %(topic)s")
                % {"name": followup.person.full_name, "topic": followup.topic}
            )
        return
    result = share_suggest(owner=owner, url=url, text=body, title=title, limit=limit)
    if as_json:
        print_json(share_data(result))
        return
    if not result.suggestions:
        note(_("Nobody's interests, projects or needs match this article yet."))
        return
    rows = table("#", _("Person"), _("Score"), _("Because of"), title=_("Who would care"))
    for suggestion in result.suggestions:
        reasons = "; ".join(f"{r.text} ({', '.join(r.matched)})" for r in suggestion.reasons)
        name = suggestion.person.full_name
        if suggestion.planned:
            name += " ✓"
        rows.add_row(*cells(str(suggestion.person.pk), name, f"{suggestion.score:.2f}", reasons))
    console.print(rows)
    note(_("Plan share follow-ups with: entregent share --url … --create ID,ID"))


def register(app: typer.Typer) -> None:
    """Mount `match` and `share` on the `entregent` command line."""
    app.command(
        "match",
        help=gettext_lazy(
            "Ways to help (their needs your offers meet) and who can help you (your needs, "
            "or --need in your own words), across your whole network, in English and French."
        ),
        epilog=EPILOG,
    )(match)
    app.command(
        "share",
        help=gettext_lazy(
            "Share this: who would care about an article (their interests, projects, needs), "
            "and share follow-ups for them in one go with --create."
        ),
        epilog=EPILOG,
    )(share)
