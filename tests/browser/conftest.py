"""Browser tests: real Chromium from the system (Debian's package), driven by Playwright.

Playwright's own browser download is never used: `executable_path` points at the system
Chromium. Screenshots go to artifacts/screenshots/ on every run (kept by CI). The README's
pictures in docs/screenshots/ are refreshed from the same shots on demand:

    ENTREGENT_UPDATE_DOCS_SCREENSHOTS=1 .venv/bin/pytest tests/browser
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from entregent.accounts.models import User
from entregent.accounts.services import user_create
from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are synchronous on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def _chromium_path() -> str:
    configured = os.environ.get("ENTREGENT_CHROMIUM")
    if configured:
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    pytest.fail(
        "Chromium is not installed: apt-get install -y chromium (or set ENTREGENT_CHROMIUM)"
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """On SQLite, a database file as in real use. The live server answers the page's htmx
    sections in parallel threads; in a file with WAL and the busy timeout a reader waits
    for a writer, while the shared in-memory test database answers "database table is
    locked" at once."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("browser-db") / "entregent.sqlite3"
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=_chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=["desktop", "phone"])
def viewport(request: pytest.FixtureRequest) -> tuple[str, dict[str, int]]:
    return request.param, DESKTOP if request.param == "desktop" else PHONE


@pytest.fixture
def page(browser: Any, viewport: tuple[str, dict[str, int]], live_server: Any) -> Iterator[Any]:
    """A fresh browser tab on the live server; it fails the test on a script error or a 5xx."""
    name, size = viewport
    context = browser.new_context(viewport=size, locale="en-US", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.viewport_name = name
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 500 or (response.status == 404 and "/static/" in response.url)
            else None
        ),
    )
    yield page
    # Let sections still loading (htmx) finish: a request thread writing while the next
    # test empties the database makes SQLite answer "database table is locked".
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=5_000)
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture
def ada(transactional_db: None) -> User:
    return user_create(username="ada", password=PASSWORD)


@pytest.fixture
def signed_in(page: Any, ada: User, live_server: Any) -> Any:
    """The page with ada's session cookie: for tests whose subject is not the sign-in form."""
    client = Client()
    client.force_login(ada)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return page


def shot(page: Any, name: str, *, full_page: bool = True, docs: tuple[str, ...] = ()) -> Path:
    """Save a screenshot as a test artifact, named per viewport.

    `docs` names the viewports at which this shot is one of the README's pictures: a
    viewport-sized shot (small enough to commit) is also written as
    `<name>-<viewport>-docs.png`, and copied to docs/screenshots/<name>-<viewport>.png when
    ENTREGENT_UPDATE_DOCS_SCREENSHOTS is set.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.viewport_name}.png"
    # The caret blinks and hover states follow the mouse: park both so shots are stable.
    page.mouse.move(0, 0)
    page.screenshot(path=str(path), full_page=full_page, caret="hide", animations="disabled")
    if page.viewport_name in docs:
        # A focus ring left by the test's last keystroke is noise in the README's pictures.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        small = ARTIFACTS / f"{name}-{page.viewport_name}-docs.png"
        page.screenshot(path=str(small), full_page=False, caret="hide", animations="disabled")
        if os.environ.get("ENTREGENT_UPDATE_DOCS_SCREENSHOTS"):
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(small, DOCS_SCREENSHOTS / f"{name}-{page.viewport_name}.png")
    return path
