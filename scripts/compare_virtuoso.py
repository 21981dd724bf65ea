"""Compare every catalogued query on Virtuoso Open Source 7 with the embedded store.

Run:  .venv/bin/python scripts/compare_virtuoso.py [--graphs discovered|given] [--timeout 60]
                                                  [--only NAME] [--keep DIR]

Needs Virtuoso Open Source 7 (on Debian: `apt-get install virtuoso-opensource-7-bin`,
which brings /usr/bin/virtuoso-t and /usr/bin/isql-vt); CI has none, so this is a
script rather than a test. For each knowledge base of tests/test_endpoint.py (the
built-in one and the fixture tests/fixtures/queries) it starts a private Virtuoso
on loopback (a fresh, empty database in a temporary folder: HTTP and ISQL on free
ports of 127.0.0.1, DirsAllowed only that folder, no demo database), loads every
named graph into it (one N-Triples file per graph, `ld_add` with the graph's IRI,
`rdf_loader_run()`), checks that every graph arrived whole, and runs the
comparison of tests/test_endpoint.py over its /sparql endpoint:

  * every catalogued query, with its required parameters and with every node
    parameter given (`_variants`), through `Endpoint(url)` as styrgraf uses any
    endpoint, compared with the embedded store's answer after `_normal` (rows
    sorted, GROUP_CONCAT parts sorted);
  * on the built-in knowledge base, the overview's findings and documents,
    `stats` and the graph page through `RemoteKnowledgeBase`, as
    test_overview_stats_and_page_are_the_same does.

One line per comparison: same, differs (what differs, briefly: when the answers
agree once Virtuoso's booleans or dropped language tags are allowed for, it says
only that) or error (the first line of the error), with Virtuoso's time. Exit 0
when every answer is the same, 1 otherwise, 2 when Virtuoso is missing. Virtuoso
is stopped at the end, on an error and on Ctrl-C (or SIGTERM).

Graphs: by default the endpoint discovers the graphs (`SELECT DISTINCT ?g … GRAPH
?g`), as `styrgraf --endpoint` does; Virtuoso answers that with its own system
graphs too (virtrdf#, ldp# …), which then join the union default graph.
`--graphs given` hands the endpoint the knowledge base's graph names instead.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "queries"
sys.path.insert(0, str(ROOT / "tests"))  # the comparison helpers of tests/test_endpoint.py

INSTALL = "Virtuoso is not installed: sudo apt-get install virtuoso-opensource-7-bin"
INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
DirsAllowed = {dir}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
CheckpointInterval = 0
ServerThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/www
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Virtuoso:
    process: subprocess.Popen
    directory: Path
    http_port: int
    isql_port: int
    isql: str

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def sql(self, statements: str, timeout: float = 600) -> str:
        """Run SQL through isql-vt (loopback, the fresh database's dba account)."""
        done = subprocess.run([self.isql, f"127.0.0.1:{self.isql_port}", "dba", "dba",
                               f"exec={statements}"], capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            message = next((line for line in (done.stdout + done.stderr).splitlines()
                            if "Error" in line), done.stderr.strip() or "isql-vt failed")
            raise RuntimeError(f"isql-vt: {message}")
        return done.stdout

    def version(self) -> str:
        out = self.sql("SELECT sys_stat('st_dbms_ver');")
        return next((line.strip() for line in out.splitlines() if line.strip()[:2].isdigit()),
                    "?")

    def log_tail(self, lines: int = 5) -> str:
        log = self.directory / "virtuoso.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        return " / ".join(text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: Virtuoso's quick shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def running_virtuoso(directory: Path, virtuoso_t: str, isql: str,
                     wait: float = 120) -> Iterator[Virtuoso]:
    """A fresh Virtuoso over an empty database in `directory`, stopped when the block ends."""
    from styrgraf.knowledge.sharing import free_port

    http_port, isql_port = free_port(), free_port()
    while isql_port == http_port:
        isql_port = free_port()
    (directory / "www").mkdir(parents=True)
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(dir=directory, http_port=http_port, isql_port=isql_port))
    # its own session: Ctrl-C reaches this script only, which then stops Virtuoso itself
    process = subprocess.Popen([virtuoso_t, "+foreground", "+configfile", str(ini)],
                               cwd=directory, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    server = Virtuoso(process, directory, http_port, isql_port, isql)
    try:
        _wait_until_up(server, wait)
        yield server
    finally:
        server.stop()


def _wait_until_up(server: Virtuoso, wait: float) -> None:
    deadline = time.monotonic() + wait
    url = f"{server.sparql_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Virtuoso stopped at once: {server.log_tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise RuntimeError(f"Virtuoso did not answer on {server.sparql_url} within {wait:g} s: "
                       f"{server.log_tail()}")


def load(server: Virtuoso, store) -> dict[str, int]:
    """Every named graph of `store` into Virtuoso, one N-Triples file each; the triples
    per graph, checked against what Virtuoso then holds."""
    import pyoxigraph as ox

    from styrgraf.knowledge.sharing import graphs_to_push
    from styrgraf.queries import engine
    from styrgraf.queries.endpoint import Endpoint

    counts, adds = {}, []
    for i, graph in enumerate(graphs_to_push(store)):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None,
                                                             ox.NamedNode(graph))]
        path = server.directory / f"graph-{i:02d}.nt"
        ox.serialize(triples, str(path), format=ox.RdfFormat.N_TRIPLES)
        counts[graph] = len(triples)
        adds.append(f"ld_add('{path}', '{graph}');")
    server.sql(" ".join(adds) + " rdf_loader_run(); checkpoint;")
    failed = server.sql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST "
                        "WHERE ll_error IS NOT NULL;")
    if "0 Rows" not in failed:
        raise RuntimeError(f"Virtuoso could not load every file: {failed.strip()}")
    there = Endpoint(server.sparql_url, 120)
    for graph, n in counts.items():
        rows = engine.select(there, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                             {"g": ox.NamedNode(graph)}).rows
        held = int(rows[0]["n"].value)
        if held != n:
            raise RuntimeError(f"Virtuoso holds {held} triples of {graph}, not {n}")
    return counts


# ---- the comparison ------------------------------------------------------------------------

@dataclass
class Outcome:
    data: str
    name: str
    params: str
    verdict: str  # same | differs | error
    detail: str = ""
    seconds: float | None = None


_BOOLEAN_AS_INTEGER = re.compile(r'^"([01])"\^\^<' + re.escape(XSD) + r'integer>$')
_XSD_IRI = re.compile("<" + re.escape(XSD) + r"(\w+)>")
_LANGUAGE_TAG = re.compile(r'^(".*")@[A-Za-z0-9-]+$', re.DOTALL)


def _booleans_as_virtuoso_writes_them(rows: list) -> list:
    """Virtuoso has no boolean results: a true/false comes back as "1"/"0"^^xsd:integer."""
    def cell(value: str) -> str:
        return {f'"true"^^<{XSD}boolean>': f'"1"^^<{XSD}integer>',
                f'"false"^^<{XSD}boolean>': f'"0"^^<{XSD}integer>'}.get(value, value)
    return sorted(tuple((k, cell(v)) for k, v in row) for row in rows)


def _without_language_tags(rows: list) -> list:
    return sorted(tuple((k, _LANGUAGE_TAG.sub(r"\1", v)) for k, v in row) for row in rows)


def _describe(local, remote) -> str:
    """What differs between two answers, in a few words."""
    from test_endpoint import _normal

    if local.columns != remote.columns:
        return f"columns {local.columns} vs {remote.columns}"
    a, b = _normal(local), _normal(remote)
    only = []
    for what, view in (("booleans come back as 0/1 xsd:integer", _booleans_as_virtuoso_writes_them),
                       ("language tags dropped", _without_language_tags)):
        if view(a) != a or view(b) != b:
            a2, b2 = view(a), view(b)
            if a2 == b2:
                return f"only {', '.join([*only, what])}"
            if len(a2) == len(b2) and sum(x != y for x, y in zip(a2, b2, strict=True)) < sum(
                    x != y for x, y in zip(a, b, strict=True)):
                only.append(what)
                a, b = a2, b2
    prefix = f"{' and '.join(only)}; and " if only else ""
    if len(a) != len(b):
        missing = [r for r in a if r not in b]
        extra = [r for r in b if r not in a]
        first = (f"; e.g. only embedded: {_row(missing[0])}" if missing else
                 f"; e.g. only Virtuoso: {_row(extra[0])}" if extra else "")
        return f"{prefix}{len(a)} rows vs {len(b)}{first}"
    for ra, rb in zip(a, b, strict=True):
        if ra != rb:
            for (column, va), (_, vb) in zip(ra, rb, strict=True):
                if va != vb:
                    return f"{prefix}{len(a)} rows; e.g. ?{column}: {_short(va)} vs {_short(vb)}"
    return prefix or "?"


def _row(row: tuple) -> str:
    return "{" + ", ".join(f"{k}={_short(v, 40)}" for k, v in row if v != "None")[:150] + "}"


def _short(value: str, width: int = 60) -> str:
    value = _XSD_IRI.sub(r"xsd:\1", value)
    return value if len(value) <= width else value[:width - 1] + "…"


def _params(params: list[tuple[str, str]]) -> str:
    from styrgraf.ontology.prefixes import compact

    return " ".join(f"{k}={compact(v)}" for k, v in params) or "-"


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return _short(text.splitlines()[0], 170)


def compare_queries(data: str, store, endpoint, only: str | None = None) -> list[Outcome]:
    from test_endpoint import _normal, _variants

    from styrgraf.queries import catalog
    from styrgraf.queries.named import run_named

    outcomes = []
    for name, q in catalog.catalogue().items():
        if only and name != only:
            continue
        for params in _variants(store, q):
            local = run_named(store, name, params)
            t = time.perf_counter()
            try:
                remote = run_named(endpoint, name, params)
            except Exception as e:
                outcomes.append(Outcome(data, name, _params(params), "error", _first_line(e),
                                        time.perf_counter() - t))
                continue
            seconds = time.perf_counter() - t
            same = local.columns == remote.columns and _normal(local) == _normal(remote)
            outcomes.append(Outcome(data, name, _params(params), "same" if same else "differs",
                                    "" if same else _describe(local, remote), seconds))
    return outcomes


def compare_summaries(data: str, kb, endpoint) -> list[Outcome]:
    """overview, stats and the graph page, as test_overview_stats_and_page_are_the_same."""
    from styrgraf.api import RemoteKnowledgeBase

    there = RemoteKnowledgeBase(endpoint)
    checks = [
        ("overview findings", lambda k: [(f.key, f.count) for f in k.overview("en").findings]),
        ("overview documents", lambda k: k.overview("en").documents),
        ("stats classes", lambda k: [(c.class_iri, c.total, c.per_graph)
                                     for c in k.stats().classes]),
        ("stats documents", lambda k: k.stats().documents),
        ("graph page", lambda k: (lambda p: (p.nodes, p.edges, p.gaps))(k.graph_page())),
    ]
    outcomes = []
    for what, read in checks:
        here = read(kb)
        t = time.perf_counter()
        try:
            remote = read(there)
        except Exception as e:
            outcomes.append(Outcome(data, what, "-", "error", _first_line(e)))
            continue
        seconds = time.perf_counter() - t
        outcomes.append(Outcome(data, what, "-", "same", seconds=seconds) if here == remote
                        else Outcome(data, what, "-", "differs",
                                     _summary_difference(here, remote), seconds))
    return outcomes


def _summary_difference(here, there) -> str:
    if isinstance(here, tuple | list) and isinstance(there, tuple | list):
        if len(here) != len(there):
            extra = [x for x in there if x not in here]
            return (f"{len(here)} items vs {len(there)}"
                    + (f"; e.g. only Virtuoso: {_short(repr(extra[0]), 100)}" if extra else ""))
        diffs = [(a, b) for a, b in zip(here, there, strict=True) if a != b]
        if diffs:
            a, b = diffs[0]
            return _short(f"{len(diffs)} differ; e.g. {a!r} vs {b!r}", 170)
    return _short(f"{here!r} vs {there!r}", 170)


def print_table(outcomes: list[Outcome]) -> None:
    width = max(len(o.name) for o in outcomes)
    pwidth = min(60, max(len(o.params) for o in outcomes))
    print(f"{'data':8}  {'query':{width}}  {'params':{pwidth}}  {'s':>6}  result")
    for o in outcomes:
        verdict = o.verdict + (f": {o.detail}" if o.detail else "")
        seconds = f"{o.seconds:6.2f}" if o.seconds is not None else f"{'':6}"
        print(f"{o.data:8}  {o.name:{width}}  {o.params:{pwidth}}  {seconds}  {verdict}")
    counts = {v: sum(o.verdict == v for o in outcomes) for v in ("same", "differs", "error")}
    print(f"\n{len(outcomes)} comparisons: {counts['same']} same, {counts['differs']} differ, "
          f"{counts['error']} errors")


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds one query may take on Virtuoso (default 60)")
    parser.add_argument("--graphs", choices=("discovered", "given"), default="discovered",
                        help="let the endpoint discover the graphs (as styrgraf does, the "
                             "default) or give it the knowledge base's graph names")
    parser.add_argument("--only", metavar="NAME", help="compare only this query")
    parser.add_argument("--data", choices=("all", "built-in", "fixture"), default="all",
                        help="which knowledge base(s) to compare on (default both)")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="keep Virtuoso's folders (database, log, .nt files) in DIR")
    args = parser.parse_args(argv)
    virtuoso_t, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not virtuoso_t or not isql:
        print(INSTALL, file=sys.stderr)
        return 2

    signal.signal(signal.SIGTERM, _interrupt)  # as Ctrl-C: the with blocks stop Virtuoso
    import styrgraf
    from styrgraf.queries.endpoint import Endpoint

    datasets = [d for d in ("built-in", "fixture") if args.data in ("all", d)]
    outcomes: list[Outcome] = []
    try:
        for data in datasets:
            kb = styrgraf.open() if data == "built-in" else styrgraf.open(FIXTURE)
            with contextlib.ExitStack() as stack:
                if args.keep:
                    folder = (args.keep / data).resolve()
                    folder.mkdir(parents=True, exist_ok=False)
                else:
                    folder = Path(stack.enter_context(
                        tempfile.TemporaryDirectory(prefix="styrgraf-virtuoso-")))
                t = time.perf_counter()
                server = stack.enter_context(running_virtuoso(folder, virtuoso_t, isql))
                counts = load(server, kb.store)
                print(f"{data}: Virtuoso {server.version()} on {server.sparql_url}, "
                      f"{len(counts)} graphs, {sum(counts.values())} triples loaded in "
                      f"{time.perf_counter() - t:.1f} s")
                graphs = sorted(counts) if args.graphs == "given" else None
                endpoint = Endpoint(server.sparql_url, args.timeout, graphs=graphs)
                found = Endpoint(server.sparql_url, args.timeout).graph_names()
                extra = sorted(set(found) - set(counts))
                print(f"  graphs {args.graphs}; discovery finds {len(found)}"
                      + (f", Virtuoso's own too: {' '.join(extra)}" if extra else ""))
                outcomes += compare_queries(data, kb.store, endpoint, args.only)
                if data == "built-in" and not args.only:
                    outcomes += compare_summaries(data, kb, endpoint)
        print()
        print_table(outcomes)
    except KeyboardInterrupt:
        print("interrupted: Virtuoso stopped", file=sys.stderr)
        return 130
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print(f"error: {_first_line(e)}", file=sys.stderr)
        return 1
    return 0 if all(o.verdict == "same" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
