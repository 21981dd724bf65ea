"""Find the knowledge sources in a directory and fingerprint their content.

Every `.ttl` file is one named graph, named after its file stem; a `.trig`
file brings its own graphs. The vocabulary is always loaded too, into its own
graph, so queries can read class labels.

Each file is read once, here: the bytes that are hashed are the bytes that
are loaded, so an edit while a build runs cannot give a store that claims to
hold content it does not.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from styrgraf.ontology import VOCABULARY_PATH
from styrgraf.ontology.prefixes import GRAPH

from .errors import InputError

PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_ENV_VAR = "STYRGRAF_DATA"
ONTOLOGY_GRAPH = GRAPH + "ontology"
CURATION_STEM = "curation"
SOURCE_SUFFIXES = (".ttl", ".trig")
UTF8_BOM = b"\xef\xbb\xbf"
#: Emacs lock files (`.#name.ttl`) are dangling symlinks that come and go while editing.
_EDITOR_LOCK_PREFIX = ".#"
_IRI_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


@dataclass(frozen=True)
class Source:
    """One file to load: its path, format, target graph (None for TriG) and content hash.

    `data` is the content that was hashed (a leading UTF-8 BOM removed), kept so
    the build loads exactly that.
    """

    path: Path
    graph: str | None
    sha256: str
    data: bytes = field(default=b"", repr=False, compare=False)

    @property
    def format_name(self) -> str:
        return "trig" if self.path.suffix == ".trig" else "turtle"


@dataclass(frozen=True)
class SourceSet:
    """All sources of one knowledge directory, plus the vocabulary."""

    directory: Path
    sources: tuple[Source, ...]

    @property
    def fingerprint(self) -> str:
        """Hash over file names and contents: changes exactly when a rebuild is needed."""
        h = hashlib.sha256()
        for s in self.sources:
            h.update(f"{s.path.name}\0{s.graph}\0{s.sha256}\n".encode())
        return h.hexdigest()


def graph_for(path: Path) -> str:
    """The named graph a `.ttl` file is loaded into: GRAPH + its stem, made a valid IRI.

    Letters (Swedish ones too), digits and `-._~` stay as they are, so ordinary
    names keep their graph; anything else (space, %, quotes, control
    characters) is percent-encoded as UTF-8.
    """
    stem = path.stem
    if stem in (".", ".."):  # a dot segment would be collapsed by IRI normalisation
        return GRAPH + stem.replace(".", "%2E")
    return GRAPH + "".join(_iri_char(c) for c in stem)


def _iri_char(c: str) -> str:
    if c in _IRI_SAFE or (ord(c) >= 0xA0 and unicodedata.category(c)[0] in "LMN"):
        return c
    return quote(c, safe="")


def display_path(path: Path | str) -> str:
    """A path as one printable line: undecodable bytes and control characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def default_data_dir() -> Path:
    """The knowledge directory: $STYRGRAF_DATA if set, else the packaged knowledge base."""
    env = os.environ.get(DATA_ENV_VAR)
    return Path(env) if env else PACKAGED_DATA_DIR


def discover(directory: Path | None = None) -> SourceSet:
    """List and read the sources of `directory` (default: see `default_data_dir`)."""
    directory = (directory or default_data_dir()).expanduser()
    if not directory.exists():
        raise InputError(f"knowledge directory not found: {display_path(directory)}")
    if not directory.is_dir():
        raise InputError(f"not a directory: {display_path(directory)} "
                         "(give a folder of .ttl/.trig files)")
    try:
        entries = sorted(directory.iterdir())
    except OSError as e:
        raise InputError(f"cannot list {display_path(directory)}: {e.strerror}") from e
    files = [p for p in entries if p.suffix in SOURCE_SUFFIXES
             and not p.name.startswith(_EDITOR_LOCK_PREFIX)]
    if not files:
        raise InputError(f"no .ttl or .trig files in {display_path(directory)}")
    sources = [_source(VOCABULARY_PATH, ONTOLOGY_GRAPH)]
    for p in files:
        _check_name(p)
        sources.append(_source(p, None if p.suffix == ".trig" else graph_for(p)))
    _check_graph_names(sources)
    return SourceSet(directory.resolve(), tuple(sources))


def _check_name(path: Path) -> None:
    """A name that is not UTF-8 cannot become a graph IRI (nor be printed reliably)."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{display_path(path)}: the file name is not valid UTF-8; "
                         "rename the file") from None


def _check_graph_names(sources: list[Source]) -> None:
    """Two .ttl files cannot share a graph, and none may take the vocabulary's."""
    seen: dict[str, Source] = {}
    for s in sources:
        if s.graph is None:
            continue
        if s.graph in seen:
            first = seen[s.graph]
            what = ("is reserved for the vocabulary" if first.graph == ONTOLOGY_GRAPH
                    else f"is already the graph of {display_path(first.path.name)}")
            raise InputError(f"{display_path(s.path)}: its graph <{s.graph}> {what}; "
                             "rename the file")
        seen[s.graph] = s


def _source(path: Path, graph: str | None) -> Source:
    """Read one file (never blocking on a FIFO) and hash what will be loaded."""
    shown = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{shown} is a broken symbolic link (it points to "
                             f"{display_path(os.readlink(path))}, which does not exist); "
                             "fix or remove the link") from None
        raise InputError(f"{shown} disappeared while reading the knowledge directory; "
                         "run the command again") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(f"{shown} is a symbolic link loop; fix or remove the link") from e
        if e.errno == errno.EISDIR:
            raise _not_a_file(shown, "a folder") from e
        raise InputError(f"cannot read {shown}: {e.strerror}") from e
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _not_a_file(shown, "a folder")
        if not stat.S_ISREG(mode):
            raise _not_a_file(shown, "a special file (FIFO, socket or device)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    except MemoryError:
        raise InputError(f"{shown} is too large to load into memory") from None
    except OSError as e:
        raise InputError(f"cannot read {shown}: {e.strerror}") from e
    finally:
        os.close(fd)
    data = data.removeprefix(UTF8_BOM)  # editors on Windows write one; it is not content
    return Source(path, graph, hashlib.sha256(data).hexdigest(), data)


def _not_a_file(shown: str, kind: str) -> InputError:
    return InputError(f"{shown} is {kind}, not a file; rename it or move it out of the "
                      "knowledge directory")
