"""Read generated vCard files of 1k, 10k and 100k cards: time, and peak memory stays flat.

    python bench/import_vcard.py [--sizes 1000 10000 100000] [--version 3.0]

Each file is written to a temporary directory by `write_vcards` (so it exercises the
writer too), from records with names in several scripts, 1-3 e-mails and phones with
labels, an address, a birthday, tags, a folded note, vendor X- properties and, one card in
ten, a 6 KB base64 photo. `read_vcards` then reads it back from disk:

- timed without tracemalloc (median of 3 runs; 1 run above 10k cards): CPU seconds of
  the process (the ratios use them: wall time on a shared machine follows its load) and
  wall seconds beside, cards per CPU second, MB per CPU second;
- a separate, untimed run under tracemalloc: the peak of Python allocations while
  streaming the whole file (records are counted and dropped, as an importer that
  writes in batches would do).

Streaming means the peak is about the same at 1k and 100k: the table shows each figure
and its ratio to the smallest size. Parsing alone; the import service adds matching and
database writes on top of it.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from entregent.exchange.records import ContactRecord, KeptValue, Labelled  # noqa: E402
from entregent.exchange.vcard import read_vcards, write_vcards  # noqa: E402

GIVEN = ["Anna", "Jürgen", "Camille", "Søren", "Łucja", "Пётр", "太郎", "Amélie", "José", "Chloé"]
FAMILY = [
    "Müller",
    "Martin",
    "Kierkegaard",
    "Żółć",
    "Иванов",
    "山田",
    "Dubois",
    "García",
    "Lefèvre",
]
CITIES = ["Paris", "Lyon", "Berlin", "Montréal", "東京", "Kraków", "Москва"]
LABELS = ["home", "work", "cell", "home,fax", "Conference badge", ""]


def records(count: int, seed: int = 7) -> list[ContactRecord]:
    rng = random.Random(seed)
    photo = base64.b64encode(rng.randbytes(4500)).decode("ascii")
    out = []
    for i in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        kept = [
            KeptValue("X-PHONETIC-FIRST-NAME", given),
            KeptValue("item9.X-ABDATE", "2015-06-01"),
        ]
        kept.append(KeptValue("item9.X-ABLabel", "_$!<Anniversary>!$_"))
        if i % 10 == 0:
            kept.append(KeptValue("PHOTO", photo, "ENCODING=b;TYPE=JPEG"))
        out.append(
            ContactRecord(
                line=0,
                full_name=f"{given} {family}",
                given_name=given,
                family_name=family,
                organization=f"Company {i % 997}",
                department="R&D; Lab",
                role="Engineer",
                emails=[
                    Labelled(f"p{i}.{k}@example.com", rng.choice(LABELS))
                    for k in range(rng.randint(1, 3))
                ],
                phones=[
                    Labelled(f"+33 6 {i:08d}", rng.choice(LABELS)) for _ in range(rng.randint(1, 3))
                ],
                links=[Labelled(f"https://www.linkedin.com/in/p{i}", "linkedin")],
                city=rng.choice(CITIES),
                country="France",
                birthday=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 20000)),
                tags=["conference", f"batch-{i % 20}"],
                notes="Met at the conference; talked about bikes, bread and the weather.\n" * 3,
                source_key=f"urn:uuid:{i:032x}",
                kept=kept,
            )
        )
    return out


def write_file(path: Path, count: int, version: str) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        for chunk in write_vcards(records(count), version=version):
            out.write(chunk)
    return path.stat().st_size


def read_all(path: Path) -> int:
    cards = 0
    with path.open("rb") as stream:
        for _record in read_vcards(stream):
            cards += 1
    return cards


def measure(path: Path, count: int) -> dict[str, float]:
    times, walls = [], []
    for _ in range(3 if count <= 10_000 else 1):
        start, wall = time.process_time(), time.perf_counter()
        cards = read_all(path)
        times.append(time.process_time() - start)
        walls.append(time.perf_counter() - wall)
        assert cards == count, (cards, count)
    tracemalloc.start()
    read_all(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    seconds = statistics.median(times)
    return {"seconds": seconds, "wall": statistics.median(walls), "peak_mb": peak / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--version", default="4.0", choices=["4.0", "3.0"])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"cards-{size}.vcf"
            file_bytes = write_file(path, size, args.version)
            result = measure(path, size)
            rows.append((size, file_bytes, result))
            path.unlink()
            print(f"  {size} cards done", file=sys.stderr)
    base_size, _base_bytes, base = rows[0]
    print(
        f"vCard {args.version} read_vcards, median of 3 runs (1 above 10k); peak = tracemalloc peak"
    )
    print(
        f"{'cards':>8} {'file MB':>8} {'cpu s':>7} {'wall s':>7} {'cards/s':>8} {'MB/s':>5} "
        f"{'peak MB':>8} {'t ratio':>8} {'peak ratio':>10}"
    )
    for size, file_bytes, result in rows:
        seconds, peak = result["seconds"], result["peak_mb"]
        print(
            f"{size:>8} {file_bytes / 1e6:>8.1f} {seconds:>7.2f} {result['wall']:>7.2f} "
            f"{size / seconds:>8.0f} {file_bytes / 1e6 / seconds:>5.1f} {peak:>8.2f} "
            f"{seconds / base['seconds']:>8.1f} {peak / base['peak_mb']:>10.2f}"
        )
    print(
        f"(ratios against {base_size} cards, on CPU time; linear time is a t ratio equal to the size ratio)"
    )


if __name__ == "__main__":
    main()
