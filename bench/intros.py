"""Introduction suggestions: all the introductions one person could be part of (their needs
met by someone's offer, their offers meeting someone's need), against a Python loop over
all people.

    python bench/intros.py                         # 1k, 10k, 100k people
    python bench/intros.py --sizes 1000 10000 --repeat 20
    python bench/intros.py --quick                 # 1k and 10k, fewer rounds

For each size, a demo network (`entregent.core.demo.demo_generate`: about 5 facts per
person, a third of people with an offer, a third with a need) is generated into its own
account of a throw-away SQLite database and densified to about ten connections per person
(`bench/netgen.py`, community structure; skip with --no-densify). Ten people with both a
need and an offer are asked about in turn.

- one person, warm (`suggestions_for_person`): the network's offers and needs are indexed
  in memory, so a call is their facts (one query), two queries to see whether the indexes
  are current, the engine's match through the inverted indexes, the pairs to leave out
  (their connections and introductions: two queries) and one query for the people shown;
- the same, cold: indexes dropped first (the first call after offers or needs changed);
- across the network, warm (`suggestions`): the latest 500 needs against every offer;
- baseline: a straightforward Python loop over all people, each person's offers and needs
  already in memory, grouped by person (the baseline reads nothing), scored against the
  person's needs and offers with the same engine, connected pairs left out, one per pair.

Each is timed over --repeat rounds (median and p95 of CPU time); t(largest)/t(previous
size) shows the growth, and the loop's median over the indexed query's, the speed-up. The
semantic extra is switched off (ENTREGENT_SEMANTIC=0): this measures the default matcher.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
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
MIN_SCORE = 0.25


def _baseline(owner: Any, person: Callable[[], Any]) -> Callable[[], Any]:
    """Everyone's offers and needs in memory, grouped by person, and the connections as
    adjacency sets; the returned function loops over all people for the next person."""
    from entregent.matching.engine import Item, analyse, match_offers_to_needs
    from entregent.people.models import Connection, Fact

    offers: dict[int, list[Item]] = defaultdict(list)
    needs: dict[int, list[Item]] = defaultdict(list)
    rows = Fact.objects.filter(
        owner=owner, kind__in=["offer", "need"], person__isnull=False
    ).values_list("id", "person_id", "kind", "text")
    for fact_id, person_id, kind, text in rows:
        (offers if kind == "offer" else needs)[person_id].append(Item(fact_id, text))
        analyse(text)  # analysed once, as the index does: both measure matching
    known: dict[int, set[int]] = defaultdict(set)
    pairs = Connection.objects.filter(owner=owner).values_list("from_person_id", "to_person_id")
    for a, b in pairs:
        known[a].add(b)
        known[b].add(a)
    everyone = list(set(offers) | set(needs))

    def loop() -> Any:
        me = person()
        mine_needs, mine_offers = needs.get(me.pk, []), offers.get(me.pk, [])
        best: dict[int, float] = {}
        for other in everyone:
            if other == me.pk or other in known[me.pk]:
                continue
            found = []
            if mine_needs and offers.get(other):
                found += match_offers_to_needs(offers[other], mine_needs, min_score=MIN_SCORE)
            if mine_offers and needs.get(other):
                found += match_offers_to_needs(mine_offers, needs[other], min_score=MIN_SCORE)
            if found:
                best[other] = max(m.score for m in found)
        return sorted(best.items(), key=lambda kv: -kv[1])[:20]

    return loop


def measure(size: int, repeat: int, seed: int, densify: bool) -> dict[str, Any]:
    from django.db.models import Count, Q

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.matching import synergies
    from entregent.matching.introductions import suggestions, suggestions_for_person
    from entregent.people.models import Connection, Fact, Person

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    if densify:
        from netgen import densify as add_connections

        add_connections(owner, per_person=10, seed=seed)
    generated = time.perf_counter() - started
    connections = Connection.objects.filter(owner=owner).count()
    facts = Fact.objects.filter(owner=owner).count()
    people = list(
        Person.objects.filter(owner=owner)
        .annotate(
            needs=Count("facts", filter=Q(facts__kind="need")),
            offers=Count("facts", filter=Q(facts__kind="offer")),
        )
        .filter(needs__gte=1, offers__gte=1)
        .order_by("id")[:200:20]
    )
    position = [0]

    def person() -> Any:
        position[0] += 1
        return people[position[0] % len(people)]

    def warm() -> Any:
        return suggestions_for_person(owner=owner, person=person(), limit=20)

    def cold() -> Any:
        synergies.clear_cache()
        return suggestions_for_person(owner=owner, person=person(), limit=20)

    def network() -> Any:
        return suggestions(owner=owner, limit=20)

    loop = _baseline(owner, person)

    cases: dict[str, Any] = {}
    slow = max(3, repeat // 5)
    cases["one person, warm"] = {**_times(warm, repeat), "queries": _queries(warm)}
    cases["one person, cold"] = {**_times(cold, slow), "queries": _queries(cold)}
    warm()
    cases["across the network, warm"] = {**_times(network, repeat), "queries": _queries(network)}
    cases["baseline: loop over all people"] = _times(loop, slow)
    found = suggestions_for_person(owner=owner, person=people[0], limit=20)
    return {
        "size": size,
        "facts": facts,
        "connections": connections,
        "generated_s": generated,
        "cases": cases,
        "found": len(found),
        "example": [(s.reason, s.score, s.matched) for s in found[:3]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="1k and 10k, 8 rounds")
    parser.add_argument(
        "--no-densify", action="store_true", help="keep the demo's own connections only"
    )
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else args.sizes
    repeat = 8 if args.quick else args.repeat
    with tempfile.TemporaryDirectory(prefix="entregent-bench-intros-") as tmp:
        _setup_django(Path(tmp), ENTREGENT_SEMANTIC="0")
        results = [measure(size, repeat, args.seed, not args.no_densify) for size in sizes]
    print(f"{'case':32} " + " ".join(f"{r['size']:>16,}" for r in results) + "   growth")
    for name in results[0]["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(f"{c['cpu_median_ms']:7.1f}/{c['cpu_p95_ms']:6.1f}ms" for c in row)
        growth = ""
        if len(row) > 1:
            growth = f"x{row[-1]['cpu_median_ms'] / max(row[-2]['cpu_median_ms'], 1e-9):.2f}"
        queries = sorted({c.get("queries", 0) for c in row})
        extra = f"   queries {queries}" if row[0].get("queries") else ""
        print(f"{name:32} {cells}   {growth}{extra}")
    for r in results:
        warm = r["cases"]["one person, warm"]["cpu_median_ms"]
        loop = r["cases"]["baseline: loop over all people"]["cpu_median_ms"]
        print(
            f"{r['size']:,} people: {r['facts']:,} facts, {r['connections']:,} connections, "
            f"built in {r['generated_s']:.0f} s; {r['found']} suggestions for the first "
            f"person; one person x{loop / max(warm, 1e-9):.0f} faster than the loop"
        )
    print(f"first suggestions at {results[-1]['size']:,}:")
    for reason, score, matched in results[-1]["example"]:
        print(f"  {score:.2f}  {reason}  ({', '.join(matched)})")
    print("(CPU median/p95 per call; load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
