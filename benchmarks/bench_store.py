"""Benchmark: every catalogued query through styrgraf against bare pyoxigraph and rdflib.

Run:  .venv/bin/python benchmarks/bench_store.py [--triples 100000 1000000]
          [--committees 20] [--rdflib-max 100000] [--repeat 3] [--only QUERY ...]

For each size it writes the synthetic knowledge base of bench_report.py (20
committees, plans, budgets, follow-up reports) and times, per catalogued query
(defaults for the parameters; `golden-thread` and `provenance` from one activity):

- styrgraf: `KnowledgeBase.query` (parameter binding, the engine's worker thread and
  limits, rows with labels), on the store as styrgraf opens it (an in-memory Oxigraph
  store read from the cached N-Quads snapshot), on a fresh view each run
  (`kb.fresh()`), so every run evaluates the query;
- kept: the same call as a later process on the unchanged knowledge base makes it,
  reading the answer kept with the snapshot (`kb.fresh(keep_answers=True)`);
- bare pyoxigraph, in memory: `Store.query` on an in-memory store holding the same
  quads, results listed (the fastest way pyoxigraph itself answers the same text);
- bare pyoxigraph, on disk: the same on Oxigraph's RocksDB store (what styrgraf used
  before the snapshot store);
- rdflib: `Dataset(default_union=True).query` on rdflib's default in-memory store, for
  sizes up to --rdflib-max (it is slow: each query runs in a child process, stopped
  after 120 s, which is then a lower bound).

It prints the medians (of --repeat runs) and the ratios styrgraf / bare in memory and
rdflib / styrgraf, the growth of each query from the smallest to the largest size, and
the time to open the store. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import synthetic_folder

ACTIVITY = "https://w3id.org/styrgraf/id/activity/"


def _kept_then_timed(work, repeat: int) -> float:
    work()  # the first run evaluates and keeps the answer; the timed ones read it
    return median_time(work, repeat)


def median_time(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def node_params(kb) -> dict[str, str]:
    """One activity that exists, for the queries that need a node."""
    import pyoxigraph as ox

    row = next(iter(kb.store.query(
        "SELECT ?a WHERE { ?a a <https://w3id.org/styrgraf/def#Activity> } LIMIT 1",
        use_default_graph_as_union=True)))
    node = row["a"]
    assert isinstance(node, ox.NamedNode)
    return {"node": node.value}


RDFLIB_TIMEOUT = 120.0


def _rdflib_worker(nquads: bytes, text: str, bindings: dict, out) -> None:
    import rdflib

    from styrgraf.queries.engine import PREFIXES

    rdf = rdflib.Dataset(default_union=True)
    rdf.parse(data=nquads, format="nquads")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    terms = {rdflib.Variable(k): (rdflib.URIRef(v) if kind == "iri" else
                                  rdflib.Literal(v, datatype=rdflib.URIRef(kind)))
             for k, (kind, v) in bindings.items()}
    start = time.perf_counter()
    list(rdf.query(prologue + text, initBindings=terms))
    out.put(time.perf_counter() - start)


def rdflib_time(nquads: bytes, text: str, subs, timeout: float) -> float:
    """rdflib's query time on its default in-memory store (loading not counted), in a
    child process that is stopped after `timeout` seconds (then `timeout` is returned,
    a lower bound)."""
    import multiprocessing

    import pyoxigraph as ox

    bindings = {k.value: (("iri", v.value) if isinstance(v, ox.NamedNode)
                          else (v.datatype.value, v.value)) for k, v in (subs or {}).items()}
    out = multiprocessing.Queue()
    child = multiprocessing.Process(target=_rdflib_worker, args=(nquads, text, bindings, out))
    child.start()
    child.join(timeout + 60)  # loading comes first
    if child.is_alive():
        child.terminate()
        child.join()
        return timeout
    return out.get() if not out.empty() else float("nan")


def measure(folder: Path, cache: Path, repeat: int, with_rdflib: bool,
            with_disk: bool, only: list[str] | None = None) -> dict:
    import pyoxigraph as ox

    import styrgraf
    from styrgraf.queries import catalog, named
    from styrgraf.queries.engine import PREFIXES

    styrgraf.open(folder, cache_dir=cache)  # build once
    opened = median_time(lambda: styrgraf.open(folder, cache_dir=cache), repeat)
    kb = styrgraf.open(folder, cache_dir=cache)
    quads = list(kb.store)
    memory = ox.Store()
    memory.bulk_extend(quads)
    disk = None
    if with_disk:
        disk = ox.Store(str(Path(tempfile.mkdtemp(prefix="bench-rocksdb-", dir=cache))))
        disk.bulk_extend(quads)
        disk.flush()
    nquads = memory.dump(format=ox.RdfFormat.N_QUADS) if with_rdflib else b""
    figures: dict[str, dict[str, float]] = {}
    given = node_params(kb)
    names = named.Names(kb.source)
    for q in catalog.public():
        if only and q.name not in only:
            continue
        params = {p.name: given[p.name] for p in q.parameters
                  if p.name in given and not p.optional}
        subs = {ox.Variable(k): v for k, v in
                named.bind(names, q, list(params.items())).items()} or None

        def bare(store, text=q.text, subs=subs):
            return list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True,
                                    substitutions=subs))

        row = {
            # a fresh view per run: every run evaluates the query (nothing kept or held)
            "styrgraf": median_time(
                lambda q=q, params=params: kb.fresh().query(q.name, **params), repeat),
            # a later process: the answer kept with the snapshot by an earlier one
            "kept": _kept_then_timed(
                lambda q=q, params=params: kb.fresh(keep_answers=True).query(q.name, **params),
                repeat),
            "memory": median_time(lambda: bare(memory), repeat),
        }
        if disk is not None:
            row["disk"] = median_time(lambda: bare(disk), repeat)
        if with_rdflib:
            row["rdflib"] = rdflib_time(nquads, q.text, subs, RDFLIB_TIMEOUT)
        figures[q.name] = row
        print(f"  {q.name}: " + ", ".join(f"{k} {v:.3f}s" for k, v in row.items()),
              file=sys.stderr, flush=True)
    return {"open": opened, "queries": figures, "quads": len(quads)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[20_000, 100_000, 1_000_000])
    parser.add_argument("--committees", type=int, default=20)
    parser.add_argument("--rdflib-max", type=int, default=20_000,
                        help="compare with rdflib at sizes up to this (it is slow)")
    parser.add_argument("--disk-max", type=int, default=100_000,
                        help="time the on-disk RocksDB store at sizes up to this")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", metavar="QUERY",
                        help="time only these catalogued queries")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        for n in args.triples:
            folder = Path(tmp) / f"kb{n}"
            folder.mkdir()
            held = synthetic_folder(folder, n, args.committees)
            print(f"{n:,} triples: {held['triples']:,} in {held['files']} files", file=sys.stderr)
            results[n] = measure(folder, Path(tmp) / "cache", args.repeat, n <= args.rdflib_max,
                                 n <= args.disk_max, args.only)
    for result in results.values():
        print(f"\n{result['quads']:,} quads — open (cached snapshot into memory): "
              f"{result['open']:.2f} s")
        print(f"{'query':32} {'styrgraf':>9} {'bare mem':>9} {'ratio':>6} {'kept':>7} "
              f"{'on disk':>9} {'rdflib':>9} {'rdflib/styrgraf':>15}")
        for name, row in result["queries"].items():
            rdf = row.get("rdflib")
            print(f"{name:32} {row['styrgraf']:9.3f} {row['memory']:9.3f} "
                  f"{row['styrgraf'] / max(row['memory'], 1e-6):6.2f} {row['kept']:7.3f} "
                  + (f"{row['disk']:9.3f} " if "disk" in row else f"{'–':>9} ")
                  + (f"{rdf:9.3f} {rdf / max(row['styrgraf'], 1e-6):15.1f}"
                     + (" (stopped: at least)" if rdf >= RDFLIB_TIMEOUT else "") if rdf else
                     f"{'–':>9} {'–':>15}"))
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"\ngrowth {small:,} → {large:,} triples ({large / small:.0f}× the data), "
              "styrgraf time:")
        for name in results[small]["queries"]:
            a = results[small]["queries"][name]["styrgraf"]
            b = results[large]["queries"][name]["styrgraf"]
            print(f"  {name:32} {a:7.3f} s → {b:7.3f} s  ×{b / max(a, 1e-6):.1f}")


if __name__ == "__main__":
    main()
