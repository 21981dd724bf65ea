"""Share the knowledge base: serve it with the Oxigraph server, push it to any SPARQL server.

`serve` runs the Oxigraph server from the `oxigraph` package on PyPI (pinned to
the pyoxigraph version, so the answers are the embedded store's) over a
private copy of the store, so a rebuild meanwhile cannot pull the data from
under it; read-only unless asked, on 127.0.0.1 unless told otherwise.

`push` uploads each graph with the SPARQL 1.1 Graph Store HTTP Protocol, one
PUT per graph: the server replaces a graph whole or not at all, so an
interrupted push leaves every graph either old or new, and the error says
which were pushed.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
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

import pyoxigraph as ox

from .errors import InputError, StyrgrafError

DEFAULT_PORT = 7878


class ServerError(StyrgrafError):
    """The SPARQL server could not be started or did not answer (exit 3)."""

    exit_code = 3


def oxigraph_binary() -> str:
    """The `oxigraph` server program installed with styrgraf (next to this Python)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the Oxigraph server is not installed: pip install "
                          "'oxigraph==" + ox.__version__ + "'")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running Oxigraph server over a copy of the knowledge base."""

    process: subprocess.Popen
    host: str
    port: int
    writable: bool

    @property
    def query_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/query"

    @property
    def store_url(self) -> str:
        return self.query_url.rsplit("/", 1)[0] + "/store"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def serving(store: ox.Store | None, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
            writable: bool = False, wait: float = 20.0) -> Iterator[Server]:
    """Run the Oxigraph server over a copy of `store` (None: an empty store) until the
    block ends; port 0 picks a free one."""
    port = port or free_port(host)
    with tempfile.TemporaryDirectory(prefix="styrgraf-serve-") as tmp:
        location = Path(tmp) / "store"
        if store is not None:
            _copy(store, location)
        else:
            location.mkdir()
        command = [oxigraph_binary(), "serve" if writable else "serve-read-only",
                   "--location", str(location), "--bind", f"{host}:{port}",
                   "--union-default-graph"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        server = Server(process, host, port, writable)
        try:
            _wait_until_up(server, wait)
            yield server
        finally:
            server.stop()


def _copy(store: ox.Store, location: Path) -> None:
    """A private copy of `store` at `location` (a checkpoint, or a bulk copy of the quads
    where the store cannot make one, e.g. an in-memory store)."""
    try:
        store.backup(str(location))
    except (OSError, RuntimeError, ValueError):
        copy = ox.Store(str(location))
        copy.bulk_extend(store)
        copy.flush()
        del copy


def _wait_until_up(server: Server, wait: float) -> None:
    deadline = time.monotonic() + wait
    query = urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            message = (server.process.stderr.read() if server.process.stderr else "").strip()
            raise ServerError(f"the Oxigraph server stopped at once: "
                              f"{message.splitlines()[-1] if message else 'no message'}")
        try:
            with urllib.request.urlopen(f"{server.query_url}?{query}", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    server.stop()
    raise ServerError(f"the Oxigraph server did not answer on {server.query_url} within "
                      f"{wait:g} s")


# ---- push ---------------------------------------------------------------------------------

@dataclass
class GraphPush:
    graph: str
    triples: int
    remote: int | None = None  # triples the server had (dry run), None if unknown
    added: int | None = None
    removed: int | None = None
    pushed: bool = False


def store_url_for(query_url: str) -> str:
    """The Graph Store endpoint beside a query endpoint: …/query or …/sparql → …/store."""
    base, _, last = query_url.rstrip("/").rpartition("/")
    return f"{base}/store" if last in ("query", "sparql") else query_url.rstrip("/") + "/store"


def graphs_to_push(store: ox.Store, only: str | None = None) -> list[str]:
    """Every named graph (the vocabulary too: queries read class labels from it)."""
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    if only is None:
        return graphs
    from styrgraf.ontology.prefixes import GRAPH, expand

    wanted = {only, GRAPH + only, expand(only) or ""}
    chosen = [g for g in graphs if g in wanted]
    if not chosen:
        names = ", ".join(g[len(GRAPH):] if g.startswith(GRAPH) else g for g in graphs)
        raise InputError(f"no graph '{only}' (known: {names})")
    return chosen


def plan_push(store: ox.Store, endpoint, graphs: list[str]) -> list[GraphPush]:
    """What a push would change, graph by graph, compared with what the server holds."""
    from styrgraf.queries import engine

    plans = []
    for graph in graphs:
        local = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        rows = engine.select(endpoint, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                             {"g": ox.NamedNode(graph)}).rows
        remote = {ox.Triple(r["s"], r["p"], r["o"]) for r in rows}
        plans.append(GraphPush(graph, len(local), len(remote), len(local - remote),
                               len(remote - local)))
    return plans


def push(store: ox.Store, store_url: str, graphs: list[str], *, auth: str | None = None,
         timeout: float = 60.0) -> list[GraphPush]:
    """PUT each graph to the Graph Store endpoint; on failure say which were pushed."""
    done: list[GraphPush] = []
    for graph in graphs:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None,
                                                             ox.NamedNode(graph))]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples",
                                                  "User-Agent": "styrgraf"})
        if auth:
            request.add_header("Authorization", auth)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                pass
        except (urllib.error.URLError, OSError) as e:
            pushed = ", ".join(_short(p.graph) for p in done) or "none"
            left = ", ".join(_short(g) for g in graphs[len(done):])
            reason = getattr(e, "code", None) or getattr(e, "reason", None) or e
            raise ServerError(f"pushing {_short(graph)} to {store_url} failed ({reason}); "
                              f"replaced: {pushed}; unchanged (old): {left}") from None
        done.append(GraphPush(graph, len(triples), pushed=True))
    return done


def _short(graph: str) -> str:
    from styrgraf.ontology.prefixes import GRAPH

    return graph[len(GRAPH):] if graph.startswith(GRAPH) else graph


__all__ = ["DEFAULT_PORT", "GraphPush", "Server", "ServerError",
           "graphs_to_push", "oxigraph_binary", "plan_push", "push", "serving",
           "store_url_for"]
