"""What every CLI command shares: the selected account, error mapping, parsing and output.

Commands stay thin: they parse options with these helpers, call a service or a selector,
and print with `console` (tables, panels) or `print_json` (`--json`). An ApplicationError
raised anywhere below a command is turned into a red message on stderr and an exit code
in exactly one place, `EntregentGroup.invoke`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _gettext_lazy
from rich.console import Console
from rich.markup import escape
from rich.text import Text
from typer.core import TyperGroup

from entregent.core.errors import (
    ApplicationError,
    Conflict,
    InvalidInput,
    NotFound,
    field_message,
)

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from entregent.accounts.models import User
    from entregent.encounters.models import Event
    from entregent.people.models import Organization, Person


def gettext_lazy(message: str) -> str:
    """Django's gettext_lazy typed as the `str` typer expects, for help texts.

    Help is rendered after the account's language is active, so it must stay lazy; the
    name is kept so that makemessages still finds the strings.
    """
    return cast(str, _gettext_lazy(message))


# Exit codes, documented in every --help epilog. Typer itself exits with 2 on bad usage.
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_CONFLICT = 4

EPILOG = gettext_lazy(
    "Exit codes: 0 done; 1 invalid input; 2 wrong usage (unknown option, missing argument); "
    "3 not found; 4 conflicts with existing data."
)

# Options every app's commands share.
JsonOption = Annotated[
    bool, typer.Option("--json", help=gettext_lazy("Print JSON only, for scripts."))
]
YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help=gettext_lazy("Do not ask for confirmation."))
]

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)

_M = TypeVar("_M", bound="Model")


# Errors ----------------------------------------------------------------------------------

# How a service's field name reads on the command line, where it differs from the field.
FIELD_LABELS = {
    "full_name": "name",
    "username": "name",
    "emails": "--email",
    "phones": "--phone",
    "links": "--link",
    "tags": "--tag",
    "organization": "--org",
    "introduced_by": "--introduced-by",
    "how_we_met": "--how-we-met",
    "cadence_days": "--cadence",
    "occurred_at": "--when",
    "participants": "--with",
    "initiated_by": "--initiated-by",
    "given_name": "--given-name",
    "family_name": "--family-name",
    "from_person": "A",
    "to_person": "B",
}


def field_label(field: str) -> str:
    """The name a person typed for a field: an option, an argument, or the field itself."""
    return FIELD_LABELS.get(field, field)


def exit_code_for(exc: ApplicationError) -> int:
    """One exit code per kind of refusal."""
    if isinstance(exc, NotFound):
        return EXIT_NOT_FOUND
    if isinstance(exc, Conflict):
        return EXIT_CONFLICT
    return EXIT_INVALID


def error_lines(exc: ApplicationError) -> list[str]:
    """The refusal as lines that name the fields, without repeating the headline."""
    details = [(field, message) for field, messages in exc.errors.items() for message in messages]
    already_said = {field_message(field, message) for field, message in details}
    already_said |= {m for _f, m in details}
    lines = [] if exc.message in already_said else [exc.message]
    for field, message in details:
        if field == "__all__":
            lines.append(message)
        else:
            lines.append(field_message(field_label(field), message))
    return lines or [exc.message]


def report_error(exc: ApplicationError) -> None:
    """Print a refusal in red on stderr."""
    for line in error_lines(exc):
        err_console.print(Text.assemble((_("Error: "), "bold red"), (line, "red")))


def _nul_label(args: list[str], position: int) -> str:
    """The option a NUL byte was given to (`--summary`), or the argument's position."""
    arg = args[position]
    if arg.startswith("--") and "=" in arg:
        return arg.split("=", 1)[0]
    if position and args[position - 1].startswith("-"):
        return args[position - 1]
    return _("argument %(n)d") % {"n": position + 1}


class EntregentGroup(TyperGroup):
    """The root command: maps application errors to messages and exit codes, in one place."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # A shell cannot pass NUL, but a program can; PostgreSQL would refuse it mid-query.
        for position, arg in enumerate(args):
            if "\x00" in arg:
                message = _("Control characters are not allowed.")
                report_error(InvalidInput.for_field(_nul_label(args, position), message))
                raise typer.Exit(EXIT_INVALID)
        return list(super().parse_args(ctx, args))

    def invoke(self, ctx: Any) -> Any:
        token = _STATE.set(CliState())
        try:
            return super().invoke(ctx)
        except ApplicationError as exc:
            report_error(exc)
            raise typer.Exit(exit_code_for(exc)) from None
        except DatabaseError as exc:
            err_console.print(
                Text.assemble(
                    (_("Error: "), "bold red"),
                    (
                        _(
                            "the database refused the request (%(error)s). A new installation "
                            "needs `entregent migrate` (or `entregent serve`, which migrates)."
                        )
                        % {"error": str(exc).strip()[:300]},
                        "red",
                    ),
                )
            )
            raise typer.Exit(EXIT_INVALID) from None
        finally:
            # The account and its language last for one command (tests run many in one thread).
            _STATE.reset(token)
            translation.deactivate()


# The account a command acts on -----------------------------------------------------------


@dataclass
class CliState:
    """What the root callback learned: the account asked for, and the one found."""

    username: str | None = None
    user: User | None = None


_STATE: ContextVar[CliState | None] = ContextVar("entregent_cli_state", default=None)


def select_user(username: str | None) -> User:
    """The account to act on: the one named, or the only one; otherwise a clear refusal."""
    from entregent.accounts.selectors import user_by_name, user_list

    if username:
        user = user_by_name(username)
        if user is None or not user.is_active:
            names = ", ".join(u.username for u in user_list()[:20]) or "-"
            raise NotFound(
                _("No account named “%(name)s”. Accounts: %(names)s.")
                % {"name": username[:80], "names": names}
            )
        return user
    users = list(user_list()[:21])
    if not users:
        raise InvalidInput(
            _("There is no account yet: create one with `entregent user create NAME`."),
        )
    if len(users) > 1:
        raise InvalidInput(
            _(
                "Several accounts exist (%(names)s): choose one with --user NAME "
                "or the ENTREGENT_USER environment variable."
            )
            % {"names": ", ".join(u.username for u in users[:20])}
        )
    return users[0]


def _state() -> CliState:
    state = _STATE.get()
    if state is None:
        state = CliState()
        _STATE.set(state)
    return state


def current_user() -> User:
    """The selected account; its language becomes the language of what the command prints."""
    state = _state()
    if state.user is None:
        state.user = select_user(state.username)
    translation.activate(state.user.language or "en")
    return state.user


def _follow_terminal_width() -> None:
    """Rich reads COLUMNS once, when the console is made; honour it again on every run."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        console.width = err_console.width = int(columns)


def root_callback(
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            "-u",
            envvar="ENTREGENT_USER",
            help=gettext_lazy("The account to act on (default: the only account)."),
            show_envvar=True,
        ),
    ] = None,
) -> None:
    """Remember which account to use; help pages speak that account's language when it is known."""
    _follow_terminal_width()
    state = _state()
    state.username = user or None
    try:
        state.user = select_user(state.username)
    except (ApplicationError, DatabaseError):
        # Commands that need an account report the problem; `user create` and `serve` do not.
        state.user = None
    if state.user is not None:
        translation.activate(state.user.language or "en")


def activate_environment_language() -> None:
    """Speak the language of the terminal (LANG) until an account's language takes over."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(".")[0]
        if value and value not in {"C", "POSIX"}:
            try:
                language = translation.get_supported_language_variant(
                    translation.to_language(value)
                )
            except LookupError:
                return
            translation.activate(language)
            return


# Parsing ---------------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?")


def parse_date(value: str, field: str) -> dt.date:
    """A calendar date written YYYY-MM-DD, or InvalidInput naming the field."""
    text = value.strip()
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidInput.for_field(
        field,
        _("“%(value)s” is not a valid date; write it as YYYY-MM-DD, e.g. 2026-11-20.")
        % {"value": value[:40]},
    )


def parse_when(value: str, field: str) -> dt.date | dt.datetime:
    """A date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM), or InvalidInput."""
    text = value.strip()
    if _DATE.fullmatch(text):
        return parse_date(text, field)
    if _DATETIME.fullmatch(text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidInput.for_field(
        field,
        _(
            "“%(value)s” is not a valid date and time; write it as YYYY-MM-DD or "
            "YYYY-MM-DD HH:MM, e.g. 2026-11-20 18:30."
        )
        % {"value": value[:40]},
    )


def choice_value(value: str) -> str:
    """Accept `talking-point` for `talking_point`; the service still checks the value."""
    return value.strip().lower().replace("-", "_")


# Finding objects by id or name -----------------------------------------------------------


def _is_id(ref: str) -> bool:
    return ref.strip().lstrip("#").isdigit()


def _candidates_message(ref: str, people: Sequence[Person]) -> str:
    listed = "; ".join(
        f"#{p.pk} {p.full_name}" + (f" ({p.organization.name})" if p.organization else "")
        for p in people
    )
    return _("“%(ref)s” matches several people: %(list)s. Use the id or the full name.") % {
        "ref": ref[:80],
        "list": listed,
    }


def resolve_person(owner: User, ref: str, field: str = "person") -> Person:
    """One of the owner's people by id (`12` or `#12`) or by name; ambiguity is an error."""
    from entregent.people.selectors import (
        PersonFilters,
        person_find_by_name,
        person_get,
        person_list,
    )

    ref = ref.strip()
    if not ref:
        raise InvalidInput.for_field(field, _("Give a person's name or id."))
    if _is_id(ref):
        return person_get(owner=owner, pk=ref.lstrip("#"))
    found = person_find_by_name(owner=owner, name=ref)
    if not found:
        # Archived people are left out of search, but can still be shown, edited or restored.
        archived = list(person_list(owner=owner, filters=PersonFilters(q=ref, archived=True))[:10])
        exact = [p for p in archived if p.full_name.casefold() == ref.casefold()]
        found = exact or archived
    if not found:
        raise NotFound(
            _("No person matches “%(ref)s”.") % {"ref": ref[:80]},
            errors={field: [_("No person matches “%(ref)s”.") % {"ref": ref[:80]}]},
        )
    if len(found) > 1:
        exact = [p for p in found if p.full_name.casefold() == ref.casefold()]
        if len(exact) == 1:
            return exact[0]
        message = _candidates_message(ref, found)
        raise InvalidInput(message, errors={field: [message]})
    return found[0]


def _by_name(items: QuerySet[_M], ref: str, attr: str = "name") -> list[_M]:
    rows = list(items[:20])
    exact = [r for r in rows if str(getattr(r, attr)).casefold() == ref.casefold()]
    return exact or rows


def resolve_organization(owner: User, ref: str, field: str = "organization") -> Organization:
    """One of the owner's organizations by id or by (part of its) name."""
    from entregent.people.selectors import organization_get, organization_list

    ref = ref.strip()
    if _is_id(ref):
        return organization_get(owner=owner, pk=ref.lstrip("#"))
    found = _by_name(organization_list(owner=owner, q=ref), ref) if ref else []
    if not found:
        message = _("No organization matches “%(ref)s”.") % {"ref": ref[:80]}
        raise NotFound(message, errors={field: [message]})
    if len(found) > 1:
        message = _(
            "“%(ref)s” matches several organizations: %(list)s. Use the id or the full name."
        ) % {"ref": ref[:80], "list": "; ".join(f"#{o.pk} {o.name}" for o in found)}
        raise InvalidInput(message, errors={field: [message]})
    return found[0]


def resolve_event(owner: User, ref: str, field: str = "event") -> Event:
    """One of the owner's events by id or by (part of its) name."""
    from entregent.encounters.selectors import event_get, event_list

    ref = ref.strip()
    if _is_id(ref):
        return event_get(owner=owner, pk=ref.lstrip("#"))
    found = _by_name(event_list(owner=owner, q=ref), ref) if ref else []
    if not found:
        message = _("No event matches “%(ref)s”.") % {"ref": ref[:80]}
        raise NotFound(message, errors={field: [message]})
    if len(found) > 1:
        message = _("“%(ref)s” matches several events: %(list)s. Use the id or the full name.") % {
            "ref": ref[:80],
            "list": "; ".join(f"#{e.pk} {e.name} ({e.date.isoformat()})" for e in found),
        }
        raise InvalidInput(message, errors={field: [message]})
    return found[0]


# Output ----------------------------------------------------------------------------------


def _json_default(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def print_json(data: object) -> None:
    """Machine-readable output: JSON only, on stdout."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def success(message: str) -> None:
    """A short confirmation of what was done."""
    console.print(Text.assemble(("✓ ", "bold green"), message))


def note(message: str) -> None:
    """A hint for the reader, dimmed so it stays out of the way."""
    console.print(Text(message, style="dim"))


def safe(value: object) -> str:
    """User text inside rich markup: square brackets must not become styles."""
    return escape("" if value is None else str(value))


@dataclass
class Page:
    """One page of a list, with what a script needs to fetch the next one."""

    items: list[Any]
    count: int
    page: int
    pages: int

    def meta(self) -> dict[str, int]:
        return {"count": self.count, "page": self.page, "pages": self.pages}


def paginate(queryset: QuerySet[Any], *, limit: int, page: int) -> Page:
    """Slice a queryset into pages of `limit`; a page past the end is empty, not an error."""
    count = queryset.count()
    offset = (page - 1) * limit
    items = list(queryset[offset : offset + limit]) if offset < count else []
    return Page(items=items, count=count, page=page, pages=max(1, -(-count // limit)))


def join(values: Iterable[object], sep: str = ", ") -> str:
    return sep.join(str(v) for v in values if v)


def show_page(
    result: Page,
    *,
    as_json: bool,
    to_json: Callable[[Any], dict[str, Any]],
    table: Callable[[list[Any]], Any],
    empty: str,
    footer: str,
) -> None:
    """Print one page of a list: JSON for scripts, else a table and "page N of M" below it.

    `footer` is a translated sentence with %(page)s, %(pages)s and %(count)s placeholders.
    """
    if as_json:
        print_json({**result.meta(), "results": [to_json(item) for item in result.items]})
        return
    if not result.items:
        note(empty)
        return
    console.print(table(result.items))
    note(footer % {"page": result.page, "pages": result.pages, "count": result.count})
