"""Import generated address books of 1k, 10k and 100k people into SQLite: time and memory.

    python bench/import_people.py [--sizes 1000 10000 100000] [--kinds vcard linkedin]

For each kind (a vCard 3.0 file, a LinkedIn `Connections.csv`) and size, a child process
gets a fresh data directory (SQLite, migrated), writes the file (streamed, never held
whole), then:

- parses it alone (the reader, records counted and dropped): seconds;
- imports it for a first account through `services.import_file` (the same path as the
  CLI, the web page and the API: matching in batches, one transaction): seconds, people
  per second, the ratio import / parse, and the per-person time against the 1k run;
- imports it again for a second account under tracemalloc: the peak of Python
  allocations, which must not grow with the file (bounded memory);
- also measures CPU time (steadier than wall time when the machine is shared);
- reports the process's peak RSS (ru_maxrss; the whole child: generation, both imports).

Children keep the peaks of one size apart from another's. Figures go to stdout as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

GIVEN = ["Anna", "Jürgen", "Camille", "Søren", "Łucja", "Amélie", "José", "Chloé", "Priya", "Kofi"]
FAMILY = ["Müller", "Martin", "Dubois", "García", "Lefèvre", "Okafor", "Nakamura", "Kowalski"]
COMPANIES = ["Blue Bottle", "Atelier Nord", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"]
TITLES = ["Designer", "CTO", "Founder", "Product manager", "Photographer", "Engineer"]
CITIES = ["Paris", "Lyon", "Berlin", "Montréal", "Kraków", "Lisbon"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _person(rng: random.Random, i: int) -> dict[str, str]:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    return {
        "given": given,
        "family": f"{family}{i}",
        "email": f"person{i}@example.org",
        "phone": f"+33 6 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d} {rng.randint(10, 99)}",
        "org": rng.choice(COMPANIES),
        "title": rng.choice(TITLES),
        "city": rng.choice(CITIES),
        "url": f"https://www.linkedin.com/in/person-{i}",
    }


def write_vcard(path: Path, count: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(count):
            p = _person(rng, i)
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:{p['given']} {p['family']}\r\nN:{p['family']};{p['given']};;;\r\n"
                f"ORG:{p['org']}\r\nTITLE:{p['title']}\r\n"
                f"EMAIL;TYPE=work:{p['email']}\r\nTEL;TYPE=cell:{p['phone']}\r\n"
                f"ADR;TYPE=home:;;;{p['city']};;;France\r\n"
                f"URL:{p['url']}\r\nCATEGORIES:imported,{p['org'].split()[0]}\r\n"
                f"X-ABUID:{i:08d}-bench\r\nUID:urn:uuid:bench-{i}\r\n"
                "NOTE:Met at a meetup\\, talked about photography.\r\n"
                "END:VCARD\r\n"
            )


def write_linkedin(path: Path, count: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write('Notes:\n"When exporting your connection data, you may notice..."\n\n')
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        for i in range(count):
            p = _person(rng, i)
            email = p["email"] if i % 5 == 0 else ""
            day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2012, 2025)}"
            out.write(
                f"{p['given']},{p['family']},{p['url']},{email},{p['org']},{p['title']},{day}\n"
            )


def _setup(data_dir: Path) -> None:
    os.environ["ENTREGENT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "entregent.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def one(kind: str, size: int) -> dict[str, Any]:
    """One size of one kind, in this (child) process."""
    data_dir = Path(tempfile.mkdtemp(prefix="entregent-bench-import-"))
    _setup(data_dir)
    from entregent.accounts.services import user_create
    from entregent.exchange.services import import_file, open_records

    path = data_dir / ("people.vcf" if kind == "vcard" else "Connections.csv")
    (write_vcard if kind == "vcard" else write_linkedin)(path, size)
    fmt = "vcard" if kind == "vcard" else "linkedin"

    start, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as stream:
        parsed = sum(1 for _ in open_records(stream, fmt=fmt))
    parse_s, parse_cpu = time.perf_counter() - start, time.process_time() - cpu

    first = user_create(username="first", password=secrets.token_urlsafe())
    start, cpu = time.perf_counter(), time.process_time()
    _fmt, report = import_file(owner=first, path=path, fmt=fmt)
    import_s, import_cpu = time.perf_counter() - start, time.process_time() - cpu

    second = user_create(username="second", password=secrets.token_urlsafe())
    tracemalloc.start()
    import_file(owner=second, path=path, fmt=fmt)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "kind": kind,
        "size": size,
        "file_mb": path.stat().st_size / 1e6,
        "parsed": parsed,
        "new": report.new + report.duplicates,
        "skipped": report.skipped,
        "parse_s": parse_s,
        "import_s": import_s,
        "parse_cpu": parse_cpu,
        "import_cpu": import_cpu,
        "peak_mb": peak / 1e6,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--kinds", nargs="+", default=["vcard", "linkedin"])
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return 0
    print(
        f"{'kind':9} {'people':>7} {'MB':>6} {'parse s':>8} {'import s':>9} {'people/s':>9} "
        f"{'imp/parse':>9} {'per-person x1k':>14} {'cpu s':>7} {'cpu x1k':>7} "
        f"{'peak MB':>8} {'x1k':>5} {'RSS MB':>7}"
    )
    for kind in args.kinds:
        base: dict[str, Any] | None = None
        for size in args.sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(size)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            base = base or r
            per_person = (r["import_s"] / r["size"]) / (base["import_s"] / base["size"])
            # CPU time per person: steadier than wall time on a shared, loaded machine.
            cpu_ratio = (r["import_cpu"] / r["size"]) / (base["import_cpu"] / base["size"])
            print(
                f"{kind:9} {r['size']:>7} {r['file_mb']:>6.1f} {r['parse_s']:>8.2f} "
                f"{r['import_s']:>9.2f} {r['size'] / r['import_s']:>9.0f} "
                f"{r['import_s'] / r['parse_s']:>9.1f} {per_person:>14.2f} "
                f"{r['import_cpu']:>7.1f} {cpu_ratio:>7.2f} "
                f"{r['peak_mb']:>8.1f} {r['peak_mb'] / base['peak_mb']:>5.2f} {r['rss_mb']:>7.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
