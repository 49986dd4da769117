"""Follow-up drafts on demo networks: the cost of one draft must not grow with the network.

    python bench/drafts.py                          # 1k, 10k, 100k people
    python bench/drafts.py --sizes 1000 10000 --repeat 5

For each size, a demo network (`entregent.core.demo.demo_generate`: about 10 encounters
and 5 facts per person) is generated into its own account of a throw-away SQLite
database, with a few offers of "me". Then the drafts of the first 40 open follow-ups
(`followups.draft_selectors.draft_for_followup`: the last encounter, my offers matched
to their needs, the network's offers for an introduction, the owner's city, the
person's milestone) are each timed --repeat times after one untimed round: median and
p95 of CPU and wall time per draft, the number of queries per draft (which must not
change with the size), and the ratio to the smallest network of the same run (target
≤ 3). Every draft is also checked to stay within 120 words.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from harness import setup_django as _setup_django  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
MY_OFFERS = ("product photography", "bookkeeping for freelancers", "développement de sites web")


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.followups.draft_selectors import draft_for_followup
    from entregent.followups.drafts import MAX_WORDS
    from entregent.followups.models import FollowUp
    from entregent.people.services import fact_create

    owner = user_create(username=f"drafts{size}", password="bench-" + os.urandom(8).hex())
    demo_generate(owner=owner, people=size, seed=seed)
    for text in MY_OFFERS:
        fact_create(owner=owner, person=None, kind="offer", text=text)
    followups = list(
        FollowUp.objects.filter(owner=owner, status="open").select_related("person")[:40]
    )
    cpu: list[float] = []
    wall: list[float] = []
    queries: set[int] = set()
    for round_ in range(repeat + 1):
        for followup in followups:
            c0, w0 = time.process_time(), time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                draft = draft_for_followup(owner=owner, followup=followup)
            c1, w1 = time.process_time(), time.perf_counter()
            assert draft.word_count <= MAX_WORDS, draft.body
            if round_:  # the first round warms the caches
                cpu.append(c1 - c0)
                wall.append(w1 - w0)
                queries.add(len(captured))
    cpu.sort()
    wall.sort()
    return {
        "size": size,
        "drafts": len(followups),
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "cpu_p95_ms": cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))] * 1000,
        "wall_median_ms": statistics.median(wall) * 1000,
        "wall_p95_ms": wall[min(len(wall) - 1, int(len(wall) * 0.95))] * 1000,
        "queries": f"{min(queries)}-{max(queries)}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entregent-bench-drafts-") as tmp:
        _setup_django(Path(tmp))
        rows = [measure(size, args.repeat, args.seed) for size in sorted(args.sizes)]
    base = rows[0]
    print(
        f"{'people':>8} {'drafts':>6} {'cpu med':>8} {'cpu p95':>8} {'wall med':>9} "
        f"{'wall p95':>9} {'queries':>8} {'ratio cpu':>9} {'ratio wall':>10}"
    )
    for row in rows:
        print(
            f"{row['size']:>8} {row['drafts']:>6} {row['cpu_median_ms']:>6.1f}ms "
            f"{row['cpu_p95_ms']:>6.1f}ms {row['wall_median_ms']:>7.1f}ms "
            f"{row['wall_p95_ms']:>7.1f}ms {row['queries']:>8} "
            f"{row['cpu_median_ms'] / base['cpu_median_ms']:>9.2f} "
            f"{row['wall_median_ms'] / base['wall_median_ms']:>10.2f}"
        )
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
