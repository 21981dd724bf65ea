"""Benchmark: every catalogued query, on the built-in knowledge base and on ~1M synthetic triples.

Run:  .venv/bin/python benchmarks/bench_queries.py [--triples 1000000] [--repeat 3]

Prints (1) wall time of `styrgraf query NAME -f json` as a fresh process on the
built-in knowledge base with a warm store (what a strategist waits for), and
(2) store build time and in-process query time on a synthetic graph shaped like
the real one (directions, strategies, activities, committees, assignments,
responses with statuses, programmes with citations, partners, figures).
This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_PARAMS = {"golden-thread": "node", "provenance": "node"}


def bench_cli(repeat: int, cache: Path) -> None:
    from styrgraf.queries.catalog import catalogue

    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(cache)}
    exe = [sys.executable, "-m", "styrgraf.cli"]
    subprocess.run([*exe, "build"], env=env, capture_output=True, check=True)
    print("Built-in knowledge base: `styrgraf query NAME -f json`, fresh process, warm store")
    print(f"{'query':34} {'median s':>9} {'max s':>7}")
    for name in catalogue():
        args = [*exe, "query", name, "-f", "json"]
        if name in NODE_PARAMS:
            args += ["-p", NODE_PARAMS[name], "act:faltchat"]
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run(args, env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - t)
        print(f"{name:34} {statistics.median(times):9.3f} {max(times):7.3f}")
    t = time.perf_counter()
    subprocess.run([*exe, "overview"], env=env, capture_output=True, check=True)
    print(f"{'overview (all headline queries)':34} {time.perf_counter() - t:9.3f}")


def synthetic_turtle(path: Path, target_triples: int, seed: int = 7) -> int:
    """Write a graph shaped like the real knowledge base; return the triple count."""
    rnd = random.Random(seed)
    sg, ido = "https://w3id.org/styrgraf/def#", "https://w3id.org/styrgraf/id/"
    lines: list[str] = []
    n = 0

    def t(s: str, p: str, o: str) -> None:
        nonlocal n
        lines.append(f"<{ido}{s}> <{sg}{p}> {o} .")
        n += 1

    def typed(s: str, cls: str, label: str) -> None:
        nonlocal n
        lines.append(f"<{ido}{s}> a <{sg}{cls}> ; "
                     f"<http://www.w3.org/2000/01/rdf-schema#label> \"{label}\"@sv .")
        n += 2

    scale = max(1, target_triples // 100_000)
    doc = "document/syn"
    typed(doc, "SourceDocument", "Syntetisk rapport")
    t(doc, "periodEnd", '"2024-08-31"^^<http://www.w3.org/2001/XMLSchema#date>')
    typed("section/syn", "Section", "1 Syntet")
    lines.append(f"<{ido}section/syn> <http://purl.org/dc/terms/isPartOf> <{ido}{doc}> .")
    goals = [f"goal/g{i}" for i in range(7)]
    for g in goals:
        typed(g, "Goal", f"Mål {g}")
    committees = [f"actor/c{i}" for i in range(20 * scale)]
    for c in committees:
        typed(c, "Committee", f"Nämnd {c}")
    groups = [f"actor/grp{i}" for i in range(5 * scale)]
    for g in groups:
        typed(g, "OrganisationGroup", f"Grupp {g}")
        for c in rnd.sample(committees, 4):
            lines.append(f"<{ido}{g}> <http://www.w3.org/ns/org#hasMember> <{ido}{c}> .")
            n += 1
    networks = [f"actor/n{i}" for i in range(8)]
    for x in networks:
        typed(x, "Network", f"Nätverk {x}")
    posts = [f"actor/p{i}" for i in range(200 * scale)]
    for p in posts:
        typed(p, "Post", f"Tjänst {p}")
    partners = [f"actor/partner{i}" for i in range(300 * scale)]
    for p in partners:
        typed(p, "PartnerOrganisation", f"Part {p}")
    programmes = [f"programme/prog{i}" for i in range(100 * scale)]
    for p in programmes:
        typed(p, "Programme", f"Program {p}")
        year = rnd.randint(2018, 2030)
        t(p, "validUntil", f'"{year}"^^<http://www.w3.org/2001/XMLSchema#gYear>')
    directions, strategies = [], []
    for d in range(20 * scale):
        direction = f"direction/d{d}"
        directions.append(direction)
        typed(direction, "LongTermDirection", f"Riktning {d}")
        t(direction, "contributesToGoal", f"<{ido}{rnd.choice(goals)}>")
        for s in range(3):
            strategy = f"strategy/s{d}-{s}"
            strategies.append(strategy)
            typed(strategy, "Strategy", f"Strategi {d}-{s}")
            t(strategy, "strategyOf", f"<{ido}{direction}>")
    i = 0
    while n < target_triples:
        i += 1
        act = f"activity/a{i}"
        typed(act, "Activity", f"Aktivitet nummer {i}")
        t(act, "listedUnder", f"<{ido}{rnd.choice(directions)}>")
        t(act, "network", f"<{ido}{rnd.choice(networks)}>")
        if i % 5:
            t(act, "responsible", f"<{ido}{rnd.choice(posts)}>")
        if i % 7:
            t(act, "timeline", '"2025–2026"@sv')
        if i % 3 == 0:
            t(act, "supportsStrategy", f"<{ido}{rnd.choice(strategies)}>")
        t(act, "statedIn", f"<{ido}section/syn>")
        asg = f"assignment/u{i}"
        typed(asg, "Assignment", f"Uppdrag nummer {i}")
        assignee = rnd.choice(groups) if i % 4 == 0 else rnd.choice(committees)
        t(asg, "assignedTo", f"<{ido}{assignee}>")
        t(asg, "assignmentYear", f'"{rnd.randint(2020, 2025)}"^^<http://www.w3.org/2001/XMLSchema#gYear>')
        t(asg, "contributesToGoal", f"<{ido}{rnd.choice(goals)}>")
        t(asg, "cites", f"<{ido}{rnd.choice(programmes)}>")
        t(asg, "involves", f"<{ido}{rnd.choice(partners)}>")
        resp = f"response/r{i}"
        typed(resp, "AssignmentResponse", f"Svar {i}")
        t(resp, "respondsTo", f"<{ido}{asg}>")
        t(resp, "respondent", f"<{ido}{rnd.choice(committees)}>")
        t(resp, "reportedIn", f"<{ido}{doc}>")
        status = "pagaende" if i % 2 else "avslutad"
        t(resp, "status", f"<https://w3id.org/styrgraf/concept/{status}>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def bench_synthetic(target: int, workdir: Path) -> None:
    from styrgraf.knowledge.store import open_knowledge
    from styrgraf.queries.catalog import catalogue
    from styrgraf.queries.named import run_named

    data = workdir / "synthetic"
    data.mkdir()
    t = time.perf_counter()
    n = synthetic_turtle(data / "synthetic.ttl", target)
    print(f"\nSynthetic graph: {n:,} triples written in {time.perf_counter() - t:.1f} s")
    os.environ["STYRGRAF_CACHE_DIR"] = str(workdir / "cache")
    t = time.perf_counter()
    kb, _ = open_knowledge(data)
    print(f"store build (parse + load into Oxigraph): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    open_knowledge(data)
    print(f"second open (cache reused, nothing parsed): {time.perf_counter() - t:.3f} s")
    t = time.perf_counter()
    list(kb.store.query(GROUP_BY, use_default_graph_as_union=True))
    print(f"raw GROUP BY over all triples (Oxigraph): {time.perf_counter() - t:.2f} s")
    print(f"{'query':34} {'seconds':>8} {'rows':>8}")
    for name in catalogue():
        params = [(NODE_PARAMS[name], "activity:a1".replace("activity:", "act:"))] \
            if name in NODE_PARAMS else []
        t = time.perf_counter()
        result = run_named(kb.store, name, params)
        print(f"{name:34} {time.perf_counter() - t:8.2f} {len(result.rows):8d}")


GROUP_BY = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"


def bench_rdflib(workdir: Path) -> None:
    """The same load and GROUP BY with rdflib's default in-memory store, for comparison."""
    import rdflib

    t = time.perf_counter()
    g = rdflib.Graph().parse(workdir / "synthetic" / "synthetic.ttl", format="turtle")
    seconds = time.perf_counter() - t
    print(f"\nrdflib in-memory store: parse/load {seconds:.1f} s ({len(g):,} triples)")
    t = time.perf_counter()
    list(g.query(GROUP_BY))
    print(f"rdflib GROUP BY: {time.perf_counter() - t:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare-rdflib", action="store_true",
                        help="also load the synthetic graph into rdflib's memory store (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_cli(args.repeat, Path(tmp) / "cli-cache")
        bench_synthetic(args.triples, Path(tmp))
        if args.compare_rdflib:
            bench_rdflib(Path(tmp))


if __name__ == "__main__":
    main()
