"""Events that pay off: event yield per event and across events on demo networks.

    python bench/events.py                      # 1k, 10k, 100k people
    python bench/events.py --quick              # 1k, 5k
    python bench/events.py --sizes 1000 10000 --repeat 20

For each size, a demo network (`entregent.core.demo.demo_generate`: about 10 encounters per
person over two years, one event per 40 people, some encounters at events, follow-ups
done) is generated into its own account of a throw-away SQLite database. Then:

- `event_yield`: one event (cycling through ten of the busiest past events),
- `event_yields`: a page of 20 past events (the events list),
- `event_yield_by_kind_and_size`: across every past event attended (the insights page),
- baseline: the same across-events figures computed in Python from every meeting row
  (fetching the rows and looping), to show what the grouped query saves.

Each is timed over --repeat rounds after a warm-up (median and p95 of CPU time — SQLite
runs in-process, so its work counts — and the wall median), with the number of queries,
which must not change with the size. The ratio is t(largest) / t(smallest) of the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from harness import queries as _queries  # noqa: E402
from harness import setup_django as _setup_django  # noqa: E402
from harness import times as _times  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 5_000)


def _python_baseline(owner: Any, now: dt.datetime) -> dict[tuple[str, str], list[int]]:
    """Across-events figures from every row, in Python: what the grouped query replaces."""
    from entregent.encounters.models import Encounter, Event
    from entregent.encounters.yields import size_band
    from entregent.followups.models import FollowUp

    through: Any = Encounter.participants.through
    events = {
        pk: (kind, size_band(size))
        for pk, kind, size in Event.objects.filter(owner=owner, date__lte=now.date()).values_list(
            "id", "kind", "size"
        )
    }
    by_person: dict[int, list[tuple[dt.datetime, int | None, bool]]] = {}
    for person, when, event, meaningful in through.objects.filter(
        encounter__owner=owner
    ).values_list(
        "person_id", "encounter__occurred_at", "encounter__event_id", "encounter__meaningful"
    ):
        by_person.setdefault(person, []).append((when, event, meaningful))
    done: dict[int, list[dt.datetime]] = {}
    for person, at in FollowUp.objects.filter(owner=owner, status="done").values_list(
        "person_id", "completed_at"
    ):
        if at is not None:
            done.setdefault(person, []).append(at)
    cells: dict[tuple[str, str], list[int]] = {}
    day = dt.timedelta(hours=24)
    for person, history in by_person.items():
        history.sort(key=lambda row: row[0])
        seen: set[int] = set()
        for n, (when, event, _meaningful) in enumerate(history):
            if event is None or event in seen or event not in events:
                continue
            seen.add(event)
            cell = cells.setdefault((events[event][0], events[event][1]), [0] * 5)
            cell[0] += 1
            cell[1] += n == 0
            cell[2] += any(when <= at <= when + day for at in done.get(person, ())) or any(
                e is None and when < w <= when + day for w, e, _m in history
            )
            for slot, days in ((3, 30), (4, 90)):
                cell[slot] += any(m and w >= when + dt.timedelta(days=days) for w, _e, m in history)
    return cells


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from django.db.models import Count
    from django.utils import timezone

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.encounters.models import Event
    from entregent.encounters.yields import event_yield, event_yield_by_kind_and_size, event_yields

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    generated = time.perf_counter() - started
    now = timezone.now()
    past = Event.objects.filter(owner=owner, date__lte=now.date())
    busiest = list(past.annotate(n=Count("encounters")).filter(n__gt=0).order_by("-n", "id")[:10])
    page = list(past.order_by("-date", "-id")[:20])
    position = [0]

    def one() -> Any:
        event = busiest[position[0] % len(busiest)]
        position[0] += 1
        return event_yield(owner=owner, event=event, now=now)

    def a_page() -> Any:
        return event_yields(owner=owner, events=page, now=now)

    def across() -> Any:
        return event_yield_by_kind_and_size(owner=owner, now=now)

    def baseline() -> Any:
        return _python_baseline(owner, now)

    cases: dict[str, Any] = {}
    for name, fn, times in (
        ("one event", one, repeat),
        ("a page of 20 events", a_page, repeat),
        ("across events (kind, size)", across, max(3, repeat // 3)),
        ("baseline: Python over rows", baseline, max(3, repeat // 6)),
    ):
        cases[name] = {**_times(fn, times), "queries": _queries(fn)}
    summary = across()
    return {
        "size": size,
        "events": past.count(),
        "generated_s": generated,
        "cases": cases,
        "overall": summary.overall,
        "by_size": summary.by_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--quick", action="store_true", help="1k and 5k people only")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    with tempfile.TemporaryDirectory(prefix="entregent-bench-events-") as tmp:
        _setup_django(Path(tmp))
        results = []
        for size in sizes:
            results.append(measure(size, args.repeat, args.seed))
            print(f"… {size:,} people done", file=sys.stderr, flush=True)
    first = results[0]
    print(f"{'case':30} " + " ".join(f"{r['size']:>18,}" for r in results) + "   ratio")
    for name in first["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(f"{c['cpu_median_ms']:8.1f}/{c['cpu_p95_ms']:7.1f}ms" for c in row)
        ratio = row[-1]["cpu_median_ms"] / max(row[0]["cpu_median_ms"], 1e-9)
        queries = sorted({c["queries"] for c in row})
        print(f"{name:30} {cells}   x{ratio:.2f}   queries {queries}")
    for r in results:
        o = r["overall"]
        print(
            f"{r['size']:,} people: {r['events']:,} past events, generated in "
            f"{r['generated_s']:.0f} s; {o.people_met:,} met at events, "
            f"followed up in 24 h {o.followed_up_share}, active after 30 days "
            f"{o.active_30_share}, after 90 days {o.active_90_share}"
        )
        for g in r["by_size"]:
            print(f"    {g.band:8} {g.events:6,} events, {g.people_per_event} met per event")
    print("(CPU median/p95 per call; load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
