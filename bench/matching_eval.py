"""Matching quality on a labelled set: precision@5 and recall@10 of "who can help with …".

    python bench/matching_eval.py                 # lexical (and semantic when installed)
    python bench/matching_eval.py --failures      # what the tuning split misses
    python bench/matching_eval.py --json

The set, bench/data/matching_eval.json, was written by hand for Entregent: 66 people with
offers in English or French and one need each, and for every need the people whose offers
meet it. For each need, every other person's offers are matched against it (the engine's
`OfferIndex`, as `who_can_help` does), people are ranked by their best offer, and

- precision@5 = relevant people in the first five / 5 (at most |relevant| / 5, since a
  need has one to four right answers; `p@5 max` says what a perfect ranking would get),
- recall@10 = relevant people in the first ten / |relevant|,
- MRR = 1 / rank of the first relevant person,

macro-averaged over needs, for the tuning split (the vocabulary was extended from its
failures, and only its failures are ever printed) and the held-out split (never tuned
on), by the need's language, and for cross-language needs (a right answer's offer is in
the other language).

With the optional extra installed (`pip install entregent[semantic]`, e.g. in a separate
virtual environment), the same needs are ranked by sentence embeddings alone and by the
blend the app uses (`engine.semantic.SemanticScorer`), so the table compares them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from entregent.matching.engine import Item, Match, OfferIndex, semantic  # noqa: E402

DATA = ROOT / "bench" / "data" / "matching_eval.json"

Ranker = Callable[[dict[str, Any]], list[str]]


def load(path: Path = DATA) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _offers(data: dict[str, Any]) -> list[Item]:
    return [
        Item((person["id"], number), text)
        for person in data["people"]
        for number, text in enumerate(person["offers"])
    ]


def _people(matches: Sequence[Match], exclude: str) -> list[str]:
    ranked: list[str] = []
    for match in sorted(matches, key=lambda m: (-m.score, str(m.offer.key))):
        person = match.offer.key[0]  # type: ignore[index]
        if person != exclude and person not in ranked:
            ranked.append(person)
    return ranked


def lexical_ranker(data: dict[str, Any]) -> Ranker:
    index = OfferIndex(_offers(data))

    def rank(need: dict[str, Any]) -> list[str]:
        matches = index.match([Item(need["id"], need["text"])])
        return _people(matches, need["person"])

    return rank


def semantic_ranker(
    data: dict[str, Any], scorer: semantic.SemanticScorer, weight: float, min_score: float
) -> Ranker:
    offers = _offers(data)
    index = OfferIndex(offers)
    scorer.vectors([o.text for o in offers])  # embed once, outside the timing of needs

    def rank(need: dict[str, Any]) -> list[str]:
        item = Item(need["id"], need["text"])
        lexical = index.match([item]) if weight < 1 else []
        scorer.weight = weight
        found = scorer.blend(item, offers, lexical, min_score=min_score)
        return _people(found, need["person"])

    return rank


def evaluate(data: dict[str, Any], rank: Ranker) -> dict[str, Any]:
    rows = []
    for need in data["needs"]:
        ranked = rank(need)
        relevant = set(need["relevant"])
        first = next((i for i, p in enumerate(ranked, start=1) if p in relevant), None)
        rows.append(
            {
                "need": need,
                "ranked": ranked[:10],
                "p5": len(relevant & set(ranked[:5])) / 5,
                "p5_max": min(5, len(relevant)) / 5,
                "r10": len(relevant & set(ranked[:10])) / len(relevant),
                "rr": 1 / first if first else 0.0,
            }
        )
    return {"rows": rows}


GROUPS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "all": lambda n: True,
    "tune": lambda n: n["split"] == "tune",
    "held-out": lambda n: n["split"] == "held_out",
    "need in English": lambda n: n["language"] == "en",
    "need in French": lambda n: n["language"] == "fr",
    "held-out, English": lambda n: n["split"] == "held_out" and n["language"] == "en",
    "held-out, French": lambda n: n["split"] == "held_out" and n["language"] == "fr",
}


def summary(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for name, keep in GROUPS.items():
        rows = [r for r in result["rows"] if keep(r["need"])]
        if not rows:
            continue
        table[name] = {
            "needs": len(rows),
            "p@5": round(statistics.mean(r["p5"] for r in rows), 3),
            "p@5 max": round(statistics.mean(r["p5_max"] for r in rows), 3),
            "r@10": round(statistics.mean(r["r10"] for r in rows), 3),
            "mrr": round(statistics.mean(r["rr"] for r in rows), 3),
        }
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'needs':<20} {'n':>3} {'p@5':>6} {'p@5 max':>8} {'r@10':>6} {'MRR':>6}")
    for name, row in table.items():
        print(
            f"  {name:<20} {row['needs']:>3} {row['p@5']:>6.3f} {row['p@5 max']:>8.3f} "
            f"{row['r@10']:>6.3f} {row['mrr']:>6.3f}"
        )


def print_failures(result: dict[str, Any], people: dict[str, Any]) -> None:
    print("\nTuning split, needs with a right answer missing from the first ten:")
    for row in result["rows"]:
        need = row["need"]
        if need["split"] != "tune" or row["r10"] == 1:
            continue
        missing = [p for p in need["relevant"] if p not in row["ranked"]]
        print(f"  {need['id']} [{need['language']}] {need['text']!r}")
        for person in missing:
            print(f"      missing {person}: {people[person]['offers']}")
        print(f"      got {row['ranked'][:5]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--failures", action="store_true", help="list the tuning split's misses")
    parser.add_argument("--no-semantic", action="store_true", help="lexical only")
    parser.add_argument(
        "--weight",
        type=float,
        default=semantic.DEFAULT_WEIGHT,
        help="the semantic share of the blend",
    )
    parser.add_argument("--json", action="store_true", help="print the tables as JSON")
    args = parser.parse_args(argv)
    data = load(args.data)
    people = {p["id"]: p for p in data["people"]}
    print(
        f"{len(data['people'])} people, {sum(len(p['offers']) for p in data['people'])} offers, "
        f"{len(data['needs'])} needs "
        f"({sum(n['split'] == 'tune' for n in data['needs'])} tuning, "
        f"{sum(n['split'] == 'held_out' for n in data['needs'])} held out; "
        f"{sum(n['cross_language'] for n in data['needs'])} with a right answer in the other "
        "language)"
    )
    tables: dict[str, Any] = {}
    lexical = evaluate(data, lexical_ranker(data))
    tables["lexical"] = summary(lexical)
    if args.failures:
        print_failures(lexical, people)
    embedder = None if args.no_semantic else semantic.load_embedder()
    if embedder is None:
        print("\nSemantic extra not installed (or --no-semantic): lexical only.")
    else:
        scorer = semantic.SemanticScorer(embedder)
        started = time.perf_counter()
        # Meaning alone ranks every offer (no cut); the blend keeps the app's cut (0.2).
        alone = semantic_ranker(data, scorer, 1.0, 0.0)
        tables["semantic only"] = summary(evaluate(data, alone))
        blend = evaluate(data, semantic_ranker(data, scorer, args.weight, 0.2))
        tables[f"blend (weight {args.weight})"] = summary(blend)
        print(f"\n(semantic: {time.perf_counter() - started:.1f} s for both rankings)")
        if args.failures:
            print_failures(blend, people)
    if args.json:
        print(json.dumps(tables, indent=2))
        return 0
    for title, table in tables.items():
        print_table(title, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
