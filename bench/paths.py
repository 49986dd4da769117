"""Introduction paths and brokers on demo networks, against networkx in the same run.

    python bench/paths.py                       # 1k, 10k, 100k people
    python bench/paths.py --sizes 1000 10000 --repeat 20
    python bench/paths.py --quick               # 1k only, few rounds

For each size, a demo network (`entregent.core.demo.demo_generate`) is generated into its
own account of a throw-away SQLite database and densified by `bench/netgen.py` to about
ten connections per person (100k people: about 1M connections), mostly within an
organization or a city. Tie strengths are computed once (`tie_recompute`), as the app does
on first use. Then:

- **paths to an organization**: `path_target(org=…)` + `introduction_paths` (top 5, each
  step explained, a draft each) for organizations of 3 to 60 people, cycling; everything
  from the database, as a request does;
- **brokers, cold**: `network_brokers` with its per-owner cache emptied (the whole graph
  read from the database, the group-level shortlist, Burt's constraint on 200 candidates);
- **brokers, warm**: `network_brokers` again with the network unchanged (the cache's
  version check and the top ten's rows).

Baselines, same run, same edges and weights, on a networkx graph built beforehand (its
construction is not timed, which favours the baseline):

- **nx warmest path**: `nx.single_source_dijkstra` from a "me" node tied to everyone
  (cost -log tie) to a node standing for the organization (cost 0 from each member), cost
  -log weight on each edge: the single warmest path with no hop limit, i.e. less than the
  app computes (one path instead of five with distinct first people);
- **load + nx warmest path**: the same, but reading the whole graph from the database and
  building the networkx graph in the call, as a request without the neighbourhood reads
  would (3 rounds);
- **nx constraint**: `nx.constraint` (Burt's, weighted) over every person, the exact
  quantity the app approximates by its shortlist. Above `--nx-constraint-max` people it is
  timed on a random sample of people and scaled to the whole network (it is a sum of
  per-person computations), and reported as an estimate.

Times are CPU medians (wall beside) over --repeat rounds after one warm-up.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from harness import queries as _queries  # noqa: E402
from harness import setup_django as _setup_django  # noqa: E402
from harness import times as _times  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)


def _organizations(owner: Any, count: int = 10) -> list[int]:
    from django.db.models import Count

    from entregent.people.models import Organization

    orgs = list(
        Organization.objects.filter(owner=owner)
        .annotate(n=Count("people"))
        .filter(n__gte=3, n__lte=60)
        .order_by("id")
        .values_list("id", flat=True)
    )
    step = max(1, len(orgs) // count)
    return orgs[::step][:count]


def measure(size: int, repeat: int, seed: int, nx_constraint_max: int) -> dict[str, Any]:  # noqa: PLR0915
    import networkx as nx
    from netgen import densify

    from entregent.accounts.services import user_create
    from entregent.core.demo import demo_generate
    from entregent.network import paths
    from entregent.network.services import tie_recompute
    from entregent.people.models import Connection, Person

    owner = user_create(username=f"bench{size}", password="bench-" + os.urandom(8).hex())
    started = time.perf_counter()
    demo_generate(owner=owner, people=size, seed=seed)
    densify(owner, per_person=10, seed=seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    tie_recompute(owner=owner)
    ties_s = time.perf_counter() - started
    connections = Connection.objects.filter(owner=owner).count()
    people = Person.objects.filter(owner=owner).count()

    orgs = _organizations(owner)
    position = [0]

    def next_org() -> str:
        org = orgs[position[0] % len(orgs)]
        position[0] += 1
        return str(org)

    found_paths: list[int] = []

    def to_org() -> Any:
        target = paths.path_target(owner=owner, org=next_org())
        answer = paths.introduction_paths(owner=owner, target=target)
        found_paths.append(len(answer.paths))
        return answer

    def brokers_cold() -> Any:
        paths._BROKER_CACHE.clear()
        return paths.network_brokers(owner=owner)

    def brokers_warm() -> Any:
        return paths.network_brokers(owner=owner)

    cases: dict[str, Any] = {}
    cases["paths to an organization"] = {**_times(to_org, repeat), "queries": _queries(to_org)}
    cold_repeat = max(3, repeat // 5)
    cases["brokers, cold"] = {
        **_times(brokers_cold, cold_repeat),
        "queries": _queries(brokers_cold),
    }
    cases["brokers, warm"] = {**_times(brokers_warm, repeat), "queries": _queries(brokers_warm)}

    # The same graph for networkx: the app's own edges and weights, my ties from the app.
    ties = paths.my_ties(owner=owner)
    graph = nx.Graph()
    for edge in paths._edges(owner, None):
        graph.add_edge(edge.a, edge.b, weight=edge.weight, cost=-math.log(edge.weight))
    graph.add_node("me")
    for person, tie in ties.items():
        if tie >= paths.engine.MIN_FIRST_TIE:
            graph.add_edge("me", person, cost=-math.log(tie))
    members: dict[int, list[int]] = {}
    for org in orgs:
        members[org] = list(
            Person.objects.filter(owner=owner, organization_id=org, archived=False).values_list(
                "id", flat=True
            )
        )
    nx_position = [0]

    def nx_path() -> Any:
        org = orgs[nx_position[0] % len(orgs)]
        nx_position[0] += 1
        graph.add_node("target")
        for person in members[org]:
            if person in graph:
                graph.add_edge(person, "target", cost=0.0)
        try:
            return nx.single_source_dijkstra(graph, "me", target="target", weight="cost")
        except nx.NetworkXNoPath:
            return None
        finally:
            graph.remove_node("target")

    cases["nx warmest path (baseline)"] = _times(nx_path, max(3, repeat // 4))

    def nx_request() -> Any:
        # What a request would do without the neighbourhood reads: the whole graph.
        whole = nx.Graph()
        for edge in paths._edges(owner, None):
            whole.add_edge(edge.a, edge.b, cost=-math.log(edge.weight))
        for person, tie in paths.my_ties(owner=owner).items():
            if tie >= paths.engine.MIN_FIRST_TIE:
                whole.add_edge("me", person, cost=-math.log(tie))
        org = orgs[0]
        for person in members[org]:
            if person in whole:
                whole.add_edge(person, "target", cost=0.0)
        try:
            return nx.single_source_dijkstra(whole, "me", target="target", weight="cost")
        except nx.NetworkXNoPath:
            return None

    cases["load + nx warmest path (base.)"] = _times(nx_request, 3, warm=False)
    person_graph = graph.copy()
    person_graph.remove_node("me")
    nodes = list(person_graph.nodes)
    sample = nodes
    if len(nodes) > nx_constraint_max:
        sample = random.Random(seed).sample(nodes, nx_constraint_max)
    scale = len(nodes) / max(1, len(sample))
    timed = _times(
        lambda: nx.constraint(person_graph, nodes=sample, weight="weight"), 1, warm=False
    )
    cases["nx constraint (baseline)"] = {
        "cpu_median_ms": timed["cpu_median_ms"] * scale,
        "wall_median_ms": timed["wall_median_ms"] * scale,
        "estimated": scale > 1,
    }
    return {
        "size": size,
        "people": people,
        "connections": connections,
        "generated_s": generated,
        "ties_s": ties_s,
        "paths_found": statistics.mean(found_paths) if found_paths else 0,
        "cases": cases,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--nx-constraint-max",
        type=int,
        default=300,
        help="Above this many people, nx.constraint is timed on a sample and scaled.",
    )
    parser.add_argument("--quick", action="store_true", help="1k people, 5 rounds.")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeat = [1_000], 5
    with tempfile.TemporaryDirectory(prefix="entregent-bench-paths-") as tmp:
        _setup_django(Path(tmp))
        results = []
        for size in args.sizes:
            results.append(measure(size, args.repeat, args.seed, args.nx_constraint_max))
            r = results[-1]
            print(
                f"{r['people']:,} people, {r['connections']:,} connections "
                f"(generated in {r['generated_s']:.0f} s, tie strengths {r['ties_s']:.1f} s); "
                f"{r['paths_found']:.1f} paths per organization",
                flush=True,
            )
    header = " ".join(f"{r['size']:>14,}" for r in results)
    print(f"\n{'case (CPU median ms)':30} {header}   t(last)/t(prev)")
    for name in results[0]["cases"]:
        row = [r["cases"][name] for r in results]
        cells = " ".join(
            f"{c['cpu_median_ms']:>13.1f}{'*' if c.get('estimated') else ' '}" for c in row
        )
        ratio = ""
        if len(row) > 1:
            ratio = f"x{row[-1]['cpu_median_ms'] / max(row[-2]['cpu_median_ms'], 1e-9):.2f}"
        queries = sorted({c["queries"] for c in row if "queries" in c})
        extra = f"   queries {queries}" if queries else ""
        print(f"{name:30} {cells}   {ratio}{extra}")
    for r in results:
        c = r["cases"]
        paths_x = c["nx warmest path (baseline)"]["cpu_median_ms"] / max(
            c["paths to an organization"]["cpu_median_ms"], 1e-9
        )
        cold_x = c["nx constraint (baseline)"]["cpu_median_ms"] / max(
            c["brokers, cold"]["cpu_median_ms"], 1e-9
        )
        warm_x = c["nx constraint (baseline)"]["cpu_median_ms"] / max(
            c["brokers, warm"]["cpu_median_ms"], 1e-9
        )
        request_x = c["load + nx warmest path (base.)"]["cpu_median_ms"] / max(
            c["paths to an organization"]["cpu_median_ms"], 1e-9
        )
        print(
            f"{r['size']:,}: paths x{paths_x:.1f} faster than nx Dijkstra on a prebuilt graph, "
            f"x{request_x:.1f} than loading the graph and running it; brokers cold "
            f"x{cold_x:.1f}, warm x{warm_x:.0f} faster than nx.constraint"
        )
    print("(* estimated from a sample of people; load average", os.getloadavg(), ")")


if __name__ == "__main__":
    main()
