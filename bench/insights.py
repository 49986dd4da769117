"""The insights page on demo networks: every chart's aggregates, and the page's selector.

    python bench/insights.py                     # 1k, 10k, 100k people
    python bench/insights.py --quick             # 1k, 5k
    python bench/insights.py --sizes 1000 10000 --repeat 10

For each size, a demo network (`entregent.core.demo.demo_generate`: about 10 encounters per
person over two years, events, follow-ups) is generated into its own account of a
throw-away SQLite database. The demo has no pipeline nor ledger, so the bench adds, in
bulk: one opportunity per 10 people, each with two to four stage changes spread over the
two years; one favour per 5 people over the last year (given or received); and a 30-day
challenge started 10 days ago. Then, timed over --repeat rounds after a warm-up (median
and p95 of CPU time — SQLite runs in-process, so its work counts — and the wall median),
with the number of queries, which must not change with the size:

- `insights_data`: the whole page's data and SVG (what the page, the API and the CLI call),
- each chart on its own: network growth (first met per month, a NOT EXISTS over earlier
  participations; people added per month), interactions per week by channel, the
  challenge's progress, event yield, the pipeline funnel, give and take,
- baseline: network growth computed in Python from every participation row (fetch and
  loop), to show what the grouped query saves.

The ratio is t(largest) / t(smallest) of the same run (target <= 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
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


def _add_history(owner: Any, size: int, seed: int) -> dict[str, int]:
    """Opportunities with their stage history, favours and a running challenge, in bulk."""
    from django.db import transaction
    from django.utils import timezone

    from entregent.goals.models import Favour
    from entregent.goals.services import challenge_start
    from entregent.people.models import Person
    from entregent.pipeline.choices import OpportunityKind, Stage
    from entregent.pipeline.models import Opportunity, StageChange

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    person_ids = list(Person.objects.filter(owner=owner).values_list("id", flat=True))
    kinds = OpportunityKind.values
    paths = (
        [Stage.IDEA, Stage.REACHED_OUT],
        [Stage.IDEA, Stage.REACHED_OUT, Stage.NO_REPLY],
        [Stage.IDEA, Stage.REACHED_OUT, Stage.REPLIED],
        [Stage.IDEA, Stage.REACHED_OUT, Stage.REPLIED, Stage.CALL_BOOKED],
        [Stage.REACHED_OUT, Stage.CALL_BOOKED, Stage.WON],
    )
    with transaction.atomic():
        opps = Opportunity.objects.bulk_create(
            [
                Opportunity(
                    owner=owner,
                    kind=rng.choice(kinds),
                    title=f"Opportunity {i}",
                    stage=Stage.IDEA,
                    position=i,
                )
                for i in range(max(1, size // 10))
            ],
            batch_size=2000,
        )
        changes: list[StageChange] = []
        for opp in opps:
            path = rng.choice(paths)
            at = now - dt.timedelta(days=rng.randint(5, 720), minutes=rng.randint(0, 900))
            previous = ""
            for stage in path:
                changes.append(
                    StageChange(
                        owner=owner,
                        opportunity=opp,
                        kind=opp.kind,
                        from_stage=previous,
                        to_stage=stage,
                        at=min(at, now),
                    )
                )
                previous = stage
                at += dt.timedelta(days=rng.randint(1, 20))
            opp.stage = path[-1]
        Opportunity.objects.bulk_update(opps, ["stage"], batch_size=2000)
        StageChange.objects.bulk_create(changes, batch_size=5000)
        favours = Favour.objects.bulk_create(
            [
                Favour(
                    owner=owner,
                    person_id=rng.choice(person_ids),
                    direction=rng.choice(("given", "given", "received")),
                    kind=rng.choice(("introduction", "advice", "referral", "article", "help")),
                    occurred_on=today - dt.timedelta(days=rng.randint(0, 364)),
                )
                for _ in range(max(1, size // 5))
            ],
            batch_size=5000,
        )
    challenge_start(owner=owner, days=30, start_on=today - dt.timedelta(days=10))
    return {"opportunities": len(opps), "stage_changes": len(changes), "favours": len(favours)}


def _python_growth(owner: Any, today: dt.date) -> dict[dt.date, int]:
    """Baseline: first met per month from every participation row, in Python."""
    from django.utils import timezone

    from entregent.encounters.models import Encounter

    through: Any = Encounter.participants.through
    first: dict[int, dt.datetime] = {}
    for person_id, when in through.objects.filter(encounter__owner=owner).values_list(
        "person_id", "encounter__occurred_at"
    ):
        if person_id not in first or when < first[person_id]:
            first[person_id] = when
    since = (today.replace(day=1) - dt.timedelta(days=730)).replace(day=1)
    months: dict[dt.date, int] = {}
    for when in first.values():
        day = timezone.localtime(when).date()
        if day >= since:
            key = day.replace(day=1)
            months[key] = months.get(key, 0) + 1
    return months


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from django.utils import timezone

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.encounters.yields import event_yield_by_kind_and_size
    from entregent.pipeline import insights

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    added = _add_history(owner, size, seed)
    generated = time.perf_counter() - started
    today = timezone.localdate()

    cases_fns: dict[str, Callable[[], Any]] = {
        "insights_data (whole page)": lambda: insights.insights_data(owner=owner, today=today),
        "network growth": lambda: insights.network_growth(owner=owner, today=today),
        "interactions by channel": lambda: insights.interactions_by_channel(
            owner=owner, today=today
        ),
        "challenge progress": lambda: insights.challenge_progress(owner=owner, today=today),
        "event yield (both charts)": lambda: (
            insights.event_yield(summary=(s := event_yield_by_kind_and_size(owner=owner))),
            insights.event_yield_by_kind(summary=s),
        ),
        "pipeline funnel": lambda: insights.pipeline_funnel(owner=owner),
        "give and take": lambda: insights.giving_balance(owner=owner, today=today),
        "baseline: growth in Python": lambda: _python_growth(owner, today),
    }
    cases: dict[str, Any] = {}
    for name, fn in cases_fns.items():
        rounds = repeat if not name.startswith("baseline") else max(3, repeat // 3)
        cases[name] = {**_times(fn, rounds), "queries": _queries(fn)}
    page = insights.insights_data(owner=owner, today=today)
    return {"size": size, "generated_s": generated, "added": added, "cases": cases, "page": page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--quick", action="store_true", help="1k and 5k people only")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    with tempfile.TemporaryDirectory(prefix="entregent-bench-insights-") as tmp:
        _setup_django(Path(tmp))
        results = []
        for size in sizes:
            results.append(measure(size, args.repeat, args.seed))
            r = results[-1]
            print(
                f"# {size:,} people generated in {r['generated_s']:.0f} s, plus "
                f"{r['added']['opportunities']:,} opportunities, "
                f"{r['added']['stage_changes']:,} stage changes, "
                f"{r['added']['favours']:,} favours",
                flush=True,
            )
    first = results[0]
    print(f"{'case':30} " + " ".join(f"{r['size']:>18,}" for r in results) + "   ratio  queries")
    for name in first["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(f"{c['cpu_median_ms']:8.1f}/{c['cpu_p95_ms']:7.1f}ms" for c in row)
        ratio = row[-1]["cpu_median_ms"] / max(row[0]["cpu_median_ms"], 1e-9)
        queries = sorted({c["queries"] for c in row})
        print(f"{name:30} {cells}   x{ratio:5.2f}  {queries}")
    last = results[-1]["page"]
    print(f"charts at {results[-1]['size']:,}: " + ", ".join(c.title for c in last.charts))
    print("(CPU median/p95 per call; load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
