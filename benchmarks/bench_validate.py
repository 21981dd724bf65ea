"""Benchmark: `styrgraf validate` with the shapes compiled into SPARQL (and pySHACL).

Run:  .venv/bin/python benchmarks/bench_validate.py [--folder KNOWLEDGE] [--cache DIR]
          [--top 10] [--pyshacl]

Opens the knowledge base (`--folder`, default the built-in one; `--cache`, the store
cache), then times `validate` with the compiled checks (knowledge/shapes_sparql.py):
the whole call, as the command runs it (labels and source files of every result
included), and apart from it the compilation, the pass over the typed literals, and
each check, listing the `--top` slowest. `--pyshacl` also times the reference engine
(pySHACL over an rdflib copy: minutes at 1M triples) and says whether the two reports
are equal. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from styrgraf.knowledge.shapes_sparql import compile_shapes, ill_typed_literals, run_checks
from styrgraf.knowledge.store import open_knowledge
from styrgraf.knowledge.validate import validate


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="knowledge folder (default: built-in)")
    parser.add_argument("--cache", type=Path, help="store cache (default: the user cache)")
    parser.add_argument("--top", type=int, default=10, help="slowest checks to list")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--pyshacl", action="store_true", help="also time pySHACL, compare")
    args = parser.parse_args()

    (kb, _), opened = timed(lambda: open_knowledge(args.folder, cache_dir=args.cache))
    print(f"store: {len(kb.store):,} quads, opened in {opened:.1f} s")

    report, total = timed(lambda: validate(kb, args.lang, engine="sparql"))
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(report.counts.items()))
    print(f"validate (compiled SPARQL): {total:.2f} s, {len(report.results):,} results "
          f"({counts})")

    checks, compiling = timed(compile_shapes)
    bad, scanning = timed(lambda: ill_typed_literals(kb.store))
    timings: list = []
    found, checking = timed(lambda: run_checks(kb.store, checks, ill_typed=bad,
                                               timings=timings))
    print(f"  compile {len(checks)} checks: {compiling:.3f} s; typed literals: {scanning:.2f} s "
          f"({len(bad)} ill-typed); checks: {checking:.2f} s, {len(found):,} results; "
          f"so about {total - scanning - checking:.2f} s for labels, sources, findings")
    by_component: dict[str, float] = defaultdict(float)
    results = Counter()
    for check, seconds in timings:
        by_component[check.component.rsplit("#", 1)[-1]] += seconds
    for r in found:
        results[r.component.rsplit("#", 1)[-1]] += 1
    print("  by component:")
    for component, seconds in sorted(by_component.items(), key=lambda x: -x[1]):
        print(f"    {seconds:7.3f} s  {results[component]:>7,} results  {component}")
    print(f"  the {args.top} slowest checks:")
    for check, seconds in sorted(timings, key=lambda x: -x[1])[:args.top]:
        print(f"    {seconds:7.3f} s  {check.name}")

    if args.pyshacl:
        reference, spent = timed(lambda: validate(kb, args.lang, engine="pyshacl"))
        print(f"validate (pySHACL): {spent:.1f} s, {len(reference.results):,} results; "
              f"equal to the compiled checks' report: {reference.results == report.results}")


if __name__ == "__main__":
    main()
