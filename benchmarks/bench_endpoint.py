"""Benchmark: every catalogued query over the SPARQL endpoint against the embedded store.

Run:  .venv/bin/python benchmarks/bench_endpoint.py [--repeat 5] [--scale 1000000]
                                                    [--budget 20] [--timeout 600]

For each catalogued query (default parameters; a required node parameter gets
the first node of its class), the median wall time of `run_named` on the
embedded store (`kb.store`) and through `Endpoint(server.query_url)` on the
Oxigraph server that `serving(kb.store, port=0)` runs over a copy of the same
store (HTTP on loopback: the query with its VALUES block and one
default-graph-uri and named-graph-uri per graph, the server's evaluation, JSON
serialisation and parsing). A third column ("no-dataset") sends the same query
without the per-graph dataset parameters, leaving the union to the server's
`--union-default-graph`, to show what those parameters cost. All share one name
index, read from the embedded store before timing, so only the query is timed.
Each query runs once untimed first (warm caches, the endpoint's graph list),
then `--repeat` timed runs; a query whose untimed run takes longer than
`--budget` seconds on a side is timed once there (that run), to bound a large run.

First on the built-in knowledge base, then, with `--scale N`, on a synthetic
graph of about N triples shaped like the real one (bench_queries.synthetic_turtle,
loaded into a temporary store). This is a benchmark, not a test: it prints
figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_queries beside this file

from bench_queries import synthetic_turtle


def _first_node(store, classes: tuple[str, ...]) -> str | None:
    """The first node (by IRI) of one of `classes` (an activity for any node)."""
    from styrgraf.ontology.terms import SG

    iris = " ".join(f"<{SG[c]}>" for c in classes or ("Activity",))
    rows = list(store.query(f"SELECT ?n WHERE {{ VALUES ?c {{ {iris} }} ?n a ?c }} "
                            "ORDER BY ?n LIMIT 1", use_default_graph_as_union=True))
    return rows[0]["n"].value if rows else None


def _params(store, q) -> list[tuple[str, str]] | None:
    """Required node parameters given a node; the rest keep their defaults. None when a
    required node has no candidate."""
    given = []
    for p in q.parameters:
        if p.kind == "node" and not p.optional:
            node = _first_node(store, p.choices)
            if node is None:
                return None
            given.append((p.name, node))
    return given


class ServerUnion:
    """The endpoint with the dataset left to the server (started with
    `--union-default-graph`): no default-graph-uri / named-graph-uri per graph, to show
    what those cost on top of HTTP."""

    def __init__(self, endpoint) -> None:
        self.endpoint = endpoint

    def query(self, query: str, **options):
        return self.endpoint.query(query, **{**options, "use_default_graph_as_union": False})


def _timed(run, repeat: int, budget: float) -> tuple[float, int, int]:
    """(median seconds, runs timed, rows): one untimed run, then `repeat` timed ones,
    or the untimed run itself when it took longer than `budget`."""
    t = time.perf_counter()
    rows = len(run().rows)
    first = time.perf_counter() - t
    if first > budget:
        return first, 1, rows
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), repeat, rows


def bench(title: str, kb_store, repeat: int, budget: float, timeout: float) -> None:
    from styrgraf.knowledge.sharing import serving
    from styrgraf.ontology.prefixes import compact
    from styrgraf.queries.catalog import catalogue
    from styrgraf.queries.endpoint import Endpoint, EndpointError
    from styrgraf.queries.named import Names, run_named

    names = Names(kb_store)
    names.index  # noqa: B018 - read the name index once, before any timing
    t = time.perf_counter()
    with serving(kb_store, port=0) as server:
        started = time.perf_counter() - t
        endpoint = Endpoint(server.query_url, timeout)
        bare = ServerUnion(endpoint)
        print(f"\n{title}: {len(kb_store):,} quads; Oxigraph server on {server.query_url} "
              f"(copy + start {started:.1f} s); median of {repeat} runs after one untimed, "
              f"ms")
        print(f"{'query':31} {'params':30} {'embedded':>10} {'endpoint':>10} {'ratio':>6} "
              f"{'no-dataset':>10} {'ratio':>6} {'rows':>7}  note")
        total = [0.0, 0.0, 0.0]
        for name, q in catalogue().items():
            params = _params(kb_store, q)
            shown = " ".join(f"{k}={compact(v)}" for k, v in params or []) or "-"
            if params is None:
                print(f"{name:31} {'(no node to give)':30}")
                continue
            here, n_here, rows = _timed(
                lambda name=name, params=params: run_named(kb_store, name, params, names),
                repeat, budget)
            try:
                there, n_there, remote_rows = _timed(
                    lambda name=name, params=params: run_named(endpoint, name, params, names),
                    repeat, budget)
                server_side, n_bare, bare_rows = _timed(
                    lambda name=name, params=params: run_named(bare, name, params, names),
                    repeat, budget)
            except EndpointError as e:
                print(f"{name:31} {shown[:30]:30} {here * 1000:10.1f} {'error':>10} "
                      f"{'':6} {'':10} {'':6} {rows:7d}  {str(e)[:80]}", flush=True)
                continue
            for i, seconds in enumerate((here, there, server_side)):
                total[i] += seconds
            notes = []
            if repeat not in (n_here, n_there, n_bare) or len({n_here, n_there, n_bare}) > 1:
                notes.append(f"some timed once (> {budget:g} s)")
            if remote_rows != rows or bare_rows != rows:
                notes.append(f"endpoint rows {remote_rows}/{bare_rows}")
            print(f"{name:31} {shown[:30]:30} {_ms(here)} {_ms(there)} {_ratio(there, here)} "
                  f"{_ms(server_side)} {_ratio(server_side, here)} {rows:7d}  "
                  f"{'; '.join(notes)}", flush=True)
        print(f"{'all queries (sum of medians)':62} {_ms(total[0])} {_ms(total[1])} "
              f"{_ratio(total[1], total[0])} {_ms(total[2])} {_ratio(total[2], total[0])}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:10.1f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:6.2f}" if b else f"{'-':>6}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (5)")
    parser.add_argument("--scale", type=int, metavar="TRIPLES",
                        help="also on a synthetic graph of about this many triples")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds above which a query is timed once (20)")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds one query may take over the endpoint (600)")
    parser.add_argument("--skip-builtin", action="store_true",
                        help="only the synthetic graph")
    args = parser.parse_args()

    import styrgraf

    if not args.skip_builtin:
        bench("Built-in knowledge base", styrgraf.open().store, args.repeat, args.budget,
              args.timeout)
    if args.scale:
        from styrgraf.knowledge.store import open_knowledge

        with tempfile.TemporaryDirectory(prefix="styrgraf-bench-") as tmp:
            data = Path(tmp) / "synthetic"
            data.mkdir()
            t = time.perf_counter()
            n = synthetic_turtle(data / "synthetic.ttl", args.scale)
            os.environ["STYRGRAF_CACHE_DIR"] = str(Path(tmp) / "cache")
            kb, _ = open_knowledge(data)
            print(f"\nSynthetic graph: {n:,} triples written and loaded in "
                  f"{time.perf_counter() - t:.1f} s")
            bench(f"Synthetic graph (~{args.scale:,} triples)", kb.store, args.repeat,
                  args.budget, args.timeout)


if __name__ == "__main__":
    main()
