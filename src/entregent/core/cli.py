"""`entregent serve|migrate|search|demo`: run the app, find anyone, fill an account with a demo.

`serve` is split into steps (migrate, collect static files, first account, run) so each
can be tested without starting a server.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import ipaddress
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from django.conf import settings
from django.utils.translation import gettext as _

from entregent.cli.common import (
    EPILOG,
    JsonOption,
    console,
    current_user,
    err_console,
    gettext_lazy,
    note,
    print_json,
    report_error,
    success,
)
from entregent.cli.render import (
    event_json,
    events_table,
    organization_json,
    organizations_table,
    people_table,
    person_json,
)
from entregent.core.errors import InvalidInput

if TYPE_CHECKING:
    from entregent.accounts.models import User


# Serving ---------------------------------------------------------------------------------


def migrate_database(*, verbosity: int = 0) -> None:
    """Bring the database schema up to date (idempotent, fast when nothing is pending)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


_STAMP = ".entregent-collected"


def static_signature() -> str:
    """A digest of every static file the finders see (path, size, mtime): it changes on upgrade."""
    from django.contrib.staticfiles.finders import get_finders

    entries = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


def collect_static() -> bool:
    """Copy and compress static files into STATIC_ROOT when they changed; True if it ran.

    WhiteNoise could serve straight from the apps (WHITENOISE_USE_FINDERS), but collected
    files are served compressed with cache headers, so collecting is worth its second on
    the first start and after an upgrade; an unchanged tree is skipped.
    """
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    stamp = root / _STAMP
    signature = static_signature()
    if stamp.exists() and stamp.read_text().strip() == signature:
        return False
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
        root.mkdir(parents=True, exist_ok=True)
        stamp.write_text(signature)
    except OSError as exc:
        # A read-only STATIC_ROOT is not fatal: WhiteNoise finds the files in the apps.
        note(
            _("Static files were not collected (%(error)s); serving them from the apps.")
            % {"error": exc}
        )
        return False
    return True


class FirstAccount(enum.Enum):
    """How `serve` made sure someone can sign in."""

    EXISTS = "exists"
    FROM_ENVIRONMENT = "environment"
    PROMPTED = "prompted"
    IN_BROWSER = "browser"


def ask_first_account() -> tuple[str, str]:
    """Ask on the terminal for the first account's name and password (hidden, twice)."""
    console.print(_("No account yet: create the first one."))
    name = str(typer.prompt(_("Account name")))
    password = str(typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True))
    return name, password


def ensure_first_account(
    *,
    env: Mapping[str, str],
    interactive: bool,
    ask: Callable[[], tuple[str, str]] = ask_first_account,
    attempts: int = 3,
) -> tuple[FirstAccount, User | None]:
    """Make sure an account exists: from the environment, a prompt, or later in the browser.

    ENTREGENT_USERNAME and ENTREGENT_PASSWORD create it; otherwise a terminal is asked; with
    neither, the setup page asks for it.
    """
    from entregent.accounts.selectors import users_exist
    from entregent.accounts.services import user_create

    if users_exist():
        return FirstAccount.EXISTS, None
    username = env.get("ENTREGENT_USERNAME", "").strip()
    password = env.get("ENTREGENT_PASSWORD", "")
    if username or password:
        if not (username and password):
            raise InvalidInput.for_field(
                "ENTREGENT_USERNAME" if not username else "ENTREGENT_PASSWORD",
                _("Set both ENTREGENT_USERNAME and ENTREGENT_PASSWORD to create an account."),
            )
        return FirstAccount.FROM_ENVIRONMENT, user_create(username=username, password=password)
    if not interactive:
        return FirstAccount.IN_BROWSER, None
    for attempt in range(1, attempts + 1):
        name, secret = ask()
        try:
            return FirstAccount.PROMPTED, user_create(username=name, password=secret)
        except InvalidInput as exc:
            if attempt == attempts:
                raise
            report_error(exc)
    raise AssertionError("unreachable")  # pragma: no cover


def _is_any_address(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def bind_address(host: str, port: int) -> str:
    """host:port as gunicorn and runserver read it; IPv6 addresses go in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def public_url(host: str, port: int) -> str:
    """The address to open in a browser (a wildcard bind is reached through localhost)."""
    shown = "127.0.0.1" if not host or _is_any_address(host) else host
    return f"http://{bind_address(shown, port)}/"


def gunicorn_options(*, host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": bind_address(host, port),
        "workers": workers,
        "errorlog": "-",
        "accesslog": "-" if settings.DEBUG else None,
        "proc_name": "entregent",
        # A local app needs no runtime control socket, and two instances would share its path.
        "control_socket_disable": True,
    }


def run_gunicorn(options: Mapping[str, Any]) -> None:
    """Serve `entregent.wsgi:application` with gunicorn until interrupted."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    class EntregentServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            from entregent.wsgi import application

            return application

    # Workers are forked: a connection opened by the steps above must not be shared.
    connections.close_all()
    EntregentServer().run()


def run_dev_server(host: str, port: int) -> None:
    """Django's development server, reloading on code changes."""
    from django.core.management import call_command

    # The reloader re-runs this command in a child process, which reads DEBUG afresh.
    os.environ.setdefault("ENTREGENT_DEBUG", "1")
    call_command("runserver", bind_address(host, port), use_ipv6=":" in host)


def announce_first_account(outcome: FirstAccount, user: User | None, url: str) -> None:
    if outcome is FirstAccount.FROM_ENVIRONMENT and user is not None:
        success(
            _("Created the account “%(name)s” from ENTREGENT_USERNAME.") % {"name": user.username}
        )
    elif outcome is FirstAccount.PROMPTED and user is not None:
        success(_("Created the account “%(name)s”.") % {"name": user.username})
    elif outcome is FirstAccount.IN_BROWSER:
        console.print(
            _("No account yet: the browser will ask for the first one at %(url)s")
            % {"url": url.rstrip("/") + _setup_path()}
        )


def _setup_path() -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("accounts:setup")
    except NoReverseMatch:
        return "/accounts/setup/"


def serve(
    *,
    host: Annotated[
        str, typer.Option("--host", help=gettext_lazy("Address to listen on."))
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help=gettext_lazy("Port to listen on."))
    ] = 8000,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, max=64, help=gettext_lazy("gunicorn worker processes.")),
    ] = 2,
    dev: Annotated[
        bool,
        typer.Option(
            "--dev", help=gettext_lazy("Django's development server, with reload and debug pages.")
        ),
    ] = False,
    no_worker: Annotated[
        bool,
        typer.Option(
            "--no-worker",
            help=gettext_lazy(
                "Do not start the background worker (long imports); run `entregent worker` apart."
            ),
        ),
    ] = False,
) -> None:
    url = public_url(host, port)
    worker_process = None
    # With --dev, runserver's reloader runs this command again in a child: prepare once.
    if os.environ.get("RUN_MAIN") != "true":
        with console.status(_("Preparing the database and static files…")):
            migrate_database()
            collect_static()
        outcome, user = ensure_first_account(env=os.environ, interactive=sys.stdin.isatty())
        announce_first_account(outcome, user, url)
        if host not in {"127.0.0.1", "localhost", "::1"}:
            note(
                _(
                    "Listening beyond this machine: set ENTREGENT_ALLOWED_HOSTS "
                    "to the names it answers to."
                )
            )
        console.print(_("Entregent is running at %(url)s (Ctrl+C to stop).") % {"url": url})
        if not no_worker:
            worker_process = start_worker()
    try:
        if dev:
            run_dev_server(host, port)
        else:
            run_gunicorn(gunicorn_options(host=host, port=port, workers=workers))
    finally:
        stop_worker(worker_process)


# The background worker -------------------------------------------------------------------


def start_worker() -> subprocess.Popen[bytes] | None:
    """Start `entregent worker` beside the web server (the task queue is in the database)."""
    return subprocess.Popen([sys.executable, "-m", "entregent", "worker"])


def stop_worker(process: subprocess.Popen[bytes] | None) -> None:
    """Ask the worker to finish its current task and stop; force it after a while."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def worker() -> None:
    """Run background tasks (long imports) as they are queued, until interrupted."""
    from django.core.management import call_command

    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    if not backend.startswith("django_tasks_db."):
        note(_("Tasks run at once with this configuration: no worker is needed."))
        return
    call_command("db_worker", verbosity=0, reload=False)


def migrate() -> None:
    migrate_database(verbosity=1)


# Search ----------------------------------------------------------------------------------


def search(
    *,
    query: Annotated[
        str,
        typer.Argument(
            help=gettext_lazy("Words to find: names, organizations, tags, facts, notes.")
        ),
    ],
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, max=500, help=gettext_lazy("At most this many of each.")),
    ] = 25,
    as_json: JsonOption = False,
) -> None:
    from entregent.encounters.selectors import event_list
    from entregent.people.selectors import PersonFilters, organization_list, person_list

    owner = current_user()
    if not query.strip():
        raise InvalidInput.for_field("query", _("Type something to search for."))
    people = list(person_list(owner=owner, filters=PersonFilters(q=query))[:limit])
    orgs = list(organization_list(owner=owner, q=query)[:limit])
    events = list(event_list(owner=owner, q=query)[:limit])
    if as_json:
        print_json(
            {
                "query": query,
                "people": [person_json(p) for p in people],
                "organizations": [organization_json(o) for o in orgs],
                "events": [event_json(e) for e in events],
            }
        )
        return
    if not (people or orgs or events):
        note(_("Nothing matches “%(query)s”.") % {"query": query})
        return
    if people:
        console.print(people_table(people, title=_("People")))
    if orgs:
        console.print(organizations_table(orgs, title=_("Organizations")))
    if events:
        console.print(events_table(events, title=_("Events")))


# Demo ------------------------------------------------------------------------------------


def demo(
    *,
    people: Annotated[
        int, typer.Option("--people", min=1, max=1_000_000, help=gettext_lazy("How many people."))
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help=gettext_lazy("Same seed, same network."))] = 0,
    as_json: JsonOption = False,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    owner = current_user()
    try:
        from entregent.core.demo import demo_generate
    except ModuleNotFoundError as exc:
        if exc.name != "entregent.core.demo":
            raise
        raise InvalidInput(_("The demo generator is not installed in this version.")) from None
    # Progress goes to stderr so that --json output stays clean on stdout.
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=as_json,
    ) as progress:
        task = progress.add_task(_("Generating a network"), total=people)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = demo_generate(owner=owner, people=people, seed=seed, progress=advance)
    counts = dataclasses.asdict(result) if dataclasses.is_dataclass(result) else dict(vars(result))
    if as_json:
        print_json(counts)
        return
    success(_("Filled %(name)s's account with a demo network:") % {"name": owner.username})
    from entregent.cli.render import cells, table

    summary = table(_("What"), _("How many"))
    # The counts' keys are identifiers; show them with the models' translated plural names.
    labels = {
        "people": _("people"),
        "organizations": _("organizations"),
        "facts": _("facts"),
        "encounters": _("encounters"),
        "events": _("events"),
        "connections": _("connections"),
        "milestones": _("milestones"),
        "tags": _("tags"),
    }
    for key, value in counts.items():
        summary.add_row(*cells(labels.get(key, key.replace("_", " ")), value))
    console.print(summary)


def register(app: typer.Typer) -> None:
    """Mount `serve`, `worker`, `migrate`, `search` and `demo` on the `entregent` command."""
    app.command(
        "worker",
        help=gettext_lazy("Run background tasks (long imports); `serve` starts one itself."),
        epilog=EPILOG,
    )(worker)
    app.command(
        "serve",
        help=gettext_lazy("Migrate, make sure an account exists, and serve the app."),
        epilog=EPILOG,
    )(serve)
    app.command(
        "migrate",
        help=gettext_lazy("Bring the database up to date (serve does it too)."),
        epilog=EPILOG,
    )(migrate)
    app.command(
        "search", help=gettext_lazy("Find people, organizations and events."), epilog=EPILOG
    )(search)
    app.command(
        "demo",
        help=gettext_lazy("Fill the account with a realistic generated network."),
        epilog=EPILOG,
    )(demo)
