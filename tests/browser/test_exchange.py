"""Import and merge in real Chromium, at desktop and phone widths (issue 4).

Imports run as they do in production: the upload queues a job in the database, and a task
worker (started by the test, in a thread, once the page shows the queued job) reads the
file while the page polls its progress bar. The real sample is read in place from
../shared/samples; the large file is generated here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from entregent.accounts.models import User
from entregent.accounts.services import user_create
from entregent.people.models import Person
from entregent.people.services import person_create
from tests.browser.conftest import shot
from tests.browser.test_flows import OVERFLOW_JS, UNLABELLED_CONTROLS_JS
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "contacts" / "vcard"
IPHONE_CARD = SAMPLES / "John_Doe_IPHONE.vcf"

PERSON_PATH = re.compile(r"/people/\d+/$")
IMPORT_PATH = re.compile(r"/exchange/import/\d+/$")
GENERATED_CARDS = 400
PROGRESS_JS = (
    "() => { const bar = document.getElementById('import-progress-bar'); return bar && bar.value; }"
)


class TaskWorker:
    """Runs the queued background tasks in a thread, as `entregent worker` would."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def _run(self) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        try:
            Worker(
                queue_names=["default"],
                interval=0.1,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="browser-test",
                excluded_queue_names=[],
            ).run()
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.errors.append(exc)
        finally:
            connections.close_all()

    def start(self) -> None:
        thread = threading.Thread(target=self._run, daemon=True)
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=60)
        assert self.errors == []


@pytest.fixture(autouse=True)
def _patient_navigation(page: Page) -> None:
    """The first page a test process serves imports every app: slow on a loaded machine."""
    page.set_default_navigation_timeout(30_000)


@pytest.fixture
def worker(settings: Any, tmp_path: Path) -> Iterator[TaskWorker]:
    """Jobs go through the database queue (not run at once); uploads to a fresh directory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    tasks = TaskWorker()
    yield tasks
    tasks.join()


GIVEN = [
    "Amara",
    "Bjorn",
    "Chiara",
    "Dmitri",
    "Esther",
    "Farid",
    "Greta",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kalani",
    "Leila",
    "Matteo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tamar",
]
FAMILY = [
    "Abernathy",
    "Bergstrom",
    "Castellano",
    "Dufresne",
    "Eriksen",
    "Fitzgerald",
    "Gonzaga",
    "Hakkinen",
    "Iwasaki",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Montague",
    "Nakamura",
    "Okonkwo",
    "Petrovic",
    "Quintero",
    "Rasmussen",
    "Szabo",
    "Takahashi",
]


def _generated_vcard(path: Path, count: int) -> Path:
    """`count` vCard 3.0 cards with distinct names (given x family), folded notes."""
    cards = []
    for index in range(count):
        given, family = GIVEN[index % len(GIVEN)], FAMILY[index // len(GIVEN) % len(FAMILY)]
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{family};{given};;;\r\nFN:{given} {family}\r\n"
            f"ORG:Guild {index % 7}\r\nTITLE:Member number {index}\r\n"
            f"EMAIL;TYPE=INTERNET:{given.lower()}.{family.lower()}@guild.example\r\n"
            f"TEL;TYPE=CELL:+1 415 555 {index:04d}\r\n"
            f"NOTE:Card {index} of a generated address book\\, folded so that it is a l\r\n"
            " ong line as phones write them.\r\n"
            "END:VCARD\r\n"
        )
    path.write_text("".join(cards), encoding="utf-8")
    return path


def _assert_no_sideways_scroll(page: Page) -> None:
    state = page.evaluate(OVERFLOW_JS)
    assert state["scrollWidth"] <= state["width"], (
        f"{page.url} scrolls sideways ({state['scrollWidth']}px > {state['width']}px): "
        + "\n".join(state["wide"])
    )


def _assert_labelled(page: Page) -> None:
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == [], page.url


def _upload(page: Page, path: Path) -> None:
    page.goto("/exchange/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import & export")
    _assert_labelled(page)
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page).to_have_url(IMPORT_PATH)


def _watch_progress(page: Page, worker: TaskWorker, *, until: str) -> list[int]:
    """Start the worker, follow the bar while the job runs; answer the values it showed."""
    bar = page.locator("#import-progress-bar")
    expect(bar).to_be_visible()
    seen = [int(bar.get_attribute("value") or 0)]
    worker.start()
    heading = page.get_by_role("heading", name=until, exact=True)
    while not heading.is_visible():
        # The bar is swapped on each poll and the page reloads at the end: a read that
        # falls between the two is skipped.
        try:
            value = page.evaluate(PROGRESS_JS)
        except PlaywrightError:
            value = None
        if value is not None:
            seen.append(int(value))
        page.wait_for_timeout(100)
        if len(seen) > 2000:
            break
    expect(heading).to_be_visible()
    return seen


def _stat(page: Page, label: str) -> Any:
    return page.locator(".stat", has=page.locator(".stat-label", has_text=label)).locator(
        ".stat-number"
    )


# 1. Import ----------------------------------------------------------------------------


def test_it_imports_a_phone_vcard_after_a_preview_and_finds_the_person(
    signed_in: Page, ada: User, worker: TaskWorker
) -> None:
    page = signed_in
    _upload(page, IPHONE_CARD)
    expect(page.get_by_role("heading", level=1)).to_have_text("John_Doe_IPHONE.vcf")
    _watch_progress(page, worker, until="Preview")
    expect(page.locator(".subtitle")).to_contain_text("vCard")
    expect(page.get_by_text("Nothing has been changed yet.")).to_be_visible()
    expect(_stat(page, "New people")).to_have_text("1")
    expect(_stat(page, "Skipped")).to_have_text("0")
    expect(page.locator(".import-samples")).to_contain_text("John")
    assert not Person.objects.filter(owner=ada).exists()
    _assert_no_sideways_scroll(page)
    _assert_labelled(page)
    shot(page, "import-preview")

    page.get_by_role("button", name="Import now").click()
    _watch_progress(page, worker, until="Imported")
    expect(_stat(page, "New people")).to_have_text("1")
    shot(page, "import-done")

    page.get_by_role("link", name="See your people").click()
    page.goto("/search/?q=doe")
    results = page.locator("section", has=page.locator("#people-results"))
    results.locator(".row-title").first.click()
    expect(page).to_have_url(PERSON_PATH)
    expect(page.get_by_role("heading", level=1)).to_contain_text("John")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Doe")
    expect(page.get_by_role("link", name="john.doe@ibm.com")).to_be_visible()
    _assert_no_sideways_scroll(page)


def test_a_file_of_hundreds_of_cards_shows_its_progress_then_imports_them_all(
    signed_in: Page, ada: User, worker: TaskWorker, tmp_path: Path
) -> None:
    page = signed_in
    # Already known, under the same e-mail: the import updates her instead of adding her.
    person_create(owner=ada, full_name="Greta Abernathy", emails=["greta.abernathy@guild.example"])
    path = _generated_vcard(tmp_path / "guild.vcf", GENERATED_CARDS)
    _upload(page, path)

    # Queued: the bar is there at 0% before any worker runs.
    expect(page.locator("#import-progress")).to_contain_text("0% of the file read")
    shot(page, "import-progress")
    seen = _watch_progress(page, worker, until="Preview")
    assert seen == sorted(seen), seen
    expect(_stat(page, "New people")).to_have_text(str(GENERATED_CARDS - 1))
    expect(_stat(page, "Updated")).to_have_text("1")
    expect(_stat(page, "Likely duplicates")).to_have_text("0")
    expect(_stat(page, "Skipped")).to_have_text("0")
    assert Person.objects.filter(owner=ada).count() == 1

    page.get_by_role("button", name="Import now").click()
    seen = _watch_progress(page, worker, until="Imported")
    assert seen == sorted(seen), seen
    assert Person.objects.filter(owner=ada).count() == GENERATED_CARDS
    _assert_no_sideways_scroll(page)
    shot(page, "import-result")

    # The last card of the file, found by a word of its name and opened.
    last = GENERATED_CARDS - 1
    name = f"{GIVEN[last % len(GIVEN)]} {FAMILY[last // len(GIVEN) % len(FAMILY)]}"
    page.goto(f"/search/?q={name.split()[1].lower()}")
    results = page.locator("section", has=page.locator("#people-results"))
    results.get_by_role("link", name=name).click()
    expect(page).to_have_url(PERSON_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("link", name=f"Guild {last % 7}")).to_be_visible()


# 2. Merge -----------------------------------------------------------------------------


def _likely_pair(owner: User) -> tuple[Person, Person]:
    robert = person_create(
        owner=owner,
        full_name="Robert Sørensen",
        organization="Fjord Robotics",
        emails=["robert.sorensen@fjord.example"],
        phones=["+47 912 34 567"],
    )
    bob = person_create(
        owner=owner,
        full_name="Bob Sorensen",
        organization="Nordlys Energi",
        emails=["Robert.Sorensen@fjord.example", "bob@home.example"],
    )
    return robert, bob


def test_it_merges_two_duplicates_field_by_field_and_undoes_it(signed_in: Page, ada: User) -> None:
    page = signed_in
    robert, bob = _likely_pair(ada)
    page.goto("/duplicates/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Likely duplicates")
    pair = page.locator(".pair")
    expect(pair).to_have_count(1)
    expect(pair).to_contain_text("Robert Sørensen")
    expect(pair).to_contain_text("Bob Sorensen")
    expect(pair.locator(".pair-reasons")).to_contain_text(re.compile("e-mail", re.I))
    _assert_no_sideways_scroll(page)
    shot(page, "duplicates")

    pair.get_by_role("link", name=re.compile("^Review")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Same person?")
    review_url = page.url
    # Keep Robert's record, but the organization from the other one.
    if f"/review/{robert.pk}/" not in review_url:
        page.get_by_role("link", name="Keep B instead").click()
    expect(page).to_have_url(re.compile(rf"/duplicates/review/{robert.pk}/{bob.pk}/$"))
    # What each side holds, in words that agree with the number.
    expect(page.locator(".counts").first).to_contain_text("1 e-mail · 1 phone · 0 facts")
    # The table's caption spans the table, at any width (not squeezed into one column).
    table = page.locator("table.merge-fields")
    caption, whole = table.locator("caption").bounding_box(), table.bounding_box()
    assert caption is not None
    assert whole is not None
    assert caption["width"] >= 0.9 * whole["width"]
    row = page.locator("table.merge-fields tr", has=page.locator("th", has_text="Organization"))
    expect(row).to_contain_text("Fjord Robotics")
    expect(row).to_contain_text("Nordlys Energi")
    row.get_by_label("Take B's").check()
    _assert_labelled(page)
    _assert_no_sideways_scroll(page)
    shot(page, "duplicates-review")
    page.get_by_role("button", name="Merge", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/people/{robert.pk}/$"))
    expect(page.get_by_role("status").or_(page.locator(".message")).first).to_contain_text(
        "Merged Bob Sorensen into Robert Sørensen"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Robert Sørensen")
    expect(page.get_by_role("link", name="Nordlys Energi")).to_be_visible()
    expect(page.get_by_role("link", name="bob@home.example")).to_be_visible()
    assert not Person.objects.filter(pk=bob.pk).exists()
    shot(page, "duplicates-merged")

    page.goto("/duplicates/merges/")
    history = page.locator("table tbody tr")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("Bob Sorensen")
    _assert_no_sideways_scroll(page)
    history.get_by_role("button", name=re.compile("^Undo")).click()
    expect(page.locator(".message").first).to_contain_text(
        "Undone: Bob Sorensen and Robert Sørensen are two people again."
    )
    expect(history.get_by_role("button", name=re.compile("^Undo"))).to_have_count(0)
    shot(page, "duplicates-undone")

    back = Person.objects.get(owner=ada, full_name="Bob Sorensen")
    page.goto(f"/people/{back.pk}/")
    expect(page.get_by_role("link", name="bob@home.example")).to_be_visible()
    page.goto(f"/people/{robert.pk}/")
    expect(page.get_by_role("link", name="Fjord Robotics")).to_be_visible()


# 3. French, phone -------------------------------------------------------------------


@pytest.fixture
def charlie_page(page: Page, live_server: Any, worker: TaskWorker) -> Page:
    """Signed in as charlie, who reads French, through the sign-in form."""
    user_create(username="charlie", password=PASSWORD, language="fr")
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("charlie")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    return page


def test_the_import_and_duplicates_pages_fit_and_speak_french(
    charlie_page: Page, worker: TaskWorker
) -> None:
    page = charlie_page
    owner = User.objects.get(username="charlie")
    _likely_pair(owner)

    page.goto("/exchange/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    _assert_no_sideways_scroll(page)
    shot(page, "import-fr")
    page.locator("form[enctype] input[type=file]").set_input_files(str(IPHONE_CARD))
    page.locator("form[enctype] button[type=submit]").click()
    expect(page).to_have_url(IMPORT_PATH)
    worker.start()
    expect(page.locator(".stat").first).to_be_visible(timeout=20_000)
    _assert_no_sideways_scroll(page)
    shot(page, "import-preview-fr")

    page.goto("/duplicates/merges/")
    _assert_no_sideways_scroll(page)
    page.goto("/duplicates/")
    _assert_no_sideways_scroll(page)
    shot(page, "duplicates-fr")
    page.locator(".pair a.button").first.click()
    _assert_no_sideways_scroll(page)
    shot(page, "duplicates-review-fr")
