"""Backup and restore time and peak memory on demo networks of 1k and 10k people.

    python bench/backup.py                     # 1k and 10k people
    python bench/backup.py --sizes 1000 5000

For each size a fresh SQLite database (its own data directory, migrated) gets a demo
network (`entregent.core.demo`, about 10 encounters and 5 facts per person). Then:

- backup: the whole account written to a file; time (CPU of this process and wall);
- restore: that file loaded into a second, empty account; time;
- peak memory of each, measured apart (tracemalloc slows the run): Python objects only,
  into a third account for the restore.

Times per person are shown as a ratio to the smallest size of the same run: flat means
linear. Memory must stay bounded: the archive is written and read model by model, a chunk
of rows at a time, so the peak should not follow the size of the network (the restore
keeps an id map, 16 bytes per row). Each size runs in its own process.

Figures of 2026-11-22 (SQLite, CPU seconds; wall times were several times higher on a
shared, loaded machine):

     people     rows    MB | backup s ratio peak MB | restore s ratio peak MB
       1000    21377   5.7 |     0.56  1.00     4.3 |      2.19  1.00     7.2
      10000   213781  57.9 |     5.87  1.05     5.2 |     19.58  0.89    10.8
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Throw-away accounts in a throw-away database.
PASSWORD = secrets.token_urlsafe(24)


def _worker(size: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entregent.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.exchange.backup import backup_write, restore

    source = user_create(username="source", password=PASSWORD)
    demo_generate(owner=source, people=size, seed=5)
    path = Path(os.environ["ENTREGENT_DATA_DIR"]) / "backup.json"

    def do_backup() -> None:
        with path.open("w", encoding="utf-8") as stream:
            backup_write(owner=source, stream=stream)

    def do_restore(name: str) -> int:
        target = user_create(username=name, password=PASSWORD)
        with path.open("rb") as stream:
            return restore(owner=target, stream=stream).total

    cpu, wall = time.process_time(), time.perf_counter()
    do_backup()
    backup_cpu, backup_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    rows = do_restore("restored")
    restore_cpu, restore_wall = time.process_time() - cpu, time.perf_counter() - wall

    tracemalloc.start()
    do_backup()
    backup_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    do_restore("measured")
    restore_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "people": size,
        "rows": rows,
        "mb": path.stat().st_size / 1e6,
        "backup_cpu": backup_cpu,
        "backup_wall": backup_wall,
        "restore_cpu": restore_cpu,
        "restore_wall": restore_wall,
        "backup_peak_mb": backup_peak / 1e6,
        "restore_peak_mb": restore_peak / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker)))
        return
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as data_dir:
            env = {**os.environ, "ENTREGENT_DATA_DIR": data_dir}
            env.pop("DATABASE_URL", None)
            out = subprocess.run(
                [sys.executable, __file__, "--worker", str(size)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
    base = results[0]
    print(
        f"{'people':>7} {'rows':>9} {'MB':>6} | {'backup s':>8} {'wall':>6} {'ratio':>6} "
        f"{'peak MB':>7} | {'restore s':>9} {'wall':>6} {'ratio':>6} {'peak MB':>7}"
    )
    for r in results:
        scale = r["people"] / base["people"]
        print(
            f"{r['people']:>7} {r['rows']:>9} {r['mb']:>6.1f} | "
            f"{r['backup_cpu']:>8.2f} {r['backup_wall']:>6.2f} "
            f"{r['backup_cpu'] / base['backup_cpu'] / scale:>6.2f} {r['backup_peak_mb']:>7.1f} | "
            f"{r['restore_cpu']:>9.2f} {r['restore_wall']:>6.2f} "
            f"{r['restore_cpu'] / base['restore_cpu'] / scale:>6.2f} {r['restore_peak_mb']:>7.1f}"
        )
    print("ratio: time per person against the smallest size (1.00 = linear)")


if __name__ == "__main__":
    main()
