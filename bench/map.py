"""The network map's data on demo networks: the time to build its JSON.

    python bench/map.py                      # 1k and 10k people
    python bench/map.py --sizes 1000 10000 100000 --repeat 5
    python bench/map.py --quick              # 1k only, few rounds

For each size, a demo network (`entregent.core.demo.demo_generate`) is generated into its
own account of a throw-away SQLite database and densified by `bench/netgen.py` to about
ten connections per person. Tie strengths are computed once beforehand, as the app does
on first use. Then, each timed over --repeat rounds after one warm-up (CPU median, wall
beside), with its number of queries:

- **whole map**: `network_map` with no filter + `map_data` + `json.dumps`, i.e. what
  `GET /network/map` answers: above 2,000 people, the 2,000 most connected (two GROUP BY
  queries rank everyone), their ties and the radial layout;
- **one circle**: the same filtered to the active circle;
- **one organization**: filtered to an organization of about 20 people;
- **layout only**: `radial_layout` on the whole map's nodes and edges (pure Python).

Reported: people shown, edges drawn, JSON size, and the ratio of each time to the
smallest network's in the same run.
"""

from __future__ import annotations

import argparse
import json
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

DEFAULT_SIZES = (1_000, 10_000)


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    from django.db.models import Count
    from netgen import densify

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.network import map_data as data_module
    from entregent.network.map_data import MapFilters, map_data, network_map
    from entregent.network.map_layout import LayoutLink, LayoutNode, radial_layout
    from entregent.people.models import Connection, Organization, Person

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    densify(owner, per_person=10, seed=seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    data_module._tie_strengths(owner)  # computed once, as on first use
    ties_s = time.perf_counter() - started
    people = Person.objects.filter(owner=owner).count()
    connections = Connection.objects.filter(owner=owner).count()
    org = (
        Organization.objects.filter(owner=owner)
        .annotate(n=Count("people"))
        .filter(n__gte=10, n__lte=40)
        .order_by("id")
        .first()
    )

    def answer(filters: MapFilters | None = None) -> str:
        return json.dumps(map_data(network_map(owner=owner, filters=filters)))

    whole = network_map(owner=owner)
    nodes = [LayoutNode(n.id, n.score, n.circle, n.organization_id) for n in whole.nodes]
    links = [LayoutLink(e.a, e.b, e.weight) for e in whole.edges]
    variants: dict[str, Callable[[], Any]] = {
        "whole map": answer,
        "one circle": lambda: answer(MapFilters(circle="active")),
        "layout only": lambda: radial_layout(nodes, links),
    }
    if org is not None:
        variants["one organization"] = lambda: answer(MapFilters(organization=org))
    results: dict[str, Any] = {}
    for name, fn in variants.items():
        results[name] = {**_times(fn, repeat), "queries": _queries(fn)}
    return {
        "size": size,
        "people": people,
        "connections": connections,
        "generated_s": generated,
        "ties_s": ties_s,
        "shown": len(whole.nodes),
        "edges": len(whole.edges),
        "json_kb": len(answer()) / 1024,
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="1k people, 3 rounds")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeat = [1_000], 3
    with tempfile.TemporaryDirectory(prefix="entregent-bench-map-") as tmp:
        _setup_django(Path(tmp))
        rows = []
        for size in args.sizes:
            row = measure(size, args.repeat, args.seed)
            rows.append(row)
            print(
                f"\n{size:,} people ({row['people']:,} in the account, "
                f"{row['connections']:,} connections; generated in {row['generated_s']:.1f} s, "
                f"tie strengths {row['ties_s']:.1f} s): map shows {row['shown']:,} people, "
                f"{row['edges']:,} edges, JSON {row['json_kb']:.0f} KB",
                flush=True,
            )
            base = rows[0]["results"]
            for name, result in row["results"].items():
                ratio = result["cpu_median_ms"] / max(base[name]["cpu_median_ms"], 1e-9)
                print(
                    f"  {name:<17} cpu {result['cpu_median_ms']:8.1f} ms  "
                    f"wall {result['wall_median_ms']:8.1f} ms  "
                    f"queries {result['queries']:2d}  x{ratio:.2f} vs {rows[0]['size']:,}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
