"""The brief and common ground on demo networks, and the matching engine over a whole network.

    python bench/matching.py                         # 1k, 10k, 100k people
    python bench/matching.py --sizes 1000 10000 --repeat 20

For each size, a demo network (`entregent.core.demo.demo_generate`: about 10 encounters
and 5 facts per person, connections, events) is generated into its own account of a
throw-away SQLite database; a few facts about "me" are added. Then, for ten people with a
typical history spread over the network:

- `person_brief` (facts, last five encounters, open follow-ups, common ground, questions),
- `common_ground` with me, and between two people,

each timed over --repeat rounds (median and p95 of CPU time; wall time beside), with the
number of queries, which must not change with the size. The ratio to the smallest network
of the same run shows the growth (target ≤ 3).

The engine alone: one need matched against every offer of the network (about one
person in three has one), top 10: through a prebuilt `OfferIndex` (inverted index: only
offers sharing a concept or a word with the need are scored; the build is timed on its
own), through `match_offers_to_needs` (which builds the index for its call), and through
a straightforward loop scoring every offer against the need; same inputs, same run. Texts
are analysed once before timing (the analysis is cached), so every variant measures
matching, not stemming.
"""

from __future__ import annotations

import argparse
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
NEEDS = (
    "photos de produits pour ma boutique",
    "a bookkeeper who understands freelancers",
    "someone to redesign our logo",
)


def _typical_people(owner: Any, count: int = 10) -> list[Any]:
    from django.db.models import Count

    from entregent.people.models import Person

    people = (
        Person.objects.filter(owner=owner)
        .annotate(n=Count("encounters"))
        .filter(n__gte=5)
        .order_by("id")
    )
    total = people.count()
    step = max(1, total // count)
    return [people[i * step] for i in range(min(count, total))]


def _cycle(items: list[Any]) -> Callable[[], Any]:
    position = [0]

    def next_item() -> Any:
        item = items[position[0] % len(items)]
        position[0] += 1
        return item

    return next_item


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.matching.engine import Item, OfferIndex, analyse, match_offers_to_needs
    from entregent.matching.selectors import common_ground, person_brief
    from entregent.people.models import Fact
    from entregent.people.services import fact_create

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    generated = time.perf_counter() - started
    for kind, text in (
        ("offer", "Product photography and branding"),
        ("need", "Un comptable pour ma micro-entreprise"),
        ("interest", "trail running"),
        ("interest", "sourdough"),
    ):
        fact_create(owner=owner, person=None, kind=kind, text=text)
    people = _typical_people(owner)
    pick = _cycle(people)
    pair = _cycle(list(zip(people, people[1:] + people[:1], strict=True)))

    def brief() -> Any:
        return person_brief(owner=owner, person=pick().pk)

    def mine() -> Any:
        return common_ground(owner=owner, person=pick().pk)

    def between() -> Any:
        a, b = pair()
        return common_ground(owner=owner, person=a.pk, other=b.pk)

    cases: dict[str, Any] = {}
    for name, fn in (
        ("brief", brief),
        ("common ground, me", mine),
        ("common ground, two", between),
    ):
        cases[name] = {**_times(fn, repeat), "queries": _queries(fn)}

    offers = [
        Item(pk, text)
        for pk, text in Fact.objects.filter(owner=owner, kind="offer").values_list("id", "text")
    ]
    for item in offers:
        analyse(item.text)
    needs = [Item(f"n{i}", text) for i, text in enumerate(NEEDS)]
    need = _cycle(needs)

    index = OfferIndex(offers)

    def indexed() -> Any:
        return index.match([need()], limit=10)

    def whole() -> Any:
        return match_offers_to_needs(offers, [need()])[:10]

    def loop() -> Any:
        one = need()
        found = [m for offer in offers for m in match_offers_to_needs([offer], [one])]
        return sorted(found, key=lambda m: -m.score)[:10]

    engine_repeat = max(3, repeat // 4)
    build = _times(lambda: OfferIndex(offers), max(3, repeat // 10))
    cases["engine: build the offer index"] = build
    cases["engine: one need, prebuilt index"] = _times(indexed, repeat)
    cases["engine: one need, match_offers_to…"] = _times(whole, engine_repeat)
    cases["baseline: loop over offers"] = _times(loop, engine_repeat)
    top = match_offers_to_needs(offers, [needs[0]])[:3]
    return {
        "size": size,
        "offers": len(offers),
        "generated_s": generated,
        "cases": cases,
        "example": [(m.offer.text, m.score, m.matched) for m in top],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entregent-bench-matching-") as tmp:
        _setup_django(Path(tmp))
        results = [measure(size, args.repeat, args.seed) for size in args.sizes]
    first = results[0]
    print(f"{'case':32} " + " ".join(f"{r['size']:>16,}" for r in results) + "   ratio")
    for name in first["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(f"{c['cpu_median_ms']:7.1f}/{c['cpu_p95_ms']:6.1f}ms" for c in row)
        ratio = row[-1]["cpu_median_ms"] / max(row[0]["cpu_median_ms"], 1e-9)
        queries = sorted({c.get("queries", 0) for c in row})
        extra = f"   queries {queries}" if row[0].get("queries") else ""
        print(f"{name:32} {cells}   x{ratio:.2f}{extra}")
    for r in results:
        engine = r["cases"]["engine: one need, prebuilt index"]["cpu_median_ms"]
        loop = r["cases"]["baseline: loop over offers"]["cpu_median_ms"]
        print(
            f"{r['size']:,} people: {r['offers']:,} offers, generated in {r['generated_s']:.0f} s; "
            f"prebuilt index x{loop / max(engine, 1e-9):.0f} faster than the loop"
        )
    print("best offers for", repr(NEEDS[0]), "at", f"{results[-1]['size']:,}:")
    for text, score, matched in results[-1]["example"]:
        print(f"  {score:.2f}  {text}  ({', '.join(matched)})")
    print("(CPU median/p95 per call; load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
