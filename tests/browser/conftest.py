"""Browser tests: real Chromium from the system (Debian's package), driven by Playwright.

Playwright's own browser download is never used: `executable_path` points at the system
Chromium. Screenshots go to artifacts/screenshots/ (kept by CI and used in the README).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from entregent.accounts.models import User
from entregent.accounts.services import user_create
from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are synchronous on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
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
    pytest.fail("Chromium is not installed: apt-get install -y chromium (or set ENTREGENT_CHROMIUM)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
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
def page(browser, viewport, live_server):  # type: ignore[no-untyped-def]
    name, size = viewport
    context = browser.new_context(viewport=size, locale="en-US", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.viewport_name = name
    yield page
    context.close()


@pytest.fixture
def ada(transactional_db) -> User:  # type: ignore[no-untyped-def]
    return user_create(username="ada", password=PASSWORD)


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot as a test artifact, named per viewport."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.viewport_name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
