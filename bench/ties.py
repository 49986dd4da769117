"""Tie strength for everyone, and the weak-tie radar, on demo networks.

    python bench/ties.py                              # 1k, 10k, 100k people
    python bench/ties.py --sizes 1000 10000 --repeat 5
    python bench/ties.py --quick                      # 1k and 10k, fewer rounds

For each size, a demo network (`entregent.core.demo.demo_generate`: about 10 encounters
and 5 facts per person) is generated into its own account of a throw-away SQLite
database, densified to about ten connections per person (`bench/netgen.py`), with a few
favours and needs of "me" added. Then, each timed over --repeat rounds (median of wall
time, since most of the work is in the database):

- signals: the four GROUP BY queries of `network.selectors.tie_signals` for everyone,
- signals + scores: the same plus the pure engine (`network.ties.tie_score`) per person,
- recompute for everyone: `tie_recompute` (signals, scores, bulk upsert of TieStrength,
  circles and check-ins moved in bulk) — what `entregent ties --recompute` runs,
- tie_strengths: the published read (person id → score) the paths and the map use,
- radar: `network.radar.radar` for the owner (scores fresh, so no recompute).

Baseline, same run: a straightforward Python loop over all people issuing the per-person
queries (encounter aggregate, favours, connections each way: four queries per person)
then scoring; compared with "signals + scores". At sizes above --baseline-limit people,
the loop runs over an evenly spread sample of that many people and its time is scaled to
the whole network (per-person cost x people; the loop's cost is linear in people by
construction) — the output says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
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

DEFAULT_SIZES = (1_000, 10_000, 100_000)


def _median(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time in ms over `repeat` rounds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _baseline_signals(owner: Any, person_id: int) -> Any:
    """One person's signals the straightforward way: four queries for this person."""
    from django.db.models import Count, Max, Min, Q

    from entregent.encounters.models import Encounter
    from entregent.goals.models import Favour
    from entregent.network.selectors import DEEP_CHANNELS
    from entregent.network.ties import TieSignals
    from entregent.people.models import Connection

    # Each query starts from the person's own index (the person is the owner's already).
    through = Encounter.participants.through
    e = through.objects.filter(person_id=person_id).aggregate(
        n=Count("encounter_id"),
        n_meaningful=Count("encounter_id", filter=Q(encounter__meaningful=True)),
        n_deep=Count("encounter_id", filter=Q(encounter__channel__in=DEEP_CHANNELS)),
        first=Min("encounter__occurred_at"),
        last=Max("encounter__occurred_at", filter=Q(encounter__meaningful=True)),
        me=Count("encounter_id", filter=Q(encounter__initiated_by="me")),
        them=Count("encounter_id", filter=Q(encounter__initiated_by="them")),
        mutual=Count("encounter_id", filter=Q(encounter__initiated_by="mutual")),
    )
    f = Favour.objects.filter(person_id=person_id).aggregate(
        given=Count("id", filter=Q(direction="given")),
        received=Count("id", filter=Q(direction="received")),
    )
    out = (
        Connection.objects.filter(from_person_id=person_id)
        .values("to_person_id")
        .distinct()
        .count()
    )
    inc = (
        Connection.objects.filter(to_person_id=person_id)
        .values("from_person_id")
        .distinct()
        .count()
    )
    return TieSignals(
        person_id=person_id,
        encounters=e["n"],
        meaningful=e["n_meaningful"],
        deep=e["n_deep"],
        first_at=e["first"],
        last_meaningful_at=e["last"],
        initiated_me=e["me"],
        initiated_them=e["them"],
        initiated_mutual=e["mutual"],
        favours_given=f["given"],
        favours_received=f["received"],
        connections=out + inc,
    )


def _add_extras(owner: Any, seed: int) -> None:
    """Favours both ways for one person in twenty, and a few needs of mine."""
    import random

    from entregent.goals.models import Favour
    from entregent.people.models import Person
    from entregent.people.services import fact_create

    rng = random.Random(seed)
    ids = list(Person.objects.filter(owner=owner).values_list("id", flat=True))
    today = dt.date.today()
    favours = [
        Favour(
            owner=owner,
            person_id=pid,
            direction=rng.choice(("given", "received")),
            occurred_on=today - dt.timedelta(days=rng.randrange(1000)),
        )
        for pid in rng.sample(ids, max(1, len(ids) // 20))
    ]
    Favour.objects.bulk_create(favours, batch_size=2000)
    for text in (
        "Un comptable pour ma micro-entreprise",
        "product photography for my shop",
        "someone to redesign our logo",
    ):
        fact_create(owner=owner, person=None, kind="need", text=text)


def measure(size: int, repeat: int, seed: int, baseline_limit: int) -> dict[str, Any]:
    from django.utils import timezone
    from netgen import densify

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.network.radar import radar
    from entregent.network.selectors import tie_signals, tie_strengths
    from entregent.network.services import tie_recompute
    from entregent.network.ties import TieSignals, tie_score
    from entregent.people.models import Connection, Person

    owner = user_create(username=f"ties{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    densify(owner, per_person=10, seed=seed)
    _add_extras(owner, seed)
    generated = time.perf_counter() - started
    ids = list(Person.objects.filter(owner=owner).order_by("id").values_list("id", flat=True))
    connections = Connection.objects.filter(owner=owner).count()
    now = timezone.now()

    def signals() -> Any:
        return tie_signals(owner=owner)

    def scores() -> Any:
        found = tie_signals(owner=owner)
        return [tie_score(found.get(pid) or TieSignals(person_id=pid), now=now) for pid in ids]

    def recompute() -> Any:
        return tie_recompute(owner=owner, apply_circles=True, now=now)

    first = tie_recompute(owner=owner, apply_circles=True, now=now)
    sample = ids if len(ids) <= baseline_limit else ids[:: max(1, len(ids) // baseline_limit)]

    def baseline() -> Any:
        return [tie_score(_baseline_signals(owner, pid), now=now) for pid in sample]

    heavy = max(1, repeat // 2) if size >= 50_000 else repeat
    cases = {
        "signals (4 GROUP BY queries)": _median(signals, heavy),
        "signals + scores": _median(scores, heavy),
        "recompute for everyone": _median(recompute, heavy),
        "tie_strengths (read)": _median(lambda: tie_strengths(owner=owner), repeat),
        "radar": _median(lambda: radar(owner=owner), repeat),
    }
    base_ms = _median(baseline, 1) * len(ids) / len(sample)
    cases["baseline: loop, 4 queries/person"] = base_ms
    # The same result both ways, on the sample: the bulk signals equal the per-person ones.
    bulk = tie_signals(owner=owner)
    for pid in sample[:200]:
        one = _baseline_signals(owner, pid)
        mine = bulk.get(pid) or TieSignals(person_id=pid)
        assert tie_score(one, now=now).score == tie_score(mine, now=now).score, pid
    found = radar(owner=owner)
    return {
        "size": size,
        "connections": connections,
        "generated_s": generated,
        "cases": cases,
        "sampled": len(sample) < len(ids),
        "sample": len(sample),
        "queries": _queries(recompute),
        "circles_changed_first": first.circles_changed,
        "radar": (len(found.revive), len(found.dormant)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--baseline-limit",
        type=int,
        default=2_000,
        help="Above this many people the baseline loop runs on a sample and is scaled.",
    )
    parser.add_argument("--quick", action="store_true", help="1k and 10k, three rounds.")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else args.sizes
    repeat = 3 if args.quick else args.repeat
    with tempfile.TemporaryDirectory(prefix="entregent-bench-ties-") as tmp:
        _setup_django(Path(tmp))
        results = []
        for size in sizes:
            results.append(measure(size, repeat, args.seed, args.baseline_limit))
            print(f"... {size:,} people done", file=sys.stderr, flush=True)
    print(f"{'case (median wall ms)':34} " + " ".join(f"{r['size']:>12,}" for r in results), end="")
    ratio_label = ""
    by_size = {r["size"]: r for r in results}
    if 10_000 in by_size and 100_000 in by_size:
        ratio_label = "   t(100k)/t(10k)"
    print(ratio_label)
    for name in results[0]["cases"]:
        cells = " ".join(f"{r['cases'][name]:12.1f}" for r in results)
        ratio = ""
        if ratio_label:
            ratio = f"   x{by_size[100_000]['cases'][name] / by_size[10_000]['cases'][name]:.1f}"
        print(f"{name:34} {cells}{ratio}")
    for r in results:
        base = r["cases"]["baseline: loop, 4 queries/person"]
        bulk = r["cases"]["signals + scores"]
        full = r["cases"]["recompute for everyone"]
        sampled = f" (loop on {r['sample']:,} people, scaled)" if r["sampled"] else ""
        print(
            f"{r['size']:,} people, {r['connections']:,} connections (generated in "
            f"{r['generated_s']:.0f} s): signals + scores x{base / bulk:.0f} faster than the "
            f"loop, recompute with writes x{base / full:.1f}{sampled}; recompute = "
            f"{r['queries']} queries; first recompute moved {r['circles_changed_first']:,} "
            f"circles; radar lists {r['radar'][0]} + {r['radar'][1]}"
        )
    print("(load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
