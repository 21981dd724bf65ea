"""The store survives what the attack run threw at it: odd files, odd names, odd caches.

Each test reproduces one defect: it fails on the code before the fix (an
internal error, a silent partial load, a store deleted too early) and passes
after it. Library calls where the store's internals matter, the real CLI in a
subprocess where the user-visible message does.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

import pyoxigraph as ox
import pytest

from styrgraf.knowledge import sources as sources_module
from styrgraf.knowledge import store as store_module
from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.sources import ONTOLOGY_GRAPH, graph_for
from styrgraf.knowledge.store import cache_root, open_knowledge
from styrgraf.ontology.prefixes import GRAPH, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ASK_ACTIVITY = "ASK { act:faltchat a sg:Activity }"
ONE_TRIPLE = ('<https://w3id.org/styrgraf/id/activity/extra> '
              '<http://www.w3.org/2000/01/rdf-schema#label> "Extra"@sv .\n')


def _cli(*args: str, cache: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "STYRGRAF_DATA"}
    env.update(STYRGRAF_CACHE_DIR=str(cache), COLUMNS="200", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "styrgraf.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=timeout)


def _one_line_error(r: subprocess.CompletedProcess, code: int = 2) -> str:
    """The run failed with `code` and exactly one line on stderr, not an internal error."""
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert r.returncode == code, r.stderr
    assert len(lines) == 1 and "internal error" not in r.stderr, r.stderr
    return lines[0]


@pytest.fixture
def mini(tmp_path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("STYRGRAF_CACHE_DIR", str(path))
    return path


def _home(cache: Path) -> Path:
    (home,) = (cache / "stores").iterdir()
    return home


def _ask(kb, query: str) -> bool:
    return bool(kb.store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True))


def _labels(kb, graph: str) -> set[str]:
    rows = kb.store.query(f"SELECT ?l WHERE {{ GRAPH <{graph}> {{ ?s rdfs:label ?l }} }}",
                          prefixes=PREFIXES)
    return {row["l"].value for row in rows}


# 2. The bytes that are hashed are the bytes that are loaded.

def test_an_edit_during_the_build_cannot_give_a_stale_store(mini, cache, monkeypatch):
    source = mini / "source.ttl"
    hashed = source.read_bytes()
    real_discover = store_module.discover

    def discover_then_edit(directory):
        found = real_discover(directory)
        # The curator saves the file just after it was hashed, before it is loaded.
        source.write_text(source.read_text(encoding="utf-8").replace(
            "Fältchat – för att nå nya grupper", "Ändrad under bygget"), encoding="utf-8")
        return found

    monkeypatch.setattr(store_module, "discover", discover_then_edit)
    kb, report = open_knowledge(mini)
    assert report.rebuilt
    graph = graph_for(source)
    (entry,) = [g for g in kb.manifest["graphs"] if g["graph"] == graph]
    assert entry["sha256"] == hashlib.sha256(hashed).hexdigest()
    # The store holds what the manifest's hash describes, not the later edit ...
    assert "Fältchat – för att nå nya grupper" in _labels(kb, graph)
    assert "Ändrad under bygget" not in _labels(kb, graph)
    # ... so the next command sees the edit as a change and rebuilds.
    monkeypatch.setattr(store_module, "discover", real_discover)
    kb, report = open_knowledge(mini)
    assert report.rebuilt and "Ändrad under bygget" in _labels(kb, graph)


# 3. --rebuild swaps by rename; the old store is never deleted before the new one is in place.

def test_a_failed_swap_keeps_the_old_store(mini, cache, monkeypatch):
    kb, report = open_knowledge(mini)
    target = report.store_path
    del kb
    real_rename = os.rename
    seen: dict[str, int] = {}

    def rename(src, dst):
        if Path(src).name.startswith(".build-"):
            # The moment before the new store moves in: the old one must still be whole.
            old = [p for p in (Path(dst), *Path(dst).parent.glob(".old-*")) if p.is_dir()]
            seen["old_triples"] = max((_snapshot_quads(p) for p in old), default=0)
            raise OSError(errno.EIO, "simulated crash", str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="simulated crash"):
        open_knowledge(mini, rebuild=True)
    monkeypatch.setattr(os, "rename", real_rename)
    assert seen["old_triples"] > 0
    assert target.is_dir()
    kb, report = open_knowledge(mini)
    assert not report.rebuilt and not report.repaired
    assert _ask(kb, ASK_ACTIVITY)
    assert not [p for p in _home(cache).iterdir() if p.name.startswith((".build-", ".old-"))]


KILLED_BUILD = """
import os, sys, time
from pathlib import Path
import styrgraf.knowledge.store as st
real, calls = st._load, []
def slow(*args):
    real(*args)
    calls.append(1)
    if len(calls) == 2:
        Path(sys.argv[2]).write_text(str(os.getpid()))
        time.sleep(60)
st._load = slow
st.open_knowledge(Path(sys.argv[1]), rebuild=True)
"""


def test_a_killed_rebuild_keeps_the_old_store_and_its_leftover_goes_at_once(
        mini, cache, tmp_path):
    open_knowledge(mini)
    marker = tmp_path / "loading"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(mini), str(marker)],
                            env={**os.environ, "STYRGRAF_CACHE_DIR": str(cache)})
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the build never started loading"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    leftovers = [p for p in _home(cache).iterdir() if p.name.startswith(".build-")]
    assert [p.name.endswith(f"-{proc.pid}") for p in leftovers] == [True]
    kb, report = open_knowledge(mini)  # the old store is still there and whole
    assert not report.rebuilt and _ask(kb, ASK_ACTIVITY)
    # Its owner is dead: the next build removes the leftover now, not in an hour.
    open_knowledge(mini, rebuild=True)
    assert not [p for p in _home(cache).iterdir() if p.name.startswith(".build-")]


# 4. A damaged store is rebuilt from the sources, and the report says so.

def _snapshot(store: Path) -> Path:
    return store / store_module.SNAPSHOT


def _snapshot_quads(store: Path) -> int:
    return _snapshot(store).read_bytes().count(b"\n")


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("#") if data[middle] != ord("#") else ord("x")
    path.write_bytes(bytes(data))


DAMAGE = {
    "bad-manifest-json": lambda s: (s / "manifest.json").write_text("{not json", "utf-8"),
    "manifest-not-an-object": lambda s: (s / "manifest.json").write_text("[]", "utf-8"),
    "manifest-missing": lambda s: (s / "manifest.json").unlink(),
    "truncated-snapshot": lambda s: os.truncate(_snapshot(s), _snapshot(s).stat().st_size // 2),
    "missing-snapshot": lambda s: _snapshot(s).unlink(),
    "a-byte-changed-in-the-snapshot": lambda s: _flip_a_byte(_snapshot(s)),
    "file-instead-of-store": lambda s: (shutil.rmtree(s), s.write_text("x", "utf-8")),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_store_is_rebuilt(damage, mini, cache):
    kb, report = open_knowledge(mini)
    store_path = report.store_path
    del kb
    DAMAGE[damage](store_path)
    r = _cli("--data", str(mini), "sparql", ASK_ACTIVITY, cache=cache)
    assert r.returncode == 0 and r.stdout.strip() == "true", r.stderr
    assert "internal error" not in r.stderr
    DAMAGE[damage](store_path)
    kb, report = open_knowledge(mini)
    assert report.rebuilt and report.repaired and report.reason, report
    assert _ask(kb, ASK_ACTIVITY)
    kb, report = open_knowledge(mini)
    assert not report.rebuilt and not report.repaired


def test_a_file_instead_of_the_store_home_is_replaced(mini, cache):
    open_knowledge(mini)
    home = _home(cache)
    shutil.rmtree(home)
    home.write_text("x", encoding="utf-8")
    _, report = open_knowledge(mini)
    assert report.rebuilt and report.repaired and home.is_dir()


# 5. Ordinary file names make valid graph IRIs; ordinary names keep their graph.

def test_graph_iris_of_odd_names_are_percent_encoded():
    assert graph_for(Path("source.ttl")) == GRAPH + "source"
    assert graph_for(Path("001-handlingsplan-ny-sol.ttl")) == GRAPH + "001-handlingsplan-ny-sol"
    assert graph_for(Path("Åtgärdsplan_2024.v2.ttl")) == GRAPH + "Åtgärdsplan_2024.v2"
    assert graph_for(Path("Handlingsplan 2024.ttl")) == GRAPH + "Handlingsplan%202024"
    assert graph_for(Path("100%.ttl")) == GRAPH + "100%25"
    assert graph_for(Path('it\'s "x"#1.ttl')) == GRAPH + "it%27s%20%22x%22%231"
    assert graph_for(Path("two\nlines.ttl")) == GRAPH + "two%0Alines"
    assert graph_for(Path("...ttl")) == GRAPH + "%2E%2E"


def test_odd_file_names_build(mini, cache):
    names = ["Handlingsplan 2024.ttl", "100%.ttl", 'it\'s "x".ttl', "two\nlines.ttl",
             "Åtgärder.ttl"]
    for i, name in enumerate(names):
        (mini / name).write_text(ONE_TRIPLE.replace("extra", f"extra{i}"), encoding="utf-8")
    r = _cli("--data", str(mini), "sparql", "ASK { act:extra0 ?p ?o }", cache=cache)
    assert r.returncode == 0 and r.stdout.strip() == "true", r.stderr
    kb, _ = open_knowledge(mini)
    graphs = kb.graph_files()
    for name in names:
        graph = graph_for(mini / name)
        assert graphs[graph] == name
        ox.NamedNode(graph)  # a valid IRI
    assert graphs[GRAPH + "source"] == "source.ttl"


def test_a_file_name_that_is_not_utf8_is_named_in_the_error(mini, cache):
    bad = os.fsencode(mini) + b"/caf\xe9.ttl"
    with open(bad, "wb") as handle:
        handle.write(ONE_TRIPLE.encode())
    line = _one_line_error(_cli("--data", str(mini), "build", cache=cache))
    assert "caf\\xe9.ttl" in line and "UTF-8" in line


def test_a_file_named_like_the_vocabulary_is_refused(mini, cache):
    (mini / "ontology.ttl").write_text(ONE_TRIPLE, encoding="utf-8")
    with pytest.raises(InputError, match=r"ontology\.ttl.*reserved for the vocabulary"):
        open_knowledge(mini)


# 6. Entries named *.ttl that are not readable files fail the build, naming the path.

def _fifo(path: Path) -> None:
    os.mkfifo(path)


ODD_ENTRIES = {
    "dangling-link": (lambda p: p.symlink_to(p.parent / "missing.ttl"), "broken symbolic link"),
    "link-loop": (lambda p: p.symlink_to(p), "symbolic link loop"),
    "directory": (lambda p: p.mkdir(), "is a folder"),
    "fifo": (_fifo, "special file"),
}


@pytest.mark.parametrize("kind", list(ODD_ENTRIES))
def test_entries_that_are_not_files_fail_the_build(kind, mini, cache):
    make, words = ODD_ENTRIES[kind]
    entry = mini / "extra.ttl"
    make(entry)
    line = _one_line_error(_cli("--data", str(mini), "build", cache=cache, timeout=30))
    assert str(entry) in line and words in line
    assert not (cache / "stores").exists()  # refused before anything was built


def test_an_emacs_lock_file_is_not_a_source(mini, cache):
    (mini / ".#source.ttl").symlink_to("root@host.1234:1700000000")
    kb, _ = open_knowledge(mini)
    assert set(kb.graph_files().values()) == {"styrgraf.ttl", "source.ttl", "curation.ttl"}


# 7. A TriG file cannot write into the vocabulary's graph or a .ttl file's graph.

@pytest.mark.parametrize("graph", [ONTOLOGY_GRAPH, GRAPH + "source"])
def test_trig_into_a_reserved_graph_is_refused(graph, mini, cache):
    (mini / "extra.trig").write_text(f"<{graph}> {{ {ONE_TRIPLE} }}\n", encoding="utf-8")
    line = _one_line_error(_cli("--data", str(mini), "build", cache=cache))
    assert "extra.trig" in line and graph in line


def test_trig_with_its_own_graphs_loads(mini, cache):
    (mini / "extra.trig").write_text(f"<{GRAPH}extra> {{ {ONE_TRIPLE} }}\n", encoding="utf-8")
    kb, _ = open_knowledge(mini)
    assert kb.graph_files()[GRAPH + "extra"] == "extra.trig"


# 8. A cache folder that cannot be used is a one-line InputError naming it.

def test_cache_folder_problems_are_named(mini, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for cache, words in ((a_file, f"{a_file} is a file"), (a_file / "below", f"{a_file} is a file"),
                         (loop, f"{loop} is a symbolic link loop"),
                         (loop / "below", f"{loop} is a symbolic link loop")):
        line = _one_line_error(_cli("--data", str(mini), "build", cache=cache))
        assert words in line and "STYRGRAF_CACHE_DIR" in line, line


def test_a_read_only_cache_folder_is_named(mini, tmp_path):
    if os.geteuid() != 0:
        cache = tmp_path / "ro"
        cache.mkdir(mode=0o555)
        try:
            line = _one_line_error(_cli("--data", str(mini), "build", cache=cache))
        finally:
            cache.chmod(0o755)
    elif shutil.which("setpriv"):  # root ignores permissions: run as nobody instead
        base = Path(tempfile.mkdtemp(prefix="styrgraf-ro-"))  # /tmp is open to nobody
        try:
            base.chmod(0o755)
            data = base / "mini"
            shutil.copytree(mini, data)
            cache = base / "ro"
            cache.mkdir(mode=0o555)
            line = _run_as_nobody(data, cache, base)
        finally:
            shutil.rmtree(base, ignore_errors=True)
    else:
        pytest.skip("running as root without setpriv: folder permissions are not enforced")
    assert f"{cache}" in line and "permission denied" in line and "writable" in line


def _run_as_nobody(data: Path, cache: Path, home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "STYRGRAF_DATA"}
    env.update(STYRGRAF_CACHE_DIR=str(cache), NO_COLOR="1", HOME=str(home))
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
              sys.executable, "-m", "styrgraf.cli"]
    probe = subprocess.run([*nobody, "--version"], capture_output=True, env=env, cwd="/",
                           timeout=60)
    if probe.returncode != 0:
        pytest.skip("user nobody cannot run styrgraf here (project not world-readable)")
    r = subprocess.run([*nobody, "--data", str(data), "build"], capture_output=True,
                       text=True, env=env, cwd="/", timeout=60)
    return _one_line_error(r)


def test_cache_dir_argument_overrides_the_environment(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("STYRGRAF_CACHE_DIR", str(tmp_path / "from-env"))
    _, report = open_knowledge(mini, cache_dir=tmp_path / "given")
    assert report.store_path.is_relative_to(tmp_path / "given" / "stores")
    assert not (tmp_path / "from-env").exists()
    assert cache_root(tmp_path / "given") == tmp_path / "given" / "stores"
    assert cache_root() == tmp_path / "from-env" / "stores"


# 9. A UTF-8 BOM is accepted; running out of memory on a file names the file.

def test_a_byte_order_mark_is_accepted(mini, cache):
    (mini / "bom.ttl").write_bytes(b"\xef\xbb\xbf" + ONE_TRIPLE.encode())
    r = _cli("--data", str(mini), "sparql", "ASK { act:extra ?p ?o }", cache=cache)
    assert r.returncode == 0 and r.stdout.strip() == "true", r.stderr


def test_out_of_memory_while_loading_names_the_file(mini, cache, monkeypatch):
    (mini / "huge.ttl").write_text(ONE_TRIPLE.replace("Extra", "HUGE"), encoding="utf-8")

    class Store:
        """A real store whose bulk load runs out of memory on the huge file."""

        read_only = staticmethod(ox.Store.read_only)

        def __init__(self, *args: object) -> None:
            self._store = ox.Store(*args)

        def bulk_load(self, input: bytes, **kwargs: object) -> None:
            if b"HUGE" in input:
                raise MemoryError
            self._store.bulk_load(input=input, **kwargs)

        def __getattr__(self, name: str) -> object:
            return getattr(self._store, name)

    shim = types.SimpleNamespace(**{n: getattr(ox, n) for n in dir(ox) if not n.startswith("_")})
    shim.Store, shim.__version__ = Store, ox.__version__
    monkeypatch.setattr(store_module, "ox", shim)
    with pytest.raises(InputError, match=r"huge\.ttl is too large to load"):
        open_knowledge(mini)


def test_sources_keep_the_bytes_they_hashed(mini):
    (mini / "bom.ttl").write_bytes(b"\xef\xbb\xbf" + ONE_TRIPLE.encode())
    found = sources_module.discover(mini)
    for source in found.sources:
        assert hashlib.sha256(source.data).hexdigest() == source.sha256
    (bom,) = [s for s in found.sources if s.path.name == "bom.ttl"]
    assert bom.data == ONE_TRIPLE.encode()
