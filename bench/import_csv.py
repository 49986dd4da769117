"""CSV reading speed and memory on generated files of 1k, 10k and 100k rows.

    python bench/import_csv.py                    # 1k, 10k, 100k rows, three layouts
    python bench/import_csv.py --sizes 1000 10000

For each layout (LinkedIn with its preamble, current Google CSV in UTF-8, a French
semicolon CSV in Windows-1252 read through the suggested mapping) and each size: the time
to read every record (best of --repeat runs), the time per row as a ratio to the 1k file
of the same run (flat = linear), and the tracemalloc peak of a separate run (bounded
memory: the peak must not grow with the file). Files are written to a temporary
directory and read from disk as a real import would. Times are CPU time of this process
(`time.process_time`), so that other work on a shared machine does not skew the ratios;
the wall time of the same best run is shown beside.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from entregent.exchange.csv_formats import read_csv, write_csv  # noqa: E402
from entregent.exchange.records import ContactRecord, Labelled  # noqa: E402

GIVEN = ["Ada", "Grace", "Hélène", "Zoé", "Jürgen", "Amélie", "Bob", "Éric", "Noël", "Søren"]
FAMILY = ["Lovelace", "Hopper", "Dupré", "Müller", "Smith", "Lefèvre", "Ørsted", "Martin"]
COMPANIES = ["Acme", "Crédit Lyonnais", "Société Générale", "Initech", "Globex, Inc."]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def linkedin_rows(n: int, rng: random.Random) -> bytes:
    out = [
        'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\r\n\r\n',
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    ]
    for i in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        email = f"{g.lower()}.{i}@example.org" if i % 3 else ""
        date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2025)}"
        out.append(
            f'{g},{f},https://www.linkedin.com/in/p{i},{email},"{rng.choice(COMPANIES)}",Engineer,{date}\r\n'
        )
    return "".join(out).encode("utf-8")


def google_rows(n: int, rng: random.Random) -> bytes:
    out = [
        "First Name,Middle Name,Last Name,Nickname,Birthday,Notes,Labels,E-mail 1 - Label,"
        "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title,"
        "Address 1 - City,Address 1 - Formatted\r\n"
    ]
    for i in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        note = '"Met at a conference\r\nTalked about ""graphs"""' if i % 10 == 0 else ""
        out.append(
            f"{g},,{f},,1980-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},{note},"
            f"* myContacts ::: Friends,* Work,{g.lower()}.{i}@example.org ::: p{i}@home.org,"
            f'Mobile,+33 6 {i:08d},"{rng.choice(COMPANIES)}",CTO,Lyon,"1 rue X\r\nLyon"\r\n'
        )
    return "".join(out).encode("utf-8")


def french_rows(n: int, rng: random.Random) -> bytes:
    out = ["Nom;Prénom;Courriel;Téléphone portable;Société;Fonction;Ville;Remarques\r\n"]
    for i in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        out.append(
            f"{f};{g};{g.lower()}{i}@exemple.fr;06 {i:08d};{rng.choice(COMPANIES)};Gérant;Nîmes;à revoir \u2013 €\r\n"
        )
    return "".join(out).encode("cp1252")


def entregent_rows(n: int, rng: random.Random) -> bytes:
    import io

    recs = (
        ContactRecord(
            line=0,
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            emails=[Labelled(f"p{i}@example.org", "work")],
            phones=[Labelled(f"+33 6 {i:08d}", "mobile")],
            tags=["a", "b"],
            notes="line one\nline two",
        )
        for i in range(n)
    )
    buf = io.StringIO(newline="")
    write_csv(recs, buf)
    return buf.getvalue().encode("utf-8")


LAYOUTS: dict[str, Callable[[int, random.Random], bytes]] = {
    "linkedin": linkedin_rows,
    "google": google_rows,
    "french cp1252 (generic)": french_rows,
    "entregent (our export)": entregent_rows,
}


def read_all(path: Path) -> tuple[int, int]:
    records = skipped = 0
    with path.open("rb") as f:
        for r in read_csv(f):
            if isinstance(r, ContactRecord):
                records += 1
            else:
                skipped += 1
    return records, skipped


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'layout':26} {'rows':>7} {'MB':>6} {'cpu s':>7} {'wall s':>7} {'µs/row':>7} "
            f"{'ratio':>6} {'peak KB':>8}"
        )
        for name, make in LAYOUTS.items():
            base_per_row = None
            for size in args.sizes:
                path = Path(tmp) / f"{size}.csv"
                path.write_bytes(make(size, rng))
                best = wall = float("inf")
                for _ in range(args.repeat):
                    start, start_wall = time.process_time(), time.perf_counter()
                    count, skipped = read_all(path)
                    cpu = time.process_time() - start
                    if cpu < best:
                        best, wall = cpu, time.perf_counter() - start_wall
                assert count == size, (name, count, skipped)
                tracemalloc.start()
                read_all(path)
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                per_row = best / size
                base_per_row = base_per_row or per_row
                mb = path.stat().st_size / 1e6
                print(
                    f"{name:26} {size:>7} {mb:>6.1f} {best:>7.3f} {wall:>7.3f} {per_row * 1e6:>7.1f} "
                    f"{per_row / base_per_row:>6.2f} {peak / 1024:>8.0f}"
                )


if __name__ == "__main__":
    main()
