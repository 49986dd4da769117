"""Capture parser accuracy and speed on the labelled phrases of bench/capture/phrases.jsonl.

    python bench/capture_accuracy.py              # dev and test tables, parse times
    python bench/capture_accuracy.py --errors     # also list the dev set's mismatches

Matching rules are in bench/capture/README.md. Mismatches are only ever listed for the
dev split: the test split is held out from tuning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from entregent.capture.parser import KnownPerson, parse_capture  # noqa: E402

PHRASES = ROOT / "bench" / "capture" / "phrases.jsonl"
FACT_KINDS = ("offer", "need", "interest", "project")
FIELDS = (
    "people", "role", "org", "channel", "date", "where", "introduced_by",
    *(f"fact:{k}" for k in FACT_KINDS), "tags", "followup_date", "followup_topic",
)  # fmt: skip
_STOP = {
    "the", "a", "an", "at", "in", "on", "of", "for", "to", "le", "la", "les", "l", "de", "des",
    "du", "d", "un", "une", "chez", "au", "aux", "à", "en", "my", "her", "his", "s",
}  # fmt: skip


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if w not in _STOP}


def similar(a: str | None, b: str | None) -> bool:
    """Dice overlap of normalised tokens (stop words out) of at least 0.5."""
    if not a or not b:
        return False
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return fold(a).strip() == fold(b).strip()
    return 2 * len(ta & tb) / (len(ta) + len(tb)) >= 0.5


def same_name(a: str, b: str) -> bool:
    """Names match exactly, ignoring case, accents and spacing ("tom baker" = "Tom Baker")."""
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def pair_texts(predicted: list[str], expected: list[str]) -> int:
    """Greedy one-to-one matching; returns the number of matched pairs."""
    left = list(predicted)
    hits = 0
    for item in expected:
        for i, candidate in enumerate(left):
            if similar(candidate, item):
                hits += 1
                del left[i]
                break
    return hits


class Score:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()

    def add(self, field: str, tp: int, pred: int, gold: int) -> None:
        self.tp[field] += tp
        self.pred[field] += pred
        self.gold[field] += gold

    def row(self, field: str) -> tuple[float | None, float | None]:
        p = self.tp[field] / self.pred[field] if self.pred[field] else None
        r = self.tp[field] / self.gold[field] if self.gold[field] else None
        return p, r

    def micro(self) -> tuple[float, float]:
        tp, pred, gold = sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values())
        return (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)


def score_one(parse: Any, expected: dict[str, Any], score: Score, errors: list[str]) -> None:
    got_people = [p.name for p in parse.people]
    gold_people = expected["people"]
    # Pair people by name, then compare their roles and organizations.
    pairs: list[tuple[Any, dict[str, Any]]] = []
    free = list(parse.people)
    for gold in gold_people:
        for i, person in enumerate(free):
            if same_name(person.name, gold["name"]):
                pairs.append((person, gold))
                del free[i]
                break
    score.add("people", len(pairs), len(got_people), len(gold_people))
    for field, attr in (("role", "role"), ("org", "organization")):
        tp = sum(1 for p, g in pairs if g[field] and similar(getattr(p, attr), g[field]))
        pred = sum(1 for p in parse.people if getattr(p, attr))
        gold = sum(1 for g in gold_people if g[field])
        score.add(field, tp, pred, gold)
        if tp != pred or tp != gold:
            errors.append(
                f"  {field}: got {[getattr(p, attr) for p in parse.people]} want {[g[field] for g in gold_people]}"
            )
    if len(pairs) != len(got_people) or len(pairs) != len(gold_people):
        errors.append(f"  people: got {got_people} want {[g['name'] for g in gold_people]}")

    def single(field: str, got: str | None, want: str | None, exact: bool) -> None:
        ok = (got == want) if exact else similar(got, want)
        score.add(field, int(bool(got) and bool(want) and ok), int(bool(got)), int(bool(want)))
        if not (ok or (not got and not want)):
            errors.append(f"  {field}: got {got!r} want {want!r}")

    single("channel", parse.channel, expected["channel"], True)
    single("date", parse.occurred_at.date().isoformat(), expected["date"], True)
    single("where", parse.event or parse.place or None, expected["where"], False)
    intro = parse.introduced_by.name if parse.introduced_by else None
    single("introduced_by", intro, expected["introduced_by"], False)
    got_facts = parse.facts_by_kind()
    for kind in FACT_KINDS:
        got, want = got_facts.get(kind, []), expected["facts"].get(kind, [])
        tp = pair_texts(got, want)
        score.add(f"fact:{kind}", tp, len(got), len(want))
        if tp != len(got) or tp != len(want):
            errors.append(f"  fact:{kind}: got {got} want {want}")
    got_tags = {t.casefold() for t in parse.tags}
    want_tags = {t.casefold() for t in expected["tags"]}
    score.add("tags", len(got_tags & want_tags), len(got_tags), len(want_tags))
    if got_tags != want_tags:
        errors.append(f"  tags: got {sorted(got_tags)} want {sorted(want_tags)}")
    fu, want_fu = parse.followup, expected["followup"]
    got_due = fu.due.isoformat() if fu and fu.due else None
    single("followup_date", got_due, want_fu["date"] if want_fu else None, True)
    got_topic = bool(fu and fu.topic)
    want_topic = bool(want_fu and want_fu["topic"])
    score.add("followup_topic", int(got_topic and want_topic), int(got_topic), int(want_topic))
    if got_topic != want_topic:
        errors.append(f"  followup_topic: got {fu.topic if fu else None!r} want {want_topic}")


def known_people(n: int) -> list[KnownPerson]:
    """A synthetic address book, so that matching costs what it costs for a real one."""
    given = ["Anna", "Bruno", "Chloé", "David", "Emma", "Farid", "Greta", "Hugo", "Inès", "Jonas"]
    family = ["Martin", "Bernard", "Smith", "Nguyen", "Garcia", "Rossi", "Müller", "Dubois"]
    return [
        KnownPerson(i, f"{given[i % 10]} {family[(i // 10) % 8]}{i // 80 or ''}", (f"p{i}@ex.org",))
        for i in range(n)
    ]


def percent(value: float | None) -> str:
    return "  \u2013  " if value is None else f"{100 * value:5.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list the dev split's mismatches")
    parser.add_argument("--known", type=int, default=2000, help="known people for the timing run")
    args = parser.parse_args()
    rows = [json.loads(line) for line in PHRASES.read_text(encoding="utf-8").splitlines() if line]
    splits = list(dict.fromkeys(r["split"] for r in rows))
    scores = {split: Score() for split in splits}
    for row in rows:
        now = dt.datetime.fromisoformat(row["now"])
        parse = parse_capture(row["text"], now=now)
        errors: list[str] = []
        score_one(parse, row["expected"], scores[row["split"]], errors)
        if args.errors and row["split"] == "dev" and errors:
            print(f"[{row['id']}] {row['text']}")
            print("\n".join(errors))
    counts = Counter(r["split"] for r in rows)
    languages = Counter(r["lang"] for r in rows)
    print(
        f"\n{len(rows)} phrases: "
        + ", ".join(f"{split} {counts[split]}" for split in splits)
        + f" (en {languages['en']}, fr {languages['fr']})\n"
    )
    print("| field | " + " | ".join(f"{s} P | {s} R" for s in splits) + " |")
    print("|---|" + "---:|---:|" * len(splits))
    for field in FIELDS:
        cells = []
        for split in splits:
            precision, recall = scores[split].row(field)
            cells += [percent(precision), percent(recall)]
        print(f"| {field} | " + " | ".join(cells) + " |")
    cells = []
    for split in splits:
        precision, recall = scores[split].micro()
        cells += [percent(precision), percent(recall)]
    print("| **micro average** | " + " | ".join(cells) + " |")
    # Timing: every phrase, after one warm-up pass, without and with an address book.
    for label, book in (
        ("no known people", []),
        (f"{args.known} known people", known_people(args.known)),
    ):
        for row in rows:
            parse_capture(row["text"], now=dt.datetime.fromisoformat(row["now"]), known_people=book)
        times = []
        for row in rows:
            now = dt.datetime.fromisoformat(row["now"])
            start = time.perf_counter()
            parse_capture(row["text"], now=now, known_people=book)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(
            f"\nparse time per phrase ({label}): median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
