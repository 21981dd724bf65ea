"""Benchmark: how fast a fresh `styrgraf` process answers on the built-in knowledge base.

Run:  .venv/bin/python benchmarks/bench_startup.py [--runs 7]

Each command runs as a new process against a warm store (built once first), as a
strategist types it, twice per round: first with nothing kept (the answers,
duplicate findings and validation report that a run keeps with the snapshot are
removed: the first command after the documents changed), then again (a later
command on the unchanged knowledge base, reading what the first kept). The
figures are the medians of --runs interleaved rounds, beside the same work done
bare: a Python process that only starts, and one that imports pyoxigraph, loads
the cached snapshot and runs the same query. The ratio styrgraf / bare is the
point (absolute times move with the machine's load); the goals are checked on
the later runs.
Goals (issue "Speed"): --version < 0.15 s, query < 0.3 s, overview < 0.4 s,
validate < 1 s (cached), duplicates < 1 s, viz < 1 s. This is a benchmark, not a
test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STYRGRAF = [sys.executable, "-m", "styrgraf.cli"]
COMMANDS = {
    "--version": ["--version"],
    "query units-by-activities": ["query", "units-by-activities"],
    "query stale-assignments -f json": ["query", "stale-assignments", "-f", "json"],
    "overview": ["overview"],
    "stats": ["stats"],
    "validate": ["validate"],
    "duplicates": ["duplicates"],
    "viz -o page.html": ["viz", "-o", "{tmp}/page.html"],
    "export turtle": ["export", "-o", "{tmp}/kb.ttl"],
}
GOALS = {"--version": 0.15, "query units-by-activities": 0.3,
         "query stale-assignments -f json": 0.3, "overview": 0.4, "validate": 1.0,
         "duplicates": 1.0, "viz -o page.html": 1.0}
BARE_QUERY = """
import sys, pyoxigraph as ox
from pathlib import Path
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS, lenient=True)
text = Path(sys.argv[2]).read_text()
print(len(list(store.query(text, use_default_graph_as_union=True))))
"""


def forget_kept(cache: Path) -> None:
    """Remove what commands keep with the snapshot (the store itself stays)."""
    for kept in [*cache.rglob("answers"), *cache.rglob("duplicates")]:
        shutil.rmtree(kept)
    for report in cache.rglob("validation-*.json"):
        report.unlink()


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = {**os.environ, "STYRGRAF_CACHE_DIR": str(Path(tmp) / "cache")}
        subprocess.run([*STYRGRAF, "build"], env=env, check=True, capture_output=True)
        snapshot = next((Path(tmp) / "cache").rglob("quads.nq"))
        from styrgraf.queries import catalog
        from styrgraf.queries.engine import PREFIXES

        query_file = Path(tmp) / "q.rq"
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        query_file.write_text(prologue + catalog.get("units-by-activities").text)
        cold: dict[str, list[float]] = {name: [] for name in COMMANDS}
        runs: dict[str, list[float]] = {name: [] for name in COMMANDS}
        runs["bare: python -c pass"] = []
        runs["bare: pyoxigraph load + same query"] = []
        for _ in range(args.runs):  # interleaved, so load changes hit every command alike
            for name, words in COMMANDS.items():
                command = [*STYRGRAF, *(w.format(tmp=tmp) for w in words)]
                forget_kept(Path(tmp) / "cache")
                cold[name].append(timed(command, env))
                runs[name].append(timed(command, env))
            runs["bare: python -c pass"].append(timed([sys.executable, "-c", "pass"], env))
            runs["bare: pyoxigraph load + same query"].append(timed(
                [sys.executable, "-c", BARE_QUERY, str(snapshot), str(query_file)], env))
    bare = statistics.median(runs["bare: pyoxigraph load + same query"])
    print(f"{'command (fresh process, warm store)':40} {'nothing kept':>12} {'later':>7} "
          f"{'× bare':>7} {'goal s':>7}")
    for name, times in runs.items():
        median = statistics.median(times)
        first = f"{statistics.median(cold[name]):12.3f}" if name in cold else f"{'':12}"
        goal = GOALS.get(name)
        print(f"{name:40} {first} {median:7.3f} {median / bare:7.1f} "
              + (f"{goal:7.2f} {'met' if median < goal else 'MISSED'}" if goal else ""))
    print(f"(medians of {args.runs} interleaved runs; × bare = against a bare pyoxigraph "
          "process answering units-by-activities from the same snapshot)")


if __name__ == "__main__":
    main()
