"""Find the knowledge sources in a directory and fingerprint their content.

Every `.ttl` file is one named graph, named after its file stem; a `.trig`
file brings its own graphs. The vocabulary is always loaded too, into its own
graph, so queries can read class labels.

Each file is read once, here: the bytes that are hashed are the bytes that
are loaded, so an edit while a build runs cannot give a store that claims to
hold content it does not.

The sources come in layers. A plain folder is one layer and stands alone. A
workspace (a folder with `styrgraf.toml`, see `workspace`) is layered over the
built-in knowledge base unless its settings say `builtin = false`; a later
layer's file replaces an earlier layer's file of the same stem (whatever the
suffix), so a strategist corrects a built-in document, or replaces the
built-in `curation.ttl`, by saving a file of that name in the workspace. An
error would be the other choice, but it would leave no way to correct a
built-in document short of switching the built-in layer off entirely.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
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
#: Kinds of layer: the packaged documents, a workspace, a folder that stands alone.
BUILTIN, WORKSPACE, FOLDER = "builtin", "workspace", "folder"
#: What `Source.layer` says of the vocabulary, which is always loaded and in no layer.
VOCABULARY = "vocabulary"


class Layer(NamedTuple):
    """One folder whose files are loaded, and what kind of folder it is."""

    path: Path
    kind: str


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
    layer: str = ""  # the kind of layer it came from (or VOCABULARY)

    @property
    def format_name(self) -> str:
        return "trig" if self.path.suffix == ".trig" else "turtle"


@dataclass(frozen=True)
class SourceSet:
    """All sources of one knowledge directory (and the layers under it), plus the vocabulary.

    `directory` is the folder that was asked for; `layers` every folder loaded,
    first to last; `overridden` the files left out because a later layer has
    one of the same stem.
    """

    directory: Path
    sources: tuple[Source, ...]
    layers: tuple[Layer, ...] = ()
    overridden: tuple[Path, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Hash over layers, file names and contents: changes exactly when a rebuild is needed.

        The layers' paths are in it, so a store is never reused for another
        set of folders; each file's layer too, since a TriG file's base IRI is
        its path.
        """
        h = hashlib.sha256()
        for layer in self.layers:
            h.update(b"layer\0" + layer.kind.encode() + b"\0" + os.fsencode(layer.path) + b"\n")
        for s in self.sources:
            h.update(f"{s.layer}\0{s.path.name}\0{s.graph}\0{s.sha256}\n".encode())
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
    """List and read the sources of `directory` (default: see `default_data_dir`).

    A workspace brings the built-in layer under it (see the module docstring).
    """
    directory = (directory or default_data_dir()).expanduser()
    _check_folder(directory)
    layers = _layers(directory)
    listed = [(layer, _list(layer.path)) for layer in layers]
    kept: list[tuple[Path, str]] = []
    overridden: list[Path] = []
    for i, (layer, files) in enumerate(listed):
        later = {p.stem for _, others in listed[i + 1:] for p in others}
        for p in files:
            if p.stem in later:
                overridden.append(p)
            else:
                kept.append((p, layer.kind))
    if not kept:
        raise InputError(f"no .ttl or .trig files in {display_path(directory)}")
    sources = [_source(VOCABULARY_PATH, ONTOLOGY_GRAPH, VOCABULARY)]
    for p, kind in kept:
        _check_name(p)
        sources.append(_source(p, None if p.suffix == ".trig" else graph_for(p), kind))
    _check_graph_names(sources)
    return SourceSet(directory.resolve(), tuple(sources), layers, tuple(overridden))


def _check_folder(directory: Path) -> None:
    if not directory.exists():
        raise InputError(f"knowledge directory not found: {display_path(directory)}")
    if not directory.is_dir():
        raise InputError(f"not a directory: {display_path(directory)} "
                         "(give a folder of .ttl/.trig files)")


def _layers(directory: Path) -> tuple[Layer, ...]:
    """The folders to load for `directory`: itself, under the built-in one if a workspace."""
    from .workspace import read_settings  # workspace uses display_path from here

    resolved = directory.resolve()
    builtin = Layer(PACKAGED_DATA_DIR.resolve(), BUILTIN)
    if resolved == builtin.path:
        return (builtin,)
    settings = read_settings(directory)
    if settings is None:
        return (Layer(resolved, FOLDER),)
    own = Layer(resolved, WORKSPACE)
    return (builtin, own) if settings.builtin else (own,)


def _list(directory: Path) -> list[Path]:
    """The source files of one folder, sorted; editor lock files are skipped."""
    try:
        entries = sorted(directory.iterdir())
    except OSError as e:
        raise InputError(f"cannot list {display_path(directory)}: {e.strerror}") from e
    return [p for p in entries if p.suffix in SOURCE_SUFFIXES
            and not p.name.startswith(_EDITOR_LOCK_PREFIX)]


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


def _source(path: Path, graph: str | None, layer: str = "") -> Source:
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
    return Source(path, graph, hashlib.sha256(data).hexdigest(), data, layer)


def _not_a_file(shown: str, kind: str) -> InputError:
    return InputError(f"{shown} is {kind}, not a file; rename it or move it out of the "
                      "knowledge directory")
