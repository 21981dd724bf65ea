"""The embedded Oxigraph store: built from the sources once, reused until they change.

A store lives in the per-user cache under a directory keyed by the knowledge
directory's path, in a subdirectory named after the content fingerprint. It is
one N-Quads snapshot of everything loaded (with its sha256 in the manifest),
read into an in-memory Oxigraph store on open: for the sizes a city has (up to
a few million triples) that answers queries 5-20x faster than Oxigraph's
on-disk RocksDB store, which decodes every term from disk
(benchmarks/bench_store.py measures both). For a
workspace the fingerprint covers every layer (the built-in folder's path and
files as well as the workspace's own), so an edit in either, or switching the
built-in layer off, gives a new store, and two workspaces never share one. A
rebuild loads everything into a fresh temporary directory and swaps it into
place by renames only when every file has loaded, so a failed rebuild never
touches the store that was there before, a reader never finds a half-deleted
store, and a second command re-parses nothing. A store that is found damaged
(unreadable manifest, missing or truncated files) is rebuilt from the sources.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from platformdirs import user_cache_dir

from .errors import InputError, SourceSyntaxError, StyrgrafError
from .sources import ONTOLOGY_GRAPH, Layer, Source, SourceSet, discover, display_path

#: Bump when the way sources are loaded changes, so old caches are not reused.
STORE_FORMAT = 2
CACHE_ENV_VAR = "STYRGRAF_CACHE_DIR"
MANIFEST = "manifest.json"
SNAPSHOT = "quads.nq"
_BUILD_PREFIX = ".build-"
_OLD_PREFIX = ".old-"
_STALE_BUILD_SECONDS = 3600
_CACHE_ADVICE = f"set {CACHE_ENV_VAR} to a writable folder"


def cache_root(cache_dir: Path | None = None) -> Path:
    """Where stores are kept: `cache_dir`, else $STYRGRAF_CACHE_DIR, else the user cache."""
    return Path(cache_dir or os.environ.get(CACHE_ENV_VAR) or user_cache_dir("styrgraf")) / "stores"


@dataclass(frozen=True)
class GraphInfo:
    """One loaded graph: where it came from and how many triples it holds."""

    graph: str
    file: str
    triples: int
    change: str  # "new", "changed", "unchanged" compared with the previous store
    layer: str = ""  # the kind of layer its file came from (builtin, workspace, folder)


@dataclass
class BuildReport:
    """What `open_knowledge` did: reused the store or rebuilt it, and the graphs.

    `repaired` is set when the store was rebuilt because the one in the cache
    was damaged; `reason` says what was wrong, for a note to the user.
    """

    rebuilt: bool
    store_path: Path
    graphs: list[GraphInfo] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    repaired: bool = False
    reason: str = ""


class KnowledgeBase:
    """An opened, read-only knowledge store and the sources it was built from."""

    def __init__(self, store: ox.Store, sources: SourceSet, manifest: dict,
                 path: Path | None = None) -> None:
        self.store = store
        self.sources = sources
        self.manifest = manifest
        #: the cached store's folder (named by the sources' content), for caches of
        #: what depends on the content only
        self.path = path

    @property
    def data_graphs(self) -> list[str]:
        """The named graphs holding knowledge (everything but the vocabulary)."""
        return [g["graph"] for g in self.manifest["graphs"] if g["graph"] != ONTOLOGY_GRAPH]

    def graph_files(self) -> dict[str, str]:
        """Graph IRI → file name it was loaded from."""
        return {g["graph"]: g["file"] for g in self.manifest["graphs"]}

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The folders loaded, first to last: (path, kind) with kind builtin, workspace, folder."""
        return self.sources.layers


@dataclass
class _Opened:
    store: ox.Store
    manifest: dict


#: Told (file name, bytes loaded, bytes in all) after each file a build loads.
Progress = Callable[[str, int, int], None]


def open_knowledge(directory: Path | None = None, *, rebuild: bool = False,
                   cache_dir: Path | None = None,
                   progress: Progress | None = None) -> tuple[KnowledgeBase, BuildReport]:
    """Open the store for `directory`, building it first if its sources changed.

    `cache_dir` overrides $STYRGRAF_CACHE_DIR. A damaged store is rebuilt, and
    the report says so (`repaired`). `progress` hears of each file a build loads.
    """
    sources = discover(directory)
    root = cache_root(cache_dir)
    home = _store_home(sources, root)
    target = home / _content_key(sources)
    started = time.perf_counter()
    found = None if rebuild else _open_existing(target, sources)
    if isinstance(found, _Opened):
        report = _reused(found.manifest, target)
    else:
        damage = _prepare_home(home, root) or found
        with _locked(home, root):
            if not rebuild:  # another process may have built or repaired it meanwhile
                found = _open_existing(target, sources)
                damage = found if isinstance(found, str) else damage
            if isinstance(found, _Opened):
                report = _reused(found.manifest, target)
            else:
                previous = _latest_manifest(home, exclude=target)
                manifest, store = _build(sources, target, root, progress)
                report = _report(manifest, target, previous)
                report.repaired, report.reason = bool(damage), damage or ""
                _collect_garbage(home, keep=target)
                found = _Opened(store, manifest)
    report.seconds = time.perf_counter() - started
    return KnowledgeBase(found.store, sources, found.manifest, target), report


def _reused(manifest: dict, target: Path) -> BuildReport:
    report = BuildReport(rebuilt=False, store_path=target)
    report.graphs = [GraphInfo(g["graph"], g["file"], g["triples"], "unchanged",
                               g.get("layer", "")) for g in manifest["graphs"]]
    return report


def _read_snapshot(target: Path, manifest: dict) -> tuple[ox.Store, str | None]:
    """The in-memory store of `target`'s snapshot, or why the snapshot is unusable.

    The sha256 is checked before the quads are read, so the parser may skip its
    own validation (lenient): the file is exactly what a build wrote.
    """
    data = (target / SNAPSHOT).read_bytes()
    store = ox.Store()
    if hashlib.sha256(data).hexdigest() != manifest.get("snapshot_sha256"):
        return store, "its snapshot does not match its checksum"
    store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS, lenient=True)
    return store, _content_problem(store, manifest)


def _open_existing(target: Path, sources: SourceSet) -> _Opened | str | None:
    """The usable store at `target`; else why it is unusable (a string), or None if absent."""
    if not os.path.lexists(target):
        return None
    if target.is_symlink() or not target.is_dir():
        return "a file stood where the store folder should be"
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "its manifest is missing"
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return f"its manifest is unreadable: {_first_line(e)}"
    problem = _manifest_problem(manifest, sources)
    if problem:
        return f"its manifest {problem}"
    try:
        store, problem = _read_snapshot(target, manifest)
    except FileNotFoundError:
        return "its snapshot is missing"
    except (OSError, RuntimeError, SyntaxError, ValueError) as e:
        return f"the store does not open: {_first_line(e)}"
    return f"the store {problem}" if problem else _Opened(store, manifest)


def _manifest_problem(manifest: object, sources: SourceSet) -> str | None:
    """What makes a manifest unfit to describe the store for `sources`, if anything."""
    if not isinstance(manifest, dict):
        return "is not a JSON object"
    if manifest.get("format") != STORE_FORMAT or manifest.get("pyoxigraph") != ox.__version__:
        return "is from another store format"
    if manifest.get("fingerprint") != sources.fingerprint:
        return "does not match the sources"
    graphs = manifest.get("graphs")
    if not isinstance(manifest.get("snapshot_sha256"), str):
        return "names no snapshot"
    keys = {"graph": str, "file": str, "triples": int, "sha256": str}
    if not isinstance(graphs, list) or not all(
            isinstance(g, dict) and all(isinstance(g.get(k), t) for k, t in keys.items())
            for g in graphs):
        return "has no valid list of graphs"
    return None


def _content_problem(store: ox.Store, manifest: dict) -> str | None:
    """Whether the snapshot gave as many quads as the build loaded (cheap: a length)."""
    expected = sum(g["triples"] for g in manifest["graphs"])
    found = len(store)
    if found != expected:
        return f"holds {found} quads where {expected} were loaded"
    return None


def _first_line(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0][:300]


def _store_home(sources: SourceSet, root: Path) -> Path:
    """One folder per knowledge directory, so two directories never share a store."""
    path_key = hashlib.sha256(os.fsencode(sources.directory)).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", sources.directory.name)[:40] or "data"
    return root / f"{slug}-{path_key}"


def _content_key(sources: SourceSet) -> str:
    h = hashlib.sha256(f"{STORE_FORMAT}\0{ox.__version__}\0{sources.fingerprint}".encode())
    return h.hexdigest()[:32]


def _prepare_home(home: Path, root: Path) -> str | None:
    """Create the store's folder; say so if something of ours was in the way and was removed."""
    damage = None
    if os.path.lexists(home) and (home.is_symlink() or not home.is_dir()) and root.is_dir():
        damage = "a file stood where its folder should be"
        try:
            home.unlink()
        except OSError as e:
            raise _cache_error(root, e) from e
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _cache_error(root, e) from e
    return damage


def _cache_error(root: Path, e: OSError) -> StyrgrafError:
    """One line naming the cache path at fault and what to do about it."""
    failed = Path(e.filename) if isinstance(e.filename, str | os.PathLike) else root
    where = display_path(failed)
    message = str(e)
    chain = list(reversed((failed, *failed.parents)))  # from / down to the failed path
    if e.errno == errno.ELOOP:
        link = next((p for p in chain if p.is_symlink() and _loops(p)), failed)
        return InputError(f"the cache folder {display_path(link)} is a symbolic link loop; "
                          f"fix the link or {_CACHE_ADVICE}")
    if e.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in chain if os.path.lexists(p) and not p.is_dir()), failed)
        if blocker == root.parent:
            return InputError(f"the cache folder {display_path(blocker)} is a file, not a "
                              f"folder; remove it or {_CACHE_ADVICE}")
        return InputError(f"cannot create the cache folder {display_path(root.parent)}: "
                          f"{display_path(blocker)} is a file, not a folder; remove it "
                          f"or {_CACHE_ADVICE}")
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or "Permission denied" in message:
        folder = display_path(failed.parent)  # the folder the entry could not be made in
        return InputError(f"cannot write in the cache folder {folder}: permission denied; "
                          f"make it writable or {_CACHE_ADVICE}")
    if e.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left" in message:
        return StyrgrafError(f"no space left for the store cache in {where}; free some space "
                             f"or {_CACHE_ADVICE} on another disk")
    return InputError(f"cannot use the cache folder {where}: {e.strerror or _first_line(e)}; "
                      f"{_CACHE_ADVICE}")


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as e:
        return e.errno == errno.ELOOP
    return False


def _build(sources: SourceSet, target: Path, root: Path,
           progress: Progress | None = None) -> tuple[dict, ox.Store]:
    """Load every source into memory, write its snapshot into a temporary folder and swap
    that into place; return the manifest and the loaded store."""
    tmp = target.parent / f"{_BUILD_PREFIX}{target.name}-{os.getpid()}"
    _remove(tmp)
    try:
        try:
            tmp.mkdir()
        except OSError as e:
            raise _cache_error(root, e) from e
        store = ox.Store()
        reserved = {s.graph: s for s in sources.sources if s.graph}
        total, done = sum(len(s.data) for s in sources.sources), 0
        for source in sources.sources:
            _load(store, source, reserved, root)
            done += len(source.data)
            if progress is not None:
                progress(source.path.name, done, total)
        counts = _graph_counts(store)
        try:
            snapshot = _write_snapshot(store, tmp / SNAPSHOT)
        except OSError as e:
            raise _cache_error(root, _as_os_error(e, tmp)) from e
        manifest = {
            "format": STORE_FORMAT,
            "pyoxigraph": ox.__version__,
            "directory": str(sources.directory),
            "layers": [{"path": str(layer.path), "kind": layer.kind} for layer in sources.layers],
            "fingerprint": sources.fingerprint,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "graphs": _manifest_graphs(sources, counts),
            "snapshot_sha256": snapshot,
        }
        try:
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        except OSError as e:
            raise _cache_error(root, _as_os_error(e, tmp)) from e
        _swap_into_place(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    return manifest, store


def _write_snapshot(store: ox.Store, path: Path) -> str:
    """Write the store's quads as N-Quads, synced to disk; return the file's sha256."""
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return hashlib.sha256(data).hexdigest()


def _swap_into_place(tmp: Path, target: Path) -> None:
    """Replace `target` by `tmp` with renames only, so `target` is never half deleted.

    The previous store is moved aside whole, then removed; if the new one
    cannot be moved in, the previous one is moved back.
    """
    old = None
    if os.path.lexists(target):
        old = target.parent / f"{_OLD_PREFIX}{target.name}-{os.getpid()}"
        _remove(old)
        os.rename(target, old)
    try:
        os.rename(tmp, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        _remove(old)


def _as_os_error(e: Exception, path: Path) -> OSError:
    """pyoxigraph's store errors often carry no errno: keep the message, name the path."""
    if isinstance(e, OSError) and e.errno is not None:
        return e
    return OSError(None, _first_line(e), str(path))


def _load(store: ox.Store, source: Source, reserved: dict[str, Source], root: Path) -> None:
    """Load the bytes `discover` hashed (never the file again) into the store."""
    fmt = ox.RdfFormat.TRIG if source.format_name == "trig" else ox.RdfFormat.TURTLE
    base = source.graph or source.path.resolve().as_uri()
    kwargs = {"to_graph": ox.NamedNode(source.graph)} if source.graph else {}
    shown = display_path(source.path)
    try:
        if source.graph is None:
            _check_trig_graphs(source, base, reserved)
        store.bulk_load(input=source.data, format=fmt, base_iri=base, **kwargs)
    except SyntaxError as e:
        raise _syntax_error(source.path, e) from e
    except MemoryError:
        raise InputError(f"{shown} is too large to load (out of memory); split the file "
                         "or shorten its longest text") from None
    except OSError as e:  # the input is in memory: this is the store failing to write
        raise _cache_error(root, _as_os_error(e, root)) from e


def _check_trig_graphs(source: Source, base: str, reserved: dict[str, Source]) -> None:
    """A TriG file may not write into the vocabulary's graph or a .ttl file's graph."""
    names = {q.graph_name.value for q in ox.parse(input=source.data, format=ox.RdfFormat.TRIG,
                                                  base_iri=base)
             if isinstance(q.graph_name, ox.NamedNode)}
    taken = sorted(names & set(reserved))
    if taken:
        name = taken[0]
        what = ("is reserved for the vocabulary" if name == ONTOLOGY_GRAPH
                else f"is the graph of {display_path(reserved[name].path.name)}")
        raise InputError(f"{display_path(source.path)}: graph <{name}> {what}; "
                         "give the graph another name")


def _syntax_error(path: Path, e: SyntaxError) -> SourceSyntaxError:
    """Turn pyoxigraph's parser error into `file:line:column: problem`."""
    message = str(e.args[0]) if e.args else str(e)
    problem = re.sub(r"^Parser error (at|between) [^:]*: ", "", message)
    problem = "".join(c if c.isprintable() else repr(c)[1:-1] for c in problem)
    return SourceSyntaxError(display_path(path), e.lineno, e.offset, problem)


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
        layer = source.layer if source else ", ".join(dict.fromkeys(s.layer for s in trig_files))
        graphs.append({"graph": graph, "file": name, "sha256": digest, "triples": n,
                       "layer": layer})
    # An empty .ttl file still deserves a line in the report.
    for graph, source in by_graph.items():
        if graph not in counts:
            graphs.append({"graph": graph, "file": source.path.name,
                           "sha256": source.sha256, "triples": 0, "layer": source.layer})
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
        graphs.append(GraphInfo(g["graph"], g["file"], g["triples"], change, g["layer"]))
    now = {g["graph"] for g in manifest["graphs"]}
    return BuildReport(True, target, graphs, sorted(set(before) - now))


def _latest_manifest(home: Path, exclude: Path) -> dict | None:
    """The newest readable manifest of another store, for the change report; damage is skipped."""
    found: list[tuple[float, dict]] = []
    for p in home.iterdir():
        if p == exclude or p.name.startswith("."):
            continue
        try:
            manifest = json.loads((p / MANIFEST).read_text(encoding="utf-8"))
            mtime = (p / MANIFEST).stat().st_mtime
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        graphs = manifest.get("graphs") if isinstance(manifest, dict) else None
        if isinstance(graphs, list) and all(isinstance(g, dict) and "graph" in g for g in graphs):
            found.append((mtime, manifest))
    return max(found, key=lambda item: item[0])[1] if found else None


def _collect_garbage(home: Path, keep: Path) -> None:
    """Remove superseded stores and abandoned half-built ones; never fail the command.

    Runs under the build lock, so no other process is building here: a build
    folder whose process is gone is removed at once, others after an hour.
    """
    now = time.time()
    try:
        entries = list(home.iterdir())
    except OSError:
        return
    for p in entries:
        if p == keep or p.name == ".lock":
            continue
        if p.name.startswith(_BUILD_PREFIX):
            try:
                age = now - p.lstat().st_mtime
            except OSError:
                continue
            if _owner_alive(p.name) and age <= _STALE_BUILD_SECONDS:
                continue
        elif p.name.startswith(".") and not p.name.startswith(_OLD_PREFIX):
            continue
        _remove(p)


def _owner_alive(name: str) -> bool:
    """Whether the process whose pid ends a `.build-…-PID` name still runs (unknown: yes)."""
    try:
        pid = int(name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, under another user
        return True
    return True


def _remove(path: Path) -> None:
    """Delete a file, link or folder tree if it is there; errors are ignored."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(home: Path, root: Path) -> Iterator[None]:
    """Serialise builds of one knowledge directory across processes."""
    try:
        lock = open(home / ".lock", "w")  # noqa: SIM115 - held for the whole block
    except OSError as e:
        raise _cache_error(root, e) from e
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
