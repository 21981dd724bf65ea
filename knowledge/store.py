"""The embedded Oxigraph store: built from the sources once, reused until they change.

A store lives in the per-user cache under a directory keyed by the knowledge
directory's path, in a subdirectory named after the content fingerprint. A
rebuild loads everything into a fresh temporary directory and renames it into
place only when every file has loaded, so a failed rebuild never touches the
store that was there before, and a second command re-parses nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from platformdirs import user_cache_dir

from .errors import InputError, SourceSyntaxError, StyrgrafError
from .sources import ONTOLOGY_GRAPH, Source, SourceSet, discover

#: Bump when the way sources are loaded changes, so old caches are not reused.
STORE_FORMAT = 1
CACHE_ENV_VAR = "STYRGRAF_CACHE_DIR"
MANIFEST = "manifest.json"
_BUILD_PREFIX = ".build-"
_STALE_BUILD_SECONDS = 3600


def cache_root() -> Path:
    """Where stores are kept: $STYRGRAF_CACHE_DIR, else the per-user cache directory."""
    return Path(os.environ.get(CACHE_ENV_VAR) or user_cache_dir("styrgraf")) / "stores"


@dataclass(frozen=True)
class GraphInfo:
    """One loaded graph: where it came from and how many triples it holds."""

    graph: str
    file: str
    triples: int
    change: str  # "new", "changed", "unchanged" compared with the previous store


@dataclass
class BuildReport:
    """What `open_knowledge` did: reused the store or rebuilt it, and the graphs."""

    rebuilt: bool
    store_path: Path
    graphs: list[GraphInfo] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


class KnowledgeBase:
    """An opened, read-only knowledge store and the sources it was built from."""

    def __init__(self, store: ox.Store, sources: SourceSet, manifest: dict) -> None:
        self.store = store
        self.sources = sources
        self.manifest = manifest

    @property
    def data_graphs(self) -> list[str]:
        """The named graphs holding knowledge (everything but the vocabulary)."""
        return [g["graph"] for g in self.manifest["graphs"] if g["graph"] != ONTOLOGY_GRAPH]

    def graph_files(self) -> dict[str, str]:
        """Graph IRI → file name it was loaded from."""
        return {g["graph"]: g["file"] for g in self.manifest["graphs"]}


def open_knowledge(directory: Path | None = None, *, rebuild: bool = False) -> tuple[
    KnowledgeBase, BuildReport
]:
    """Open the store for `directory`, building it first if its sources changed."""
    sources = discover(directory)
    home = _store_home(sources)
    target = home / _content_key(sources)
    started = time.perf_counter()
    manifest = None
    if rebuild or not (target / MANIFEST).exists():
        home.mkdir(parents=True, exist_ok=True)
        with _locked(home):
            if rebuild or not (target / MANIFEST).exists():
                previous = _latest_manifest(home, exclude=target)
                manifest = _build(sources, target)
                report = _report(manifest, target, previous)
                _collect_garbage(home, keep=target)
    if manifest is None:  # reused (or built meanwhile by another process)
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        report = BuildReport(rebuilt=False, store_path=target)
        report.graphs = [GraphInfo(g["graph"], g["file"], g["triples"], "unchanged")
                         for g in manifest["graphs"]]
    try:
        store = ox.Store.read_only(str(target))
    except OSError as e:
        raise StyrgrafError(f"cannot open the store at {target}: {e}; "
                            "run `styrgraf build --rebuild`") from e
    report.seconds = time.perf_counter() - started
    return KnowledgeBase(store, sources, manifest), report


def _store_home(sources: SourceSet) -> Path:
    """One folder per knowledge directory, so two directories never share a store."""
    path_key = hashlib.sha256(str(sources.directory).encode()).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", sources.directory.name)[:40] or "data"
    return cache_root() / f"{slug}-{path_key}"


def _content_key(sources: SourceSet) -> str:
    h = hashlib.sha256(f"{STORE_FORMAT}\0{ox.__version__}\0{sources.fingerprint}".encode())
    return h.hexdigest()[:32]


def _build(sources: SourceSet, target: Path) -> dict:
    """Load every source into a temporary store, move it into place; return its manifest."""
    tmp = target.parent / f"{_BUILD_PREFIX}{target.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = ox.Store(str(tmp))
        for source in sources.sources:
            _load(store, source)
        counts = _graph_counts(store)
        manifest = {
            "format": STORE_FORMAT,
            "pyoxigraph": ox.__version__,
            "directory": str(sources.directory),
            "fingerprint": sources.fingerprint,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "graphs": _manifest_graphs(sources, counts),
        }
        store.flush()
        del store
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if target.exists():  # a half-finished store from a crash: replace it
            shutil.rmtree(target)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _load(store: ox.Store, source: Source) -> None:
    fmt = ox.RdfFormat.TRIG if source.format_name == "trig" else ox.RdfFormat.TURTLE
    base = source.graph or source.path.resolve().as_uri()
    kwargs = {"to_graph": ox.NamedNode(source.graph)} if source.graph else {}
    try:
        store.bulk_load(path=str(source.path), format=fmt, base_iri=base, **kwargs)
    except SyntaxError as e:
        raise _syntax_error(source.path, e) from e
    except OSError as e:
        raise InputError(f"cannot read {source.path}: {e}") from e


def _syntax_error(path: Path, e: SyntaxError) -> SourceSyntaxError:
    """Turn pyoxigraph's parser error into `file:line:column: problem`."""
    message = str(e.args[0]) if e.args else str(e)
    problem = re.sub(r"^Parser error (at|between) [^:]*: ", "", message)
    return SourceSyntaxError(str(path), e.lineno, e.offset, problem)


def _graph_counts(store: ox.Store) -> dict[str, int]:
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row["g"].value: int(row["n"].value) for row in rows}
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    n_default = int(next(iter(default))["n"].value)
    if n_default:
        counts[""] = n_default
    return counts


def _manifest_graphs(sources: SourceSet, counts: dict[str, int]) -> list[dict]:
    by_graph = {s.graph: s for s in sources.sources if s.graph}
    trig_files = [s for s in sources.sources if s.graph is None]
    graphs = []
    for graph, n in sorted(counts.items()):
        source = by_graph.get(graph)
        name = source.path.name if source else ", ".join(s.path.name for s in trig_files)
        digest = source.sha256 if source else "+".join(s.sha256 for s in trig_files)
        graphs.append({"graph": graph, "file": name, "sha256": digest, "triples": n})
    # An empty .ttl file still deserves a line in the report.
    for graph, source in by_graph.items():
        if graph not in counts:
            graphs.append({"graph": graph, "file": source.path.name,
                           "sha256": source.sha256, "triples": 0})
    return graphs


def _report(manifest: dict, target: Path, previous: dict | None) -> BuildReport:
    before = {g["graph"]: g.get("sha256") for g in (previous or {}).get("graphs", [])}
    graphs = []
    for g in manifest["graphs"]:
        if g["graph"] not in before:
            change = "new"
        elif before[g["graph"]] != g["sha256"]:
            change = "changed"
        else:
            change = "unchanged"
        graphs.append(GraphInfo(g["graph"], g["file"], g["triples"], change))
    now = {g["graph"] for g in manifest["graphs"]}
    return BuildReport(True, target, graphs, sorted(set(before) - now))


def _latest_manifest(home: Path, exclude: Path) -> dict | None:
    manifests = [p / MANIFEST for p in home.iterdir()
                 if p != exclude and not p.name.startswith(".") and (p / MANIFEST).exists()]
    if not manifests:
        return None
    newest = max(manifests, key=lambda p: p.stat().st_mtime)
    return json.loads(newest.read_text(encoding="utf-8"))


def _collect_garbage(home: Path, keep: Path) -> None:
    """Remove superseded stores and stale half-built ones; never fail the command."""
    now = time.time()
    for p in home.iterdir():
        if p == keep or p.name == ".lock":
            continue
        age = now - p.stat().st_mtime
        stale_build = p.name.startswith(_BUILD_PREFIX) and age > _STALE_BUILD_SECONDS
        if stale_build or not p.name.startswith("."):
            shutil.rmtree(p, ignore_errors=True)


@contextlib.contextmanager
def _locked(home: Path):
    """Serialise builds of one knowledge directory across processes."""
    with open(home / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
