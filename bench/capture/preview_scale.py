"""Time `capture_preview` (parse + known-people lookup) on networks of 1k, 10k and 100k people.

    python bench/capture/preview_scale.py [--sizes 1000 10000 100000]

Each size runs in its own process with a fresh SQLite database in a temporary data
directory, filled by the demo generator. The captures are the 134 labelled phrases plus
40 that name people of the generated network (so that matching finds candidates).
Prints median and p95 per preview and the ratio of the largest network to the smallest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PHRASES = ROOT / "bench" / "capture" / "phrases.jsonl"


def worker(size: int) -> dict[str, float]:
    os.environ["DJANGO_SETTINGS_MODULE"] = "entregent.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from entregent.accounts.services import user_create
    from entregent.capture.services import capture_preview
    from entregent.core.demo import demo_generate
    from entregent.people.models import Person

    owner = user_create(username="bench", password=secrets.token_urlsafe(16))
    demo_generate(owner=owner, people=size, seed=0)
    texts = [json.loads(line)["text"] for line in PHRASES.read_text(encoding="utf-8").splitlines()]
    step = max(1, size // 40)
    names = list(
        Person.objects.filter(owner=owner)
        .order_by("id")
        .values_list("full_name", flat=True)[::step][:40]
    )
    texts += [f"Met {name} at the café, follow up tomorrow" for name in names]
    now = timezone.make_aware(dt.datetime(2026, 11, 21, 10, 0))
    for text in texts[:20]:
        capture_preview(owner=owner, text=text, now=now)
    times = []
    for text in texts:
        start = time.perf_counter()
        capture_preview(owner=owner, text=text, now=now)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "size": size,
        "previews": len(times),
        "median_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as data_dir:
            env = {**os.environ, "ENTREGENT_DATA_DIR": data_dir}
            out = subprocess.run(
                [sys.executable, __file__, "--worker", str(size)],
                env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            r = results[-1]
            print(
                f"{size:>7,} people: median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms ({r['previews']} previews)",
                flush=True,
            )
    if len(results) > 1:
        ratio = results[-1]["median_ms"] / results[0]["median_ms"]
        p95 = results[-1]["p95_ms"] / results[0]["p95_ms"]
        print(
            f"ratio {results[-1]['size']:,}/{results[0]['size']:,}: median {ratio:.2f}, p95 {p95:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
