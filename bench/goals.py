"""Goal progress and the challenge review on demo networks with two years of history.

    python bench/goals.py                      # 1k, 10k, 100k people
    python bench/goals.py --sizes 1000 10000 --repeat 10
    python bench/goals.py --quick              # 1k and 10k, 5 rounds

For each size, a demo network (`entregent.core.demo.demo_generate`: about 10 encounters
per person spread over two years, events, follow-ups) is generated into its own account
of a throw-away SQLite database. Then one daily goal per metric and a 30-day challenge
that ended ten days ago are set, and timed over --repeat rounds (median of wall and CPU
time), with the number of queries, which must not change with the size:

- `goal_progress` of the daily "new meaningful connections" goal, with the pace guard
  (a year of counts per day for the streak, plus the overdue follow-ups),
- `goals_progress`: every active goal (7 metrics) as the goals page and Today read them,
- `challenge_progress`: the challenge's days, streak and days met,
- `challenge_review`: what was done (7 metrics), who was met, what lasted, sources.

The ratio t(largest)/t(smallest) of the same run shows the growth (target <= 5: counts
are grouped by day in the database, never looped over in Python).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from django.utils import timezone

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.goals.choices import GoalMetric
    from entregent.goals.review import challenge_review
    from entregent.goals.selectors import goal_progress, goals_progress
    from entregent.goals.services import challenge_start, goal_create

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    generated = time.perf_counter() - started
    today = timezone.localdate()
    goals = [goal_create(owner=owner, metric=m, target=2) for m in GoalMetric.values]
    daily = goals[0]
    challenge = challenge_start(
        owner=owner, days=30, per_day=1, start_on=today - dt.timedelta(days=40)
    )
    review = challenge_review(goal=challenge)

    cases: dict[str, Callable[[], Any]] = {
        "goal_progress (daily, pace)": lambda: goal_progress(goal=daily),
        "goals_progress (8 goals)": lambda: goals_progress(owner=owner),
        "challenge_progress": lambda: goal_progress(goal=challenge),
        "challenge_review": lambda: challenge_review(goal=challenge),
    }
    results: dict[str, Any] = {}
    for name, fn in cases.items():
        results[name] = {**_times(fn, repeat), "queries": _queries(fn)}
    return {
        "size": size,
        "generated_s": generated,
        "cases": results,
        "review_people": review.people_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="1k and 10k, 5 rounds")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeat = [1_000, 10_000], 5
    with tempfile.TemporaryDirectory(prefix="entregent-bench-goals-") as tmp:
        _setup_django(Path(tmp))
        results = []
        for size in args.sizes:
            result = measure(size, args.repeat, args.seed)
            print(
                f"{size:,} people: generated in {result['generated_s']:.1f} s, "
                f"{result['review_people']} people met during the challenge",
                flush=True,
            )
            results.append(result)
    print(f"{'case (wall median ms)':32} " + " ".join(f"{r['size']:>12,}" for r in results))
    for name in results[0]["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(f"{c['wall_median_ms']:>12.1f}" for c in row)
        ratio = row[-1]["wall_median_ms"] / max(row[0]["wall_median_ms"], 1e-9)
        queries = "/".join(str(c["queries"]) for c in row)
        print(f"{name:32} {cells}   x{ratio:.2f}  queries {queries}")
    print("(wall median per call; load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
