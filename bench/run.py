"""Entregent benchmark: does the cost of a page stay flat as the network grows?

For each size (default 1k, 10k and 100k people) a fresh SQLite database is created in its
own data directory, migrated, and filled by the demo generator (about 10 encounters and 5
facts per person). The generation is timed, and its peak memory measured two ways:

- max RSS growth of the process during generation (`resource.getrusage`): everything the
  process touched, including SQLite's page cache and memory-mapped database pages;
- tracemalloc peak: Python objects only. tracemalloc triples generation time, so it is
  measured in a second, untimed generation into another account of the same database.

Then, in-process with django.test.Client (a signed-in user for pages, a personal API token
for the API), each request is repeated (after a warm-up) and its median and p95 recorded:
the people list, search by a family name, search by a word from facts, a person's page,
and the same through the API. The table shows each size and the ratio t(largest)/t(smallest);
the target is every ratio <= 3 and generating 100k people in under 2 minutes.

Each size runs in its own process so settings (the data directory) and memory figures
start clean. Results go to bench/results/<timestamp>.json.

    python bench/run.py                      # 1k, 10k, 100k
    python bench/run.py --quick              # 1k, 5k
    python bench/run.py --sizes 1000,20000 --repeat 50
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 5_000)
TARGET_RATIO = 3.0
TARGET_GENERATION_SECONDS = 120.0
# Query words are the same at every size, so only the network's size changes.
NAME_QUERY = "Tremblay"
# The bench accounts live in a throw-away database; the password only has to pass validation.
_PASSWORD = secrets.token_urlsafe(24)
FACT_QUERY = "sourdough"


# The worker: one size, one process --------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _maxrss_mb() -> float:
    # Linux reports kilobytes (macOS bytes; this benchmark is run on Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup_django(data_dir: Path) -> None:
    os.environ["ENTREGENT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "entregent.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _typical_people(owner: Any, count: int = 10) -> list[int]:
    """Active people spread over the whole network with a typical history (8-20 encounters).

    The same kind of person at every size: the page's cost should not depend on the
    network, and a record-holder of a big network would not be a fair comparison.
    """
    from django.db.models import Count

    from entregent.people.models import Person

    ids = list(
        Person.objects.filter(owner=owner, archived=False)
        .order_by("id")
        .values_list("id", flat=True)
    )
    step = max(1, len(ids) // (count * 4))
    candidates = ids[::step]
    counted = (
        Person.objects.filter(pk__in=candidates)
        .annotate(n=Count("encounters"))
        .filter(n__gte=8, n__lte=20)
        .order_by("id")
        .values_list("id", flat=True)
    )
    chosen = list(counted)
    picked = chosen[:: max(1, len(chosen) // count)][:count]
    return picked or ids[:count]


def _measure(
    client: Any, urls: list[str], repeat: int, warmup: int, headers: dict[str, str]
) -> dict[str, Any]:
    """Time `repeat` GETs cycling through `urls` after `warmup` untimed rounds."""
    statuses: set[int] = set()
    for _ in range(warmup):
        for url in urls:
            statuses.add(client.get(url, headers=headers).status_code)
    wall: list[float] = []
    cpu: list[float] = []
    for i in range(repeat):
        url = urls[i % len(urls)]
        c0, t0 = time.process_time(), time.perf_counter()
        response = client.get(url, headers=headers)
        if getattr(response, "streaming", False):
            # A streamed answer (the iCal feed) costs nothing until it is read.
            b"".join(response.streaming_content)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        statuses.add(response.status_code)
    return {
        "url": urls[0],
        "statuses": sorted(statuses),
        "median_ms": statistics.median(wall),
        "p95_ms": _percentile(wall, 0.95),
        "cpu_median_ms": statistics.median(cpu),
        "cpu_p95_ms": _percentile(cpu, 0.95),
        "samples_ms": [round(v, 3) for v in wall],
    }


def _resolve(name: str, fallback: str, *args: Any) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def worker(size: int, data_dir: Path, repeat: int, warmup: int, memory: bool) -> dict[str, Any]:
    """Generate a network of `size` people in a fresh database and time the requests."""
    _setup_django(data_dir)
    from django.db import connection
    from django.test import Client

    from entregent.accounts.services import token_create, user_create
    from entregent.core.demo import demo_generate
    from entregent.people.models import Fact, Person, SearchTerm

    owner = user_create(username="bench", password=_PASSWORD)
    rss_before = _maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        # One line per ~20% so long runs show they are alive without flooding the log.
        if total and (done == total or done / total - last[0] >= 0.2):
            last[0] = done / total
            print(
                f"  {size:>7,}: generated {done:,}/{total:,} in {time.perf_counter() - t0:.1f}s",
                flush=True,
            )

    stats = demo_generate(owner=owner, people=size, seed=0, progress=progress)
    generation = {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - c0,
        "maxrss_growth_mb": _maxrss_mb() - rss_before,
        "stats": vars(stats),
        "search_terms": SearchTerm.objects.filter(owner=owner).count(),
        "database_mb": sum(p.stat().st_size for p in data_dir.glob("entregent.sqlite3*")) / 2**20,
    }

    live = Person.objects.filter(owner=owner, archived=False)
    # The same words at every size; a tiny network may lack them, then its own words are used.
    name_query = NAME_QUERY
    if not live.filter(family_name=NAME_QUERY).exists():
        name_query = live.values_list("family_name", flat=True)[0]
    fact_query = FACT_QUERY
    facts = Fact.objects.filter(owner=owner, person__archived=False)
    if not facts.filter(text__icontains=FACT_QUERY).exists():
        fact_query = facts.values_list("text", flat=True)[0].split()[-1]
    people = _typical_people(owner)

    web = Client()
    web.force_login(owner)
    api = Client()
    secret = token_create(owner=owner, name="bench").secret
    bearer = {"Authorization": f"Bearer {secret}"}
    people_url = _resolve("people:list", "/people/")
    detail_urls = [_resolve("people:detail", f"/people/{pk}/", pk) for pk in people]
    cases = {
        "web: people list": (web, [people_url], {}),
        "web: search name": (web, [f"{people_url}?q={name_query}"], {}),
        "web: search fact word": (web, [f"{people_url}?q={fact_query}"], {}),
        "web: person page": (web, detail_urls, {}),
        "api: people list": (api, ["/api/v1/people"], bearer),
        "api: search name": (api, [f"/api/v1/people?q={name_query}"], bearer),
        "api: search fact word": (api, [f"/api/v1/people?q={fact_query}"], bearer),
        "api: person": (api, [f"/api/v1/people/{pk}" for pk in people], bearer),
        "api: person overview": (api, [f"/api/v1/people/{pk}/overview" for pk in people], bearer),
        # Today: the home page and its API, over thousands of open follow-ups at 100k.
        "web: Today": (web, [_resolve("web:home", "/")], {}),
        "api: Today": (api, ["/api/v1/today"], bearer),
    }
    cases.update(_feed_cases(owner))
    requests = {}
    # Other work on the machine shows in wall-clock times; the load is recorded with them.
    load_before = os.getloadavg()[0]
    for label, (client, urls, headers) in cases.items():
        requests[label] = _measure(client, urls, repeat, warmup, headers)
    load_after = os.getloadavg()[0]
    generation["today"] = _today_sizes(owner)
    matches = {
        "name": live.filter(pk__in=_search_ids(owner, name_query)).count(),
        "fact": live.filter(pk__in=_search_ids(owner, fact_query)).count(),
    }
    if memory:
        # A second network in another account: Python objects only, untimed.
        other = user_create(username="bench-memory", password=_PASSWORD)
        tracemalloc.start()
        demo_generate(owner=other, people=size, seed=1)
        generation["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    connection.close()
    return {
        "size": size,
        "generation": generation,
        "queries": {"name": name_query, "fact": fact_query, "matches": matches, "people": people},
        "requests": requests,
        "load_average": [load_before, load_after],
    }


def _today_sizes(owner: Any) -> dict[str, int]:
    """How much Today has to sift through: pending follow-ups, and its sections' totals."""
    try:
        from entregent.followups.cadence import PENDING
        from entregent.followups.models import FollowUp
        from entregent.followups.selectors import today_agenda
    except ImportError:
        return {}
    agenda = today_agenda(owner=owner)
    sizes = {"pending_followups": FollowUp.objects.filter(owner=owner, status__in=PENDING).count()}
    sizes.update({section.key: section.total for section in agenda.sections})
    return sizes


def _feed_cases(owner: Any) -> dict[str, tuple[Any, list[str], dict[str, str]]]:
    """The iCal feed, fetched whole and as a calendar app polling with the ETag of its
    copy (nothing changed: a 304)."""
    from django.test import Client

    feed_url = _calendar_feed_path(owner)
    if not feed_url:
        return {}
    cases = {"feed: iCal feed": (Client(), [feed_url], {})}
    etag = Client().get(feed_url).get("ETag")
    if etag:
        cases["feed: iCal feed, unchanged (304)"] = (Client(), [feed_url], {"If-None-Match": etag})
    return cases


def _calendar_feed_path(owner: Any) -> str | None:
    """The owner's private iCal feed address (path only), if the reminders app exists."""
    try:
        from entregent.reminders.services import calendar_feed_issue
    except ImportError:
        return None
    url = calendar_feed_issue(owner=owner).url
    return "/" + url.split("/", 3)[3]


def _search_ids(owner: Any, query: str) -> Any:
    from entregent.people.selectors import person_search_ids

    return person_search_ids(owner=owner, query=query)


# The runner: every size, then the table ---------------------------------------------------


def _run_size(size: int, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    data_dir = root / f"size-{size}"
    data_dir.mkdir(parents=True, exist_ok=True)
    out = root / f"result-{size}.json"
    command = [
        sys.executable,
        __file__,
        "--worker",
        str(size),
        "--data-dir",
        str(data_dir),
        "--output",
        str(out),
        "--repeat",
        str(args.repeat),
        "--warmup",
        str(args.warmup),
    ]
    if args.no_tracemalloc:
        command.append("--no-tracemalloc")
    subprocess.run(command, check=True)
    result = json.loads(out.read_text())
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result


_RATIO_KEYS = ("median_ms", "p95_ms", "cpu_median_ms")


def _ratio(results: list[dict[str, Any]], label: str, key: str) -> float:
    first, last = results[0]["requests"][label][key], results[-1]["requests"][label][key]
    return last / first if first else float("inf")


def _print_table(results: list[dict[str, Any]]) -> bool:
    """Print the table; True when every ratio and the generation time meet the target."""
    from rich.console import Console
    from rich.table import Table

    sizes = [r["size"] for r in results]
    small, large = f"{sizes[0]:,}", f"{sizes[-1]:,}"
    table = Table(
        title=f"Entregent benchmark (SQLite, in-process) — ratio = t({large}) / t({small})"
    )
    table.add_column("request")
    for size in sizes:
        table.add_column(f"{size:,}\nmedian / p95 ms", justify="right")
    table.add_column("ratio\nmedian", justify="right")
    table.add_column("ratio\np95", justify="right")
    table.add_column("ratio\nCPU median", justify="right")
    failing = {"median": 0, "p95": 0, "CPU median": 0}
    for label in results[0]["requests"]:
        cells = []
        for r in results:
            m = r["requests"][label]
            bad = "" if m["statuses"] == [200] else f" [red]HTTP {m['statuses']}[/]"
            cells.append(f"{m['median_ms']:.1f} / {m['p95_ms']:.1f}{bad}")
        ratios = dict(zip(failing, (_ratio(results, label, k) for k in _RATIO_KEYS), strict=True))
        for name, value in ratios.items():
            failing[name] += value > TARGET_RATIO
        table.add_row(
            label,
            *cells,
            *(f"[{'green' if v <= TARGET_RATIO else 'red'}]{v:.2f}[/]" for v in ratios.values()),
        )
    table.add_section()
    gen = [r["generation"] for r in results]
    blank = ("", "", "")
    table.add_row(
        "generation (s, wall / CPU)",
        *(f"{g['seconds']:.1f} / {g['cpu_seconds']:.1f}" for g in gen),
        *blank,
    )
    table.add_row("max RSS growth (MB)", *(f"{g['maxrss_growth_mb']:.0f}" for g in gen), *blank)
    table.add_row(
        "tracemalloc peak (MB)",
        *(f"{g['tracemalloc_peak_mb']:.0f}" if "tracemalloc_peak_mb" in g else "-" for g in gen),
        *blank,
    )
    table.add_row("database on disk (MB)", *(f"{g['database_mb']:.0f}" for g in gen), *blank)
    table.add_row(
        "rows: encounters / facts",
        *(f"{g['stats']['encounters']:,} / {g['stats']['facts']:,}" for g in gen),
        *blank,
    )
    table.add_row(
        "matches: name / fact word",
        *(
            f"{r['queries']['matches']['name']:,} / {r['queries']['matches']['fact']:,}"
            for r in results
        ),
        *blank,
    )
    table.add_row(
        "Today: pending / overdue / check-ins",
        *(
            "{:,} / {:,} / {:,}".format(
                g["today"].get("pending_followups", 0),
                g["today"].get("overdue", 0),
                g["today"].get("check_ins", 0),
            )
            if g.get("today")
            else "-"
            for g in gen
        ),
        *blank,
    )
    table.add_row(
        "load average while timing",
        *(f"{r['load_average'][0]:.1f} → {r['load_average'][1]:.1f}" for r in results),
        *blank,
    )
    console = Console(width=max(120, 30 + 22 * len(sizes) + 36))
    console.print(table)

    def verdict(bad: int) -> str:
        return "[green]met[/]" if not bad else f"[red]not met ({bad} cases)[/]"

    biggest = results[-1]
    generation_ok = True
    if biggest["size"] >= 100_000:
        per_100k = biggest["generation"]["seconds"] * 100_000 / biggest["size"]
        generation_ok = per_100k <= TARGET_GENERATION_SECONDS
    queries = results[0]["queries"]
    generated = "[green]met[/]" if generation_ok else "[red]not met[/]"
    console.print(
        f"queries: name “{queries['name']}”, fact word “{queries['fact']}”; "
        f"{os.cpu_count()} CPUs.\ntarget ratio ≤ {TARGET_RATIO:g}: "
        + "; ".join(f"{name} {verdict(bad)}" for name, bad in failing.items())
        + f". 100k generated in ≤ {TARGET_GENERATION_SECONDS:g}s: {generated}."
    )
    return not failing["median"] and generation_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", help="comma-separated network sizes (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,5000")
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed requests per case (default 30)"
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first (default 3)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        result = worker(
            args.worker, args.data_dir, args.repeat, args.warmup, not args.no_tracemalloc
        )
        args.output.write_text(json.dumps(result, indent=2))
        return 0

    if args.sizes:
        try:
            sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
        except ValueError:
            parser.error("--sizes takes whole numbers separated by commas, e.g. 1000,10000")
        if not sizes or sizes[0] < 10:
            parser.error("--sizes: each size must be at least 10 people")
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")

    root = Path(
        tempfile.mkdtemp(prefix="entregent-bench-", dir=os.environ.get("ENTREGENT_DATA_DIR"))
    )
    results = []
    try:
        for size in sizes:
            print(f"size {size:,}: generating and measuring…", flush=True)
            results.append(_run_size(size, args, root))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    ok = _print_table(results)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    report = {
        "when": stamp,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "repeat": args.repeat,
        "warmup": args.warmup,
        "target_met": ok,
        "results": results,
    }
    path = RESULTS_DIR / f"{stamp}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"results: {path.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
