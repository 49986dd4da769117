"""Synergies across a whole network: top-10 for one need, ways to help, who can help me,
and "share this", against a Python loop over all people.

    python bench/synergies.py                         # 1k, 10k, 100k people
    python bench/synergies.py --sizes 1000 10000 --repeat 20
    python bench/synergies.py --quick                 # 1k and 10k, fewer rounds

For each size, a demo network (`entregent.core.demo.demo_generate`: about 5 facts per
person, a third of people with an offer, a third with a need) is generated into its own
account of a throw-away SQLite database, with a few facts about "me". The semantic extra
is switched off (ENTREGENT_SEMANTIC=0): this measures the default matcher.

- top-10 for one need (`synergies_for_need`), warm: the network's offers are indexed in
  memory, so a call is one query to see whether the offers changed, the engine's match
  through its inverted index, and one query for the ten people;
- the same, cold: the index is dropped first, so the offers are read (one `values_list`)
  and indexed again (what the first call after a change of offers costs);
- ways to help and who can help me (my offers and needs against everyone's), warm;
- share this: an article's text against everyone's interests, projects and needs, warm;
- baseline: a straightforward Python loop over all people, each person's offers (already
  in memory, grouped by person: the baseline reads nothing) scored against the need with
  the same engine, best offer per person, top ten.

Each is timed over --repeat rounds (median and p95 of CPU time); t(largest)/t(previous
size) shows the growth, and the loop's median over the indexed query's, the speed-up.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from harness import queries as _queries  # noqa: E402
from harness import setup_django as _setup_django  # noqa: E402
from harness import times as _times  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
NEEDS = (
    "photos de produits pour ma boutique",
    "a bookkeeper who understands freelancers",
    "someone to redesign our logo",
)
ARTICLE = (
    "Five lessons from running a small ceramics studio: pricing your work, photographing "
    "products for an online shop, finding a bookkeeper, and keeping time for trail running "
    "and sourdough on weekends."
)


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.matching import synergies
    from entregent.matching.engine import Item, analyse, match_offers_to_needs
    from entregent.matching.share import share_suggest
    from entregent.people.models import Fact
    from entregent.people.services import fact_create

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    generated = time.perf_counter() - started
    for kind, text in (
        ("offer", "Bookkeeping and branding for small studios"),
        ("offer", "Photographie de produits"),
        ("need", "Un comptable pour ma micro-entreprise"),
        ("need", "someone to build our website"),
    ):
        fact_create(owner=owner, person=None, kind=kind, text=text)
    facts = Fact.objects.filter(owner=owner).count()
    position = [0]

    def need() -> str:
        position[0] += 1
        return NEEDS[position[0] % len(NEEDS)]

    def warm() -> Any:
        return synergies.synergies_for_need(owner=owner, need=need())

    def cold() -> Any:
        synergies.clear_cache()
        return synergies.synergies_for_need(owner=owner, need=need())

    def helping() -> Any:
        return synergies.ways_to_help(owner=owner, limit=10)

    def asking() -> Any:
        return synergies.who_can_help(owner=owner, limit=10)

    def share() -> Any:
        return share_suggest(owner=owner, text=ARTICLE, limit=10)

    # The baseline: every person's offers in memory, grouped; a loop over all people.
    by_person: dict[int, list[Item]] = defaultdict(list)
    rows = Fact.objects.filter(owner=owner, kind="offer", person__isnull=False).values_list(
        "id", "person_id", "text"
    )
    for fact_id, person_id, text in rows:
        by_person[person_id].append(Item(fact_id, text))
        analyse(text)  # analysed once, as the index does: both measure matching

    def loop() -> Any:
        one = Item("need", need())
        best: list[tuple[float, int]] = []
        for person_id, offers in by_person.items():
            found = match_offers_to_needs(offers, [one])
            if found:
                best.append((found[0].score, person_id))
        best.sort(reverse=True)
        return best[:10]

    cases: dict[str, Any] = {}
    slow = max(3, repeat // 5)
    cases["top-10 for one need, warm"] = {**_times(warm, repeat), "queries": _queries(warm)}
    cases["top-10 for one need, cold"] = {**_times(cold, slow), "queries": _queries(cold)}
    warm()
    cases["ways to help, warm"] = {**_times(helping, repeat), "queries": _queries(helping)}
    cases["who can help me, warm"] = {**_times(asking, repeat), "queries": _queries(asking)}
    cases["share this, warm"] = {**_times(share, repeat), "queries": _queries(share)}
    cases["baseline: loop over all people"] = _times(loop, slow)
    example = synergies.synergies_for_need(owner=owner, need=NEEDS[0])[:3]
    return {
        "size": size,
        "facts": facts,
        "offers": sum(len(v) for v in by_person.values()),
        "generated_s": generated,
        "cases": cases,
        "example": [(s.person.full_name, s.score, s.matches[0].offer) for s in example],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="1k and 10k, 8 rounds")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else args.sizes
    repeat = 8 if args.quick else args.repeat
    with tempfile.TemporaryDirectory(prefix="entregent-bench-synergies-") as tmp:
        _setup_django(Path(tmp), ENTREGENT_SEMANTIC="0")
        results = []
        for size in sizes:
            results.append(measure(size, repeat, args.seed))
            print(f"measured {size:,} people", file=sys.stderr, flush=True)
    print(f"{'case':34} " + " ".join(f"{r['size']:>16,}" for r in results) + "   growth")
    for name in results[0]["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(f"{c['cpu_median_ms']:8.2f}/{c['cpu_p95_ms']:7.2f}" for c in row)
        growth = ""
        if len(row) > 1:
            growth = f"x{row[-1]['cpu_median_ms'] / max(row[-2]['cpu_median_ms'], 1e-9):.2f}"
        queries = sorted({c["queries"] for c in row if "queries" in c})
        extra = f"   queries {queries}" if queries else ""
        print(f"{name:34} {cells}   {growth}{extra}")
    for r in results:
        warm = r["cases"]["top-10 for one need, warm"]["cpu_median_ms"]
        loop = r["cases"]["baseline: loop over all people"]["cpu_median_ms"]
        print(
            f"{r['size']:,} people: {r['facts']:,} facts, {r['offers']:,} offers, generated in "
            f"{r['generated_s']:.0f} s; top-10 warm x{loop / max(warm, 1e-9):.0f} faster than "
            "the loop over all people"
        )
    print("top 3 for", repr(NEEDS[0]), "at", f"{results[-1]['size']:,}:")
    for name, score, offer in results[-1]["example"]:
        print(f"  {score:.2f}  {name}: {offer}")
    print(
        "(CPU ms median/p95 per call; growth: last size over the one before; load average",
        os.getloadavg(),
        ")",
    )


if __name__ == "__main__":
    main()
