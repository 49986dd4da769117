"""What every benchmark shares: a throw-away SQLite database, timing, query counts.

from harness import queries, setup_django, times
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def setup_django(data_dir: Path, **env: str) -> None:
    """Django on a fresh, migrated SQLite database in `data_dir` (never DATABASE_URL);
    `env` sets further environment variables first (ENTREGENT_SEMANTIC="0"…)."""
    os.environ["ENTREGENT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "entregent.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def times(fn: Callable[[], Any], repeat: int, *, warm: bool = True) -> dict[str, float]:
    """Median and p95 CPU time and median wall time of `repeat` calls, in ms; one call
    first to warm caches unless `warm` is false."""
    if warm:
        fn()
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    cpu.sort()
    return {
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "cpu_p95_ms": cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))] * 1000,
        "wall_median_ms": statistics.median(wall) * 1000,
    }


def queries(fn: Callable[[], Any]) -> int:
    """How many database queries one call makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)
