"""`entregent user …` and `entregent token …`: accounts and personal API tokens."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils.translation import gettext as _

from entregent.accounts import selectors, services
from entregent.cli.common import (
    EPILOG,
    JsonOption,
    console,
    current_user,
    gettext_lazy,
    note,
    print_json,
    success,
)
from entregent.cli.render import cells, table, token_json, user_json, when
from entregent.core.errors import InvalidInput

user_app = typer.Typer(
    help=gettext_lazy("Create and list accounts."), epilog=EPILOG, no_args_is_help=True
)
token_app = typer.Typer(
    help=gettext_lazy("Personal API tokens for scripts (shown once, stored hashed)."),
    epilog=EPILOG,
    no_args_is_help=True,
)


def read_password(*, from_stdin: bool) -> str:
    """One line from stdin, or a hidden prompt asked twice."""
    if from_stdin:
        line = typer.get_text_stream("stdin").readline()
        password = line.rstrip("\r\n")
        if not password:
            raise InvalidInput.for_field("password", _("No password was given on stdin."))
        return password
    return str(typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True))


@user_app.command(
    "create", help=gettext_lazy("Create an account; the password is asked for (hidden).")
)
def user_create(
    *,
    name: Annotated[str, typer.Argument(help=gettext_lazy("The account name (used to sign in)."))],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help=gettext_lazy("Read the password from one line of stdin.")
        ),
    ] = False,
    language: Annotated[
        str, typer.Option("--language", help=gettext_lazy("Interface language: en or fr."))
    ] = "en",
) -> None:
    password = read_password(from_stdin=password_stdin)
    user = services.user_create(username=name, password=password, language=language.strip().lower())
    success(_("Created the account “%(name)s”.") % {"name": user.username})


@user_app.command("list", help=gettext_lazy("List the accounts."))
def user_list(as_json: JsonOption = False) -> None:
    users = list(selectors.user_list())
    if as_json:
        print_json([user_json(u) for u in users])
        return
    result = table(_("Id"), _("Name"), _("Language"), _("Joined"))
    for u in users:
        result.add_row(*cells(u.pk, u.username, u.get_language_display(), when(u.date_joined)))
    console.print(result)


@user_app.command("language", help=gettext_lazy("Set the account's interface language (en or fr)."))
def user_language(
    language: Annotated[str, typer.Argument(help=gettext_lazy("en or fr."))],
) -> None:
    user = services.user_set_language(user=current_user(), language=language.strip().lower())
    success(_("Language set to %(language)s.") % {"language": user.get_language_display()})


@token_app.command("create", help=gettext_lazy("Create an API token; its secret is printed once."))
def token_create(
    name: Annotated[
        str, typer.Argument(help=gettext_lazy("What the token is for, e.g. “laptop script”."))
    ],
    as_json: JsonOption = False,
) -> None:
    issued = services.token_create(owner=current_user(), name=name)
    if as_json:
        print_json({**token_json(issued.token), "secret": issued.secret})
        return
    success(
        _("Created the token “%(name)s” (id %(id)s).")
        % {"name": issued.token.name, "id": issued.token.pk}
    )
    note(_("Copy it now: it is not stored and will not be shown again."))
    # Plain echo: the secret must stay on one line, unstyled, easy to copy or pipe.
    typer.echo(issued.secret)


@token_app.command("list", help=gettext_lazy("List the account's API tokens."))
def token_list(as_json: JsonOption = False) -> None:
    tokens = list(selectors.token_list(owner=current_user()))
    if as_json:
        print_json([token_json(t) for t in tokens])
        return
    result = table(_("Id"), _("Name"), _("Prefix"), _("Created"), _("Last used"), _("Status"))
    for t in tokens:
        status = _("active") if t.is_active else _("revoked %(when)s") % {"when": when(t.revoked)}
        result.add_row(
            *cells(t.pk, t.name, t.prefix + "…", when(t.created), when(t.last_used), status)
        )
    console.print(result)


@token_app.command("revoke", help=gettext_lazy("Revoke an API token; it stops working at once."))
def token_revoke(
    token_id: Annotated[int, typer.Argument(metavar="ID", help=gettext_lazy("The token's id."))],
) -> None:
    token = services.token_revoke(owner=current_user(), token_id=token_id)
    success(_("Revoked the token “%(name)s”.") % {"name": token.name})


def register(app: typer.Typer) -> None:
    """Mount `user` and `token` on the `entregent` command."""
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
